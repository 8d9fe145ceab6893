// The reference chart as a step indicator: where the incident stands, what blocks the next step
// (named), and whether the next communication is overdue against the chosen frequency.
import { Fragment } from 'react';
import { Link } from 'react-router';
import { Time } from '../../components/ui.tsx';
import type { CommsPlan } from '../../types.ts';
import { blockerText } from './labels.ts';

type Flow = CommsPlan['flow'];
type StepView = Flow['steps'][number];

export const STEP_LABELS: Record<StepView['step'], string> = {
  investigate: 'Investigate scope & impact',
  decide_scope: 'Decide scope & frequency',
  decide_medium: 'Decide medium',
  engage_teams: 'Engage extended teams',
  collect_contacts: 'Collect contact data',
  produce_content: 'Produce content',
  send: 'Send',
  all_clear: 'All clear: final communications',
};

const STATE_TEXT: Record<StepView['state'], string> = { done: 'done', current: 'current step', blocked: 'blocked', pending: 'not yet' };
const PARALLEL = new Set<StepView['step']>(['collect_contacts', 'produce_content']);

function Step({ view }: { view: StepView }) {
  return (
    <li className={`flow-step flow-${view.state}`} aria-current={view.state === 'current' || view.state === 'blocked' ? 'step' : undefined}>
      <span className="flow-mark" aria-hidden="true">
        {view.state === 'done' ? '✓' : view.state === 'blocked' ? '!' : view.state === 'current' ? '▶' : '○'}
      </span>
      <span className="flow-name">{STEP_LABELS[view.step]}</span>
      <span className="flow-state small">{STATE_TEXT[view.state]}</span>
      {view.decidedBy ? (
        <span className="muted small">
          {view.decidedBy} · <Time iso={view.decidedAt} />
        </span>
      ) : null}
    </li>
  );
}

/** The steps in order; contact data and content are produced side by side, as the chart draws them. */
export function FlowSteps({ flow, incidentId }: { flow: Flow; incidentId: string }) {
  const parallel = flow.steps.filter((s) => PARALLEL.has(s.step));
  return (
    <section aria-labelledby="flow-heading">
      <h2 id="flow-heading">Where the communications stand</h2>
      <ol className="flow" aria-label="Communications flow">
        {flow.steps.map((s) => {
          if (!PARALLEL.has(s.step)) return <Step key={s.step} view={s} />;
          if (s !== parallel[0]) return <Fragment key={s.step} />;
          return (
            <li key="parallel" className="flow-parallel">
              <ul aria-label="In parallel">
                {parallel.map((p) => (
                  <Step key={p.step} view={p} />
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      <FlowStatus flow={flow} incidentId={incidentId} />
    </section>
  );
}

function FlowStatus({ flow, incidentId }: { flow: Flow; incidentId: string }) {
  return (
    <div className="flow-status">
      <p>
        <strong>Current step:</strong> {STEP_LABELS[flow.stage]}
        {flow.allClear ? ' — all clear, final communications sent' : ''}
      </p>
      {flow.overdue ? (
        <p className="state error" role="alert">
          Overdue: the next communication was due <Time iso={flow.nextCommunicationDue} /> ({flow.overdueMinutes} min late against the chosen frequency).
        </p>
      ) : flow.nextCommunicationDue ? (
        <p className="muted">
          Next communication due <Time iso={flow.nextCommunicationDue} />.
        </p>
      ) : null}
      {flow.blockers.length > 0 ? (
        <div className="state warning">
          <strong>Blocking the next step</strong>
          <ul aria-label="Blockers">
            {flow.blockers.map((b) => (
              <li key={`${b.code}-${b.channel ?? ''}`}>
                {STEP_LABELS[b.step]}: {blockerText(b)}
                {b.code === 'impact_not_determined' ? (
                  <>
                    {' '}
                    — <Link to={`/incidents/${incidentId}`}>set “impact determined” on the incident page</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
