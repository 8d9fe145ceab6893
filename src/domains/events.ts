// Domain events: what a use case records, in its transaction, for other domains to react to. Recording
// an event enqueues one durable job per subscriber (on the subscriber's own queue) through the
// transaction's job sender, so the reactions commit with the change or not at all, and run after it.
// Subscribers register per domain in its `<domain>.jobs.ts`; app/services.ts composes them.
import type { JobSender } from './ports.ts';

/** An event added to an incident's timeline (incidents/timeline.ts records it for every addition). */
export interface IncidentTimelineAdded {
  type: 'incident.timeline_added';
  incidentId: string;
  event: { id: string; kind: string; summary: string; actorLabel: string };
  /** The event's own data (e.g. a status update's id, a new responder's user id). */
  data: unknown;
}

/** The public status page changed: its version row moved to `version`. */
export interface StatusPageChanged {
  type: 'statuspage.changed';
  version: number;
}

export type DomainEvent = IncidentTimelineAdded | StatusPageChanged;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** Bound to one transaction's job sender (or the database's, outside a transaction). */
export interface EventRecorder {
  record(event: DomainEvent): Promise<void>;
}

/** Who reacts to which event: each subscription is a queue that gets one job per recorded event. */
export class EventSubscriptions {
  readonly #queues = new Map<EventType, string[]>();

  subscribe(type: EventType, queue: string): void {
    this.#queues.set(type, [...(this.#queues.get(type) ?? []), queue]);
  }

  queuesFor(type: EventType): readonly string[] {
    return this.#queues.get(type) ?? [];
  }
}

export function eventRecorder(jobs: JobSender, subscriptions: EventSubscriptions): EventRecorder {
  return {
    async record(event) {
      for (const queue of subscriptions.queuesFor(event.type)) await jobs.send(queue, event);
    },
  };
}
