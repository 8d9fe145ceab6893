// Incidents → Stakeholder rules: the team's rules as forms, checked by the server as they are
// edited (a condition's error under it, with its position), saved as a whole, beside a live preview
// of who a sample incident would engage under the rules as edited. Read-only without stakeholders.manage.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { blankPlanFacts } from '../../../../src/domains/incidents/incident-facts.ts';
import { INCIDENT_TYPES, type PlanFacts } from '../../../../src/domains/incidents/incidents.types.ts';
import { useSession } from '../../session.tsx';
import type { RuleProblem, StakeholderRule } from '../../types.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { ConditionHelp } from './ConditionHelp.tsx';
import { EngagementPreviewPanel, type Draft } from './EngagementPreviewPanel.tsx';
import { FactsFields } from './FactsFields.tsx';
import { newRule, toDraft, toRule, type RuleDraft } from './rule-draft.ts';
import { StakeholderRuleFields, type RuleChecks } from './StakeholderRuleFields.tsx';
import { ScaleOptions, useRiskMatrix } from './useRiskMatrix.tsx';

interface CheckAnswer {
  errors: RuleProblem[];
  warnings: RuleProblem[];
  conditions: (string | null)[];
}

/** The server's check of the rules as edited, asked again a moment after each change. */
function useRuleCheck(rules: StakeholderRule[], enabled: boolean): { check: CheckAnswer | null; failure: string } {
  const [check, setCheck] = useState<CheckAnswer | null>(null);
  const [failure, setFailure] = useState('');
  const key = JSON.stringify(rules);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const timer = setTimeout(() => {
      api<CheckAnswer>('POST', '/api/stakeholder-rules/check', { rules })
        .then((answer) => current && (setCheck(answer), setFailure('')))
        .catch((err: Error) => current && (setCheck(null), setFailure(err.message)));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, enabled]);
  return { check, failure };
}

