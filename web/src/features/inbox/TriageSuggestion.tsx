// The ticket's triage suggestion: label → disposition, confidence, and the reasons behind it as chips.
// Analysts accept it or change it with one click; that records their choice (training data) and
// preselects the chosen disposition in the reply box; nothing is sent until they send it there. A
// report that looks like a well-known low-value one is flagged "likely out of scope" with the families
// seen; accepting starts the reply from the out-of-scope template. The flag never closes the ticket.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { label, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import { DISPOSITIONS } from '../../../../src/domains/tickets/tickets.types.ts';
import { SUGGESTED_DISPOSITION, TRIAGE_LABELS, type TriageLabel } from '../../../../src/domains/triage/labels.ts';
import type { TicketSuggestion } from '../../types.ts';

const percent = (confidence: number) => `${Math.round(confidence * 100)} %`;
const target = (disposition: string | null) => (disposition ? label(disposition) : 'no disposition (spam or machine mail)');

function ChangeForm({
  suggestion,
  decide,
  cancel,
}: {
  suggestion: TicketSuggestion;
  decide(label: TriageLabel, disposition: string | null): Promise<void>;
  cancel(): void;
}) {
  const [chosen, setChosen] = useState<TriageLabel>(suggestion.label);
  const [disposition, setDisposition] = useState<string>(SUGGESTED_DISPOSITION[suggestion.label] ?? '');
  function pick(next: TriageLabel) {
    setChosen(next);
    setDisposition(SUGGESTED_DISPOSITION[next] ?? '');
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    void decide(chosen, chosen === 'spam_or_other' ? null : disposition || null);
  }
  return (
    <form onSubmit={submit} aria-label="Change the triage suggestion">
      <label>
        Label
        <select value={chosen} onChange={(e) => pick(e.target.value as TriageLabel)}>
          {TRIAGE_LABELS.map((l) => (
            <option key={l} value={l}>
              {label(l)}
            </option>
          ))}
        </select>
      </label>
      {chosen === 'spam_or_other' ? null : (
        <label>
          Disposition
          <select value={disposition} onChange={(e) => setDisposition(e.target.value)}>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {label(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="actions">
        <button type="submit">Record choice</button>{' '}
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function OutOfScopeFlag({ outOfScope }: { outOfScope: NonNullable<TicketSuggestion['outOfScope']> }) {
  return (
    <div className="out-of-scope" role="note" aria-label="Likely out of scope">
      <p>
        <strong>Likely out of scope</strong>: a well-known low-value report. Accept starts the reply from the template <code>{outOfScope.template}</code>; the
        ticket stays open until you answer.
      </p>
      <ul className="small">
        {outOfScope.families.map((f) => (
          <li key={f.family}>{f.detail}</li>
        ))}
      </ul>
    </div>
  );
}

export function TriageSuggestion({ ticketId, onChosen }: { ticketId: string; onChosen?(disposition: string | null, templateKey?: string): void }) {
  const { can } = useSession();
  const { data, reload } = useApi<{ suggestion: TicketSuggestion | null }>(`/api/tickets/${ticketId}/suggestion`);
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState('');
  const suggestion = data?.suggestion;
  if (!suggestion) return null;
  async function decide(chosen: TriageLabel, disposition?: string | null) {
    setError('');
    try {
      await api('POST', `/api/tickets/${ticketId}/suggestion/decision`, disposition === undefined ? { label: chosen } : { label: chosen, disposition });
      setChanging(false);
      reload();
      if (disposition === undefined) onChosen?.(suggestion!.disposition, suggestion!.outOfScope?.template);
      else onChosen?.(disposition);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const { decision } = suggestion;
  return (
    <section className="card triage-suggestion" aria-label="Triage suggestion">
      <h2>Suggested triage</h2>
      <p>
        <strong>{label(suggestion.label)}</strong> → {target(suggestion.disposition)}{' '}
        <span className="badge" title="the classifier's confidence">
          {percent(suggestion.confidence)}
        </span>
      </p>
      <ul className="chips" aria-label="Reasons">
        {suggestion.reasons
          .filter((r) => r.kind !== 'out-of-scope')
          .map((r) => (
            <li
              key={`${r.kind}:${r.name}`}
              className={`badge badge-tag${r.label === suggestion.label ? '' : ' muted'}`}
              title={`${r.kind === 'signal' ? r.name : 'words'}: +${r.weight} for ${label(r.label)}`}
            >
              {r.detail}
            </li>
          ))}
      </ul>
      {suggestion.outOfScope ? <OutOfScopeFlag outOfScope={suggestion.outOfScope} /> : null}
      {decision ? (
        <p className="small" role="status">
          {decision.accepted ? 'Accepted' : `Changed to ${label(decision.label)} → ${target(decision.disposition)}`} by {decision.by?.name ?? 'secdesk'}{' '}
          <Time iso={decision.at} />
        </p>
      ) : (
        <p className="muted small">A suggestion only: Accept preselects it in the reply box; nothing is sent until you send it.</p>
      )}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {can('tickets.write') && !changing ? (
        <div className="actions">
          <button type="button" onClick={() => void decide(suggestion.label)}>
            Accept
          </button>{' '}
          <button type="button" onClick={() => setChanging(true)}>
            Change…
          </button>
        </div>
      ) : null}
      {changing ? <ChangeForm suggestion={suggestion} decide={decide} cancel={() => setChanging(false)} /> : null}
    </section>
  );
}
