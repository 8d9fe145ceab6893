// The public model: what the status page shows, from published updates of non-restricted
// incidents and of maintenance only (the repository's public reads enforce both), as public text.
import { storedPublicText } from './public-text.ts';
import { eventImpact } from './render/labels.ts';
import type { PublicEventRow, StatusPageRepository } from './statuspage.ports.ts';
import type { HistoryMonth, PublicComponent, PublicEvent, StatusPageModel } from './statuspage.types.ts';

/** Resolved events this recent are listed under "Past incidents" on the page and in the feeds. */
export const RECENT_DAYS = 14;

export function toPublicEvent(row: PublicEventRow): PublicEvent {
  const updates = row.updates
    .filter((u) => u.publishedAt !== null)
    .map((u) => ({ id: u.id, status: u.status, body: storedPublicText(u.body), componentStates: u.componentStates, publishedAt: u.publishedAt! }));
  return {
    id: row.id,
    kind: row.kind,
    title: storedPublicText(row.title),
    status: row.status,
    impact: eventImpact(row.kind, updates),
    componentSlugs: row.componentSlugs,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    updates,
  };
}

export async function loadPublicModel(repo: StatusPageRepository, now: Date): Promise<StatusPageModel> {
  const { version, changedAt } = await repo.version();
  const [components, open, recent] = await Promise.all([
    repo.components(),
    repo.publicEvents({ open: true }),
    repo.publicEvents({ resolvedFrom: new Date(now.getTime() - RECENT_DAYS * 86_400_000), limit: 100 }),
  ]);
  const events = open.map(toPublicEvent);
  const byStart = (a: PublicEvent, b: PublicEvent) => a.scheduledFor!.getTime() - b.scheduledFor!.getTime();
  return {
    version,
    changedAt,
    components: components.map(({ id: _id, ...c }): PublicComponent => c),
    incidents: events.filter((e) => e.kind === 'incident'),
    maintenances: events.filter((e) => e.kind === 'maintenance').sort(byStart),
    recent: recent.map(toPublicEvent),
  };
}

export function monthRange(month: string): { from: Date; before: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)), before: new Date(Date.UTC(y, m, 1)) };
}

export async function loadHistoryMonth(repo: StatusPageRepository, month: string): Promise<HistoryMonth> {
  const { from, before } = monthRange(month);
  const [rows, months] = await Promise.all([repo.publicEvents({ resolvedFrom: from, resolvedBefore: before, limit: 500 }), repo.historyMonths()]);
  return {
    month,
    events: rows.map(toPublicEvent),
    previous: months.find((m) => m < month) ?? null,
    next: [...months].reverse().find((m) => m > month) ?? null,
  };
}
