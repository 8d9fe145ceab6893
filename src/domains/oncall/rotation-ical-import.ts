// Reads back a rotation exported by rotation-ical.ts. A file is hostile input: its size is capped,
// every event must be a shift or an override of one rotation, the shifts must follow the turn
// order their recurrence says, and the result passes the same validation as a rotation edited in
// the app. Anything else is refused with a message naming the event.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ValidationError } from '../errors.ts';
import { isOnCallRole } from './oncall-roles.ts';
import type { HandOver, Override, Participant, Rotation } from './oncall.types.ts';
import { firstShiftDate, validateRotation } from './rotation.ts';

export const MAX_ICAL_BYTES = 1024 * 1024;

const refuse = (message: string): never => {
  throw new ValidationError(`cannot import the rotation: ${message}`);
};

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : null;
}

function required(component: ICAL.Component, name: string, what: string): string {
  return text(component, name) ?? refuse(`${what} has no ${name.toUpperCase()}`);
}

function person(event: ICAL.Component, what: string): Participant {
  return { id: required(event, 'x-secdesk-person-id', what), name: required(event, 'x-secdesk-person-name', what) };
}

/** An instant from DTSTART/DTEND: UTC, or a wall time in its TZID; floating times are refused. */
function instant(event: ICAL.Component, name: 'dtstart' | 'dtend', what: string): Date {
  const property = event.getFirstProperty(name) ?? refuse(`${what} has no ${name.toUpperCase()}`);
  const time = property.getFirstValue() as ICAL.Time;
  if (time.zone?.tzid === 'UTC') return time.toJSDate();
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string') return refuse(`${what} has a floating ${name.toUpperCase()} (no time zone)`);
  const local = DateTime.fromObject(
    { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second },
    { zone: tzid },
  );
  return local.isValid ? local.toJSDate() : refuse(`${what} has an unknown time zone '${tzid}'`);
}

interface ShiftEvent {
  position: number;
  person: Participant;
  start: ICAL.Time;
  tzid: unknown;
  recur: ICAL.Recur | null;
  days: number;
}

function readShift(event: ICAL.Component, what: string): ShiftEvent {
  const start = event.getFirstProperty('dtstart') ?? refuse(`${what} has no DTSTART`);
  const duration = event.getFirstPropertyValue('duration') as ICAL.Duration | null;
  const recur = event.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  const position = Number(required(event, 'x-secdesk-position', what));
  return {
    position,
    person: person(event, what),
    start: start.getFirstValue() as ICAL.Time,
    tzid: start.getParameter('tzid'),
    recur,
    days: duration ? duration.toSeconds() / 86_400 : 0,
  };
}

/** Participants and hand-over from the shifts, checking each shift is where the turn order puts it. */
function schedule(shifts: ShiftEvent[], zone: string): { participants: Participant[]; handOver: HandOver; firstDate: DateTime } {
  shifts.sort((a, b) => a.position - b.position);
  const first = shifts[0]!;
  const period = first.recur?.freq === 'DAILY' ? 1 : first.recur?.freq === 'WEEKLY' ? 7 : refuse('a shift recurs neither daily nor weekly');
  const firstDate = DateTime.fromObject({ year: first.start.year, month: first.start.month, day: first.start.day }, { zone });
  const time = `${String(first.start.hour).padStart(2, '0')}:${String(first.start.minute).padStart(2, '0')}`;
  shifts.forEach((shift, i) => {
    const what = `the shift of ${shift.person.name}`;
    const expected = firstDate.plus({ days: i * period });
    const s = shift.start;
    if (shift.position !== i) refuse(`the shift positions are not 0 to ${shifts.length - 1}`);
    if (shift.tzid !== zone) refuse(`${what} is not in the rotation's time zone ${zone}`);
    if (shift.recur?.freq !== first.recur?.freq || (shift.recur?.interval ?? 1) !== shifts.length)
      refuse(`${what} does not recur every ${shifts.length} ${period === 1 ? 'days' : 'weeks'}`);
    if (shift.days !== period) refuse(`${what} does not last ${period === 1 ? 'one day' : 'one week'}`);
    if (s.year !== expected.year || s.month !== expected.month || s.day !== expected.day || s.hour !== first.start.hour || s.minute !== first.start.minute) {
      refuse(`${what} does not start where the turn order puts it`);
    }
  });
  const handOver: HandOver = period === 1 ? { kind: 'daily', time } : { kind: 'weekly', weekday: firstDate.weekday, time };
  return { participants: shifts.map((s) => s.person), handOver, firstDate };
}

