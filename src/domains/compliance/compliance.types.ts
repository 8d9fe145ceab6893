// Compliance report requests: customers and what they are entitled to, the report files, queued
// requests and the personal download links they are delivered by.
export const REPORT_KINDS = ['soc2', 'pentest'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_NAMES: Record<ReportKind, string> = { soc2: 'SOC 2 report', pentest: 'penetration test report' };

export interface CustomerInput {
  name: string;
  accountId: string;
  emailDomains: string[];
  soc2: boolean;
  pentest: boolean;
  ndaOnFile: boolean;
}

export interface Customer extends CustomerInput {
  id: string;
  updatedAt: Date;
}

export interface ReportFile {
  kind: ReportKind;
  version: number;
  filename: string;
  sha256: string;
  size: number;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface NewComplianceRequest {
  ticketId: string;
  customerId: string;
  requesterEmail: string;
  onBehalf: boolean;
  reports: ReportKind[];
}

export interface QueuedRequest extends NewComplianceRequest {
  id: string;
  customerName: string;
}

export interface DownloadLink {
  tokenHash: string;
  requestId: string;
  reportKind: ReportKind;
  recipientEmail: string;
  expiresAt: Date;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows that were not imported, by line of the file (1-based, the header is line 1). */
  errors: { line: number; message: string }[];
}
