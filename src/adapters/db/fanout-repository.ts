// SQL for distribution lists, suppressions, sends and their per-recipient delivery rows.
import { sql, type Kysely } from 'kysely';
import type { FanoutRepository } from '../../domains/fanout/fanout.ports.ts';
import type { Audience, Contact, DistributionList, RecipientState, Send, SendStatus } from '../../domains/fanout/fanout.types.ts';
import type { DB } from './schema.ts';
import { domainOf } from '../../domains/mail/mail-identity.ts';

const PAGE = 5000;

function toList(r: DB['distribution_lists'] extends infer T ? { [K in keyof T]: unknown } : never): DistributionList {
  return {
    id: r.id as string,
    name: r.name as string,
    source: r.source as string,
    memberCount: r.member_count as number,
    invalidCount: r.invalid_count as number,
    duplicateCount: r.duplicate_count as number,
    columns: r.columns as string[],
    createdAt: r.created_at as Date,
  };
}

export function fanoutRepository(db: Kysely<DB>): FanoutRepository {
  const recipients = (sendId: string, claimId: string, seqs: number[]) =>
    db.updateTable('send_recipients').where('send_id', '=', sendId).where('claim_id', '=', claimId).where('state', '=', 'sending').where('seq', 'in', seqs);
  return {
    async createList(input) {
      const row = await db
        .insertInto('distribution_lists')
        .values({ name: input.name, source: input.source, created_by: input.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async insertMembers(listId, firstSeq, contacts) {
      if (!contacts.length) return 0;
      const result = await db
        .insertInto('list_members')
        .values(
          contacts.map((c, i) => ({
            list_id: listId,
            seq: firstSeq + i,
            email: c.email,
            email_key: c.key,
            first_name: c.firstName,
            last_name: c.lastName,
            company: c.company,
            audience: c.audience,
            fields: JSON.stringify(c.fields),
          })),
        )
        .onConflict((oc) => oc.columns(['list_id', 'email_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n);
    },
    async insertRejects(listId, rejects) {
      if (!rejects.length) return;
      await db
        .insertInto('list_rejects')
        .values(rejects.map((r) => ({ list_id: listId, line: r.line, value: r.value, reason: r.reason })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async deleteList(listId) {
      await db.deleteFrom('distribution_lists').where('id', '=', listId).execute();
    },
    async finishList(listId, counts) {
      await db
        .updateTable('distribution_lists')
        .set({ member_count: counts.members, invalid_count: counts.invalid, duplicate_count: counts.duplicates, columns: counts.columns })
        .where('id', '=', listId)
        .execute();
    },
    async listById(id) {
      const r = await db.selectFrom('distribution_lists').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toList(r) : null;
    },
    async lists(limit) {
      const rows = await db.selectFrom('distribution_lists').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(toList);
    },
    async listCounts(listId) {
      const rows = await db
        .selectFrom('list_members as m')
        .select(['m.audience', sql<number>`count(*)::int`.as('n'), sql<number>`count(s.email_key)::int`.as('suppressed')])
        .leftJoin('suppressions as s', 's.email_key', 'm.email_key')
        .where('m.list_id', '=', listId)
        .groupBy('m.audience')
        .execute();
      const of = (a: string) => rows.find((r) => r.audience === a);
      return { users: of('users')?.n ?? 0, customers: of('customers')?.n ?? 0, suppressed: rows.reduce((n, r) => n + r.suppressed, 0) };
    },
    async rejects(listId, limit) {
      return db.selectFrom('list_rejects').select(['line', 'value', 'reason']).where('list_id', '=', listId).orderBy('line').limit(limit).execute();
    },
    async *members(listId, audience) {
      let after = -1;
      for (;;) {
        let query = db
          .selectFrom('list_members as m')
          .selectAll('m')
          .where('m.list_id', '=', listId)
          .where('m.seq', '>', after)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('suppressions as s').select('s.email_key').whereRef('s.email_key', '=', 'm.email_key'))),
          );
        if (audience) query = query.where('m.audience', '=', audience);
        const rows = await query.orderBy('m.seq').limit(PAGE).execute();
        if (!rows.length) return;
        after = rows[rows.length - 1]!.seq;
        yield rows.map((r) => ({
          email: r.email,
          key: r.email_key,
          domain: domainOf(r.email),
          firstName: r.first_name,
          lastName: r.last_name,
          company: r.company,
          audience: r.audience as Audience,
          fields: r.fields as Record<string, string>,
        }));
      }
    },
    async addSuppressions(entries) {
      if (!entries.length) return;
      await db
        .insertInto('suppressions')
        .values(entries.map((e) => ({ email_key: e.key, reason: e.reason, detail: e.detail })))
        .onConflict((oc) => oc.column('email_key').doNothing())
        .execute();
    },
    async isSuppressed(key) {
      return (await db.selectFrom('suppressions').select('email_key').where('email_key', '=', key).executeTakeFirst()) !== undefined;
    },
    async createSend(s) {
      const row = await db
        .insertInto('sends')
        .values({
          list_id: s.listId,
          audience: s.audience,
          from_address: s.from,
          subject: s.subject,
          body: s.body,
          content_hash: s.contentHash,
          list_mail: s.listMail,
          is_test: s.isTest,
          status: 'draft',
          created_by: s.createdBy,
          started_at: null,
          finished_at: null,
          pause_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async sendById(id) {
      const r = await db.selectFrom('sends').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      const send: Send = {
        id: r.id,
        listId: r.list_id,
        audience: r.audience as Audience | null,
        from: r.from_address,
        subject: r.subject,
        body: r.body,
        contentHash: r.content_hash,
        listMail: r.list_mail,
        isTest: r.is_test,
        status: r.status as SendStatus,
        pauseReason: r.pause_reason,
        createdAt: r.created_at,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
      };
      return send;
    },
    async runningSends() {
      return (await db.selectFrom('sends').select('id').where('status', '=', 'running').execute()).map((r) => r.id);
    },
    async addRecipientsFromList(sendId, listId, audience, messageIdDomain) {
      // One statement, however long the list: suppressed addresses are kept as 'suppressed' rows so they show in the counts.
      const result = await sql`insert into send_recipients (send_id, seq, email, email_key, domain, first_name, last_name, company, fields, state, message_id)
        select ${sendId}::uuid, m.seq, m.email, m.email_key, split_part(m.email, '@', 2), m.first_name, m.last_name, m.company, m.fields,
          case when s.email_key is null then 'pending' else 'suppressed' end,
          ${sendId}::text || '.' || m.seq || '@' || ${messageIdDomain}::text
        from list_members m left join suppressions s on s.email_key = m.email_key
        where m.list_id = ${listId}::uuid and (${audience}::text is null or m.audience = ${audience}::text)`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },
    async addRecipients(sendId, contacts, messageIdDomain) {
      await db
        .insertInto('send_recipients')
        .values(contacts.map((c, seq) => recipientRow(sendId, seq, c, messageIdDomain)))
        .execute();
    },
    async addRecipientsWithUnsubscribe(sendId, list, messageIdDomain) {
      if (!list.length) return 0;
      await db
        .insertInto('send_recipients')
        .values(list.map(({ contact: c, unsubscribeUrl }, seq) => ({ ...recipientRow(sendId, seq, c, messageIdDomain), unsubscribe_url: unsubscribeUrl })))
        .execute();
      await db
        .updateTable('send_recipients')
        .set({ state: 'suppressed' })
        .where('send_id', '=', sendId)
        .where('email_key', 'in', db.selectFrom('suppressions').select('email_key'))
        .execute();
      const { n } = await db
        .selectFrom('send_recipients')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('send_id', '=', sendId)
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      return n;
    },
    async recipientsWithout(sendId, column) {
      const row = await db
        .selectFrom('send_recipients')
        .select([sql<number>`count(*)::int`.as('n'), sql<string | null>`min(email)`.as('first')])
        .where('send_id', '=', sendId)
        .where('state', '=', 'pending')
        .where(sql<boolean>`coalesce(trim(fields ->> ${column}::text), '') = ''`)
        .executeTakeFirstOrThrow();
      return { count: row.n, first: row.first };
    },
    async hasCompletedTest(contentHash) {
      const row = await db
        .selectFrom('sends as s')
        .select('s.id')
        .where('s.content_hash', '=', contentHash)
        .where('s.is_test', '=', true)
        .where('s.status', '=', 'done')
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('send_recipients as r').select('r.seq').whereRef('r.send_id', '=', 's.id').where('r.state', '=', 'sent')),
        )
        .executeTakeFirst();
      return row !== undefined;
    },
    async setStatus(id, from, to, pauseReason, at) {
      const result = await db
        .updateTable('sends')
        .set({
          status: to,
          pause_reason: pauseReason,
          ...(at.startedAt ? { started_at: at.startedAt } : {}),
          ...(at.finishedAt ? { finished_at: at.finishedAt } : {}),
        })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async progress(sendId, now) {
      const since = new Date(now.getTime() - 10_000);
      const rows = await db
        .selectFrom('send_recipients')
        .select(['state', sql<number>`count(*)::int`.as('n')])
        .where('send_id', '=', sendId)
        .groupBy('state')
        .execute();
      const { unconfirmed } = await db
        .selectFrom('send_recipients')
        .select(sql<number>`count(*)::int`.as('unconfirmed'))
        .where('send_id', '=', sendId)
        .where('unconfirmed', '=', true)
        .executeTakeFirstOrThrow();
      const { recent } = await db
        .selectFrom('send_recipients')
        .select(sql<number>`count(*)::int`.as('recent'))
        .where('send_id', '=', sendId)
        .where('sent_at', 'is not', null)
        .where('sent_at', '>', since)
        .executeTakeFirstOrThrow();
      const of = (s: RecipientState) => rows.find((r) => r.state === s)?.n ?? 0;
      return {
        total: rows.reduce((n, r) => n + r.n, 0),
        pending: of('pending'),
        sending: of('sending'),
        sent: of('sent'),
        failed: of('failed'),
        suppressed: of('suppressed'),
        cancelled: of('cancelled'),
        unconfirmed,
        ambiguous: of('ambiguous'),
        rate: Math.round(recent / 10),
      };
    },
    async failures(sendId, limit) {
      const rows = await db
        .selectFrom('send_recipients')
        .select(['seq', 'email', 'attempts', 'last_error', 'state'])
        .where('send_id', '=', sendId)
        .where((eb) => eb.or([eb('state', '=', 'failed'), eb('bounced_at', 'is not', null)]))
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ seq: r.seq, email: r.email, attempts: r.attempts, error: r.last_error, state: r.state as RecipientState }));
    },
    async cancelPending(sendId) {
      const result = await db
        .updateTable('send_recipients')
        .set({ state: 'cancelled' })
        .where('send_id', '=', sendId)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async recoverExpired(sendId, now) {
      const rows = await db
        .updateTable('send_recipients')
        .set({
          state: sql`case when committed_at is null then 'pending' when ended_at is not null then 'sent' else 'ambiguous' end`,
          unconfirmed: sql`committed_at is not null and ended_at is not null`,
          sent_at: sql`ended_at`,
          claim_id: null,
          claimed_until: null,
        })
        .where('send_id', '=', sendId)
        .where('state', '=', 'sending')
        .where('claimed_until', '<', now)
        .returning('state')
        .execute();
      const count = (state: string) => rows.filter((r) => r.state === state).length;
      return { released: count('pending'), unconfirmed: count('sent'), ambiguous: count('ambiguous') };
    },
    async claim(sendId, claimId, limit, now, leaseUntil) {
      const result = await sql<{
        seq: number;
        email: string;
        domain: string;
        first_name: string;
        last_name: string;
        company: string;
        fields: Record<string, string>;
        attempts: number;
        message_id: string;
        unsubscribe_url: string | null;
      }>`
        update send_recipients r set state = 'sending', claim_id = ${claimId}::uuid, claimed_until = ${leaseUntil}, attempts = r.attempts + 1
        from (select seq from send_recipients where send_id = ${sendId}::uuid and state = 'pending' and next_attempt_at <= ${now}
              order by next_attempt_at, seq limit ${limit} for update skip locked) c
        where r.send_id = ${sendId}::uuid and r.seq = c.seq
        returning r.seq, r.email, r.domain, r.first_name, r.last_name, r.company, r.fields, r.attempts, r.message_id, r.unsubscribe_url`.execute(db);
      return result.rows
        .map((r) => ({
          seq: r.seq,
          email: r.email,
          domain: r.domain,
          firstName: r.first_name,
          lastName: r.last_name,
          company: r.company,
          attempts: r.attempts,
          messageId: r.message_id,
          unsubscribeUrl: r.unsubscribe_url,
          fields: r.fields,
        }))
        .sort((a, b) => a.seq - b.seq);
    },
    async markCommitted(sendId, claimId, seqs, now) {
      if (!seqs.length) return [];
      const rows = await recipients(sendId, claimId, seqs).set({ committed_at: now }).returning('seq').execute();
      return rows.map((r) => r.seq);
    },
    async unendedExpired(sendId, now) {
      const rows = await db
        .selectFrom('send_recipients')
        .select(['seq', 'claim_id'])
        .where('send_id', '=', sendId)
        .where('state', '=', 'sending')
        .where('claimed_until', '<', now)
        .where('committed_at', 'is not', null)
        .where('ended_at', 'is', null)
        .execute();
      return rows.filter((r) => r.claim_id !== null).map((r) => ({ seq: r.seq, claimId: r.claim_id! }));
    },
    async markEnded(sendId, claimId, seqs, now) {
      if (!seqs.length) return;
      await recipients(sendId, claimId, seqs).set({ ended_at: now }).execute();
    },
    async ambiguous(sendId, limit) {
      const rows = await db
        .selectFrom('send_recipients')
        .select(['seq', 'email', 'message_id', 'committed_at'])
        .where('send_id', '=', sendId)
        .where('state', '=', 'ambiguous')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ seq: r.seq, email: r.email, messageId: r.message_id, committedAt: r.committed_at }));
    },
    async requeueAmbiguous(sendId, now) {
      const rows = await db
        .updateTable('send_recipients')
        .set({
          state: 'pending',
          next_attempt_at: now,
          committed_at: null,
          ended_at: null,
          last_error: 'delivery unknown after a crash; re-sent by an operator',
        })
        .where('send_id', '=', sendId)
        .where('state', '=', 'ambiguous')
        .returning(['seq', 'email', 'message_id'])
        .execute();
      return rows.map((r) => ({ seq: r.seq, email: r.email, messageId: r.message_id, committedAt: null })).sort((a, b) => a.seq - b.seq);
    },
    async markSent(sendId, claimId, seqs, now) {
      if (!seqs.length) return;
      await recipients(sendId, claimId, seqs).set({ state: 'sent', sent_at: now, claim_id: null, claimed_until: null, last_error: null }).execute();
    },
    async release(sendId, claimId, seqs, nextAttemptAt, error, countAttempt) {
      if (!seqs.length) return;
      await recipients(sendId, claimId, seqs)
        .set({
          state: 'pending',
          next_attempt_at: nextAttemptAt,
          claim_id: null,
          claimed_until: null,
          committed_at: null,
          ended_at: null,
          ...(error !== null ? { last_error: error } : {}),
          ...(countAttempt ? {} : { attempts: sql`attempts - 1` }),
        })
        .execute();
    },
    async markFailed(sendId, claimId, seq, error) {
      await recipients(sendId, claimId, [seq])
        .set({ state: 'failed', last_error: error, claim_id: null, claimed_until: null, committed_at: null, ended_at: null })
        .execute();
    },
    async nextWake(sendId) {
      const row = await db
        .selectFrom('send_recipients')
        .select([
          sql<Date | null>`min(next_attempt_at) filter (where state = 'pending')`.as('retry'),
          sql<Date | null>`min(claimed_until) filter (where state = 'sending')`.as('lease'),
        ])
        .where('send_id', '=', sendId)
        .where('state', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      const times = [row?.retry, row?.lease].filter((t): t is Date => t instanceof Date || typeof t === 'string').map((t) => new Date(t));
      return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
    },
    async recordBounce(messageId, error, at) {
      const row = await db
        .updateTable('send_recipients')
        .set({ bounced_at: at, last_error: error })
        .where('message_id', '=', messageId)
        .returning('email_key')
        .executeTakeFirst();
      return row ? { key: row.email_key } : null;
    },
    async recipientKey(sendId, seq) {
      const row = await db.selectFrom('send_recipients').select('email_key').where('send_id', '=', sendId).where('seq', '=', seq).executeTakeFirst();
      return row?.email_key ?? null;
    },
    async unsubscribeKey() {
      return (await db.selectFrom('fanout_keys').select('unsubscribe_key').where('id', '=', 1).executeTakeFirstOrThrow()).unsubscribe_key;
    },
  };
}

/** One recipient of a send as its row: the contact, its place in the send and its Message-ID. */
function recipientRow(sendId: string, seq: number, c: Contact, messageIdDomain: string) {
  return {
    send_id: sendId,
    seq,
    email: c.email,
    email_key: c.key,
    domain: c.domain,
    first_name: c.firstName,
    last_name: c.lastName,
    company: c.company,
    fields: JSON.stringify(c.fields),
    message_id: `${sendId}.${seq}@${messageIdDomain}`,
  };
}
