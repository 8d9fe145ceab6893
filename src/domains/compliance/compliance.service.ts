// Compliance report requests: the customer directory (CSV import), the report files, verification
// of a request (used by the compliance_request disposition), the scheduled delivery of queued
// requests by personal expiring links, and the download behind such a link (every one logged).
import { createHash, randomBytes } from 'node:crypto';
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import type { ActionContext, Clock } from '../context.ts';
import { DomainError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { domainOf, type PublicLinks } from '../mail/mail-identity.ts';
import { withTicketToken, type RepliesService } from '../mail/replies.service.ts';
import type { TemplatesService } from '../templates/templates.service.ts';
import type { TicketLifecycle } from '../tickets/lifecycle.ts';
import type { Ticket } from '../tickets/tickets.types.ts';
import type { ComplianceStore, CustomerDirectorySource } from './compliance.ports.ts';
import {
  REPORT_KINDS,
  REPORT_NAMES,
  type Customer,
  type ImportResult,
  type NewComplianceRequest,
  type ReportFile,
  type ReportKind,
} from './compliance.types.ts';
import { parseCustomersCsv } from './customers-csv.ts';
import { formatDeliveryDate, nextDeliveryRun } from './delivery-schedule.ts';
import { verifyRequest } from './verification.ts';

export const COMPLIANCE_DELIVERY_QUEUE = 'compliance.deliver';
export const CUSTOMER_SYNC_QUEUE = 'customers.sync';
export interface CustomerSyncJob {
  /** The slot this sync belongs to (ISO); also its singleton key. */
  slot: string;
}
export interface DeliveryRunJob {
  /** The scheduled run time (ISO); also the job's singleton key, so each run exists once. */
  runAt: string;
}

export interface ComplianceSettings {
  employeeDomains: string[];
  /** HH:MM in the team's time zone. */
  deliveryTime: string;
  linkDays: number;
  /** The download links (on SECDESK_PUBLIC_URL, or the served address: see mail-identity.ts). */
  links: PublicLinks;
  maxReportBytes: number;
  /** Hours between syncs of the customer directory from its source, when there is one. */
  syncHours: number;
}

/** Why a download link is refused; the message is shown to whoever holds the link. */
export class LinkRefusedError extends DomainError {
  readonly reason: 'unknown' | 'expired' | 'wrong-recipient' | 'unavailable';
  constructor(reason: LinkRefusedError['reason'], message: string) {
    super('link_refused', message);
    this.reason = reason;
  }
}

/** What a compliance_request disposition does: the mail to send and, when verified, the request to queue. */
export interface ComplianceAssessment {
  templateKey: 'compliance.receipt' | 'compliance.unverified';
  values: Record<string, string>;
  request: NewComplianceRequest | null;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const reportList = (reports: readonly ReportKind[]): string => reports.map((r) => REPORT_NAMES[r]).join(' and ');
const MAX_CSV = 5 * 1024 * 1024;
const FILENAME = /^[\w][\w .()-]{0,150}$/;

export class ComplianceService {
  readonly #store: Transactor<ComplianceStore>;
  readonly #clock: Clock;
  readonly #calendar: TeamCalendar;
  readonly #lifecycle: TicketLifecycle;
  readonly #templates: TemplatesService;
  readonly #replies: RepliesService;
  readonly settings: ComplianceSettings;
  readonly directory: CustomerDirectorySource | null;

  constructor(deps: {
    store: Transactor<ComplianceStore>;
    clock: Clock;
    calendar: TeamCalendar;
    lifecycle: TicketLifecycle;
    templates: TemplatesService;
    replies: RepliesService;
    settings: ComplianceSettings;
    directory: CustomerDirectorySource | null;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#calendar = deps.calendar;
    this.#lifecycle = deps.lifecycle;
    this.#templates = deps.templates;
    this.#replies = deps.replies;
    this.settings = deps.settings;
    this.directory = deps.directory;
  }

  /** Analysts read the directory (to name the customer of an employee's request); admins change it. */
  async listCustomers(ctx: ActionContext): Promise<Customer[]> {
    authorize(ctx.actor, 'tickets.write');
    return this.#store.read.compliance.listCustomers();
  }

  /** Imports a CSV customer directory, all or nothing: any broken row is reported by line and nothing changes. */
  async importCustomers(ctx: ActionContext, text: string): Promise<ImportResult> {
    authorize(ctx.actor, 'customers.manage');
    if (text.length > MAX_CSV) throw new ValidationError(`a customer file is limited to ${MAX_CSV} bytes`);
    const parsed = await parseCustomersCsv(text);
    const errors = [...parsed.errors, ...(await this.#conflicts(parsed.customers))].sort((a, b) => a.line - b.line);
    if (errors.length)
      throw new ValidationError(
        `nothing imported: ${errors
          .slice(0, 20)
          .map((e) => `line ${e.line}: ${e.message}`)
          .join('; ')}`,
        errors,
      );
    if (parsed.customers.length === 0) throw new ValidationError('the file has no customers');
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const result: ImportResult = { created: 0, updated: 0, errors: [] };
      for (const { customer } of parsed.customers) result[await s.compliance.upsertCustomer(customer, now)]++;
      await s.audit.append(ctx, {
        action: 'customers.imported',
        entityType: 'customer',
        entityId: null,
        after: { created: result.created, updated: result.updated },
      });
      return result;
    });
  }

  /** Imports the directory from its source now (the same checks as a CSV import; all or nothing). */
  async syncCustomers(ctx: ActionContext): Promise<ImportResult> {
    authorize(ctx.actor, 'customers.manage');
    if (!this.directory) throw new ValidationError('no customer directory source is configured (set SECDESK_CUSTOMER_DIRECTORY_URL)');
    let text: string;
    try {
      text = await this.directory.fetchCsv();
    } catch (err) {
      throw new ValidationError(`${(err as Error).message}; the directory is unchanged`);
    }
    return this.importCustomers(ctx, text);
  }

  /** Schedules the next sync from the directory source (one job per slot, whoever asks). */
  async scheduleNextSync(after: Date = this.#clock.now()): Promise<void> {
    if (!this.directory) return;
    const period = this.settings.syncHours * 3_600_000;
    const slot = new Date((Math.floor(after.getTime() / period) + 1) * period);
    await this.#store.read.jobs.send(CUSTOMER_SYNC_QUEUE, { slot: slot.toISOString() } satisfies CustomerSyncJob, {
      startAfter: slot,
      singletonKey: slot.toISOString(),
    });
  }

  /** The sync job: a failed sync changes nothing and is retried; either way the next one is scheduled. */
  async runSync(job: CustomerSyncJob, lastAttempt: boolean): Promise<void> {
    const next = () => this.scheduleNextSync(new Date(Math.max(this.#clock.now().getTime(), new Date(job.slot).getTime())));
    try {
      await this.syncCustomers({ actor: SYSTEM_ACTOR });
    } catch (err) {
      if (lastAttempt) await next();
      throw err;
    }
    await next();
  }

  /** Account ids or domains that appear twice, in the file or against other customers already in the directory. */
  async #conflicts(rows: { line: number; customer: { accountId: string; emailDomains: string[] } }[]): Promise<{ line: number; message: string }[]> {
    const owners = new Map<string, string>();
    for (const c of await this.#store.read.compliance.listCustomers()) for (const d of c.emailDomains) owners.set(d, c.accountId);
    const seen = new Set<string>();
    const errors: { line: number; message: string }[] = [];
    for (const { line, customer } of rows) {
      if (seen.has(customer.accountId)) errors.push({ line, message: `account_id ${customer.accountId} appears twice` });
      seen.add(customer.accountId);
      for (const d of customer.emailDomains) {
        const owner = owners.get(d);
        if (owner !== undefined && owner !== customer.accountId) errors.push({ line, message: `${d} already belongs to account ${owner}` });
        owners.set(d, customer.accountId);
      }
    }
    return errors;
  }

  async listReports(ctx: ActionContext): Promise<ReportFile[]> {
    authorize(ctx.actor, 'customers.manage');
    return this.#store.read.compliance.currentReports();
  }

  /** Stores a new version of a report (the one delivered from now on). */
  async uploadReport(ctx: ActionContext, kind: string, filename: string, content: Buffer): Promise<ReportFile> {
    authorize(ctx.actor, 'customers.manage');
    if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw new ValidationError(`unknown report ${kind} (reports: ${REPORT_KINDS.join(', ')})`);
    if (!FILENAME.test(filename)) throw new ValidationError('a report file name has letters, digits, spaces and . ( ) - _ only (at most 150)');
    if (content.length === 0) throw new ValidationError('the report is empty');
    if (content.length > this.settings.maxReportBytes) throw new ValidationError(`a report is limited to ${this.settings.maxReportBytes} bytes`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const now = this.#clock.now();
    const version = await this.#store.transaction(async (s) => {
      const v = await s.compliance.addReport(kind as ReportKind, { filename, content, sha256, uploadedBy: ctx.actor.label }, now);
      await s.audit.append(ctx, {
        action: 'compliance.report_uploaded',
        entityType: 'compliance_report',
        entityId: null,
        after: { kind, version: v, filename, sha256, size: content.length },
      });
      return v;
    });
    return { kind: kind as ReportKind, version, filename, sha256, size: content.length, uploadedBy: ctx.actor.label, uploadedAt: now };
  }

  /** The next delivery: its date (for the receipt) and the instant the delivery job runs. */
  nextDelivery(now: Date = this.#clock.now()): { date: string; at: Date } {
    return nextDeliveryRun(this.#calendar, now, this.settings.deliveryTime);
  }

  /** Verifies a request for a ticket (through `s`, a transaction's store or the read store). */
  async assess(s: ComplianceStore, ticket: Ticket, input: { reports: readonly string[]; onBehalfOf?: string | undefined }): Promise<ComplianceAssessment> {
    const onBehalfOf = input.onBehalfOf ? await s.compliance.customerById(input.onBehalfOf) : null;
    if (input.onBehalfOf && !onBehalfOf) throw new NotFoundError('customer');
    const requesterEmail = ticket.requester.email;
    const employee = this.settings.employeeDomains.includes(domainOf(requesterEmail));
    const requesterCustomer = employee ? null : await s.compliance.customerByDomain(domainOf(requesterEmail));
    const verdict = verifyRequest({ requesterEmail, reports: input.reports, onBehalfOf, requesterCustomer, employeeDomains: this.settings.employeeDomains });
    const reports = reportList([...new Set(input.reports)].filter((r): r is ReportKind => r in REPORT_NAMES));
    if (!verdict.verified)
      return { templateKey: 'compliance.unverified', values: { 'compliance.reason': verdict.reason, 'reports.list': reports }, request: null };
    return {
      templateKey: 'compliance.receipt',
      values: { 'delivery.date': formatDeliveryDate(this.nextDelivery().date), 'reports.list': reports, 'customer.name': verdict.customer.name },
      request: { ticketId: ticket.id, customerId: verdict.customer.id, requesterEmail, onBehalf: verdict.onBehalf, reports: verdict.reports },
    };
  }

  /** Schedules the next delivery run (idempotent: one job per run time, whichever instance asks). */
  async scheduleNextRun(after: Date = this.#clock.now()): Promise<Date> {
    const { at } = nextDeliveryRun(this.#calendar, after, this.settings.deliveryTime);
    await this.#store.read.jobs.send(COMPLIANCE_DELIVERY_QUEUE, { runAt: at.toISOString() } satisfies DeliveryRunJob, {
      startAfter: at,
      singletonKey: at.toISOString(),
    });
    return at;
  }

  /** The delivery job: delivers every queued request, then schedules the next run. */
  async runDelivery(job: DeliveryRunJob): Promise<{ delivered: number; waiting: number }> {
    let delivered = 0;
    let waiting = 0;
    for (const id of await this.#store.read.compliance.queuedRequestIds()) {
      const outcome = await this.deliver(id);
      if (outcome === 'delivered') delivered++;
      if (outcome === 'report-missing') waiting++;
    }
    await this.scheduleNextRun(new Date(Math.max(this.#clock.now().getTime(), new Date(job.runAt).getTime())));
    return { delivered, waiting };
  }

  /**
   * Delivers one queued request in one transaction: a personal link per report, the delivery mail
   * on the outbox, the request marked delivered and the ticket solved. A request already delivered
   * is left alone, so a retried or repeated run never sends twice. A request whose report has not
   * been uploaded waits for the next run.
   */
  async deliver(requestId: string): Promise<'delivered' | 'already' | 'report-missing'> {
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const request = await s.compliance.lockQueued(requestId);
      if (!request) return 'already';
      const available = new Set((await s.compliance.currentReports()).map((r) => r.kind));
      if (request.reports.some((r) => !available.has(r))) return 'report-missing';
      const ticket = await s.tickets.byId(request.ticketId);
      if (!ticket) throw new NotFoundError('ticket');
      const expiresAt = new Date(now.getTime() + this.settings.linkDays * 86_400_000);
      const links: string[] = [];
      for (const reportKind of request.reports) {
        const token = randomBytes(32).toString('base64url');
        await s.compliance.addLink({ tokenHash: hashToken(token), requestId, reportKind, recipientEmail: request.requesterEmail, expiresAt }, now);
        links.push(`${REPORT_NAMES[reportKind]}:\n  ${this.settings.links.link(`/compliance/download/${token}`)}`);
      }
      const mail = await this.#templates.renderCurrent(s, 'compliance.delivery', ticket, {
        'download.links': links.join('\n\n'),
        'download.expires': formatDeliveryDate(this.#calendar.dateOf(expiresAt)),
        'reports.list': reportList(request.reports),
        'customer.name': request.customerName,
      });
      const template = mail.template ? { key: mail.template.key, version: mail.template.version } : null;
      const queued = await this.#replies.queue(
        s,
        ticket.id,
        { to: request.requesterEmail, subject: withTicketToken(ticket.number, mail.subject), body: mail.body, threaded: true, template },
        now,
      );
      await s.compliance.markDelivered(requestId, now);
      const effects = ticket.status === 'closed' ? {} : await this.#lifecycle.moveTo(s, ticket.id, 'solved', now);
      await s.audit.append(
        { actor: SYSTEM_ACTOR },
        {
          action: 'compliance.delivered',
          entityType: 'ticket',
          entityId: ticket.id,
          before: { status: ticket.status },
          after: {
            requestId,
            reports: request.reports,
            to: request.requesterEmail,
            messageId: queued.messageId,
            expiresAt: expiresAt.toISOString(),
            ...effects,
          },
        },
      );
      return 'delivered';
    });
  }

  /** Whether a link can still be used (for the page that asks for the address). */
  async checkLink(token: string): Promise<{ reportName: string; expiresAt: Date }> {
    const link = await this.#usableLink(token);
    return { reportName: REPORT_NAMES[link.reportKind], expiresAt: link.expiresAt };
  }

  /** The report behind a link, for the address it was sent to; every download is logged and audited. */
  async download(token: string, email: string, ip: string | null): Promise<{ filename: string; content: Uint8Array; sha256: string }> {
    const link = await this.#usableLink(token);
    if (email.trim().toLowerCase() !== link.recipientEmail.toLowerCase()) {
      await this.#store.read.audit.append(
        { actor: { ...SYSTEM_ACTOR, label: 'compliance download link' }, ip: ip ?? undefined },
        {
          action: 'compliance.download_refused',
          entityType: 'compliance_request',
          entityId: link.requestId,
          after: { reason: 'wrong-recipient', reportKind: link.reportKind },
        },
      );
      throw new LinkRefusedError(
        'wrong-recipient',
        'This link was sent to someone else, and works only for the address it was sent to. Ask the person who received it to download the report, or write to us to request your own copy.',
      );
    }
    const report = await this.#store.read.compliance.currentReport(link.reportKind);
    if (!report) throw new LinkRefusedError('unavailable', 'The report is not available at the moment. Please write to us and we will send it again.');
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      await s.compliance.logDownload(
        { tokenHash: link.tokenHash, reportKind: link.reportKind, reportVersion: report.version, recipientEmail: link.recipientEmail, ip },
        now,
      );
      await s.audit.append(
        { actor: { ...SYSTEM_ACTOR, label: link.recipientEmail }, ip: ip ?? undefined },
        {
          action: 'compliance.downloaded',
          entityType: 'compliance_request',
          entityId: link.requestId,
          after: { reportKind: link.reportKind, version: report.version, sha256: report.sha256 },
        },
      );
    });
    return { filename: report.filename, content: report.content, sha256: report.sha256 };
  }

  async #usableLink(token: string) {
    const link = /^[\w-]{43}$/.test(token) ? await this.#store.read.compliance.linkByHash(hashToken(token)) : null;
    if (!link)
      throw new LinkRefusedError(
        'unknown',
        'This download link is not valid. Check that the whole link was copied from the mail, or write to us to request the report again.',
      );
    if (link.expiresAt.getTime() <= this.#clock.now().getTime())
      throw new LinkRefusedError(
        'expired',
        `This download link expired on ${formatDeliveryDate(this.#calendar.dateOf(link.expiresAt))}. Reply to the mail that brought it, or write to us, and we will send you a new one.`,
      );
    return link;
  }
}
