// Sending an approved communication through its channel, and the immutable sent snapshot.
import type { ActionContext } from '../context.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import type { CommunicationRef } from './communications.service.ts';
import type { Communication, PreparedResponse, SocialNetwork, StatusPageStatus } from './communications.types.ts';

export interface SendOptions {
  listId?: string | undefined;
  audience?: Audience | undefined;
  network?: SocialNetwork | undefined;
  status?: StatusPageStatus | undefined;
  publishedUrl?: string | undefined;
}

export class CommsSendingService {
  async testSend(_ctx: ActionContext, _ref: CommunicationRef, _reviewers: string[] | null): Promise<Communication> { throw new Error('in progress'); }
  async send(_ctx: ActionContext, _ref: CommunicationRef, _options: SendOptions): Promise<Communication> { throw new Error('in progress'); }
  async publishHolding(_ctx: ActionContext, _holdingId: string, _incidentId: string, _options: SendOptions): Promise<Communication> { throw new Error('in progress'); }
  async preparedResponses(_ctx: ActionContext): Promise<PreparedResponse[]> { throw new Error('in progress'); }
}
