// Who sees an incident: restricted incidents are seen by their responders (named responders, the
// declarer among them, and the role holders; the SQL is in the incidents repository) and by admins.
// Every use case on one incident starts here, so a restricted incident is "not found" to everyone
// else on every route.
import type { Actor } from '../../authz/authorize.ts';
import { NotFoundError } from '../errors.ts';
import type { IncidentsRepository, IncidentViewer } from './incidents.ports.ts';
import type { IncidentRecord } from './incidents.types.ts';

export function viewerOf(actor: Actor): IncidentViewer {
  return { userId: actor.userId, seesRestricted: actor.kind === 'system' || actor.roles.includes('admin') };
}

export async function visibleIncident(repo: IncidentsRepository, actor: Actor, id: string, lock = false): Promise<IncidentRecord> {
  const record = lock ? await repo.lockById(viewerOf(actor), id) : await repo.byId(viewerOf(actor), id);
  if (!record) throw new NotFoundError('incident');
  return record;
}
