// A ticket's engagements of subject-matter teams: state, team, the team's issue (or why it is not
// there yet), when the requester is next owed an update, the question, and the team's answer. The
// answer is offered to the reply box as the reply; solving the ticket by it closes the engagement.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Badge, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { Ticket, TeamEngagement } from '../../types.ts';

function Issue({ e }: { e: TeamEngagement }) {
  const { issue } = e;
  if (issue.state === 'none') return <>none (the team has no tracker)</>;
  if (issue.state === 'created' && issue.url && /^https?:\/\//.test(issue.url))
    return (
      <a href={issue.url} target="_blank" rel="noreferrer noopener">
        {issue.ref}
      </a>
    );
  if (issue.state === 'created') return <>{issue.ref}</>;
  return (
    <>
      {issue.state === 'pending' ? 'being created' : 'failed'}
      {issue.error ? `: ${issue.error}` : ''}
    </>
  );
}

function RecordAnswer({ e, onDone }: { e: TeamEngagement; onDone(): void }) {
  const [answer, setAnswer] = useState(e.answer ?? '');
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', `/api/engagements/${e.id}/answer`, { answer });
      onDone();
    });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Record the team's answer">
      <label>
        The team's answer
        <textarea rows={4} required value={answer} onChange={(ev) => setAnswer(ev.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Record answer
      </button>
    </form>
  );
}

export function TicketEngagements({
  ticket,
  onChanged,
  onUseAnswer,
}: {
  ticket: Ticket;
  onChanged(): void;
  onUseAnswer?: ((answer: string) => void) | undefined;
}) {
  const { can } = useSession();
  const { data, reload } = useApi<{ items: TeamEngagement[] }>(`/api/tickets/${ticket.id}/engagements?v=${ticket.status}-${ticket.messages.length}`);
  if (!data?.items.length) return null;
  const done = () => {
    reload();
    onChanged();
  };
  return (
    <section className="card" aria-label="Engagements">
      <h2>Engagement</h2>
      {data.items.map((e) => (
        <article key={e.id} aria-label={`Engagement of ${e.teamName}`}>
          <dl className="facts">
            <div>
              <dt>Team</dt>
              <dd>{e.teamName}</dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>
                <Badge kind={`engagement-${e.state}`}>{e.state}</Badge>
              </dd>
            </div>
            <div>
              <dt>Issue</dt>
              <dd>
                <Issue e={e} />
              </dd>
            </div>
            {e.nextUpdateDue ? (
              <div>
                <dt>Next update due</dt>
                <dd>
                  <Time iso={e.nextUpdateDue} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Opened</dt>
              <dd>
                <Time iso={e.createdAt} />
              </dd>
            </div>
          </dl>
          <p className="muted small">Question: {e.question}</p>
          {e.answer ? (
            <p>
              Answer{e.answeredBy ? ` (recorded by ${e.answeredBy})` : ''}: {e.answer}
            </p>
          ) : null}
          {can('tickets.write') && e.issue.state === 'failed' ? (
            <button type="button" onClick={() => void api('POST', `/api/engagements/${e.id}/issue/retry`).then(done)}>
              Try creating the issue again
            </button>
          ) : null}
          {can('tickets.write') && e.state === 'open' ? <RecordAnswer e={e} onDone={done} /> : null}
          {onUseAnswer && e.state === 'answered' && e.answer ? (
            <button type="button" onClick={() => onUseAnswer(e.answer!)}>
              Use the answer as the reply
            </button>
          ) : null}
        </article>
      ))}
    </section>
  );
}
