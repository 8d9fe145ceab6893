// Handling a ticket by a disposition: choose reply (a template) or one of the three redirects, see
// the mail rendered for this ticket, edit the requester's mail, send. One request records the
// disposition, queues the mail (and for account support the forward with the original attached)
// and solves the ticket.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { Customer, DispositionPlan, MessageTemplate, Team, Ticket } from '../../types.ts';

const CHOICES = [
  { kind: 'reply', label: 'Reply (from a template)' },
  { kind: 'redirect:support', label: 'Redirect: account support → forward to Support' },
  { kind: 'redirect:vulnerability', label: 'Redirect: vulnerability report → bug bounty' },
  { kind: 'redirect:copyright', label: 'Redirect: copyright complaint → DMCA' },
  { kind: 'engage', label: 'Engage a subject-matter team (research; the requester is told)' },
  { kind: 'compliance_request', label: 'Compliance report request (SOC 2, pen test)' },
] as const;
type Kind = (typeof CHOICES)[number]['kind'];

export function HandleTicket({ ticket, onDone }: { ticket: Ticket; onDone(): void }) {
  const { data: templates } = useApi<{ items: MessageTemplate[] }>('/api/templates');
  const [kind, setKind] = useState<Kind>('reply');
  const [templateKey, setTemplateKey] = useState('reply.generic');
  const [status, setStatus] = useState('solved');
  const [plan, setPlan] = useState<DispositionPlan | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, setError, run } = useAction();
  const replyTemplates = templates?.items.filter((t) => t.key.startsWith('reply.')) ?? [];
  const { data: teams } = useApi<{ items: Team[] }>(kind === 'engage' ? '/api/teams' : null);
  const [teamId, setTeamId] = useState('');
  const [question, setQuestion] = useState('');

  const { data: customers } = useApi<{ items: Customer[] }>(kind === 'compliance_request' ? '/api/customers' : null);
  const [reports, setReports] = useState<string[]>(['soc2']);
  const [onBehalfOf, setOnBehalfOf] = useState('');

  const request = () => (kind === 'reply' ? { kind, templateKey, status }
    : kind === 'engage' ? { kind, teamId, question }
    : kind === 'compliance_request' ? { kind, reports, ...(onBehalfOf ? { onBehalfOf } : {}) } : { kind });
  function choose(next: () => void) {
    next();
    setPlan(null);
    setError('');
  }
  const preview = () => run(async () => {
    const answer = await api<DispositionPlan>('POST', `/api/tickets/${ticket.id}/disposition/preview`, request());
    setPlan(answer);
    setSubject(answer.mails[0]!.subject);
    setBody(answer.mails[0]!.body);
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api('POST', `/api/tickets/${ticket.id}/disposition`, { ...request(), edits: { subject, body } });
      setPlan(null);
      onDone();
    });
  };

  const forward = plan?.mails.find((m) => m.role === 'support');
  return (
    <form className="card form" onSubmit={send} aria-label="Handle ticket" aria-busy={busy}>
      <h2>Handle</h2>
      <div className="row">
        <label>Disposition
          <select value={kind} onChange={(e) => choose(() => setKind(e.target.value as Kind))}>
            {CHOICES.map((c) => <option key={c.kind} value={c.kind}>{c.label}</option>)}
          </select>
        </label>
        {kind === 'reply' ? (
          <>
            <label>Template
              <select value={templateKey} onChange={(e) => choose(() => setTemplateKey(e.target.value))}>
                {replyTemplates.map((t) => <option key={t.key} value={t.key}>{t.current.name}</option>)}
              </select>
            </label>
            <label>Then the ticket is
              <select value={status} onChange={(e) => choose(() => setStatus(e.target.value))}>
                <option value="solved">solved</option>
                <option value="pending">pending (waiting on the requester)</option>
                <option value="open">open</option>
              </select>
            </label>
          </>
        ) : null}
        {kind === 'engage' ? (
          <label>Team
            <select aria-label="Team" value={teamId} required onChange={(e) => choose(() => setTeamId(e.target.value))}>
              <option value="">choose a team…</option>
              {teams?.items.map((t) => <option key={t.id} value={t.id}>{t.name}{t.tracker ? ` (${t.tracker.kind} issue)` : ''}</option>)}
            </select>
          </label>
        ) : null}
        {kind === 'compliance_request' ? (
          <>
            <fieldset aria-label="Reports">
              {(['soc2', 'pentest'] as const).map((r) => (
                <label key={r} className="check"><input type="checkbox" checked={reports.includes(r)}
                  onChange={(e) => choose(() => setReports(e.target.checked ? [...reports, r] : reports.filter((x) => x !== r)))} />{r === 'soc2' ? 'SOC 2 report' : 'Pen test report'}</label>
              ))}
            </fieldset>
            <label>On behalf of (an employee's request)
              <select value={onBehalfOf} onChange={(e) => choose(() => setOnBehalfOf(e.target.value))}>
                <option value="">— the requester's own organisation —</option>
                {customers?.items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </label>
          </>
        ) : null}
      </div>
      {kind === 'engage' ? (
        <label>Question for the team (internal, never sent to the requester)
          <textarea rows={4} required maxLength={20000} value={question} onChange={(e) => setQuestion(e.target.value)} />
        </label>
      ) : null}
      <button type="button" onClick={() => void preview()} disabled={busy}>Preview</button>
      {error ? <p className="state error" role="alert">{error}</p> : null}
      {plan ? (
        <section aria-label="Preview">
          <p className="muted small">To {plan.mails[0]!.to}{plan.mails[0]!.template ? ` · template ${plan.mails[0]!.template.name} (version ${plan.mails[0]!.template.version})` : ''}; the ticket becomes {plan.status}.</p>
          <label>Subject<input value={subject} required maxLength={300} onChange={(e) => setSubject(e.target.value)} /></label>
          <label>Message to the requester<textarea rows={14} required value={body} onChange={(e) => setBody(e.target.value)} /></label>
          {forward ? (
            <details open>
              <summary>Forward to Support: {forward.to}, with the original message attached</summary>
              <p><strong>{forward.subject}</strong></p>
              <pre className="forward-body">{forward.body}</pre>
            </details>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>{kind === 'engage' ? 'Send and engage the team' : plan.status === 'solved' ? 'Send and solve' : `Send (ticket ${plan.status})`}</button>
        </section>
      ) : null}
    </form>
  );
}
