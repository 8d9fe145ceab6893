// Delivery days for batched work such as compliance reports: fixed weekdays (Monday and Thursday
// by default); a delivery day that is not a working day moves to the next working day (or the
// previous one, or is skipped), and two deliveries that land on one day become one.
import { addDays, nextWorkingDay, previousWorkingDay, weekdayOf, type IsoDate, type TeamCalendar, type Weekday } from './calendar.ts';

export type HolidayShift = 'next-working-day' | 'previous-working-day' | 'skip';

export interface DeliverySchedule {
  weekdays: Weekday[];
  shift: HolidayShift;
}

export const DEFAULT_DELIVERY: DeliverySchedule = { weekdays: [1, 4], shift: 'next-working-day' };

function shifted(calendar: TeamCalendar, date: IsoDate, shift: HolidayShift): IsoDate | null {
  if (calendar.isWorkingDay(date)) return date;
  if (shift === 'skip') return null;
  return shift === 'next-working-day' ? nextWorkingDay(calendar, date) : previousWorkingDay(calendar, date);
}

/** Delivery dates within [from, to], in order. */
export function deliveryDaysBetween(calendar: TeamCalendar, from: IsoDate, to: IsoDate, schedule: DeliverySchedule = DEFAULT_DELIVERY): IsoDate[] {
  const found = new Set<IsoDate>();
  // Scheduled days just outside the range may shift into it.
  for (let date = addDays(from, -14); date <= addDays(to, 14); date = addDays(date, 1)) {
    if (!schedule.weekdays.includes(weekdayOf(date))) continue;
    const day = shifted(calendar, date, schedule.shift);
    if (day && day >= from && day <= to) found.add(day);
  }
  return [...found].sort();
}

/** The first delivery date on or after `from`. */
export function nextDeliveryDay(calendar: TeamCalendar, from: IsoDate, schedule: DeliverySchedule = DEFAULT_DELIVERY): IsoDate {
  for (let window = 0; window < 53; window++) {
    const start = addDays(from, window * 7);
    const [first] = deliveryDaysBetween(calendar, start, addDays(start, 6), schedule);
    if (first) return first;
  }
  throw new RangeError('no delivery day within a year');
}
