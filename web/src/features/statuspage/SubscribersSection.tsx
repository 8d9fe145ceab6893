// Status page → Subscribers: how many e-mail subscribers and webhooks there are in each state, each
// one with its components, removal, and a webhook disabled after repeated failures with its reason
// and a way to re-enable it. Mounted by the status page section (the lead mounts it at merge).
import { useState } from 'react';
import { api } from '../../api.ts';
import { Badge, Empty, ErrorNote, Loading, Time, label } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { StatusSubscriber, StatusSubscriberCounts } from '../../types.ts';

type Kind = 'email' | 'webhook';
interface Answer {
  items: StatusSubscriber[];
  counts: StatusSubscriberCounts[];
}

function Counts({ counts }: { counts: StatusSubscriberCounts[] }) {
  if (!counts.length) return <Empty>Nobody has subscribed yet.</Empty>;
  return (
    <p role="group" aria-label="Subscriber counts">
      {counts.map((c) => (
        <span key={`${c.kind}-${c.state}`}>
          <Badge kind={c.state}>{`${c.kind === 'email' ? 'E-mail' : 'Webhooks'} ${label(c.state)}: ${c.count}`}</Badge>{' '}
        </span>
      ))}
    </p>
  );
}

function SubscriberRow({ subscriber, onChanged }: { subscriber: StatusSubscriber; onChanged(): void }) {
  const { busy, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const name = subscriber.kind === 'webhook' ? (subscriber.url ?? '') : subscriber.email;
  return (
    <tr>
      <td>
        {name}
        {subscriber.kind === 'webhook' ? <div className="muted">owner {subscriber.email}</div> : null}
      </td>
      <td>{subscriber.componentSlugs.length ? subscriber.componentSlugs.join(', ') : 'all'}</td>
      <td>
        <Badge kind={subscriber.state}>{label(subscriber.state)}</Badge>
        {subscriber.disabledReason ? <div className="muted">{subscriber.disabledReason}</div> : null}
        {subscriber.kind === 'webhook' && subscriber.consecutiveFailures > 0 && subscriber.state !== 'disabled' ? (
          <div className="muted">{subscriber.consecutiveFailures} failed deliveries in a row</div>
        ) : null}
      </td>
      <td>
        <Time iso={subscriber.createdAt} />
      </td>
      <td>
        {subscriber.state === 'disabled' && subscriber.kind === 'webhook' ? (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await api('POST', `/api/status/webhooks/${subscriber.id}/enable`);
                onChanged();
              })
            }
          >
            Re-enable
          </button>
        ) : null}
        {confirming ? (
          <button
            type="button"
            disabled={busy}
            aria-label={`Really remove ${name}`}
            onClick={() =>
              run(async () => {
                await api('DELETE', `/api/status/subscribers/${subscriber.id}`);
                onChanged();
              })
            }
          >
            Really remove (no more updates)
          </button>
        ) : (
          <button type="button" disabled={busy} aria-label={`Remove ${name}`} onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
        {error ? (
          <p className="state error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function SubscribersSection() {
  const [kind, setKind] = useState<Kind>('email');
  const { data, error, reload } = useApi<Answer>(`/api/status/subscribers?kind=${kind}`);
  return (
    <section aria-labelledby="status-subscribers">
      <h2 id="status-subscribers">Subscribers</h2>
      <p className="lead">
        People subscribe on the public page and confirm by mail; webhooks start once their owner confirms. Each published update reaches them through the
        fan-out.
      </p>
      {data ? <Counts counts={data.counts} /> : null}
      <div role="group" aria-label="Subscriber kind">
        {(['email', 'webhook'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} className={kind === k ? 'primary' : ''} onClick={() => setKind(k)}>
            {k === 'email' ? 'E-mail' : 'Webhooks'}
          </button>
        ))}
      </div>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="subscribers" /> : null}
      {data && data.items.length === 0 ? <Empty>None yet.</Empty> : null}
      {data && data.items.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th>{kind === 'email' ? 'Address' : 'URL'}</th>
              <th>Components</th>
              <th>State</th>
              <th>Since</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((s) => (
              <SubscriberRow key={s.id} subscriber={s} onChanged={reload} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
