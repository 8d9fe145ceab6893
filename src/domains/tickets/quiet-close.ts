// A solved ticket closes by itself after a quiet period. The job carries the moment the ticket
// was solved; it closes the ticket only if it is still solved since that very moment (a requester's
// reply reopens it, and solving it again schedules a new job), and waits if it ran early.
import type { TicketStatus } from './tickets.types.ts';

export type QuietCloseDecision = { action: 'close' } | { action: 'skip'; reason: string } | { action: 'wait'; until: Date };

export function quietCloseDecision(
  ticket: { status: TicketStatus; statusChangedAt: Date } | null,
  solvedAt: Date,
  now: Date,
  quietPeriodMs: number,
): QuietCloseDecision {
  if (!ticket) return { action: 'skip', reason: 'the ticket no longer exists' };
  if (ticket.status !== 'solved') return { action: 'skip', reason: `the ticket is ${ticket.status}` };
  if (ticket.statusChangedAt.getTime() !== solvedAt.getTime()) return { action: 'skip', reason: 'the ticket was solved again since' };
  const closeAt = new Date(solvedAt.getTime() + quietPeriodMs);
  if (now < closeAt) return { action: 'wait', until: closeAt };
  return { action: 'close' };
}
