// Pure rules of a publish: which states an update sets on which components, and what it does to
// its event's status and resolution.
import { ValidationError } from '../errors.ts';
import { STATUS_UPDATE_BODY_MAX } from '../limits.ts';
import type { ComponentState, ComponentStateChange, StatusComponent, StatusEvent, StatusEventKind, StatusEventStatus } from './statuspage.types.ts';

export const MAX_TITLE = 200;

export function checkedBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new ValidationError('an update needs a body');
  if (text.length > STATUS_UPDATE_BODY_MAX) throw new ValidationError(`an update body has at most ${STATUS_UPDATE_BODY_MAX} characters`);
  return text;
}

export function checkedTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_TITLE) throw new ValidationError(`a public title needs 1 to ${MAX_TITLE} characters`);
  return text;
}

/** The end states: the event is resolved (incident) or completed (maintenance). */
export function isFinal(status: StatusEventStatus): boolean {
  return status === 'resolved' || status === 'completed';
}

/** Without an explicit state: a final update returns components to operational, maintenance in progress marks them under maintenance. */
function defaultState(kind: StatusEventKind, status: StatusEventStatus): ComponentState | null {
  if (isFinal(status)) return 'operational';
  if (kind === 'maintenance' && status === 'in_progress') return 'under_maintenance';
  return null;
}

/**
 * The components an update affects and the state each ends in. Slugs must name known components;
 * none given means the event's own components.
 */
export function componentChanges(input: { kind: StatusEventKind; status: StatusEventStatus; slugs: string[] | undefined; state: ComponentState | undefined },
  eventSlugs: string[], known: StatusComponent[]): ComponentStateChange[] {
  const bySlug = new Map(known.map((c) => [c.slug, c]));
  const slugs = [...new Set(input.slugs ?? eventSlugs)];
  const unknown = slugs.filter((s) => !bySlug.has(s));
  if (unknown.length) throw new ValidationError(`unknown component: ${unknown.join(', ')}`, { unknown });
  const state = input.state ?? defaultState(input.kind, input.status);
  return slugs.map((slug) => ({ slug, state: state ?? bySlug.get(slug)!.state }));
}

/** The event after an update is published: its status, its components (all ever affected) and when it was resolved. */
export function eventAfter(event: Pick<StatusEvent, 'componentSlugs' | 'resolvedAt'>, status: StatusEventStatus, changes: ComponentStateChange[], at: Date) {
  return {
    status,
    componentSlugs: [...new Set([...event.componentSlugs, ...changes.map((c) => c.slug)])],
    resolvedAt: isFinal(status) ? (event.resolvedAt ?? at) : null,
    at,
  };
}
