// What a triage suggestion can say about a new ticket, and the disposition each label points to.
import type { Disposition } from '../tickets/tickets.types.ts';

export const TRIAGE_LABELS = ['vulnerability_report', 'account_support', 'copyright_dmca', 'compliance_request', 'security_question', 'spam_or_other'] as const;
export type TriageLabel = (typeof TRIAGE_LABELS)[number];

export function isTriageLabel(value: unknown): value is TriageLabel {
  return typeof value === 'string' && (TRIAGE_LABELS as readonly string[]).includes(value);
}

/** The disposition a label suggests; spam and machine mail get none (it is tagged, never answered). */
export const SUGGESTED_DISPOSITION: Record<TriageLabel, Disposition | null> = {
  vulnerability_report: 'redirect:vulnerability',
  account_support: 'redirect:support',
  copyright_dmca: 'redirect:copyright',
  compliance_request: 'compliance_request',
  security_question: 'reply',
  spam_or_other: null,
};

/** Short column heads for the confusion matrix. */
export const LABEL_ABBREVIATION: Record<TriageLabel, string> = {
  vulnerability_report: 'vuln',
  account_support: 'acct',
  copyright_dmca: 'dmca',
  compliance_request: 'comp',
  security_question: 'secq',
  spam_or_other: 'spam',
};
