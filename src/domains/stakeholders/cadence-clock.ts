// The cadence clock of one engagement: when the next update to a stakeholder group is due, whether
// it is overdue, whether the backup DRI must be engaged, and how many updates were on time, late
// or missed. Pure: the caller gives every sent update and snooze, and the time now.
//
// Rules, at minute precision (every instant is floored to its minute):
// - The first update is due one cadence after the engagement; each update restarts the cadence.
// - An update by the due time (its minute included) is on time; within the grace period after it, late.
// - A due time whose grace period ends without an update is missed; the cadence then runs on from
//   that due time, so every cadence without an update counts once more.
// - From the first missed due time the backup DRI is due, until an update is sent.
// - A snooze (30 min, 1 h or 2 h, with a reason for the timeline) postpones the due time by that
//   much from the later of the due time and the snooze. It does not undo a miss.
// - A continuous cadence (on every update of the incident) has no due time.
// - An update that reached nobody in the group (no channel configured) is not an update to it: it
//   neither restarts the cadence nor counts as on time or late; it is counted as not delivered.
import { ValidationError } from '../errors.ts';
import { MAX_CADENCE_MINUTES } from './stakeholder-rules.ts';
import type { Cadence } from './stakeholders.types.ts';

export const SNOOZE_MINUTES = [30, 60, 120] as const;
export type SnoozeMinutes = (typeof SNOOZE_MINUTES)[number];
const MAX_REASON = 500;

export interface Snooze {
  at: Date;
  minutes: SnoozeMinutes;
  reason: string;
}

/** A status update addressed to the group: when, and whether any channel delivered it. */
export interface SentUpdate {
  at: Date;
  delivered: boolean;
}

export interface CadenceInput {
  engagedAt: Date;
  cadence: Cadence;
  updates: readonly SentUpdate[];
  snoozes: readonly Snooze[];
  graceMinutes: number;
  now: Date;
}

export interface CadenceState {
  /** Null for a continuous cadence. */
  nextDueAt: Date | null;
  overdue: boolean;
  /** When the backup DRI is (or was first) due if no update comes. */
  escalateAt: Date | null;
  /** The backup DRI must be engaged now. */
  escalate: boolean;
  /** The end of the last snooze, while it still holds the due time. */
  snoozedUntil: Date | null;
  onTime: number;
  late: number;
  missed: number;
  /** Updates addressed to the group that reached nobody: never counted as informed. */
  notDelivered: number;
}

const MINUTE = 60_000;
const floorMinute = (d: Date) => Math.floor(d.getTime() / MINUTE) * MINUTE;

export function validateSnooze(snooze: Snooze): void {
  if (!(SNOOZE_MINUTES as readonly number[]).includes(snooze.minutes))
    throw new ValidationError('a snooze is 30, 60 or 120 minutes', { allowed: SNOOZE_MINUTES });
  const reason = snooze.reason.trim();
  if (!reason || reason.length > MAX_REASON) throw new ValidationError(`a snooze needs a reason of 1 to ${MAX_REASON} characters`);
}

function validateInput(input: CadenceInput): void {
  const grace = input.graceMinutes;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_CADENCE_MINUTES)
    throw new ValidationError(`a grace period is a whole number of minutes from 0 to ${MAX_CADENCE_MINUTES}`);
  if (input.cadence.kind === 'every') {
    const { minutes } = input.cadence;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_CADENCE_MINUTES)
      throw new ValidationError(`a cadence is a whole number of minutes from 1 to ${MAX_CADENCE_MINUTES}`);
  }
  input.snoozes.forEach(validateSnooze);
}

type Event = { at: number; update: true } | { at: number; update: false; minutes: number };

function eventsOf(input: CadenceInput, from: number, now: number): Event[] {
  const events: Event[] = [
    ...input.updates.filter((u) => u.delivered).map((u) => ({ at: floorMinute(u.at), update: true as const })),
    ...input.snoozes.map((s) => ({ at: floorMinute(s.at), update: false as const, minutes: s.minutes })),
  ];
  // Updates before snoozes at the same minute: the update restarts the cadence, the snooze then holds.
  return events.filter((e) => e.at >= from && e.at <= now).sort((a, b) => a.at - b.at || Number(b.update) - Number(a.update));
}

export function cadenceState(input: CadenceInput): CadenceState {
  validateInput(input);
  const now = floorMinute(input.now);
  const start = floorMinute(input.engagedAt);
  const notDelivered = input.updates.filter((u) => !u.delivered && floorMinute(u.at) >= start && floorMinute(u.at) <= now).length;
  if (input.cadence.kind === 'continuous') {
    const sent = eventsOf(input, start, now).filter((e) => e.update).length;
    return { nextDueAt: null, overdue: false, escalateAt: null, escalate: false, snoozedUntil: null, onTime: sent, late: 0, missed: 0, notDelivered };
  }
  const every = input.cadence.minutes * MINUTE;
  // The due minute itself is still on time, so with no grace period a miss comes a minute later.
  const grace = Math.max(input.graceMinutes, 1) * MINUTE;
  const state = { due: start + every, missedSince: null as number | null, snoozedUntil: null as number | null, onTime: 0, late: 0, missed: 0 };
  /** Counts every due time whose grace period has ended by `t`, without looping per cadence. */
  const settle = (t: number) => {
    if (state.due + grace > t) return;
    const count = Math.floor((t - (state.due + grace)) / every) + 1;
    state.missedSince ??= state.due + grace;
    state.missed += count;
    state.due += count * every;
    state.snoozedUntil = null;
  };
  for (const event of eventsOf(input, start, now)) {
    settle(event.at);
    if (event.update) {
      if (event.at <= state.due) state.onTime += 1;
      else state.late += 1;
      Object.assign(state, { due: event.at + every, missedSince: null, snoozedUntil: null });
    } else {
      state.due = Math.max(state.due, event.at) + event.minutes * MINUTE;
      state.snoozedUntil = state.due;
    }
  }
  settle(now);
  return {
    nextDueAt: new Date(state.due),
    overdue: now > state.due,
    escalateAt: new Date(state.missedSince ?? state.due + grace),
    escalate: state.missedSince !== null,
    snoozedUntil: state.snoozedUntil === null ? null : new Date(state.snoozedUntil),
    onTime: state.onTime,
    late: state.late,
    missed: state.missed,
    notDelivered,
  };
}

/** An incident's counts over all its engagements, for its timeline and the dashboards. */
export function incidentUpdateCounts(states: readonly CadenceState[]): { onTime: number; late: number; missed: number; escalations: number } {
  return states.reduce(
    (sum, s) => ({
      onTime: sum.onTime + s.onTime,
      late: sum.late + s.late,
      missed: sum.missed + s.missed,
      escalations: sum.escalations + (s.escalate ? 1 : 0),
    }),
    { onTime: 0, late: 0, missed: 0, escalations: 0 },
  );
}
