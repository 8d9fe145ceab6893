// The dashboard's sections for work handed on from tickets: engagements of subject-matter teams
// still under way, and compliance report requests with the next delivery day.
import type { IsoDate } from '../calendar/calendar.ts';
import { round1 } from './inbox-metrics.ts';
import type { ComplianceRequestsRow, MetricsSection, OpenEngagementsRow } from './metrics.types.ts';

const DAY = 86_400_000;
const ageDays = (now: Date, since: Date) => round1(Math.max(0, now.getTime() - since.getTime()) / DAY);

export function openEngagementsSection(rows: readonly OpenEngagementsRow[], now: Date): MetricsSection {
  const open = rows.reduce((sum, r) => sum + r.open, 0);
  const oldest = rows.reduce<Date | null>((min, r) => (min === null || r.oldestCreatedAt < min ? r.oldestCreatedAt : min), null);
  return {
    key: 'open_engagements',
    title: 'Open engagements by team',
    description:
      'Engagements of subject-matter teams not closed yet, right now: still researching (open) or answered but not yet sent to the requester; age in calendar days since the team was engaged.',
    figures: [
      { key: 'open', label: 'Open engagements', kind: 'count', value: open },
      { key: 'oldestAgeDays', label: 'Oldest (days)', kind: 'days', value: oldest ? ageDays(now, oldest) : null },
    ],
    columns: [
      { key: 'team', label: 'Team', kind: 'text' },
      { key: 'open', label: 'Open', kind: 'count' },
      { key: 'researching', label: 'Researching', kind: 'count' },
      { key: 'answered', label: 'Answered, not sent', kind: 'count' },
      { key: 'averageAgeDays', label: 'Average age (days)', kind: 'days' },
      { key: 'oldestAgeDays', label: 'Oldest (days)', kind: 'days' },
    ],
    rows: rows.map((r) => ({
      team: r.team,
      open: r.open,
      researching: r.researching,
      answered: r.open - r.researching,
      averageAgeDays: ageDays(now, new Date(now.getTime() - r.averageAgeMs)),
      oldestAgeDays: ageDays(now, r.oldestCreatedAt),
    })),
    bar: 'open',
  };
}

export function complianceRequestsSection(rows: readonly ComplianceRequestsRow[], nextDelivery: IsoDate, now: Date): MetricsSection {
  const count = (state: string) => rows.find((r) => r.state === state)?.count ?? 0;
  const oldestQueued = rows.find((r) => r.state === 'queued')?.oldestCreatedAt ?? null;
  return {
    key: 'compliance_requests',
    title: 'Compliance report requests by state',
    description:
      'Every verified request, right now: queued for the next delivery day, or delivered (links sent). Unverified requests are answered at once and never queued.',
    figures: [
      { key: 'queued', label: 'Queued', kind: 'count', value: count('queued') },
      { key: 'delivered', label: 'Delivered', kind: 'count', value: count('delivered') },
      { key: 'oldestQueuedAgeDays', label: 'Oldest queued (days)', kind: 'days', value: oldestQueued ? ageDays(now, oldestQueued) : null },
    ],
    columns: [
      { key: 'state', label: 'State', kind: 'text' },
      { key: 'requests', label: 'Requests', kind: 'count' },
      { key: 'nextDelivery', label: 'Next delivery day', kind: 'date' },
    ],
    rows: ['queued', 'delivered'].map((state) => ({ state, requests: count(state), nextDelivery: state === 'queued' ? nextDelivery : null })),
    bar: 'requests',
  };
}
