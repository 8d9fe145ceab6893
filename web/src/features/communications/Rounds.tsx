// Rounds: produce → send → produce … Each round has its own communications; the final round is the
// all clear.
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import type { CommsPlan } from '../../types.ts';
import { planPath } from './paths.ts';

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
          <button type="button" disabled={busy} onClick={() => void start(true)}>Start the final round (all clear)</button>
        </div>
      ) : null}
      {error ? <p className="state error" role="alert">{error}</p> : null}
    </section>
  );
}
