// A ticket's conversation as plain text. Every outgoing mail names its recipient, and mail sent to
// anyone but the requester (the request to a subject-matter team) is marked internal in its own
// style, so nobody takes it for what the requester received.
import { Badge, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { Team, Ticket } from '../../types.ts';
import { MessageBody } from './MessageBody.tsx';

const DIRECTION = { inbound: 'From requester', outbound: 'Reply to the requester', note: 'Internal note' } as const;
type Message = Ticket['messages'][number];

const addressOf = (to: string) => (/<([^>]+)>/.exec(to)?.[1] ?? to).trim().toLowerCase();

function internalMail(m: Message, requesterEmail: string): boolean {
  if (m.direction !== 'outbound' || !m.to) return false;
  return !m.to.split(',').map(addressOf).includes(requesterEmail.toLowerCase());
}

function Heading({ m, internal, teams }: { m: Message; internal: boolean; teams: Team[] }) {
  const team = internal && m.to ? teams.find((t) => t.notifyAddress && addressOf(t.notifyAddress) === addressOf(m.to!)) : undefined;
  return (
    <>
      <strong>{internal ? 'Internal — not to the requester' : DIRECTION[m.direction]}</strong> <span className="muted">{m.from}</span>
      {m.direction === 'outbound' && m.to ? (
        <span className={internal ? 'recipient-internal' : 'muted'}>To {team ? `${team.name} <${m.to}>` : m.to}</span>
      ) : null}
    </>
  );
}

export function Conversation({ ticket }: { ticket: Ticket }) {
  const { can } = useSession();
  const internal = new Set(ticket.messages.filter((m) => internalMail(m, ticket.requester.email)).map((m) => m.id));
  // The teams' names, for those allowed to list them; the address alone names the recipient otherwise.
  const teams = useApi<{ items: Team[] }>(internal.size > 0 && can('tickets.write') ? '/api/teams' : null).data?.items ?? [];
  return (
    <ol className="conversation" aria-label="Conversation">
      {ticket.messages.map((m) => (
        <li key={m.id} className={`message message-${internal.has(m.id) ? 'internal' : m.direction}`}>
          <header>
            <Heading m={m} internal={internal.has(m.id)} teams={teams} /> <Time iso={m.createdAt} relativeTo={false} />
            {m.template ? (
              <span className="muted small">
                {' '}
                · template {m.template.key} v{m.template.version}
              </span>
            ) : null}
            {m.attachedRawSha256 ? <span className="muted small"> · original message attached</span> : null}
            {m.delivery ? (
              <Badge kind={`delivery-${m.delivery.status}`}>
                {m.delivery.status}
                {m.delivery.error ? `: ${m.delivery.error}` : ''}
              </Badge>
            ) : null}
          </header>
          <MessageBody ticketId={ticket.id} message={m} />
        </li>
      ))}
    </ol>
  );
}
