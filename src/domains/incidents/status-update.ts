// The structured internal status update of the communications plan: current risk, users impacted,
// timeline of events, mitigation steps taken, current status, next steps. Pure: validation that
// names the missing field, the diff against the previous update, and the prefilled draft.
import { ValidationError } from '../errors.ts';
import { USERS_IMPACTED, type TimelineEvent, type UsersImpacted } from './incidents.types.ts';

export interface StatusUpdateFields {
  currentRisk: string;
  usersImpacted: UsersImpacted;
  timelineOfEvents: string;
  mitigationSteps: string;
  currentStatus: string;
  nextSteps: string;
}

export const STATUS_UPDATE_FIELDS = [
  'currentRisk',
  'usersImpacted',
  'timelineOfEvents',
  'mitigationSteps',
  'currentStatus',
  'nextSteps',
] as const satisfies readonly (keyof StatusUpdateFields)[];

export const FIELD_LABELS: Record<keyof StatusUpdateFields, string> = {
  currentRisk: 'current risk',
  usersImpacted: 'users impacted',
  timelineOfEvents: 'timeline of events',
  mitigationSteps: 'mitigation steps taken',
  currentStatus: 'current status',
  nextSteps: 'next steps',
};

const MAX_FIELD = 20_000;

export interface StatusUpdate extends StatusUpdateFields {
  id: string;
  incidentId: string;
  number: number;
  publishedAt: Date;
  authorLabel: string;
  /** The engaged groups the update was addressed to. */
  engagementIds: string[];
  /** Those of them it reached nobody in, and why: not counted as an update to them. */
  notDelivered: NotDelivered[];
}

export interface NotDelivered {
  engagementId: string;
  group: string;
  reason: string;
}

export interface FieldChange {
  field: keyof StatusUpdateFields;
  before: string;
  after: string;
}

export interface StatusUpdateWithDiff extends StatusUpdate {
  /** What changed since the previous update (every field, for the first). */
  changes: FieldChange[];
}

/** Trims every field; refuses the first empty or oversized one by name. */
export function validateStatusUpdate(input: Record<keyof StatusUpdateFields, string>): StatusUpdateFields {
  const out = {} as Record<keyof StatusUpdateFields, string>;
  for (const field of STATUS_UPDATE_FIELDS) {
    const value = (input[field] ?? '').trim();
    if (!value) throw new ValidationError(`the status update's ${FIELD_LABELS[field]} (${field}) is required`, { field });
    if (value.length > MAX_FIELD)
      throw new ValidationError(`the status update's ${FIELD_LABELS[field]} (${field}) is at most ${MAX_FIELD} characters`, { field });
    out[field] = value;
  }
  if (!(USERS_IMPACTED as readonly string[]).includes(out.usersImpacted)) {
    throw new ValidationError(`the status update's users impacted (usersImpacted) is one of ${USERS_IMPACTED.join(', ')}`, { field: 'usersImpacted' });
  }
  return out as StatusUpdateFields;
}

export function withDiffs(history: readonly StatusUpdate[]): StatusUpdateWithDiff[] {
  return history.map((update, i) => {
    const previous = history[i - 1];
    const changes = STATUS_UPDATE_FIELDS.filter((f) => !previous || previous[f] !== update[f]).map((f) => ({
      field: f,
      before: previous ? previous[f] : '',
      after: update[f],
    }));
    return { ...update, changes };
  });
}

/** Timeline entries about the communications themselves, not about the incident. */
const REMINDER_KINDS = new Set(['engaged', 'engagements_ended', 'update_due', 'update_missed', 'escalated', 'snoozed', 'status_update']);

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export interface DraftInput {
  riskLabel: string;
  riskScore: number;
  usersImpacted: UsersImpacted;
  status: string;
  last: StatusUpdate | null;
  timeline: readonly TimelineEvent[];
}

/**
 * The next update, prefilled: the last update's text, the current risk and users impacted from the
 * incident, and the timeline since the last update appended. With nothing new since the last
 * update, the current status says "No change since …" so the DRI can send it in one step.
 */
export function draftStatusUpdate(input: DraftInput): StatusUpdateFields & { noChangeSince: Date | null } {
  const since = input.last?.publishedAt ?? null;
  const news = input.timeline.filter((e) => (since === null || e.at > since) && !REMINDER_KINDS.has(e.kind));
  const lines = news.map((e) => `${stamp(e.at)} ${e.summary}`);
  const timelineOfEvents = [input.last?.timelineOfEvents, ...lines].filter(Boolean).join('\n');
  const noChange = since !== null && news.length === 0;
  const currentStatus = noChange ? `No change since ${stamp(since)}. ${input.last!.currentStatus}` : (input.last?.currentStatus ?? `Incident ${input.status}.`);
  return {
    currentRisk: `${input.riskLabel} (score ${input.riskScore})`,
    usersImpacted: input.usersImpacted,
    timelineOfEvents,
    mitigationSteps: input.last?.mitigationSteps ?? '',
    currentStatus,
    nextSteps: input.last?.nextSteps ?? '',
    noChangeSince: noChange ? since : null,
  };
}
