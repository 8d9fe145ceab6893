// The inbox's figures as dashboard sections (see metrics.types.ts): one table each, named in the
// product's words. Durations are in business hours: a business day is 24 of them (business-time.ts).
import { businessClock, type BusinessClock } from '../calendar/business-clock.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import type { MetricsSection, OpenTicketsRow, Period, TicketFacts } from './metrics.types.ts';
import { attainment, attainmentByWeek, DISPOSITION_KEYS, dispositionsByWeek, handlingDistribution, round1, type DispositionKey } from './inbox-metrics.ts';
import { isoWeek } from './period.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function dispositionLabel(key: DispositionKey): string {
  return key === 'none' ? 'undecided' : key.replace(/_/g, ' ');
}

const hours = (ms: number | null) => (ms === null ? null : round1(ms / HOUR));
const share = (part: number, whole: number) => (whole === 0 ? null : round1((100 * part) / whole));

function dispositionsSection(clock: BusinessClock, period: Period, tickets: readonly TicketFacts[]): MetricsSection {
  const weeks = dispositionsByWeek(clock, period, tickets);
  return {
    key: 'tickets_by_disposition',
    title: 'Tickets by disposition and week',
    description: "Tickets that arrived in each ISO week (Monday to Sunday in the team's time zone), by how they were handled; undecided: no disposition yet.",
    figures: [{ key: 'tickets', label: 'Tickets', kind: 'count', value: tickets.length }],
    columns: [
      { key: 'week', label: 'Week', kind: 'text' },
      { key: 'weekStart', label: 'Week starts', kind: 'date' },
      ...DISPOSITION_KEYS.map((key) => ({ key, label: dispositionLabel(key), kind: 'count' as const })),
      { key: 'total', label: 'Total', kind: 'count' },
    ],
    rows: weeks.map((w) => ({ week: isoWeek(w.week), weekStart: w.week, ...w.counts, total: w.total })),
    bar: 'total',
  };
}

function handlingSection(clock: BusinessClock, tickets: readonly TicketFacts[]): MetricsSection {
  const d = handlingDistribution(clock, tickets);
  return {
    key: 'first_handling',
    title: 'Time to first handling',
    description:
      'Business hours from arrival to the first reply, disposition or solve, not counting time paused on the requester; tickets with an SLA only. The target is one business day (24 business hours).',
    figures: [
      { key: 'handled', label: 'Handled', kind: 'count', value: d.handled },
      { key: 'unhandled', label: 'Not handled yet', kind: 'count', value: d.unhandled },
      { key: 'p50', label: 'Median (p50)', kind: 'hours', value: hours(d.p50) },
      { key: 'p90', label: 'p90', kind: 'hours', value: hours(d.p90) },
    ],
    columns: [
      { key: 'bucket', label: 'First handled within', kind: 'text' },
      { key: 'withinTarget', label: 'Within target', kind: 'text' },
      { key: 'tickets', label: 'Tickets', kind: 'count' },
      { key: 'share', label: 'Share', kind: 'percent' },
    ],
    rows: d.buckets.map(({ bucket, count }) => ({
      bucket: bucket.label,
      withinTarget: bucket.withinTarget ? 'yes' : 'no',
      tickets: count,
      share: share(count, d.handled),
    })),
    bar: 'tickets',
  };
}

function slaSection(clock: BusinessClock, period: Period, tickets: readonly TicketFacts[], now: Date): MetricsSection {
  const all = attainment(tickets, now);
  return {
    key: 'sla_attainment',
    title: 'SLA attainment',
    description:
      'Tickets handled by their due time, of those handled or past due (unhandled past due counts as missed). Not yet due and paused tickets are counted apart; noise without an SLA is left out.',
    figures: [
      { key: 'attainment', label: 'Attainment', kind: 'percent', value: all.percent },
      { key: 'met', label: 'Met', kind: 'count', value: all.met },
      { key: 'missed', label: 'Missed', kind: 'count', value: all.missed },
      { key: 'running', label: 'Not yet due', kind: 'count', value: all.running },
      { key: 'paused', label: 'Paused', kind: 'count', value: all.paused },
      { key: 'noSla', label: 'No SLA (noise)', kind: 'count', value: all.none },
    ],
    columns: [
      { key: 'week', label: 'Week', kind: 'text' },
      { key: 'met', label: 'Met', kind: 'count' },
      { key: 'missed', label: 'Missed', kind: 'count' },
      { key: 'running', label: 'Not yet due', kind: 'count' },
      { key: 'paused', label: 'Paused', kind: 'count' },
      { key: 'attainment', label: 'Attainment', kind: 'percent' },
    ],
    rows: attainmentByWeek(clock, period, tickets, now).map(({ week, attainment: a }) => ({
      week: isoWeek(week),
      met: a.met,
      missed: a.missed,
      running: a.running,
      paused: a.paused,
      attainment: a.percent,
    })),
    bar: 'attainment',
  };
}

function openTicketsSection(open: readonly OpenTicketsRow[], now: Date): MetricsSection {
  const total = open.reduce((sum, r) => sum + r.count, 0);
  return {
    key: 'open_tickets',
    title: 'Open tickets by status',
    description: 'Every ticket not solved or closed right now, whenever it arrived, and how old the oldest one is (calendar days).',
    figures: [{ key: 'open', label: 'Open tickets', kind: 'count', value: total }],
    columns: [
      { key: 'status', label: 'Status', kind: 'text' },
      { key: 'tickets', label: 'Tickets', kind: 'count' },
      { key: 'oldestAgeDays', label: 'Oldest (days)', kind: 'days' },
    ],
    rows: open.map((r) => ({ status: r.status, tickets: r.count, oldestAgeDays: round1(Math.max(0, now.getTime() - r.oldestCreatedAt.getTime()) / DAY) })),
    bar: 'tickets',
  };
}

/** The inbox's sections for tickets that arrived in the period, and the open tickets now. */
export function inboxSections(
  calendar: TeamCalendar,
  period: Period,
  tickets: readonly TicketFacts[],
  open: readonly OpenTicketsRow[],
  now: Date,
): MetricsSection[] {
  // Tickets arrive in the period and are handled by now: the clock spans both.
  const today = calendar.dateOf(now);
  const clock = businessClock(calendar, period.from, today > period.to ? today : period.to);
  return [dispositionsSection(clock, period, tickets), handlingSection(clock, tickets), slaSection(clock, period, tickets, now), openTicketsSection(open, now)];
}
