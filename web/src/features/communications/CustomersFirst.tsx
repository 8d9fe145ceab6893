// Customers first: a public channel waits for the round's customer email, unless someone with the
// authority records why it may go first.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import type { CommsChannel, CommsPlan } from '../../types.ts';
import { CHANNEL_LABELS, isPublic } from './labels.ts';
import { planPath } from './paths.ts';

/** Why the channel may not go out yet under the customers-first rule, or null. */
export function customersFirstBlock(plan: CommsPlan, round: number, channel: CommsChannel): string | null {
  if (!isPublic(channel)) return null;
  const email = plan.communications.find((c) => c.round === round && c.channel === 'customer_email' && c.status === 'sent');
  if (email) return null;
  const override = plan.overrides.find((o) => o.round === round && o.channel === channel);
  if (override) return null;
  return `Customers first: the customer email of round ${round} has not been sent yet.`;
}

export function CustomersFirstOverride({ plan, round, channel, onDone }: { plan: CommsPlan; round: number; channel: CommsChannel; onDone(): void }) {
  const { can } = useSession();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  if (!can('comms.override')) return <p className="muted small">Only an incident manager or an administrator can let it go first, with a reason.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', `${planPath(plan.incidentId)}/overrides`, { round, channel, reason });
      setReason('');
      onDone();
    });
  };
  return (
    <form className="form" onSubmit={submit} aria-label={`Send ${CHANNEL_LABELS[channel]} before the customer email`}>
      <label>
        Reason to send before the customer email
        <textarea rows={2} value={reason} required minLength={10} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || reason.trim().length < 10}>
          Record override
        </button>
      </div>
    </form>
  );
}

export function OverridesList({ plan }: { plan: CommsPlan }) {
  if (!plan.overrides.length) return null;
  return (
    <ul className="history" aria-label="Customers-first overrides">
      {plan.overrides.map((o) => (
        <li key={o.id}>
          Round {o.round}: {CHANNEL_LABELS[o.channel]} allowed before the customer email by {o.by} — “{o.reason}”
        </li>
      ))}
    </ul>
  );
}
