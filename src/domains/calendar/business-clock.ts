// Business time for many intervals within a known span of days (the metrics over thousands of
// tickets): the span's days are laid out once, then each interval is two look-ups instead of a walk
// over its days. Gives exactly what businessTimeBetween gives; instants outside the span fall back to it.
import { BUSINESS_DAY_MS, businessTimeBetween, wallOffset } from './business-time.ts';
import { addDays, type IsoDate, type TeamCalendar } from './calendar.ts';

export interface BusinessClock {
  /** businessTimeBetween(calendar, from, to). */
  between(from: Date, to: Date): number;
  /** calendar.dateOf(instant). */
  dateOf(instant: Date): IsoDate;
}

interface Day {
  date: IsoDate;
  start: number;
  end: number;
  working: boolean;
  /** Business time of the span's earlier days. */
  before: number;
}

/** A clock for instants on the local days first…last (both included). */
export function businessClock(calendar: TeamCalendar, first: IsoDate, last: IsoDate): BusinessClock {
  const days: Day[] = [];
  let before = 0;
  let start = calendar.startOf(first).getTime();
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const end = calendar.startOf(addDays(date, 1)).getTime();
    const working = calendar.isWorkingDay(date);
    days.push({ date, start, end, working, before });
    if (working) before += BUSINESS_DAY_MS;
    start = end;
  }

  const dayOf = (ms: number): Day | null => {
    let lo = 0;
    let hi = days.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const day = days[mid]!;
      if (ms < day.start) hi = mid - 1;
      else if (ms >= day.end) lo = mid + 1;
      else return day;
    }
    return null;
  };
  /** Business time from the span's start to the instant; null outside the span. */
  const elapsed = (instant: Date): number | null => {
    const day = dayOf(instant.getTime());
    if (!day) return null;
    if (!day.working) return day.before;
    // Days are measured on the wall clock: on a daylight-saving change the elapsed time differs.
    const offset = day.end - day.start === BUSINESS_DAY_MS ? instant.getTime() - day.start : wallOffset(calendar, instant);
    return day.before + offset;
  };

  return {
    between(from, to) {
      if (to <= from) return 0;
      const a = elapsed(from);
      const b = elapsed(to);
      return a === null || b === null ? businessTimeBetween(calendar, from, to) : Math.max(0, b - a);
    },
    dateOf(instant) {
      return dayOf(instant.getTime())?.date ?? calendar.dateOf(instant);
    },
  };
}
