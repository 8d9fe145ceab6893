// The thin adapter the communications `status_page` channel calls: its input shape in, one
// publishIncidentUpdate out (the actor is authorized there like any other caller).
import type { Actor } from '../../authz/authorize.ts';
import { ValidationError } from '../errors.ts';
import type { Published, StatusPageService } from './statuspage.service.ts';
import { INCIDENT_UPDATE_STATUSES, type IncidentUpdateStatus } from './statuspage.types.ts';

export interface StatusChannelInput {
  incidentId: string;
  incidentTitle: string;
  status: string;
  body: string;
  actor: Actor;
}

export type StatusChannel = (input: StatusChannelInput) => Promise<Published>;

export function statusPageChannel(service: Pick<StatusPageService, 'publishIncidentUpdate'>): StatusChannel {
  return async (input) => {
    if (!(INCIDENT_UPDATE_STATUSES as readonly string[]).includes(input.status)) {
      throw new ValidationError(`a status page update's status is one of ${INCIDENT_UPDATE_STATUSES.join(', ')}`);
    }
    return service.publishIncidentUpdate({ actor: input.actor }, { incidentId: input.incidentId, title: input.incidentTitle, status: input.status as IncidentUpdateStatus, body: input.body });
  };
}
