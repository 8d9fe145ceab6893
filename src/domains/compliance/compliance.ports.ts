import type { TemplatesStore } from '../templates/templates.ports.ts';
import type { TicketsStore } from '../tickets/tickets.ports.ts';
import type { Customer, CustomerInput, DownloadLink, NewComplianceRequest, QueuedRequest, ReportFile, ReportKind } from './compliance.types.ts';

export interface ComplianceRepository {
  listCustomers(): Promise<Customer[]>;
  customerById(id: string): Promise<Customer | null>;
  /** The customer whose email domains include this one. */
  customerByDomain(domain: string): Promise<Customer | null>;
  /** Creates or updates the customer with this account id. */
  upsertCustomer(input: CustomerInput, at: Date): Promise<'created' | 'updated'>;
  /** Saves the next version of a report; returns its number. */
  addReport(kind: ReportKind, file: { filename: string; content: Buffer; sha256: string; uploadedBy: string }, at: Date): Promise<number>;
  currentReports(): Promise<ReportFile[]>;
  currentReport(kind: ReportKind): Promise<(ReportFile & { content: Uint8Array }) | null>;
  queueRequest(request: NewComplianceRequest, at: Date): Promise<string>;
  queuedRequestIds(): Promise<string[]>;
  /** The request, locked for this transaction, when it is still queued. */
  lockQueued(id: string): Promise<QueuedRequest | null>;
  markDelivered(id: string, at: Date): Promise<void>;
  addLink(link: DownloadLink, at: Date): Promise<void>;
  linkByHash(tokenHash: string): Promise<DownloadLink | null>;
  logDownload(entry: { tokenHash: string; reportKind: ReportKind; reportVersion: number; recipientEmail: string; ip: string | null }, at: Date): Promise<void>;
}

export type ComplianceStore = TicketsStore & TemplatesStore & { compliance: ComplianceRepository };

/** The customer directory as another system exports it (CSV, the format of customers-csv.ts). */
export interface CustomerDirectorySource {
  fetchCsv(): Promise<string>;
}
