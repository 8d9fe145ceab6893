// The only code that writes the audit log. Appends happen inside the caller's transaction, so an
// action and its audit entry commit together or not at all.
import { sql, type Kysely, type Transaction } from 'kysely';
import { chain, GENESIS_HASH, verifyChain, type ChainedAuditEntry } from '../../domains/audit/audit-chain.ts';
import type { ActionContext, Clock } from '../../domains/context.ts';
import type { AuditRecord } from '../../domains/ports.ts';
import type { AuditLogReader, AuditVerification } from '../../domains/audit/audit-log.ports.ts';
import type { AuditLogRow, DB } from './schema.ts';

/** Arbitrary constant that names the audit log's advisory lock. */
const AUDIT_LOCK_KEY = 0x5ecd35c;
const SECRET_FIELDS = new Set(['password_hash', 'passwordHash', 'totp_secret', 'totpSecret', 'token_hash', 'csrf_token', 'password', 'secret']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? (v == null ? null : '(redacted)') : redact(v)]));
  }
  return value;
}

export async function appendAudit(trx: Transaction<DB>, ctx: ActionContext, record: AuditRecord, clock: Clock): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = chain(
    {
      seq: (last?.seq ?? 0) + 1,
      at: clock.now(),
      actorId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      before: redact(record.before ?? null),
      after: redact(record.after ?? null),
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    },
    last?.hash ?? GENESIS_HASH,
  );
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
      request_id: entry.requestId,
      ip: entry.ip,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
}

export function toEntry(row: AuditLogRow): ChainedAuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const PAGE = 1000;

/** Reads the log in seq order, a page at a time. */
export async function* auditEntries(db: Kysely<DB>, fromSeq = 0): AsyncGenerator<ChainedAuditEntry> {
  let after = fromSeq;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    for (const row of rows) yield toEntry(row);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function verifyAuditLog(db: Kysely<DB>): Promise<AuditVerification> {
  let expected = { seq: 1, prevHash: GENESIS_HASH };
  let count = 0;
  let batch: ChainedAuditEntry[] = [];
  const flush = () => {
    const result = verifyChain(batch, expected);
    count += batch.length;
    batch = [];
    expected = result.next;
    return result.problem;
  };
  for await (const entry of auditEntries(db)) {
    batch.push(entry);
    if (batch.length >= PAGE) {
      const problem = flush();
      if (problem) return { entries: count, head: null, problem };
    }
  }
  const problem = flush();
  const head = expected.seq > 1 ? { seq: expected.seq - 1, hash: expected.prevHash } : null;
  return { entries: count, head, problem };
}

export function auditLogReader(db: Kysely<DB>): AuditLogReader {
  return {
    async list(filter, limit, beforeSeq) {
      let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
      if (beforeSeq !== null) q = q.where('seq', '<', beforeSeq);
      if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
      if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
      if (filter.action) q = q.where('action', '=', filter.action);
      return (await q.execute()).map(toEntry);
    },
    entries: () => auditEntries(db),
    verify: () => verifyAuditLog(db),
    async head() {
      const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (!last) return null;
      const { n } = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return { seq: last.seq, hash: last.hash, entries: Number(n) };
    },
    async hashAt(seq) {
      return (await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash ?? null;
    },
  };
}
