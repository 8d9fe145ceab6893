// One stakeholder rule as a form: group, contacts, condition (with the server's positioned error
// under it, or the condition in plain words), DRI and backup, cadence, channel and note.
import { ON_CALL_ROLE_LABELS, ON_CALL_ROLES } from '../../../../src/domains/oncall/oncall-roles.ts';
import type { RuleField } from '../../../../src/domains/stakeholders/stakeholders.types.ts';
import type { RuleProblem } from '../../types.ts';
import type { ContactDraft, RuleDraft } from './rule-draft.ts';

export interface RuleChecks {
  errors: RuleProblem[];
  warnings: RuleProblem[];
  /** The condition in plain words, when it checks. */
  words: string | null;
}

const CHANNELS: [RuleDraft['channel'], string][] = [
  ['incident_channel', "The incident's own channel"],
  ['channel', 'A named chat channel'],
  ['direct_message', 'A direct message to each contact'],
  ['email', 'An email address'],
];

function Problems({ checks, field, id }: { checks: RuleChecks; field: RuleField; id?: string }) {
  const errors = checks.errors.filter((p) => p.field === field);
  const warnings = checks.warnings.filter((p) => p.field === field);
  if (errors.length + warnings.length === 0) return null;
  return (
    <div id={id} className="field-problems">
      {errors.map((p, i) => (
        <p key={`e${i}`} className="field-error">
          {p.message}
        </p>
      ))}
      {warnings.map((p, i) => (
        <p key={`w${i}`} className="field-warning">
          Warning: {p.message}
        </p>
      ))}
    </div>
  );
}

/** The line of the condition the error is on, with the word at its column marked (␣ past the end). */
function Marked({ source, problem }: { source: string; problem: RuleProblem }) {
  if (!problem.line || !problem.column) return null;
  const line = source.split('\n')[problem.line - 1] ?? '';
  const at = problem.column - 1;
  const word = /^\w+|^./.exec(line.slice(at))?.[0] ?? '␣';
  return (
    <pre className="condition-marked" aria-hidden="true">
      {line.slice(0, at)}
      <mark>{word}</mark>
      {line.slice(at + word.length)}
    </pre>
  );
}

function DriOptions({ groups, current }: { groups: string[]; current: string }) {
  const known = [...ON_CALL_ROLES.map((r) => `role:${r}`), ...groups.map((g) => `group:${g}`)];
  return (
    <>
      <optgroup label="On-call role">
        {ON_CALL_ROLES.map((r) => (
          <option key={r} value={`role:${r}`}>
            {ON_CALL_ROLE_LABELS[r]}
          </option>
        ))}
      </optgroup>
      <optgroup label="Another stakeholder group">
        {groups.map((g) => (
          <option key={g} value={`group:${g}`}>
            {g}
          </option>
        ))}
        {current && !known.includes(current) ? <option value={current}>{current.replace(/^group:/, '')} (no such group)</option> : null}
      </optgroup>
    </>
  );
}

function Contacts({ contacts, readOnly, onChange }: { contacts: ContactDraft[]; readOnly: boolean; onChange(next: ContactDraft[]): void }) {
  const set = (i: number, change: Partial<ContactDraft>) => onChange(contacts.map((c, j) => (j === i ? { ...c, ...change } : c)));
  return (
    <>
      {contacts.length === 0 ? <p className="muted small">No contacts yet.</p> : null}
      {contacts.map((c, i) => (
        <div key={i} className="row contact-row" role="group" aria-label={`Contact ${i + 1}`}>
          <label>
            Name
            <input value={c.name} maxLength={200} onChange={(e) => set(i, { name: e.target.value })} />
          </label>
          <label>
            Chat handle
            <input value={c.handle} maxLength={100} placeholder="@name or member id" onChange={(e) => set(i, { handle: e.target.value })} />
          </label>
          <label>
            Email
            <input type="email" value={c.email} maxLength={254} onChange={(e) => set(i, { email: e.target.value })} />
          </label>
          {readOnly ? null : (
            <button type="button" onClick={() => onChange(contacts.filter((_, j) => j !== i))}>
              Remove contact
            </button>
          )}
        </div>
      ))}
    </>
  );
}

