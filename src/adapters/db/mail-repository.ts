// SQL for where mail was taken from and how far polled mailboxes have been taken in.
import { sql, type Kysely } from 'kysely';
import type { MailboxMarksRepository, MailSourcesRepository } from '../../domains/mail/mail.ports.ts';
import type { DB } from './schema.ts';

export function mailSourcesRepository(db: Kysely<DB>): MailSourcesRepository {
  return {
    async ticketFor(sourceKey) {
      const row = await db
        .selectFrom('mail_sources as s')
        .innerJoin('tickets as t', 't.id', 's.ticket_id')
        .select(['t.id', 't.number'])
        .where('s.source_key', '=', sourceKey)
        .executeTakeFirst();
      return row ? { ticketId: row.id, ticketNumber: row.number } : null;
    },
    async record(sourceKey, ticketId) {
      // No ON CONFLICT: a second take of one source must fail and roll back its whole transaction.
      await db.insertInto('mail_sources').values({ source_key: sourceKey, ticket_id: ticketId }).execute();
    },
  };
}

export function mailboxMarksRepository(db: Kysely<DB>): MailboxMarksRepository {
  return {
    async get(mailbox) {
      const row = await db.selectFrom('imap_mailboxes').select(['uid_validity', 'last_uid']).where('mailbox', '=', mailbox).executeTakeFirst();
      return row ? { uidValidity: Number(row.uid_validity), lastUid: Number(row.last_uid) } : null;
    },
    async set(mailbox, mark) {
      // Under one UIDVALIDITY the mark never moves back, whatever order two writers arrive in.
      await db
        .insertInto('imap_mailboxes')
        .values({ mailbox, uid_validity: mark.uidValidity, last_uid: mark.lastUid })
        .onConflict((oc) =>
          oc.column('mailbox').doUpdateSet({
            uid_validity: mark.uidValidity,
            last_uid: sql<number>`case when imap_mailboxes.uid_validity = excluded.uid_validity then greatest(imap_mailboxes.last_uid, excluded.last_uid) else excluded.last_uid end`,
            updated_at: new Date(),
          }),
        )
        .execute();
    },
  };
}
