// On-call rotations: participants take turns, handing over daily or weekly at a local time in the
// rotation's time zone; overrides put someone else on call for a while.
import type { OnCallRole } from './oncall-roles.ts';

export interface Participant {
  /** A user id or another stable key. */
  id: string;
  name: string;
}

/** Local wall-clock time 'HH:MM'; `weekday` is ISO (1 = Monday … 7 = Sunday). */
export type HandOver = { kind: 'daily'; time: string } | { kind: 'weekly'; weekday: number; time: string };

export interface Override {
  person: Participant;
  from: Date;
  to: Date;
  reason?: string;
}

export interface Rotation {
  id: string;
  name: string;
  /** The on-call role this rotation fills, if any. */
  role?: OnCallRole;
  /** IANA time zone of the hand-over time, e.g. America/New_York. */
  timeZone: string;
  /** In turn order: the first takes the first shift. */
  participants: Participant[];
  handOver: HandOver;
  /** 'YYYY-MM-DD' in the rotation's zone: the first shift starts at the first hand-over on or after it. */
  startDate: string;
  /** When overrides overlap, the later one in this list wins. */
  overrides: Override[];
}

export interface Shift {
  person: Participant;
  from: Date;
  to: Date;
  source: 'rotation' | 'override';
}

/** A period nobody is on call. */
export interface Gap {
  from: Date;
  to: Date;
  reason: string;
}
