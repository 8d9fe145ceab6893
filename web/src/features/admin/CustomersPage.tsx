// The customer directory (who may receive which compliance report) with its CSV import, and the
// compliance report files themselves (upload a new version; the current one is delivered).
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Empty, ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { ComplianceReport, Customer } from '../../types.ts';

const yes = (value: boolean) => (value ? 'yes' : 'no');

function ImportCustomers({ onDone }: { onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError('');
    setNote('');
    try {
      const result = await api<{ created: number; updated: number }>('POST', '/api/customers/import', new Blob([file], { type: 'text/csv' }));
      setNote(`Imported: ${result.created} new, ${result.updated} updated.`);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Import customers">
      <h2>Import customers (CSV)</h2>
      <p className="muted small">
        Columns: name, account_id, email_domains (separated by spaces or semicolons), soc2, pentest, nda_on_file (yes/no). A customer with a known account_id is
        updated. A file with a broken row imports nothing; each broken row is named by its line.
      </p>
      <label>
        CSV file
        <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {note ? (
        <p className="state notice" role="status">
          {note}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Import
      </button>
    </form>
  );
}

function SyncCustomers({ onDone }: { onDone(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  async function sync() {
    setError('');
    setNote('');
    try {
      const result = await api<{ created: number; updated: number }>('POST', '/api/customers/sync');
      setNote(`Synced: ${result.created} new, ${result.updated} updated.`);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <section className="card" aria-label="Sync customers">
      <p className="muted small">
        When the directory is exported by another system (SECDESK_CUSTOMER_DIRECTORY_URL), it is synced on a schedule; sync it now after a change there.
      </p>
      <button type="button" onClick={() => void sync()}>
        Sync from the directory source now
      </button>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {note ? (
        <p className="state notice" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}

function UploadReport({ kind, current, onDone }: { kind: 'soc2' | 'pentest'; current: ComplianceReport | undefined; onDone(): void }) {
  const [error, setError] = useState('');
  async function upload(file: File | undefined) {
    if (!file) return;
    setError('');
    try {
      await api('POST', `/api/compliance/reports/${kind}?filename=${encodeURIComponent(file.name)}`, new Blob([file], { type: 'application/octet-stream' }));
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <tr>
      <td>{kind === 'soc2' ? 'SOC 2 report' : 'Pen test report'}</td>
      <td>
        {current ? (
          <>
            {current.filename} (version {current.version}, {Math.ceil(current.size / 1024)} KiB, by {current.uploadedBy}, <Time iso={current.uploadedAt} />)
          </>
        ) : (
          'none uploaded: requests wait until one is'
        )}
      </td>
      <td>
        <label>
          Upload a new version
          <input type="file" aria-label={`Upload ${kind}`} onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
        {error ? (
          <p className="state error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function CustomersPage() {
  const customers = useApi<{ items: Customer[] }>('/api/customers');
  const reports = useApi<{ items: ComplianceReport[] }>('/api/compliance/reports');
  return (
    <>
      <PageHeader title="Customers and compliance reports" />
      <section className="card" aria-label="Reports">
        <h2>Reports</h2>
        {reports.error ? <ErrorNote error={reports.error} retry={reports.reload} /> : null}
        <table>
          <tbody>
            {(['soc2', 'pentest'] as const).map((kind) => (
              <UploadReport key={kind} kind={kind} current={reports.data?.items.find((r) => r.kind === kind)} onDone={reports.reload} />
            ))}
          </tbody>
        </table>
      </section>
      <ImportCustomers onDone={customers.reload} />
      <SyncCustomers onDone={customers.reload} />
      {customers.error ? <ErrorNote error={customers.error} retry={customers.reload} /> : null}
      {customers.loading && !customers.data ? <Loading what="customers" /> : null}
      {customers.data && customers.data.items.length === 0 ? <Empty>No customers yet: import a CSV file.</Empty> : null}
      {customers.data && customers.data.items.length > 0 ? (
        <table aria-label="Customers">
          <thead>
            <tr>
              <th>Name</th>
              <th>Account</th>
              <th>Email domains</th>
              <th>SOC 2</th>
              <th>Pen test</th>
              <th>NDA on file</th>
            </tr>
          </thead>
          <tbody>
            {customers.data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.accountId}</td>
                <td>{c.emailDomains.join(', ')}</td>
                <td>{yes(c.soc2)}</td>
                <td>{yes(c.pentest)}</td>
                <td>{yes(c.ndaOnFile)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
