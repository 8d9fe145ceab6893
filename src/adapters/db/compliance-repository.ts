// SQL for the customer directory, compliance reports, queued requests, download links and downloads.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ComplianceRepository } from '../../domains/compliance/compliance.ports.ts';
import type { Customer, ReportFile, ReportKind } from '../../domains/compliance/compliance.types.ts';
import type { CustomersTable, DB } from './schema.ts';

const toCustomer = (r: Selectable<CustomersTable>): Customer => ({
  id: r.id,
  name: r.name,
  accountId: r.account_id,
  emailDomains: r.email_domains,
  soc2: r.soc2,
  pentest: r.pentest,
  ndaOnFile: r.nda_on_file,
  updatedAt: r.updated_at,
});
type ReportRow = { kind: string; version: number; filename: string; sha256: string; size: number; uploaded_by: string; uploaded_at: Date };
const toReport = (r: ReportRow): ReportFile => ({
  kind: r.kind as ReportKind,
  version: r.version,
  filename: r.filename,
  sha256: r.sha256,
  size: r.size,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});
const REPORT_COLUMNS = ['kind', 'version', 'filename', 'sha256', 'size', 'uploaded_by', 'uploaded_at'] as const;

export function complianceRepository(db: Kysely<DB>): ComplianceRepository {
  const latest = () =>
    db.selectFrom('compliance_reports as r').where('r.version', '=', (eb) =>
      eb
        .selectFrom('compliance_reports as x')
        .select((x) => x.fn.max('x.version').as('v'))
        .whereRef('x.kind', '=', 'r.kind'),
    );
  return {
    async listCustomers() {
      return (await db.selectFrom('customers').selectAll().orderBy('name').execute()).map(toCustomer);
    },
    async customerById(id) {
      const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCustomer(row) : null;
    },
    async customerByDomain(domain) {
      const row = await db.selectFrom('customers').selectAll().where(sql<boolean>`${domain} = any(email_domains)`).executeTakeFirst();
      return row ? toCustomer(row) : null;
    },
    async upsertCustomer(c, at) {
      const values = { name: c.name, email_domains: c.emailDomains, soc2: c.soc2, pentest: c.pentest, nda_on_file: c.ndaOnFile, updated_at: at };
      const row = await db
        .insertInto('customers')
        .values({ id: randomUUID(), account_id: c.accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .executeTakeFirstOrThrow();
      return row.inserted ? 'created' : 'updated';
    },
    async addReport(kind, file, at) {
      // Serialises uploads of one kind, so versions are consecutive.
      await sql`select pg_advisory_xact_lock(hashtext(${`compliance_report:${kind}`}))`.execute(db);
      const { v } = await db
        .selectFrom('compliance_reports')
        .select((eb) => eb.fn.coalesce(eb.fn.max('version'), sql<number>`0`).as('v'))
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      const version = Number(v) + 1;
      await db
        .insertInto('compliance_reports')
        .values({
          kind,
          version,
          filename: file.filename,
          content: file.content,
          sha256: file.sha256,
          size: file.content.length,
          uploaded_by: file.uploadedBy,
          uploaded_at: at,
        })
        .execute();
      return version;
    },
    async currentReports() {
      return (
        await latest()
          .select(REPORT_COLUMNS.map((c) => `r.${c}` as const))
          .orderBy('r.kind')
          .execute()
      ).map(toReport);
    },
    async currentReport(kind) {
      const row = await latest()
        .select([...REPORT_COLUMNS.map((c) => `r.${c}` as const), 'r.content'])
        .where('r.kind', '=', kind)
        .executeTakeFirst();
      return row ? { ...toReport(row), content: row.content } : null;
    },
    async queueRequest(r, at) {
      const id = randomUUID();
      await db
        .insertInto('compliance_requests')
        .values({
          id,
          ticket_id: r.ticketId,
          customer_id: r.customerId,
          requester_email: r.requesterEmail,
          on_behalf: r.onBehalf,
          reports: r.reports,
          status: 'queued',
          created_at: at,
          delivered_at: null,
        })
        .execute();
      return id;
    },
    async queuedRequestIds() {
      return (await db.selectFrom('compliance_requests').select('id').where('status', '=', 'queued').orderBy('created_at').execute()).map((r) => r.id);
    },
    async lockQueued(id) {
      const row = await db
        .selectFrom('compliance_requests as q')
        .innerJoin('customers as c', 'c.id', 'q.customer_id')
        .select(['q.id', 'q.ticket_id', 'q.customer_id', 'q.requester_email', 'q.on_behalf', 'q.reports', 'c.name'])
        .where('q.id', '=', id)
        .where('q.status', '=', 'queued')
        .forUpdate('q')
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            ticketId: row.ticket_id,
            customerId: row.customer_id,
            customerName: row.name,
            requesterEmail: row.requester_email,
            onBehalf: row.on_behalf,
            reports: row.reports as ReportKind[],
          }
        : null;
    },
    async markDelivered(id, at) {
      await db.updateTable('compliance_requests').set({ status: 'delivered', delivered_at: at }).where('id', '=', id).execute();
    },
    async addLink(link, at) {
      await db
        .insertInto('compliance_links')
        .values({
          token_hash: link.tokenHash,
          request_id: link.requestId,
          report_kind: link.reportKind,
          recipient_email: link.recipientEmail,
          expires_at: link.expiresAt,
          created_at: at,
        })
        .execute();
    },
    async linkByHash(tokenHash) {
      const row = await db.selectFrom('compliance_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row
        ? {
            tokenHash: row.token_hash,
            requestId: row.request_id,
            reportKind: row.report_kind as ReportKind,
            recipientEmail: row.recipient_email,
            expiresAt: row.expires_at,
          }
        : null;
    },
    async logDownload(e, at) {
      await db
        .insertInto('compliance_downloads')
        .values({
          id: randomUUID(),
          token_hash: e.tokenHash,
          report_kind: e.reportKind,
          report_version: e.reportVersion,
          recipient_email: e.recipientEmail,
          ip: e.ip,
          downloaded_at: at,
        })
        .execute();
    },
  };
}
