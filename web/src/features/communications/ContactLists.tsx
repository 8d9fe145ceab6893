// Collect contact data: the distribution list each audience is sent to, attached from the lists
// already imported, or imported here from a CSV file (broken rows reported by line).
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { AUDIENCES } from '../../../../src/domains/fanout/fanout.types.ts';
import type { CommsPlan, DistributionList } from '../../types.ts';
import { planPath } from './paths.ts';

interface ImportResult {
  list: DistributionList;
  rejects: { line: number; value: string; reason: string }[];
}

export function useLists(enabled: boolean) {
  return useApi<{ items: DistributionList[] }>(enabled ? '/api/distribution-lists' : null);
}

/** The list an email to the audience goes to: the one attached for it, else (none attached at all) the team's security notices list. */
export function listFor(plan: CommsPlan, audience: string): { listId: string; listName: string; byDefault: boolean } | null {
  const attached = plan.lists.find((l) => l.audience === audience);
  if (attached) return { ...attached, byDefault: false };
  return !plan.lists.length && plan.defaultList ? { ...plan.defaultList, byDefault: true } : null;
}

export function ContactLists({ plan, canPlan, canImport, onChange }: { plan: CommsPlan; canPlan: boolean; canImport: boolean; onChange(): void }) {
  const lists = useLists(canImport);
  return (
    <section className="card" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contact data</h2>
      <table className="list" aria-label="Distribution lists by audience">
        <thead>
          <tr>
            <th>Audience</th>
            <th>List</th>
            <th>Attached</th>
          </tr>
        </thead>
        <tbody>
          {AUDIENCES.map((audience) => {
            const attached = plan.lists.find((l) => l.audience === audience);
            const byDefault = !plan.lists.length && plan.defaultList;
            return (
              <tr key={audience}>
                <td>{audience}</td>
                <td>
                  {attached ? (
                    attached.listName
                  ) : byDefault ? (
                    <>
                      {byDefault.listName} <span className="muted small">(the team's security notices list, used while none is attached)</span>
                    </>
                  ) : (
                    <span className="muted">none yet</span>
                  )}
                </td>
                <td>
                  {attached ? (
                    <>
                      {attached.attachedBy} · <Time iso={attached.attachedAt} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {lists.error ? (
        <p className="state error" role="alert">
          Lists could not be loaded: {lists.error.message}
        </p>
      ) : null}
      {canPlan && canImport ? <AttachList plan={plan} lists={lists.data?.items ?? []} onAttached={onChange} /> : null}
      {canImport ? (
        <ImportList onImported={() => lists.reload()} />
      ) : (
        <p className="muted small">Importing and attaching lists needs the permission to send mail.</p>
      )}
    </section>
  );
}

function AttachList({ plan, lists, onAttached }: { plan: CommsPlan; lists: DistributionList[]; onAttached(): void }) {
  const [audience, setAudience] = useState<string>('customers');
  const [listId, setListId] = useState('');
  const { busy, error, run } = useAction();
  const attach = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('PUT', `${planPath(plan.incidentId)}/lists/${audience}`, { listId });
      onAttached();
    });
  };
  return (
    <form className="form" onSubmit={attach} aria-label="Attach a list">
      <div className="row">
        <label>
          Audience
          <select value={audience} onChange={(e) => setAudience(e.target.value)}>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          List
          <select value={listId} required onChange={(e) => setListId(e.target.value)}>
            <option value="">choose a list</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.memberCount} members)
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || !listId}>
          Attach list
        </button>
      </div>
    </form>
  );
}

export function ImportList({ onImported }: { onImported(): void }) {
  const [name, setName] = useState('');
  const [audience, setAudience] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, error, run } = useAction();
  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void run(async () => {
      setResult(null);
      const blob = new Blob([await file.arrayBuffer()], { type: 'text/csv' });
      setResult(await api<ImportResult>('POST', `/api/distribution-lists${query({ name, audience })}`, blob));
      onImported();
    });
  };
  return (
    <form className="form" onSubmit={upload} aria-label="Import a list">
      <div className="row">
        <label>
          New list name
          <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Audience of every row
          <select value={audience} onChange={(e) => setAudience(e.target.value)}>
            <option value="">from the file's audience column</option>
            <option value="users">users</option>
            <option value="customers">customers</option>
          </select>
        </label>
        <label>
          CSV file
          <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      <p className="small" id="csv-format">
        The file: a header row with an <code>email</code> column (required) and, if you have them, <code>first name</code>, <code>last name</code>,{' '}
        <code>company</code>, <code>audience</code> (users or customers) and <code>opt out</code> (yes: left out of the list). Other columns are ignored; a
        broken row is reported by line and skipped.{' '}
        <a href="/distribution-list-sample.csv" download>
          Download a sample file
        </a>
        .
      </p>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="state notice" role="status">
          Imported “{result.list.name}”: {result.list.memberCount} members, {result.list.duplicateCount} duplicates merged, {result.rejects.length} rows
          dropped.
          {result.rejects.length ? (
            <ul aria-label="Dropped rows">
              {result.rejects.slice(0, 50).map((r) => (
                <li key={r.line}>
                  line {r.line}: {r.reason} <code>{r.value}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || !file}>
          Import list
        </button>
      </div>
    </form>
  );
}
