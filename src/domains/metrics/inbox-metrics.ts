// The security inbox in figures, for tickets that arrived in a period: how they were handled, how
// long first handling took in business time, and how often the first-handling SLA (sla.ts) was met.
// Pure: the caller reads the tickets; business time comes from the team calendar, through a
// business clock laid out once for the period (calendar/business-clock.ts).
import type { BusinessClock } from '../calendar/business-clock.ts';
import { FIRST_HANDLING_TARGET_MS } from '../tickets/sla.ts';
import { DISPOSITIONS, type Disposition } from '../tickets/tickets.types.ts';
import type { IsoDate } from '../calendar/calendar.ts';
import type { Period, TicketFacts } from './metrics.types.ts';
import { weekStart, weeksOf } from './period.ts';

const HOUR = 3_600_000;

export type DispositionKey = Disposition | 'none';
export const DISPOSITION_KEYS: readonly DispositionKey[] = [...DISPOSITIONS, 'none'];

export interface WeekDispositions {
  week: IsoDate;
  counts: Record<DispositionKey, number>;
  total: number;
}

/** The ISO week (its Monday, in the team's zone) a ticket arrived in; one calendar look-up per day. */
export function arrivalWeeks(clock: BusinessClock): (t: Pick<TicketFacts, 'createdAt'>) => IsoDate {
  const weeks = new Map<IsoDate, IsoDate>();
  return (t) => {
    const date = clock.dateOf(t.createdAt);
    let week = weeks.get(date);
    if (week === undefined) weeks.set(date, (week = weekStart(date)));
    return week;
  };
}

function emptyCounts(): Record<DispositionKey, number> {
  return Object.fromEntries(DISPOSITION_KEYS.map((k) => [k, 0])) as Record<DispositionKey, number>;
}

/** Tickets by disposition per arrival week, every week of the period listed; 'none' while undecided. */
export function dispositionsByWeek(clock: BusinessClock, period: Period, tickets: readonly TicketFacts[]): WeekDispositions[] {
  const weeks = new Map(weeksOf(period).map((week) => [week, { week, counts: emptyCounts(), total: 0 }]));
  const weekOf = arrivalWeeks(clock);
  for (const t of tickets) {
    const row = weeks.get(weekOf(t));
    if (!row) continue;
    row.counts[t.disposition ?? 'none'] += 1;
    row.total += 1;
  }
  return [...weeks.values()];
}

/**
 * Business time from arrival to first handling, the SLA clock's pauses (waiting on the requester)
 * left out, as the due time leaves them out. null while unhandled.
 */
export function firstHandlingBusinessMs(clock: BusinessClock, t: TicketFacts): number | null {
  const handled = t.firstHandledAt;
  if (!handled) return null;
  const pauses = t.slaPausedSince ? [...t.slaPauses, { from: t.slaPausedSince, to: handled }] : t.slaPauses;
  let paused = 0;
  for (const pause of pauses) {
    const from = pause.from > t.createdAt ? pause.from : t.createdAt;
    const to = pause.to < handled ? pause.to : handled;
    paused += clock.between(from, to);
  }
  return Math.max(0, clock.between(t.createdAt, handled) - paused);
}

export interface Bucket {
  key: string;
  label: string;
  /** Business milliseconds: [from, to); to null means no upper end. */
  from: number;
  to: number | null;
  /** The bucket lies within the first-handling target (one business day = 24 business hours). */
  withinTarget: boolean;
}

const DAY = FIRST_HANDLING_TARGET_MS;
/** Business hours; a business day is a whole working day (24 h, see business-time.ts), the SLA target. */
export const HANDLING_BUCKETS: readonly Bucket[] = [
  { key: 'under_1h', label: 'under 1 h', from: 0, to: HOUR, withinTarget: true },
  { key: '1h_4h', label: '1–4 h', from: HOUR, to: 4 * HOUR, withinTarget: true },
  { key: '4h_8h', label: '4–8 h', from: 4 * HOUR, to: 8 * HOUR, withinTarget: true },
  { key: '8h_1d', label: '8 h – 1 business day', from: 8 * HOUR, to: DAY, withinTarget: true },
  { key: '1d_2d', label: '1–2 business days', from: DAY, to: 2 * DAY, withinTarget: false },
  { key: 'over_2d', label: 'over 2 business days', from: 2 * DAY, to: null, withinTarget: false },
];

export interface HandlingDistribution {
  handled: number;
  unhandled: number;
  buckets: { bucket: Bucket; count: number }[];
  /** Business milliseconds (nearest rank); null when nothing was handled. */
  p50: number | null;
  p90: number | null;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** How long first handling took, for tickets with an SLA (noise without one is left out). */
export function handlingDistribution(clock: BusinessClock, tickets: readonly TicketFacts[]): HandlingDistribution {
  const times: number[] = [];
  let unhandled = 0;
  for (const t of tickets) {
    if (!t.slaDueAt) continue;
    const ms = firstHandlingBusinessMs(clock, t);
    if (ms === null) unhandled += 1;
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const buckets = HANDLING_BUCKETS.map((bucket) => ({
    bucket,
    count: times.filter((ms) => ms >= bucket.from && (bucket.to === null || ms < bucket.to)).length,
  }));
  return { handled: times.length, unhandled, buckets, p50: percentile(times, 50), p90: percentile(times, 90) };
}

/**
 * A ticket against its first-handling SLA, as of now: met (handled by the due time), missed
 * (handled later, or unhandled past due), running (unhandled, not yet due), paused (the clock is
 * stopped), or none (noise, no SLA).
 */
export type SlaOutcome = 'met' | 'missed' | 'running' | 'paused' | 'none';

export function slaOutcome(t: TicketFacts, now: Date): SlaOutcome {
  if (!t.slaDueAt) return 'none';
  if (t.firstHandledAt) return t.firstHandledAt <= t.slaDueAt ? 'met' : 'missed';
  if (t.slaPausedSince) return 'paused';
  return t.slaDueAt <= now ? 'missed' : 'running';
}

export interface Attainment {
  met: number;
  missed: number;
  running: number;
  paused: number;
  none: number;
  /** met / (met + missed) in percent; null when no ticket has fallen due or been handled. */
  percent: number | null;
}

export function attainment(tickets: readonly TicketFacts[], now: Date): Attainment {
  const counts = { met: 0, missed: 0, running: 0, paused: 0, none: 0 };
  for (const t of tickets) counts[slaOutcome(t, now)] += 1;
  const decided = counts.met + counts.missed;
  return { ...counts, percent: decided === 0 ? null : round1((100 * counts.met) / decided) };
}

/** SLA attainment per arrival week, every week of the period listed. */
export function attainmentByWeek(
  clock: BusinessClock,
  period: Period,
  tickets: readonly TicketFacts[],
  now: Date,
): { week: IsoDate; attainment: Attainment }[] {
  const byWeek = new Map<IsoDate, TicketFacts[]>(weeksOf(period).map((week) => [week, []]));
  const weekOf = arrivalWeeks(clock);
  for (const t of tickets) byWeek.get(weekOf(t))?.push(t);
  return [...byWeek].map(([week, list]) => ({ week, attainment: attainment(list, now) }));
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
