// When the next compliance delivery runs: on the next delivery day (delivery-days.ts) at the
// team's configured local time; a request that arrives after that time on a delivery day waits
// for the following one.
import { DateTime } from 'luxon';
import { addDays, type IsoDate, type TeamCalendar } from '../calendar/calendar.ts';
import { DEFAULT_DELIVERY, nextDeliveryDay, type DeliverySchedule } from '../calendar/delivery-days.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function runOn(calendar: TeamCalendar, date: IsoDate, time: string): Date {
  const [, hour, minute] = TIME.exec(time) ?? [];
  if (hour === undefined || minute === undefined) throw new RangeError(`not a time of day (HH:MM): ${time}`);
  return DateTime.fromISO(date, { zone: calendar.settings.timeZone })
    .set({ hour: Number(hour), minute: Number(minute) })
    .toJSDate();
}

/** The first delivery run strictly after `now`. */
export function nextDeliveryRun(calendar: TeamCalendar, now: Date, time: string, schedule: DeliverySchedule = DEFAULT_DELIVERY): { date: IsoDate; at: Date } {
  let date = nextDeliveryDay(calendar, calendar.dateOf(now), schedule);
  let at = runOn(calendar, date, time);
  if (at.getTime() <= now.getTime()) {
    date = nextDeliveryDay(calendar, addDays(date, 1), schedule);
    at = runOn(calendar, date, time);
  }
  return { date, at };
}

/** A delivery date as the requester reads it, e.g. "Friday, 27 November 2026". */
export const formatDeliveryDate = (date: IsoDate): string => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('cccc, d LLLL yyyy');
