// Pure rules of a publish: which states an update sets on which components, and what it does to
// its event's status and resolution.
import { ValidationError } from '../errors.ts';
import type { ComponentState, ComponentStateChange, StatusComponent, StatusEvent, StatusEventKind, StatusEventStatus } from './statuspage.types.ts';

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
export function componentChanges(
  input: { kind: StatusEventKind; status: StatusEventStatus; slugs: string[] | undefined; state: ComponentState | undefined },
  eventSlugs: string[],
  known: StatusComponent[],
): ComponentStateChange[] {
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
