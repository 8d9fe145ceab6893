// The one place an analyst answers a ticket. The mail starts as free text or from a disposition's
// template (reply, the three redirects, engage, compliance request); a template is rendered for
// this ticket by the disposition preview, then edited here, and one Send records the disposition,
// queues the mail (for account support also the forward with the original attached) and moves the
// ticket to the status chosen in the same box. Internal notes are not written here.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { Customer, DispositionPlan, MessageTemplate, Team, Ticket } from '../../types.ts';
import { DISPOSITIONS, type Disposition } from '../../../../src/domains/tickets/tickets.types.ts';

type OtherDisposition = Exclude<Disposition, 'reply'>;
/** The composer's name for each disposition besides a reply (a reply starts from free text or a template). */
const CHOICE_LABELS: Record<OtherDisposition, string> = {
  'redirect:support': 'Redirect: account support → forward to Support',
  'redirect:vulnerability': 'Redirect: vulnerability report → bug bounty',
  'redirect:copyright': 'Redirect: copyright complaint → DMCA',
  engage: 'Engage a subject-matter team (research; the requester is told)',
  compliance_request: 'Compliance report request (SOC 2, pen test)',
};
const DISPOSITION_CHOICES = DISPOSITIONS.filter((d): d is OtherDisposition => d !== 'reply').map((value) => ({ value, label: CHOICE_LABELS[value] }));

/** free text, a reply template (template:<key>) or one of the other dispositions. */
export type Choice = 'text' | `template:${string}` | OtherDisposition;

/** What the composer starts from when something else on the page asks (Accept on the triage suggestion, an engaged team's answer). */
export interface ComposerPreset {
  choice: Choice;
  body?: string;
  seq: number;
}

/** The composer's choice for a disposition: a reply starts from the generic reply template. */
export function choiceFor(disposition: string): Choice | null {
  if (disposition === 'reply') return 'template:reply.generic';
  return DISPOSITION_CHOICES.some((c) => c.value === disposition) ? (disposition as Choice) : null;
}

const STATUS_OF: Partial<Record<Choice, string>> = {
  'redirect:support': 'solved',
  'redirect:vulnerability': 'solved',
  'redirect:copyright': 'solved',
  engage: 'pending',
  compliance_request: 'pending (reports sent) or solved (declined)',
};

