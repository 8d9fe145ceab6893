// The inbox views as filters: unassigned and mine are tickets still being worked on; SLA at risk
// and breached use the windows of sla.ts, so a ticket's clock and the views always agree.
import { ValidationError } from '../errors.ts';
import { atRiskWindow, breachedWindow } from './sla.ts';
import type { TicketCriteria, TicketFilter, TicketView } from './tickets.types.ts';

export interface ViewContext {
  userId: string | null;
  now: Date;
  warnLeadMs: number;
}

export function viewCriteria(view: TicketView, ctx: ViewContext): TicketCriteria {
  switch (view) {
    case 'all':
      return {};
    case 'unassigned':
      return { assigneeId: null, active: true };
    case 'mine':
      if (!ctx.userId) throw new ValidationError('"mine" needs a signed-in user');
      return { assigneeId: ctx.userId, active: true };
    case 'sla_at_risk':
      return { slaDue: atRiskWindow(ctx.now, ctx.warnLeadMs) };
    case 'breached':
      return { slaDue: breachedWindow(ctx.now) };
  }
}

function assigneeCriterion(assignee: string | undefined, userId: string | null): string | null | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === 'none') return null;
  if (assignee === 'me') {
    if (!userId) throw new ValidationError('"me" needs a signed-in user');
    return userId;
  }
  return assignee;
}

/** A view plus filters; the view's own conditions win where both speak. */
export function criteriaFor(filter: TicketFilter, ctx: ViewContext): TicketCriteria {
  const assigneeId = assigneeCriterion(filter.assignee, ctx.userId);
  return {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.disposition ? { disposition: filter.disposition } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...viewCriteria(filter.view ?? 'all', ctx),
  };
}