/** X-SECDESK-HAND-OVER: "DAILY;09:00" or "WEEKLY;1;09:00" (ISO weekday), for a rotation without shifts. */
function handOverOf(value: string): HandOver {
  const daily = /^DAILY;(\d\d:\d\d)$/.exec(value);
  if (daily) return { kind: 'daily', time: daily[1]! };
  const weekly = /^WEEKLY;([1-7]);(\d\d:\d\d)$/.exec(value);
  if (weekly) return { kind: 'weekly', weekday: Number(weekly[1]), time: weekly[2]! };
  return refuse(`the hand-over '${value}' is neither DAILY;HH:MM nor WEEKLY;weekday;HH:MM`);
}

function readOverride(event: ICAL.Component, what: string): Override {
  const override: Override = { person: person(event, what), from: instant(event, 'dtstart', what), to: instant(event, 'dtend', what) };
  const reason = text(event, 'description');
  return reason ? { ...override, reason } : override;
}

function parse(source: string): ICAL.Component {
  if (Buffer.byteLength(source, 'utf8') > MAX_ICAL_BYTES) refuse(`the file is larger than ${MAX_ICAL_BYTES} bytes`);
  try {
    const calendar = new ICAL.Component(ICAL.parse(source) as unknown[]);
    return calendar.name === 'vcalendar' ? calendar : refuse('the file is not a VCALENDAR');
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    return refuse(`not an iCalendar file (${(err as Error).message})`);
  }
}

export function importRotation(source: string): Rotation {
  const calendar = parse(source);
  const zone = required(calendar, 'x-wr-timezone', 'the calendar');
  if (!DateTime.local().setZone(zone).isValid) refuse(`unknown time zone '${zone}'`);
  const role = text(calendar, 'x-secdesk-role');
  if (role !== null && !isOnCallRole(role)) refuse(`unknown on-call role '${role}'`);
  const shifts: ShiftEvent[] = [];
  const overrides: Override[] = [];
  calendar.getAllSubcomponents('vevent').forEach((event, index) => {
    const what = `event ${index + 1} (${text(event, 'summary') ?? 'no summary'})`;
    const kind = text(event, 'x-secdesk-kind');
    if (kind === 'shift') shifts.push(readShift(event, what));
    else if (kind === 'override') overrides.push(readOverride(event, what));
    else refuse(`${what} is neither a shift nor an override of a secdesk rotation`);
  });
  const turns = shifts.length ? schedule(shifts, zone) : null;
  const rotation: Rotation = {
    id: required(calendar, 'x-secdesk-rotation', 'the calendar'),
    name: required(calendar, 'x-wr-calname', 'the calendar'),
    timeZone: zone,
    participants: turns?.participants ?? [],
    handOver: turns?.handOver ?? handOverOf(required(calendar, 'x-secdesk-hand-over', 'the calendar')),
    startDate: text(calendar, 'x-secdesk-start-date') ?? turns?.firstDate.toISODate() ?? refuse('the calendar has neither shifts nor a start date'),
    overrides,
    ...(role ? { role: role as Rotation['role'] } : {}),
  };
  validateRotation(rotation);
  if (turns && !firstShiftDate(rotation).equals(turns.firstDate)) refuse('the start date does not match the first shift');
  return rotation;
}
