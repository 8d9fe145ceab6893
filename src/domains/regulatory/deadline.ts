// Deadline arithmetic of regulatory clocks. Pure: the calendar is passed in.
// Hours are elapsed time (72 h is 72 h across a daylight-saving change); business days count the
// team calendar's working days after the start day and end at the close (local midnight) of the
// last one, as "within four business days" is read.
import { addDays, nextWorkingDay, type TeamCalendar } from '../calendar/calendar.ts';
import type { ClockSpan } from './clock-definitions.ts';

const HOUR_MS = 3_600_000;

export function deadlineOf(span: ClockSpan, start: Date, calendar: TeamCalendar): Date {
  if ('hours' in span) return new Date(start.getTime() + span.hours * HOUR_MS);
  let date = calendar.dateOf(start);
  for (let i = 0; i < span.businessDays; i++) date = nextWorkingDay(calendar, date);
  return calendar.startOf(addDays(date, 1));
}

export interface ReminderPoint {
  at: Date;
  /** 0: the deadline itself. */
  hoursBefore: number;
}

/** The reminder instants and the deadline, earliest first. */
export function reminderPoints(due: Date, reminders: readonly number[]): ReminderPoint[] {
  const points = [...new Set([...reminders, 0])].map((h) => ({ at: new Date(due.getTime() - h * HOUR_MS), hoursBefore: h }));
  return points.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * What a reminder check does at `now`: remind for the latest point reached (one reminder, however
 * late the check runs) and check again at the next point.
 */
export function reminderCheck(points: readonly ReminderPoint[], now: Date): { remind: ReminderPoint | null; next: ReminderPoint | null } {
  const reached = points.filter((p) => p.at.getTime() <= now.getTime());
  return { remind: reached.at(-1) ?? null, next: points.find((p) => p.at.getTime() > now.getTime()) ?? null };
}

export type ClockState = 'running' | 'met' | 'not_applicable';

export interface ClockStatus {
  state: ClockState;
  /** Milliseconds until the deadline (negative once passed); null once the clock is stopped. */
  remainingMs: number | null;
  /** Running past its deadline. */
  overdue: boolean;
  /** Met after the deadline. */
  metLate: boolean;
}

export function clockStatus(clock: { state: ClockState; dueAt: Date; metAt: Date | null }, now: Date): ClockStatus {
  const running = clock.state === 'running';
  const remaining = clock.dueAt.getTime() - now.getTime();
  return {
    state: clock.state,
    remainingMs: running ? remaining : null,
    overdue: running && remaining < 0,
    metLate: clock.state === 'met' && clock.metAt !== null && clock.metAt.getTime() > clock.dueAt.getTime(),
  };
}

/** "2 days 3 h", "45 min": the time left (or past) in words. */
export function durationWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `${minutes} min`;
}

export function spanWords(span: ClockSpan): string {
  if ('hours' in span) return span.hours % 24 === 0 && span.hours >= 7 * 24 ? `${span.hours / 24} days` : `${span.hours} hours`;
  return `${span.businessDays} business day${span.businessDays === 1 ? '' : 's'}`;
}