export function StakeholderRuleFields(props: {
  index: number;
  count: number;
  rule: RuleDraft;
  groups: string[];
  checks: RuleChecks;
  readOnly: boolean;
  onChange(next: RuleDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { index, count, rule, checks, onChange } = props;
  const set = (change: Partial<RuleDraft>) => onChange({ ...rule, ...change });
  const conditionError = checks.errors.find((p) => p.field === 'condition');
  const name = rule.group.trim() || `rule ${index + 1}`;
  const errorId = `rule-${rule.key}-condition-problem`;
  return (
    <fieldset className="card rule-card" disabled={props.readOnly}>
      <legend>
        {index + 1}. {rule.group.trim() || 'New rule'}
      </legend>
      <div className="row">
        <label>
          Group
          <input value={rule.group} maxLength={200} required onChange={(e) => set({ group: e.target.value })} />
        </label>
        {rule.isNew ? (
          <label>
            Id
            <input value={rule.id} maxLength={63} onChange={(e) => set({ id: e.target.value })} />
          </label>
        ) : null}
      </div>
      <Problems checks={checks} field="group" />
      <Problems checks={checks} field="id" />
      <fieldset className="contacts">
        <legend>Contacts</legend>
        <Contacts contacts={rule.contacts} readOnly={props.readOnly} onChange={(contacts) => set({ contacts })} />
        {props.readOnly ? null : (
          <div>
            <button type="button" onClick={() => set({ contacts: [...rule.contacts, { name: '', handle: '', email: '' }] })}>
              Add contact
            </button>
          </div>
        )}
        <Problems checks={checks} field="contacts" />
      </fieldset>
      <label>
        Condition
        <textarea
          className="condition"
          rows={2}
          maxLength={2000}
          spellCheck={false}
          value={rule.condition}
          aria-invalid={conditionError ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => set({ condition: e.target.value })}
        />
      </label>
      <div id={errorId} aria-live="polite">
        {conditionError ? (
          <>
            <Marked source={rule.condition} problem={conditionError} />
            <p className="field-error">{conditionError.message}</p>
          </>
        ) : null}
        {!conditionError && checks.words ? <p className="muted small">Engages when {checks.words}.</p> : null}
      </div>
      <div className="row">
        <label>
          DRI (engages them)
          <select value={rule.dri} onChange={(e) => set({ dri: e.target.value })}>
            <DriOptions groups={props.groups} current={rule.dri} />
          </select>
        </label>
        <label>
          Backup DRI (a missed update escalates to)
          <select value={rule.backup} onChange={(e) => set({ backup: e.target.value })}>
            <option value="">The default backup</option>
            <DriOptions groups={props.groups} current={rule.backup} />
          </select>
        </label>
      </div>
      <Problems checks={checks} field="dri" />
      <Problems checks={checks} field="backup" />
      <div className="row">
        <label>
          Cadence
          <select value={rule.cadence} onChange={(e) => set({ cadence: e.target.value as RuleDraft['cadence'] })}>
            <option value="every">Every few minutes</option>
            <option value="continuous">Continuous: on every update of the incident</option>
          </select>
        </label>
        {rule.cadence === 'every' ? (
          <label>
            Minutes
            <input type="number" min={1} max={1440} step={1} required value={rule.minutes} onChange={(e) => set({ minutes: e.target.value })} />
          </label>
        ) : null}
      </div>
      <Problems checks={checks} field="cadence" />
      <div className="row">
        <label>
          Channel
          <select value={rule.channel} onChange={(e) => set({ channel: e.target.value as RuleDraft['channel'] })}>
            {CHANNELS.map(([kind, words]) => (
              <option key={kind} value={kind}>
                {words}
              </option>
            ))}
          </select>
        </label>
        {rule.channel === 'channel' ? (
          <label>
            Channel name
            <input value={rule.target} placeholder="#e-group" maxLength={100} onChange={(e) => set({ target: e.target.value })} />
          </label>
        ) : null}
        {rule.channel === 'email' ? (
          <label>
            Email address
            <input type="email" value={rule.target} maxLength={254} onChange={(e) => set({ target: e.target.value })} />
          </label>
        ) : null}
      </div>
      <Problems checks={checks} field="channel" />
      <label>
        Note
        <textarea rows={2} maxLength={1000} value={rule.note} onChange={(e) => set({ note: e.target.value })} />
      </label>
      <Problems checks={checks} field="note" />
      {props.readOnly ? null : (
        <div className="row rule-actions">
          <button type="button" disabled={index === 0} onClick={() => props.onMove(-1)} aria-label={`Move ${name} up`}>
            Move up
          </button>
          <button type="button" disabled={index === count - 1} onClick={() => props.onMove(1)} aria-label={`Move ${name} down`}>
            Move down
          </button>
          <button type="button" onClick={props.onRemove} aria-label={`Remove ${name}`}>
            Remove rule
          </button>
        </div>
      )}
    </fieldset>
  );
}
