// What analysts open of a message besides its text: the HTML part (sanitised by the HTTP layer
// when served) and attachment downloads. Reads are scoped to the ticket; every download is audited.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { TicketsStore } from './tickets.ports.ts';

export interface AttachmentDownload {
  filename: string;
  sha256: string;
  content: Uint8Array;
}

export class MessageContentService {
  readonly #store: Transactor<TicketsStore>;

  constructor(deps: { store: Transactor<TicketsStore> }) {
    this.#store = deps.store;
  }

  /** The message's HTML part exactly as received; callers must sanitise it before showing it. */
  async rawHtml(ctx: ActionContext, ticketId: string, messageRowId: string): Promise<string> {
    authorize(ctx.actor, 'tickets.read');
    const found = await this.#store.read.messageContent.html(ticketId, messageRowId);
    if (!found) throw new NotFoundError('message');
    if (found.html === null || found.html.trim() === '') throw new NotFoundError('HTML part of this message');
    return found.html;
  }

  async downloadAttachment(ctx: ActionContext, ticketId: string, attachmentId: string): Promise<AttachmentDownload> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.transaction(async (s) => {
      const found = await s.messageContent.attachment(ticketId, attachmentId);
      if (!found) throw new NotFoundError('attachment');
      if (!found.content) throw new ConflictError(`the contents of this attachment were not kept (${found.withheldReason}); the raw message holds them`);
      await s.audit.append(ctx, {
        action: 'ticket.attachment_downloaded',
        entityType: 'ticket',
        entityId: ticketId,
        after: { attachmentId, filename: found.filename, sha256: found.sha256, size: found.content.length },
      });
      return { filename: found.filename, sha256: found.sha256, content: found.content };
    });
  }
}
