// A team's calendar: its time zone, working weekdays, public holidays (from the maintained
// date-holidays library, observed dates included) and its own closure days. Pure: no I/O.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** A calendar date in the team's zone, YYYY-MM-DD. */
export type IsoDate = string;

export interface CalendarSettings {
  timeZone: string;
  workingDays: Weekday[];
  /** Public holidays to observe; null for none. */
  holidays: { country: string; state?: string; region?: string } | null;
  /** Extra days off (e.g. a company closure). */
  closures: IsoDate[];
  /** Days that are worked although the weekday or a holiday says otherwise. */
  extraWorkingDays: IsoDate[];
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: 'America/New_York',
  workingDays: [1, 2, 3, 4, 5],
  holidays: { country: 'US' },
  closures: [],
  extraWorkingDays: [],
};

export interface TeamCalendar {
  readonly settings: CalendarSettings;
  /** The local calendar date of an instant in the team's zone. */
  dateOf(instant: Date): IsoDate;
  /** The instant a local date starts (its midnight, or the first valid time on a DST change). */
  startOf(date: IsoDate): Date;
  isWorkingDay(date: IsoDate): boolean;
  /** The holiday's name, when the date is a holiday observed by this calendar. */
  holidayOn(date: IsoDate): string | null;
  holidaysBetween(from: IsoDate, to: IsoDate): { date: IsoDate; name: string }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

export function weekdayOf(date: IsoDate): Weekday {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday as Weekday;
}

function checkSettings(settings: CalendarSettings): void {
  if (!DateTime.local().setZone(settings.timeZone).isValid) throw new RangeError(`unknown time zone ${settings.timeZone}`);
  if (settings.workingDays.length === 0) throw new RangeError('a calendar needs at least one working weekday');
  for (const date of [...settings.closures, ...settings.extraWorkingDays]) {
    if (!ISO_DATE.test(date) || !DateTime.fromISO(date).isValid) throw new RangeError(`not a date: ${date}`);
  }
}

function holidaySource(settings: CalendarSettings): Holidays | null {
  if (!settings.holidays) return null;
  const { country, state, region } = settings.holidays;
  const source = new Holidays();
  if (!source.getCountries()[country] || (state && !source.getStates(country)?.[state])) {
    throw new RangeError(`no holiday calendar for ${[country, state, region].filter(Boolean).join('-')}`);
  }
  source.init(country, state ?? '', region ?? '', { types: ['public'] });
  return source;
}

export function createCalendar(settings: CalendarSettings = DEFAULT_CALENDAR): TeamCalendar {
  checkSettings(settings);
  const source = holidaySource(settings);
  const byYear = new Map<number, Map<IsoDate, string>>();
  const closures = new Set(settings.closures);
  const extra = new Set(settings.extraWorkingDays);
  const workingDays = new Set<number>(settings.workingDays);

  const holidaysOf = (year: number): Map<IsoDate, string> => {
    let found = byYear.get(year);
    if (!found) {
      // The library gives local dates ("2026-07-03 00:00:00"), substitute (observed) days included.
      found = new Map((source?.getHolidays(year) ?? []).map((h) => [h.date.slice(0, 10), h.name] as const));
      byYear.set(year, found);
    }
    return found;
  };
  const holidayOn = (date: IsoDate) => holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;

  return {
    settings,
    dateOf: (instant) => DateTime.fromJSDate(instant, { zone: settings.timeZone }).toISODate()!,
    startOf: (date) => DateTime.fromISO(date, { zone: settings.timeZone }).startOf('day').toJSDate(),
    holidayOn,
    isWorkingDay(date) {
      if (extra.has(date)) return true;
      if (closures.has(date) || holidayOn(date) !== null) return false;
      return workingDays.has(weekdayOf(date));
    },
    holidaysBetween(from, to) {
      const out: { date: IsoDate; name: string }[] = [];
      for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
        for (const [date, name] of holidaysOf(year)) if (date >= from && date <= to) out.push({ date, name });
      }
      return out.sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

export function nextWorkingDay(calendar: TeamCalendar, after: IsoDate): IsoDate {
  let date = addDays(after, 1);
  for (let guard = 0; !calendar.isWorkingDay(date); guard++) {
    if (guard > 366) throw new RangeError('no working day within a year');
    date = addDays(date, 1);
  }
  return date;
}

export function previousWorkingDay(calendar: TeamCalendar, before: IsoDate): IsoDate {
  let date = addDays(before, -1);
  for (let guard = 0; !calendar.isWorkingDay(date); guard++) {
    if (guard > 366) throw new RangeError('no working day within a year');
    date = addDays(date, -1);
  }
  return date;
}

/** A calendar that reads `current()` on every use: the team's time zone and holidays follow a setting changed in the app. */
export function liveCalendar(current: () => TeamCalendar): TeamCalendar {
  return {
    get settings() {
      return current().settings;
    },
    dateOf: (instant) => current().dateOf(instant),
    startOf: (date) => current().startOf(date),
    isWorkingDay: (date) => current().isWorkingDay(date),
    holidayOn: (date) => current().holidayOn(date),
    holidaysBetween: (from, to) => current().holidaysBetween(from, to),
  };
}
