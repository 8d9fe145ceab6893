// A rotation as iCalendar (RFC 5545), to subscribe to in any calendar and to import back.
// Each participant's turns are one recurring event: DTSTART at their first hand-over on the
// rotation's wall clock (TZID + VTIMEZONE), DURATION of one period (nominal days, so DST-proof),
// RRULE every <participants> days or weeks. Overrides are single events in UTC. X-SECDESK-*
// properties carry what a calendar does not (ids, the turn order) so the import is exact.
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Override, Rotation } from './oncall.types.ts';
import { firstShiftDate, periodDays } from './rotation.ts';

const PRODID = '-//secdesk//on-call rotation//EN';

/** The zone's VTIMEZONE, named exactly as the events' TZID (the library may know it by an alias). */
function timezoneComponent(zone: string): ICAL.Component | null {
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block) || !block[0]) return null;
  const component = new ICAL.Component(ICAL.parse(block[0]) as unknown[]);
  component.updatePropertyWithValue('tzid', zone);
  return component;
}

/** A property escaped as TEXT: ical.js leaves X- properties raw, and a name is user input. */
function setText(component: ICAL.Component, name: string, value: string): void {
  const property = new ICAL.Property(name, component);
  property.resetType('text');
  property.setValue(value);
  component.removeAllProperties(name);
  component.addProperty(property);
}

function personProps(event: ICAL.Component, person: { id: string; name: string }): void {
  setText(event, 'x-secdesk-person-id', person.id);
  setText(event, 'x-secdesk-person-name', person.name);
}

function shiftEvent(rotation: Rotation, position: number, stamp: ICAL.Time): ICAL.Component {
  const period = periodDays(rotation);
  const date = firstShiftDate(rotation).plus({ days: position * period });
  const [hour, minute] = rotation.handOver.time.split(':').map(Number);
  const person = rotation.participants[position]!;
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', `${rotation.id}.shift.${position}@secdesk`);
  event.updatePropertyWithValue('dtstamp', stamp);
  const start = event.updatePropertyWithValue(
    'dtstart',
    ICAL.Time.fromData({ year: date.year, month: date.month, day: date.day, hour: hour!, minute: minute!, second: 0, isDate: false }),
  );
  start.setParameter('tzid', rotation.timeZone);
  event.updatePropertyWithValue('duration', ICAL.Duration.fromData({ days: period }));
  event.updatePropertyWithValue('rrule', ICAL.Recur.fromData({ freq: period === 1 ? 'DAILY' : 'WEEKLY', interval: rotation.participants.length }));
  event.updatePropertyWithValue('summary', `On call: ${person.name}`);
  setText(event, 'x-secdesk-kind', 'shift');
  setText(event, 'x-secdesk-position', String(position));
  personProps(event, person);
  return event;
}

function overrideEvent(rotation: Rotation, override: Override, index: number, stamp: ICAL.Time): ICAL.Component {
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', `${rotation.id}.override.${override.from.getTime()}.${index}@secdesk`);
  event.updatePropertyWithValue('dtstamp', stamp);
  event.updatePropertyWithValue('dtstart', ICAL.Time.fromJSDate(override.from, true));
  event.updatePropertyWithValue('dtend', ICAL.Time.fromJSDate(override.to, true));
  event.updatePropertyWithValue('summary', `On call (override): ${override.person.name}`);
  if (override.reason) event.updatePropertyWithValue('description', override.reason);
  setText(event, 'x-secdesk-kind', 'override');
  personProps(event, override.person);
  return event;
}

export function exportRotation(rotation: Rotation, generatedAt: Date): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  const props: [string, string][] = [
    ['prodid', PRODID],
    ['version', '2.0'],
    ['calscale', 'GREGORIAN'],
    ['x-wr-calname', rotation.name],
    ['x-wr-timezone', rotation.timeZone],
    ['x-secdesk-rotation', rotation.id],
    ['x-secdesk-start-date', rotation.startDate],
  ];
  const { handOver } = rotation;
  props.push(['x-secdesk-hand-over', handOver.kind === 'daily' ? `DAILY;${handOver.time}` : `WEEKLY;${handOver.weekday};${handOver.time}`]);
  if (rotation.role) props.push(['x-secdesk-role', rotation.role]);
  for (const [name, value] of props) setText(calendar, name, value);
  const zone = timezoneComponent(rotation.timeZone);
  if (zone) calendar.addSubcomponent(zone);
  const stamp = ICAL.Time.fromJSDate(new Date(Math.floor(generatedAt.getTime() / 1000) * 1000), true);
  rotation.participants.forEach((_, position) => {
    calendar.addSubcomponent(shiftEvent(rotation, position, stamp));
  });
  rotation.overrides.forEach((override, index) => {
    calendar.addSubcomponent(overrideEvent(rotation, override, index, stamp));
  });
  return calendar.toString();
}