export function ReplyComposer({ ticket, preset, onSent }: { ticket: Ticket; preset: ComposerPreset | null; onSent(): void }) {
  const { data: templates } = useApi<{ items: MessageTemplate[] }>('/api/templates');
  const [choice, setChoice] = useState<Choice>('text');
  const [status, setStatus] = useState('solved');
  const [plan, setPlan] = useState<DispositionPlan | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [teamId, setTeamId] = useState('');
  const [question, setQuestion] = useState('');
  const [reports, setReports] = useState<string[]>(['soc2']);
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const { busy, error, setError, run } = useAction();
  const startRef = useRef<HTMLSelectElement>(null);
  const previewSeq = useRef(0);
  const { data: teams } = useApi<{ items: Team[] }>(choice === 'engage' ? '/api/teams' : null);
  const { data: customers } = useApi<{ items: Customer[] }>(choice === 'compliance_request' ? '/api/customers' : null);
  const replyTemplates = templates?.items.filter((t) => t.key.startsWith('reply.')) ?? [];

  const isReply = choice === 'text' || choice.startsWith('template:');
  const request = (): Record<string, unknown> => {
    if (choice === 'text') return { kind: 'reply', body, status };
    if (choice.startsWith('template:')) return { kind: 'reply', templateKey: choice.slice('template:'.length), status };
    if (choice === 'engage') return { kind: choice, teamId, question };
    if (choice === 'compliance_request') return { kind: choice, reports, ...(onBehalfOf ? { onBehalfOf } : {}) };
    return { kind: choice };
  };
  // Engaging needs a team and a question first; every other template is rendered as soon as it is chosen.
  const ready =
    choice !== 'text' && (choice !== 'engage' || (teamId !== '' && question.trim() !== '')) && (choice !== 'compliance_request' || reports.length > 0);

  const preview = () => {
    const seq = ++previewSeq.current;
    return run(async () => {
      const answer = await api<DispositionPlan>('POST', `/api/tickets/${ticket.id}/disposition/preview`, request());
      if (seq !== previewSeq.current) return; // a later choice has been made meanwhile
      setPlan(answer);
      setSubject(answer.mails[0]!.subject);
      setBody(answer.mails[0]!.body);
    });
  };
  const changed = () => {
    previewSeq.current++;
    setPlan(null);
    setError('');
  };
  useEffect(() => {
    if (choice !== 'text' && choice !== 'engage' && ready) void preview();
    // Rendered again only when what it renders changes (not on every keystroke in the mail).
  }, [choice, reports.join(','), onBehalfOf]);

  function start(next: Choice, text?: string) {
    changed();
    setChoice(next);
    if (next === 'text') setBody(text ?? '');
  }
  useEffect(() => {
    if (!preset) return;
    start(preset.choice, preset.body);
    startRef.current?.focus();
    startRef.current?.scrollIntoView({ block: 'center' });
    // Each preset is applied once.
  }, [preset?.seq]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const edits = choice === 'text' ? {} : { edits: { subject, body } };
      await api('POST', `/api/tickets/${ticket.id}/disposition`, { ...request(), ...edits });
      changed();
      setChoice('text');
      setBody('');
      setQuestion('');
      onSent();
    });
  };

  const forward = plan?.mails.find((m) => m.role === 'support');
  const outcome = isReply ? status : (plan?.status ?? null);
  const sendLabel = choice === 'engage' ? 'Send and engage the team' : outcome === 'solved' ? 'Send and solve' : outcome ? `Send (ticket ${outcome})` : 'Send';
  const canSend = choice === 'text' ? body.trim() !== '' : plan !== null;
  return (
    <form className="card form composer" onSubmit={send} aria-label="Reply" aria-busy={busy}>
      <h2>Reply to {ticket.requester.email}</h2>
      <div className="row">
        <label>
          Start from
          <select ref={startRef} value={choice} onChange={(e) => start(e.target.value as Choice)}>
            <option value="text">Free text</option>
            <optgroup label="Reply from a template">
              {replyTemplates.map((t) => (
                <option key={t.key} value={`template:${t.key}`}>
                  Template: {t.current.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Other dispositions">
              {DISPOSITION_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        {isReply ? (
          <label>
            Then the ticket is
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="solved">solved</option>
              <option value="pending">pending (waiting on the requester)</option>
              <option value="open">open</option>
            </select>
          </label>
        ) : (
          <p className="small composer-outcome">
            Then the ticket is <strong>{plan?.status ?? STATUS_OF[choice]}</strong> (set by this disposition)
          </p>
        )}
      </div>
      {choice === 'engage' ? (
        <>
          <label>
            Team
            <select
              aria-label="Team"
              value={teamId}
              required
              onChange={(e) => {
                changed();
                setTeamId(e.target.value);
              }}
            >
              <option value="">choose a team…</option>
              {teams?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.tracker ? ` (${t.tracker.kind} issue)` : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Question for the team (internal, never sent to the requester)
            <textarea
              rows={3}
              required
              maxLength={20000}
              value={question}
              onChange={(e) => {
                changed();
                setQuestion(e.target.value);
              }}
            />
          </label>
        </>
      ) : null}
      {choice === 'compliance_request' ? (
        <div className="row">
          <fieldset aria-label="Reports">
            {(['soc2', 'pentest'] as const).map((r) => (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={reports.includes(r)}
                  onChange={(e) => setReports(e.target.checked ? [...reports, r] : reports.filter((x) => x !== r))}
                />
                {r === 'soc2' ? 'SOC 2 report' : 'Pen test report'}
              </label>
            ))}
          </fieldset>
          <label>
            On behalf of (an employee's request)
            <select value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)}>
              <option value="">— the requester's own organisation —</option>
              {customers?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {choice === 'text' ? (
        <label>
          Message to the requester (plain text)
          <textarea rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void preview()} disabled={busy || !ready}>
              {plan ? 'Render again' : 'Preview'}
            </button>
            {!plan && !busy ? (
              <span className="muted small">
                {' '}
                {ready ? 'Rendering the mail for this ticket…' : 'Choose the team and write the question, then preview the mail.'}
              </span>
            ) : null}
          </div>
          {plan ? (
            <section aria-label="Preview">
              <p className="muted small">
                To {plan.mails[0]!.to}
                {plan.mails[0]!.template ? ` · template ${plan.mails[0]!.template.name} (version ${plan.mails[0]!.template.version})` : ''} · rendered for this
                ticket; edit before sending.
              </p>
              <label>
                Subject
                <input value={subject} required maxLength={300} onChange={(e) => setSubject(e.target.value)} />
              </label>
              <label>
                Message to the requester
                <textarea rows={12} required value={body} onChange={(e) => setBody(e.target.value)} />
              </label>
              {forward ? (
                <details open>
                  <summary>Forward to Support: {forward.to}, with the original message attached</summary>
                  <p>
                    <strong>{forward.subject}</strong>
                  </p>
                  <pre className="forward-body">{forward.body}</pre>
                </details>
              ) : null}
            </section>
          ) : null}
        </>
      )}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy || !canSend}>
        {sendLabel}
      </button>
    </form>
  );
}
