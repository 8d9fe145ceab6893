// The thin adapter the communications `status_page` channel calls: the approved communication's
// subject becomes the public title and its body the update, published inside the send's
// transaction (the actor is authorized there like any other caller). Never the incident's own title.
import type { ActionContext } from '../context.ts';
import { ValidationError } from '../errors.ts';
import { approvedCommunicationText } from './public-text.ts';
import type { StatusPageStore } from './statuspage.ports.ts';
import type { Published, StatusPageService } from './statuspage.service.ts';
import { INCIDENT_UPDATE_STATUSES, type ComponentState, type IncidentUpdateStatus } from './statuspage.types.ts';

export interface StatusChannelInput {
  incidentId: string;
  status: string;
  /** The approved (and sent) version of the communication. */
  subject: string;
  body: string;
  componentSlugs?: string[] | undefined;
  componentState?: ComponentState | undefined;
}

export interface StatusChannel {
  publish(s: StatusPageStore, ctx: ActionContext, input: StatusChannelInput): Promise<Published>;
  /** After the send's transaction committed. */
  changed(): void;
}

export function statusPageChannel(service: Pick<StatusPageService, 'publishIncidentUpdateIn' | 'publicChanged'>): StatusChannel {
  return {
    async publish(s, ctx, input) {
      if (!(INCIDENT_UPDATE_STATUSES as readonly string[]).includes(input.status)) {
        throw new ValidationError(`a status page update's status is one of ${INCIDENT_UPDATE_STATUSES.join(', ')}`);
      }
      const text = approvedCommunicationText({ subject: input.subject, body: input.body });
      return service.publishIncidentUpdateIn(s, ctx, {
        incidentId: input.incidentId,
        status: input.status as IncidentUpdateStatus,
        text,
        ...(input.componentSlugs ? { componentSlugs: input.componentSlugs } : {}),
        ...(input.componentState ? { componentState: input.componentState } : {}),
      });
    },
    changed: () => service.publicChanged(),
  };
}
