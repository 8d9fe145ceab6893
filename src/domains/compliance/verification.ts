// Whether a compliance report request may be served. A customer's address (its domain in the
// customer directory) may ask for the reports its agreement includes; the penetration test report
// also needs an NDA on file, as it describes weaknesses in detail. An employee (an address in one of
// the company's own domains) asks on behalf of a named customer, for the SOC 2 report only.
// An unverified request gets a clear reason that is safe to tell the requester.
import { ValidationError } from '../errors.ts';
import { REPORT_KINDS, REPORT_NAMES, type Customer, type ReportKind } from './compliance.types.ts';
import { domainOf } from '../mail/mail-identity.ts';

export type Verification = { verified: true; customer: Customer; onBehalf: boolean; reports: ReportKind[] } | { verified: false; reason: string };

export interface VerificationInput {
  requesterEmail: string;
  reports: readonly string[];
  /** The customer named for an employee's request (looked up by the caller). */
  onBehalfOf: Customer | null;
  /** The customer whose email domain the requester's address has. */
  requesterCustomer: Customer | null;
  employeeDomains: readonly string[];
}

function checkReports(reports: readonly string[]): ReportKind[] {
  const unique = [...new Set(reports)];
  if (unique.length === 0) throw new ValidationError('name at least one report: soc2, pentest');
  const unknown = unique.filter((r) => !(REPORT_KINDS as readonly string[]).includes(r));
  if (unknown.length) throw new ValidationError(`unknown report ${unknown.join(', ')} (reports: ${REPORT_KINDS.join(', ')})`);
  return unique as ReportKind[];
}

function entitlementGap(customer: Customer, reports: ReportKind[]): string | null {
  for (const report of reports) {
    if (!customer[report]) return `the agreement of ${customer.name} does not include the ${REPORT_NAMES[report]}`;
    if (report === 'pentest' && !customer.ndaOnFile)
      return `the ${REPORT_NAMES.pentest} is shared only under a non-disclosure agreement, and we have none on file for ${customer.name}`;
  }
  return null;
}

export function verifyRequest(input: VerificationInput): Verification {
  const reports = checkReports(input.reports);
  const domain = domainOf(input.requesterEmail);
  const employee = input.employeeDomains.includes(domain);
  if (!employee && input.onBehalfOf)
    throw new ValidationError("only an employee asks on behalf of a customer (onBehalfOf); a customer's own address is matched by its domain");
  if (employee) {
    if (!input.onBehalfOf) throw new ValidationError("an employee's request names the customer it is for (onBehalfOf)");
    if (reports.some((r) => r !== 'soc2')) return { verified: false, reason: 'employees may request the SOC 2 report only, on behalf of a customer' };
    const gap = entitlementGap(input.onBehalfOf, reports);
    return gap ? { verified: false, reason: gap } : { verified: true, customer: input.onBehalfOf, onBehalf: true, reports };
  }
  const customer = input.requesterCustomer;
  if (!customer) return { verified: false, reason: `we could not find ${domain} among our customers` };
  const gap = entitlementGap(customer, reports);
  return gap ? { verified: false, reason: gap } : { verified: true, customer, onBehalf: false, reports };
}
