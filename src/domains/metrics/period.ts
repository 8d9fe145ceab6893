// The metrics period: whole local days on the team calendar, grouped in ISO weeks that start on
// Monday in the team's time zone.
import { DateTime } from 'luxon';
import { addDays, weekdayOf, type IsoDate, type TeamCalendar } from '../calendar/calendar.ts';
import { ValidationError } from '../errors.ts';
import type { Period } from './metrics.types.ts';

/** Without a start, the period covers the 12 weeks up to its end. */
export const DEFAULT_WEEKS = 12;
/** A longer period is one export of its own, not a dashboard: keep the work on the event loop bounded. */
export const MAX_PERIOD_DAYS = 2 * 366;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday that starts a date's ISO week. */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** The ISO week's name, e.g. 2026-W48. */
export function isoWeek(monday: IsoDate): string {
  return DateTime.fromISO(monday, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

/** The Mondays of every week the period touches, in order. */
export function weeksOf(period: Period): IsoDate[] {
  const weeks: IsoDate[] = [];
  for (let monday = weekStart(period.from); monday <= period.to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

function checkDate(value: string, name: string): IsoDate {
  if (!ISO_DATE.test(value) || !DateTime.fromISO(value).isValid) throw new ValidationError(`${name} must be a date (YYYY-MM-DD)`);
  return value;
}

/** The asked period; a missing end is today, a missing start is 12 weeks before the end's week. */
export function periodOf(calendar: TeamCalendar, now: Date, asked: { from?: string | undefined; to?: string | undefined }): Period {
  const to = asked.to === undefined ? calendar.dateOf(now) : checkDate(asked.to, 'to');
  const from = asked.from === undefined ? addDays(weekStart(to), -7 * (DEFAULT_WEEKS - 1)) : checkDate(asked.from, 'from');
  if (from > to) throw new ValidationError('from must not be after to');
  if (addDays(from, MAX_PERIOD_DAYS) < to) throw new ValidationError(`a period spans at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** The period as instants: [start of from, start of the day after to). */
export function periodBounds(calendar: TeamCalendar, period: Period): { start: Date; end: Date } {
  return { start: calendar.startOf(period.from), end: calendar.startOf(addDays(period.to, 1)) };
}