function SampleIncident({ draft, onChange }: { draft: Draft; onChange(next: Draft): void }) {
  const matrix = useRiskMatrix();
  return (
    <section className="card form" aria-label="Sample incident">
      <h2>Sample incident</h2>
      <div className="row">
        <label>
          Type
          <select value={draft.type} onChange={(e) => onChange({ ...draft, type: e.target.value })}>
            {INCIDENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {matrix ? (
        <div className="row">
          <label>
            Impact
            <select value={draft.impact} onChange={(e) => onChange({ ...draft, impact: Number(e.target.value) })}>
              <ScaleOptions labels={matrix.impactLabels} />
            </select>
          </label>
          <label>
            Likelihood
            <select value={draft.likelihood} onChange={(e) => onChange({ ...draft, likelihood: Number(e.target.value) })}>
              <ScaleOptions labels={matrix.likelihoodLabels} />
            </select>
          </label>
        </div>
      ) : null}
      <FactsFields facts={draft.facts} onChange={(facts: PlanFacts) => onChange({ ...draft, facts })} />
    </section>
  );
}

function SaveAnswer({ warnings }: { warnings: RuleProblem[] }) {
  return (
    <div className="state notice" role="status">
      Saved.
      {warnings.length > 0 ? (
        <>
          {' '}
          Warnings:
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {w.ruleId}: {w.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function RulesEditor({ saved, canEdit, onSaved }: { saved: StakeholderRule[]; canEdit: boolean; onSaved(rules: StakeholderRule[]): void }) {
  const [items, setItems] = useState<RuleDraft[]>(() => saved.map((r) => toDraft(r)));
  const [sample, setSample] = useState<Draft>(() => ({ type: 'data_breach', impact: 4, likelihood: 4, facts: { ...blankPlanFacts(), dataBreach: true } }));
  const [warnings, setWarnings] = useState<RuleProblem[] | null>(null);
  const rules = useMemo(() => items.map(toRule), [items]);
  const { check, failure } = useRuleCheck(rules, canEdit);
  const { busy, error, run } = useAction();
  // Both sides through the same conversion: the store may return a rule's keys in another order.
  const savedText = useMemo(() => JSON.stringify(saved.map((r) => toRule(toDraft(r)))), [saved]);
  const dirty = JSON.stringify(rules) !== savedText;
  const groups = rules.map((r) => r.group).filter(Boolean);

  const change = (next: RuleDraft[]) => {
    setWarnings(null);
    setItems(next);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    change(next);
  };
  const checksOf = (rule: RuleDraft, i: number): RuleChecks => {
    const id = rule.id.trim();
    return {
      errors: check?.errors.filter((p) => p.ruleId === id) ?? [],
      warnings: check?.warnings.filter((p) => p.ruleId === id) ?? [],
      words: check?.conditions[i] ?? null,
    };
  };
  const save = () =>
    run(async () => {
      try {
        const answer = await api<{ rules: StakeholderRule[]; warnings: RuleProblem[] }>('PUT', '/api/stakeholder-rules', { rules });
        setItems(answer.rules.map((r) => toDraft(r)));
        setWarnings(answer.warnings);
        onSaved(answer.rules);
      } catch (err) {
        throw err instanceof ApiError && err.status === 400 ? new Error(`Not saved: ${err.message}`) : err;
      }
    });
  const errorCount = check?.errors.length ?? 0;

  return (
    <div className="rules-layout">
      <div className="rules-main">
        <ConditionHelp />
        {items.length === 0 ? <p className="state">No stakeholder rules: no group is engaged on any incident.</p> : null}
        {items.map((rule, i) => (
          <StakeholderRuleFields
            key={rule.key}
            index={i}
            count={items.length}
            rule={rule}
            readOnly={!canEdit}
            groups={groups.filter((g) => g.toLowerCase() !== rule.group.trim().toLowerCase())}
            checks={checksOf(rule, i)}
            onChange={(next) => change(items.map((r, j) => (j === i ? next : r)))}
            onMove={(by) => move(i, by)}
            onRemove={() => change(items.filter((_, j) => j !== i))}
          />
        ))}
        {canEdit ? (
          <div className="card rules-save">
            {failure ? (
              <p className="state error" role="alert">
                The rules could not be checked: {failure}
              </p>
            ) : null}
            {errorCount > 0 ? (
              <p className="state warning">{errorCount === 1 ? 'One problem stops' : `${errorCount} problems stop`} a save; each is shown under its field.</p>
            ) : null}
            {error ? (
              <p className="state error" role="alert">
                {error}
              </p>
            ) : null}
            {warnings ? <SaveAnswer warnings={warnings} /> : null}
            <div className="row">
              <button type="button" onClick={() => change([...items, newRule(rules.map((r) => r.id))])}>
                Add rule
              </button>
              <button type="button" className="primary" disabled={busy || !dirty || errorCount > 0} onClick={() => void save()}>
                Save rules
              </button>
              <button type="button" disabled={busy || !dirty} onClick={() => change(saved.map((r) => toDraft(r)))}>
                Discard changes
              </button>
              {dirty ? (
                <span className="muted" role="status">
                  Unsaved changes
                </span>
              ) : null}
            </div>
          </div>
        ) : (
          <p className="muted">You may read the rules; changing them needs the incident manager or administrator role.</p>
        )}
      </div>
      <aside className="rules-side" aria-label="Live preview">
        <SampleIncident draft={sample} onChange={setSample} />
        <EngagementPreviewPanel draft={sample} {...(canEdit ? { rules } : {})} />
      </aside>
    </div>
  );
}

export function StakeholderRulesPage() {
  const { can } = useSession();
  const loaded = useApi<{ rules: StakeholderRule[] }>('/api/stakeholder-rules');
  const [saved, setSaved] = useState<StakeholderRule[] | null>(null);
  const rules = saved ?? loaded.data?.rules ?? null;
  return (
    <section>
      <PageHeader title="Stakeholder rules">
        <Link className="button" to="/incidents">
          Incidents
        </Link>
      </PageHeader>
      <p className="lead">
        Who to engage when an incident's facts meet a rule's condition, who engages them (the DRI), how often and where. The rules apply from the level of the
        risk matrix that calls for the communications plan.
      </p>
      {loaded.error ? <ErrorNote error={loaded.error} retry={loaded.reload} /> : null}
      {!rules && !loaded.error ? <Loading what="stakeholder rules" /> : null}
      {rules ? <RulesEditor saved={rules} canEdit={can('stakeholders.manage')} onSaved={setSaved} /> : null}
    </section>
  );
}
