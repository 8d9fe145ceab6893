import type { OnCallRole } from '../oncall/oncall-roles.ts';
import type { ClockSpan, ClockStart } from './clock-definitions.ts';
import type { ClockState } from './deadline.ts';

/** What a started clock keeps of its definition: a later configuration change does not move it. */
export interface ClockTerms {
  name: string;
  note: string;
  span: ClockSpan;
  from: ClockStart;
  reminders: number[];
  owner: OnCallRole;
}

export interface RegulatoryClockRecord {
  id: string;
  incidentId: string;
  /** The configured clock's id, e.g. gdpr_art33: one clock of each per incident. */
  clockId: string;
  terms: ClockTerms;
  /** Why it started: the condition, in words. */
  because: string;
  startedAt: Date;
  dueAt: Date;
  state: ClockState;
  metAt: Date | null;
  reference: string | null;
  notes: string | null;
  reason: string | null;
  closedBy: string | null;
  closedAt: Date | null;
}

export type ClockOutcome =
  | { state: 'met'; metAt: Date; reference: string | null; notes: string | null; by: string; at: Date }
  | { state: 'not_applicable'; reason: string; by: string; at: Date };

export interface RegulatoryClocksRepository {
  forIncident(incidentId: string): Promise<RegulatoryClockRecord[]>;
  byId(id: string): Promise<RegulatoryClockRecord | null>;
  /** Null when this incident already has the clock (it never starts twice). */
  start(clock: {
    incidentId: string;
    clockId: string;
    terms: ClockTerms;
    because: string;
    startedAt: Date;
    dueAt: Date;
  }): Promise<RegulatoryClockRecord | null>;
  /** Stops a running clock; null when it was not running. */
  close(id: string, outcome: ClockOutcome): Promise<RegulatoryClockRecord | null>;
  setDue(id: string, dueAt: Date): Promise<void>;
  /** When the team became aware of the incident; null: at its declaration. */
  awareAt(incidentId: string): Promise<Date | null>;
  setAwareAt(incidentId: string, at: Date): Promise<void>;
}
