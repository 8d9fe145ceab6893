// Business time: time that runs only on the calendar's working days, whole days from local
// midnight to midnight. "One business day" after Wednesday 10:00 is Thursday 10:00, or Friday
// 10:00 when Thursday is a holiday; a message that arrives on a Saturday is due at the end of
// Monday (Tuesday 00:00 local). Days are measured on the wall clock, so a due time keeps its local
// hour across daylight-saving changes.
import { DateTime } from 'luxon';
import { addDays, nextWorkingDay, type IsoDate, type TeamCalendar } from './calendar.ts';

export const BUSINESS_DAY_MS = 24 * 3_600_000;

/** Wall-clock milliseconds since local midnight. */
export function wallOffset(calendar: TeamCalendar, instant: Date): number {
  const local = DateTime.fromJSDate(instant, { zone: calendar.settings.timeZone });
  return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
}

/** The instant of a wall-clock offset on a local date (offset 24 h = the next day's midnight). */
function instantAt(calendar: TeamCalendar, date: IsoDate, offsetMs: number): Date {
  if (offsetMs >= BUSINESS_DAY_MS) return calendar.startOf(addDays(date, 1));
  return DateTime.fromISO(date, { zone: calendar.settings.timeZone }).plus({ milliseconds: offsetMs }).toJSDate();
}

/** The first business moment at or after an instant: itself on a working day, else the next working day's start. */
function businessStart(calendar: TeamCalendar, instant: Date): { date: IsoDate; offset: number } {
  const date = calendar.dateOf(instant);
  if (calendar.isWorkingDay(date)) return { date, offset: wallOffset(calendar, instant) };
  return { date: nextWorkingDay(calendar, date), offset: 0 };
}

export function addBusinessTime(calendar: TeamCalendar, start: Date, durationMs: number): Date {
  if (durationMs < 0) throw new RangeError('business time cannot be negative');
  let { date, offset } = businessStart(calendar, start);
  let remaining = durationMs;
  for (;;) {
    const left = BUSINESS_DAY_MS - offset;
    if (remaining <= left) return instantAt(calendar, date, offset + remaining);
    remaining -= left;
    date = nextWorkingDay(calendar, date);
    offset = 0;
  }
}

export function addBusinessDays(calendar: TeamCalendar, start: Date, days: number): Date {
  return addBusinessTime(calendar, start, days * BUSINESS_DAY_MS);
}

/** Business time in [from, to): the working-day part of that interval, on the wall clock. */
export function businessTimeBetween(calendar: TeamCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  const first = calendar.dateOf(from);
  const last = calendar.dateOf(to);
  let total = 0;
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    const start = date === first ? wallOffset(calendar, from) : 0;
    const end = date === last ? wallOffset(calendar, to) : BUSINESS_DAY_MS;
    total += Math.max(0, end - start);
  }
  return total;
}

export interface Pause {
  from: Date;
  /** null: still paused. */
  to: Date | null;
}

/**
 * When a target of business time falls due for something received at `receivedAt`, not counting
 * the pauses (waiting on the requester). null while a pause is open: the clock is stopped.
 */
export function dueAt(calendar: TeamCalendar, receivedAt: Date, targetMs: number, pauses: Pause[] = []): Date | null {
  let paused = 0;
  for (let round = 0; round <= pauses.length + 1; round++) {
    const due = addBusinessTime(calendar, receivedAt, targetMs + paused);
    let counted = 0;
    for (const pause of pauses) {
      if (pause.from >= due) continue;
      if (pause.to === null) return null;
      const from = pause.from > receivedAt ? pause.from : receivedAt;
      counted += businessTimeBetween(calendar, from, pause.to < due ? pause.to : due);
    }
    if (counted === paused) return due;
    paused = counted;
  }
  return addBusinessTime(calendar, receivedAt, targetMs + paused);
}
