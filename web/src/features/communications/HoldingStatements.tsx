// Holding statements: prepared and approved before any incident, published onto an incident in one
// step (its communication arrives already approved and is sent).
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Badge, Empty, ErrorNote, Loading } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { CHANNELS } from '../../../../src/domains/communications/communications.types.ts';
import type { Communication, CommsPlan, HoldingStatement } from '../../types.ts';
import { CommunicationView } from './CommunicationView.tsx';
import { CHANNEL_LABELS, EMAIL_CHANNELS, STATUS_LABELS } from './labels.ts';
import { HOLDING_PATH } from './paths.ts';

const isApproved = (h: HoldingStatement) => h.approval?.version === h.currentVersion;

export function HoldingStatements() {
  const { can } = useSession();
  const { data, error, reload } = useApi<{ items: HoldingStatement[] }>(HOLDING_PATH);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="holding-heading">
      <h2 id="holding-heading">Holding statements</h2>
      <p className="lead">Prepared and approved before any incident; published onto an incident in one step from its communications page.</p>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="holding statements" /> : null}
      {data && data.items.length === 0 ? <Empty>No holding statement prepared yet.</Empty> : null}
      {data && data.items.length > 0 ? (
        <table className="list" aria-label="Holding statements">
          <thead>
            <tr>
              <th>Title</th>
              <th>Channel</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((h) => (
              <tr key={h.id} aria-selected={open === h.id}>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(open === h.id ? null : h.id)}>
                    {h.title}
                  </button>
                </td>
                <td>{CHANNEL_LABELS[h.channel]}</td>
                <td>
                  {isApproved(h) ? (
                    <Badge kind="comm-approved">approved, version {h.currentVersion}</Badge>
                  ) : (
                    <Badge kind="comm-draft">{STATUS_LABELS[h.status]}, needs approval</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? <CommunicationView key={open} incidentId={null} communicationId={open} plan={null} onChange={reload} /> : null}
      {can('comms.draft') ? <NewHoldingStatement onCreated={(id) => (reload(), setOpen(id))} /> : null}
    </section>
  );
}

function NewHoldingStatement({ onCreated }: { onCreated(id: string): void }) {
  const [channel, setChannel] = useState<string>('customer_email');
  const [title, setTitle] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api<HoldingStatement>('POST', HOLDING_PATH, { channel, title, subject, body });
      setTitle('');
      setSubject('');
      setBody('');
      onCreated(created.id);
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="Prepare a holding statement">
      <h3>Prepare a holding statement</h3>
      <div className="row">
        <label>
          Title
          <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Investigating a possible exposure" />
        </label>
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Subject
        <input value={subject} required maxLength={300} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label>
        Body
        <textarea rows={6} value={body} required onChange={(e) => setBody(e.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          Save holding statement
        </button>
      </div>
    </form>
  );
}

/** On an incident's communications page: publish an approved holding statement onto it. */
export function PublishHolding({ plan, onPublished }: { plan: CommsPlan; onPublished(communicationId: string): void }) {
  const { data, error: loadError, reload } = useApi<{ items: HoldingStatement[] }>(HOLDING_PATH);
  const [chosen, setChosen] = useState('');
  const { busy, error, run } = useAction();
  const approved = data?.items.filter(isApproved) ?? [];
  if (loadError) return <ErrorNote error={loadError} retry={reload} />;
  if (approved.length === 0) return null;
  const statement = approved.find((h) => h.id === chosen);
  const publish = (event: FormEvent) => {
    event.preventDefault();
    if (!statement) return;
    const list = EMAIL_CHANNELS.includes(statement.channel)
      ? plan.lists.find((l) => l.audience === (statement.channel === 'customer_email' ? 'customers' : 'users'))
      : undefined;
    void run(async () => {
      const published = await api<Communication>('POST', `${HOLDING_PATH}/${statement.id}/publish`, {
        incidentId: plan.incidentId,
        ...(list ? { listId: list.listId, audience: list.audience } : {}),
      });
      setChosen('');
      onPublished(published.id);
    });
  };
  return (
    <form className="card form" onSubmit={publish} aria-label="Publish a holding statement">
      <h3>Publish a holding statement</h3>
      <label>
        Approved holding statement
        <select value={chosen} required onChange={(e) => setChosen(e.target.value)}>
          <option value="">choose one</option>
          {approved.map((h) => (
            <option key={h.id} value={h.id}>
              {h.title} ({CHANNEL_LABELS[h.channel]})
            </option>
          ))}
        </select>
      </label>
      {statement ? (
        <pre className="forward-body" role="group" aria-label="Holding statement text">
          {statement.subject}
          {'\n\n'}
          {statement.versions.find((v) => v.version === statement.currentVersion)?.body}
        </pre>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !statement}>
          Publish onto this incident
        </button>
      </div>
    </form>
  );
}
