// Rounds: produce → send → produce … Each round has its own communications; the final round is the
// all clear.
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import type { CommsPlan } from '../../types.ts';
import { planPath } from './paths.ts';
import { CHANNEL_LABELS } from './labels.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';

export const currentRound = (plan: CommsPlan) => plan.rounds.reduce((n, r) => Math.max(n, r.number), 1);

export function Rounds({ plan, canPlan, onChange }: { plan: CommsPlan; canPlan: boolean; onChange(): void }) {
  const { busy, error, run } = useAction();
  const final = plan.rounds.find((r) => r.final);
  const start = (isFinal: boolean) => run(async () => {
    await api('POST', `${planPath(plan.incidentId)}/rounds`, { final: isFinal });
    onChange();
  });
  return (
    <section aria-label="Rounds">
      {plan.rounds.length === 0 ? <p className="muted">No round of communications has started.</p> : null}
      <ol className="history" aria-label="Communication rounds">
        {plan.rounds.map((r) => <li key={r.number}>Round {r.number}{r.final ? ' (final: all clear)' : ''} — started by {r.startedBy} · <Time iso={r.startedAt} /></li>)}
      </ol>
      {plan.allClearAt ? <p className="state notice">All clear since <Time iso={plan.allClearAt} relativeTo={false} />.</p> : null}
      {canPlan && !final ? (
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void start(false)}>{plan.rounds.length ? 'Start the next round' : 'Start round 1'}</button>
          <ConfirmAction label="Start the final round (all clear)" confirmLabel="Start the final round" primary={false} busy={busy} onConfirm={() => void start(true)}
            summary={() => <p>Round {currentRound(plan) + (plan.rounds.length ? 1 : 0)} will be the last: its {plan.channels.length} channel{plan.channels.length === 1 ? '' : 's'} ({plan.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}) carry the all clear, and the incident is all clear once every one of them is sent. No round can follow it.</p>} />
        </div>
      ) : null}
      {error ? <p className="state error" role="alert">{error}</p> : null}
    </section>
  );
}
