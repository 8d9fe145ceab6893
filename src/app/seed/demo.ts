// Seeds the demo data set through the same services the product uses, audited as 'demo seed'.
import type { App } from '../app.ts';
import type { ActionContext } from '../../domains/context.ts';
import { DEMO_INCIDENT, DEMO_STATUS_COMPONENTS, DEMO_STATUS_UPDATE, DEMO_TICKETS, SECURITY_ADDRESS, type DemoTicket } from './demo-data.ts';
import { publicIncidentText } from '../../domains/statuspage/public-text.ts';

const SEED: ActionContext = { actor: { kind: 'system', userId: null, label: 'demo seed', roles: [] } };
const HOUR = 3_600_000;

function ticketInput(ticket: DemoTicket, now: number) {
  const first = Math.max(...ticket.messages.map((m) => m.hoursAgo));
  return {
    subject: ticket.subject,
    status: ticket.status,
    requesterEmail: ticket.requester.email,
    requesterName: ticket.requester.name,
    organisation: ticket.organisation ?? null,
    disposition: ticket.disposition ?? null,
    tags: ticket.tags,
    slaDueAt: ticket.dueInHours === null ? null : new Date(now + ticket.dueInHours * HOUR),
    createdAt: new Date(now - first * HOUR),
    messages: ticket.messages.map((m) => ({
      direction: m.direction,
      from: m.from,
      to: m.direction === 'inbound' ? SECURITY_ADDRESS : ticket.requester.email,
      subject: m.direction === 'inbound' || m.direction === 'note' ? ticket.subject : `Re: ${ticket.subject}`,
      bodyText: m.body,
      createdAt: new Date(now - m.hoursAgo * HOUR),
    })),
  };
}

/** Seeds the demo tickets and incident; with onlyIfEmpty, does nothing (null) when tickets exist. */
export async function seedDemo(app: App, options: { onlyIfEmpty: boolean }): Promise<{ tickets: number; incidents: number } | null> {
  if (options.onlyIfEmpty && (await app.store.read.tickets.count()) > 0) return null;
  const now = app.clock.now().getTime();
  // Oldest first, so ticket numbers rise with time as they would in a real inbox.
  const byAge = DEMO_TICKETS.map((ticket) => ticketInput(ticket, now)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const ticket of byAge) await app.services.tickets.open(SEED, ticket);
  const incident = await app.services.incidents.declare(SEED, {
    title: DEMO_INCIDENT.title,
    description: DEMO_INCIDENT.description,
    type: DEMO_INCIDENT.type,
    impact: DEMO_INCIDENT.impact,
    likelihood: DEMO_INCIDENT.likelihood,
    status: DEMO_INCIDENT.status,
    declaredAt: new Date(now - DEMO_INCIDENT.declaredHoursAgo * HOUR),
  });
  for (const event of DEMO_INCIDENT.timeline) {
    await app.services.incidents.addEvent(SEED, incident.id, { at: new Date(now - event.hoursAgo * HOUR), kind: event.kind, summary: event.summary });
  }
  for (const [position, component] of DEMO_STATUS_COMPONENTS.entries()) await app.services.statusComponents.create(SEED, { ...component, position });
  await app.services.statusPage.publishIncidentUpdate(SEED, { incidentId: incident.id, status: 'investigating', componentState: 'degraded_performance', componentSlugs: DEMO_STATUS_UPDATE.componentSlugs, text: publicIncidentText(DEMO_STATUS_UPDATE) });
  return { tickets: DEMO_TICKETS.length, incidents: 1 };
}
