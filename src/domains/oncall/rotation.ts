// Who is on call: shifts follow the hand-over on the rotation's wall clock, so a 09:00 hand-over
// stays at 09:00 local across daylight-saving changes (that week is an hour shorter or longer).
// A hand-over time that does not exist on a spring-forward day happens at the first moment after
// the gap; an ambiguous one on a fall-back day at its first occurrence (as RFC 5545 reads them).
import { DateTime } from 'luxon';
import { ValidationError } from '../errors.ts';
import type { Override, Rotation, Shift } from './oncall.types.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PARTICIPANTS = 200;
const MAX_OVERRIDES = 1000;

export const periodDays = (rotation: Rotation) => (rotation.handOver.kind === 'daily' ? 1 : 7);

function handOverTime(rotation: Rotation): { hour: number; minute: number } {
  const [, hour, minute] = TIME.exec(rotation.handOver.time)!;
  return { hour: Number(hour), minute: Number(minute) };
}

/** The hand-over instant on a local date. */
export function handOverOn(rotation: Rotation, date: DateTime): DateTime {
  const wall = { year: date.year, month: date.month, day: date.day, ...handOverTime(rotation) };
  const candidate = DateTime.fromObject(wall, { zone: rotation.timeZone });
  // Luxon resolves an ambiguous wall time (fall-back) to its later occurrence; RFC 5545, and so
  // every calendar the schedule is exported to, to the earlier one. Take the earlier one.
  const shift = DateTime.fromMillis(candidate.toMillis() - 6 * 3_600_000, { zone: rotation.timeZone }).offset - candidate.offset;
  if (shift <= 0) return candidate;
  const earlier = candidate.minus({ minutes: shift });
  return earlier.hour === candidate.hour && earlier.minute === candidate.minute ? earlier : candidate;
}

/** The local date of the first shift: the start date, or the first hand-over weekday on or after it. */
export function firstShiftDate(rotation: Rotation): DateTime {
  const start = DateTime.fromISO(rotation.startDate, { zone: rotation.timeZone });
  if (rotation.handOver.kind === 'daily') return start;
  return start.plus({ days: (rotation.handOver.weekday - start.weekday + 7) % 7 });
}

export function firstHandOver(rotation: Rotation): Date {
  return handOverOn(rotation, firstShiftDate(rotation)).toJSDate();
}

/** Whole calendar days from one local date to another (DST-proof: counted on dates, not hours). */
const daysBetween = (a: DateTime, b: DateTime) => Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

/** The rotation's own shift at an instant, ignoring overrides; null before the start or without participants. */
export function rotationShiftAt(rotation: Rotation, at: Date): Shift | null {
  const count = rotation.participants.length;
  if (count === 0) return null;
  const first = firstShiftDate(rotation);
  const period = periodDays(rotation);
  const local = DateTime.fromJSDate(at, { zone: rotation.timeZone });
  let index = Math.floor(daysBetween(first, local) / period);
  if (handOverOn(rotation, first.plus({ days: index * period })).toJSDate() > at) index -= 1;
  if (index < 0) return null;
  const from = handOverOn(rotation, first.plus({ days: index * period }));
  const to = handOverOn(rotation, first.plus({ days: (index + 1) * period }));
  return { person: rotation.participants[index % count]!, from: from.toJSDate(), to: to.toJSDate(), source: 'rotation' };
}

export function overrideAt(rotation: Rotation, at: Date): Override | null {
  return rotation.overrides.findLast((o) => o.from <= at && at < o.to) ?? null;
}

/** Who is on call at an instant: an override if one covers it, else the rotation's shift. */
export function whoIsOnCall(rotation: Rotation, at: Date): Shift | null {
  const override = overrideAt(rotation, at);
  if (override) return { person: override.person, from: override.from, to: override.to, source: 'override' };
  return rotationShiftAt(rotation, at);
}

/** Refuses a rotation that cannot be scheduled; gaps in cover are warnings (rotation-gaps.ts). */
export function validateRotation(rotation: Rotation): void {
  const fail = (message: string) => {
    throw new ValidationError(`rotation '${rotation.name}': ${message}`);
  };
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(rotation.id)) fail('an id is 1 to 100 letters, digits, dots, hyphens or underscores');
  if (!rotation.name.trim() || rotation.name.length > 200) fail('a name of 1 to 200 characters is required');
  if (!DateTime.local().setZone(rotation.timeZone).isValid) fail(`unknown time zone '${rotation.timeZone}'`);
  if (!TIME.test(rotation.handOver.time)) fail(`the hand-over time '${rotation.handOver.time}' is not HH:MM`);
  if (
    rotation.handOver.kind === 'weekly' &&
    !(Number.isInteger(rotation.handOver.weekday) && rotation.handOver.weekday >= 1 && rotation.handOver.weekday <= 7)
  ) {
    fail('the hand-over weekday is 1 (Monday) to 7 (Sunday)');
  }
  if (!DATE.test(rotation.startDate) || !DateTime.fromISO(rotation.startDate).isValid) fail(`the start date '${rotation.startDate}' is not YYYY-MM-DD`);
  if (rotation.participants.length > MAX_PARTICIPANTS) fail(`at most ${MAX_PARTICIPANTS} participants`);
  const ids = new Set<string>();
  for (const p of rotation.participants) {
    if (!p.id.trim() || !p.name.trim()) fail('every participant needs an id and a name');
    if (ids.has(p.id)) fail(`${p.name} takes part twice`);
    ids.add(p.id);
  }
  if (rotation.overrides.length > MAX_OVERRIDES) fail(`at most ${MAX_OVERRIDES} overrides`);
  for (const o of rotation.overrides) {
    if (!o.person.id.trim() || !o.person.name.trim()) fail('every override needs a person');
    if (Number.isNaN(o.from.getTime()) || Number.isNaN(o.to.getTime()) || o.from >= o.to) fail(`the override for ${o.person.name} must end after it starts`);
  }
}
