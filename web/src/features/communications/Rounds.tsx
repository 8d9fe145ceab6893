// Rounds: produce → send → produce … Each round has its own communications; the final round is the
// all clear, reached once each channel chosen for it is sent.
import { useState } from 'react';
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import type { CommsPlan } from '../../types.ts';
import { CHANNEL_LABELS } from './labels.ts';
import { planPath } from './paths.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';

export const currentRound = (plan: CommsPlan) => plan.rounds.reduce((n, r) => Math.max(n, r.number), 1);

type Channel = CommsPlan['channels'][number];

export function Rounds({ plan, canPlan, onChange }: { plan: CommsPlan; canPlan: boolean; onChange(): void }) {
  const { busy, error, run } = useAction();
  const final = plan.rounds.find((r) => r.final);
  const [finalChannels, setFinalChannels] = useState<Channel[]>(() => plan.channels.filter((c) => c === 'customer_email' || c === 'status_page'));
  const start = (isFinal: boolean) =>
    run(async () => {
      await api('POST', `${planPath(plan.incidentId)}/rounds`, isFinal ? { final: true, channels: finalChannels } : { final: false });
      onChange();
    });
  const toggle = (channel: Channel, on: boolean) => setFinalChannels((now) => (on ? [...now, channel] : now.filter((c) => c !== channel)));
  return (
    <section aria-label="Rounds">
      {plan.rounds.length === 0 ? <p className="muted">No round of communications has started.</p> : null}
      <ol className="history" aria-label="Communication rounds">
        {plan.rounds.map((r) => (
          <li key={r.number}>
            Round {r.number}
            {r.final ? ' (final: all clear)' : ''}
            {r.channels ? `: ${r.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}` : ''} — started by {r.startedBy} · <Time iso={r.startedAt} />
          </li>
        ))}
      </ol>
      {plan.allClearAt ? (
        <p className="state notice">
          All clear since <Time iso={plan.allClearAt} relativeTo={false} />.
        </p>
      ) : null}
      {canPlan && !final ? (
        <>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void start(false)}>
              {plan.rounds.length ? 'Start the next round' : 'Start round 1'}
            </button>
          </div>
          <fieldset className="row">
            <legend>The final round's channels (all clear once each is sent)</legend>
            {plan.channels.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={finalChannels.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {CHANNEL_LABELS[c]}
              </label>
            ))}
            <ConfirmAction
              label="Start the final round (all clear)"
              confirmLabel="Start the final round"
              primary={false}
              busy={busy}
              disabled={finalChannels.length === 0}
              onConfirm={() => void start(true)}
              summary={() => (
                <p>
                  Round {currentRound(plan) + (plan.rounds.length ? 1 : 0)} will be the last: its {finalChannels.length} channel
                  {finalChannels.length === 1 ? '' : 's'} ({finalChannels.map((c) => CHANNEL_LABELS[c]).join(', ')}) carry the all clear, and the incident is
                  all clear once every one of them is sent. No round can follow it.
                </p>
              )}
            />
          </fieldset>
        </>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
