// SQL for what a message carries besides its text: attachments (contents stored once per SHA-256)
// and the stored HTML part. Every read is scoped to one ticket, so an id from another ticket is
// simply not found.
import type { Kysely } from 'kysely';
import type { MessageContentRepository } from '../../domains/tickets/tickets.ports.ts';
import type { MessageAttachment, NewAttachment } from '../../domains/tickets/tickets.types.ts';
import type { DB } from './schema.ts';

export async function insertAttachments(db: Kysely<DB>, messageRowId: string, attachments: NewAttachment[] | undefined): Promise<void> {
  if (!attachments?.length) return;
  for (const a of attachments) {
    if (!a.content) continue;
    await db
      .insertInto('attachment_blobs')
      .values({ sha256: a.sha256, size: a.content.length, content: a.content })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  await db
    .insertInto('message_attachments')
    .values(
      attachments.map((a, position) => ({
        message_id: messageRowId,
        position,
        filename: a.filename,
        content_type: a.contentType,
        size: a.size,
        sha256: a.sha256,
        blob_sha256: a.content ? a.sha256 : null,
        withheld_reason: a.content ? null : (a.withheldReason ?? 'not kept'),
      })),
    )
    .execute();
}

/** The attachment lists of the given messages, in their order in each message. */
export async function attachmentsOf(db: Kysely<DB>, messageRowIds: string[]): Promise<Map<string, MessageAttachment[]>> {
  const byMessage = new Map<string, MessageAttachment[]>();
  if (messageRowIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'filename', 'content_type', 'size', 'sha256', 'withheld_reason'])
    .where('message_id', 'in', messageRowIds)
    .orderBy('message_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byMessage.get(r.message_id) ?? [];
    list.push({ id: r.id, filename: r.filename, contentType: r.content_type, size: r.size, sha256: r.sha256, withheldReason: r.withheld_reason });
    byMessage.set(r.message_id, list);
  }
  return byMessage;
}

export function messageContentRepository(db: Kysely<DB>): MessageContentRepository {
  return {
    async html(ticketId, messageRowId) {
      const row = await db
        .selectFrom('ticket_messages')
        .select('body_html')
        .where('id', '=', messageRowId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      return row ? { html: row.body_html } : null;
    },
    async attachment(ticketId, attachmentId) {
      const row = await db
        .selectFrom('message_attachments as a')
        .innerJoin('ticket_messages as m', 'm.id', 'a.message_id')
        .leftJoin('attachment_blobs as b', 'b.sha256', 'a.blob_sha256')
        .select(['a.filename', 'a.sha256', 'a.withheld_reason', 'b.content'])
        .where('a.id', '=', attachmentId)
        .where('m.ticket_id', '=', ticketId)
        .executeTakeFirst();
      if (!row) return null;
      return { filename: row.filename, sha256: row.sha256, content: row.content ? Buffer.from(row.content) : null, withheldReason: row.withheld_reason };
    },
  };
}
