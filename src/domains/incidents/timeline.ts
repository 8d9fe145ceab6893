// The one way onto an incident's timeline: the event is stored and, when it is new (not a repeat of a
// dedupe key), `incident.timeline_added` is recorded in the same transaction for its subscribers (the
// incident channel in chat/chat.jobs.ts).
import type { EventRecorder } from '../events.ts';
import type { IncidentsRepository, NewTimelineEvent } from './incidents.ports.ts';
import type { TimelineEvent } from './incidents.types.ts';

export async function addToTimeline(
  s: { incidents: IncidentsRepository; events: EventRecorder },
  incidentId: string,
  event: NewTimelineEvent,
): Promise<TimelineEvent | null> {
  const added = await s.incidents.addEvent(incidentId, event);
  if (added) {
    const { id, kind, summary, actorLabel } = added;
    await s.events.record({ type: 'incident.timeline_added', incidentId, event: { id, kind, summary, actorLabel }, data: event.data ?? null });
  }
  return added;
}
