// Transparent signals: rules an analyst can read, each naming the label it supports, how strongly
// (added to that label's log-odds) and what it saw. They complement the text classifier: machine mail,
// proof-of-concept attachments and unmistakable words count no matter how long the message is.
import type { TriageLabel } from './labels.ts';
import { domainOf } from '../mail/mail-identity.ts';

export interface TriageInput {
  subject: string;
  body: string;
  /** The sender's address as the mail claimed it (never trusted; a hint only). */
  from: string;
  attachmentNames?: string[];
  /** Set by mail intake when the message was written by a machine (auto-reply, bounce, …). */
  noise?: string | null;
}

export interface FiredSignal {
  signal: string;
  label: TriageLabel;
  weight: number;
  /** What was seen, in words an analyst reads ("keyword “DMCA”"). */
  detail: string;
}

interface KeywordRule {
  signal: string;
  label: TriageLabel;
  weight: number;
  pattern: RegExp;
}

const KEYWORDS: KeywordRule[] = [
  {
    signal: 'dmca-terms',
    label: 'copyright_dmca',
    weight: 2.5,
    pattern:
      /\b(dmca|digital millennium copyright act|17 u\.?s\.?c\.?|512\(c\)|takedown notice|copyright infringement|infring\w*|copyrighted (work|material))\b/i,
  },
  {
    signal: 'vulnerability-terms',
    label: 'vulnerability_report',
    weight: 2,
    pattern:
      /\b(cve-\d{4}-\d{4,}|xss|cross[- ]site scripting|csrf|ssrf|idor|rce|remote code execution|sql injection|sqli|proof of concept|poc|steps to reproduce|cvss|privilege escalation|account takeover|open redirect|path traversal|vulnerability in)\b/i,
  },
  {
    signal: 'account-terms',
    label: 'account_support',
    weight: 2,
    pattern:
      /\b(2fa|two[- ]factor|locked out|password reset|reset (my|the) password|can(not|'t) (log|sign) ?in|recovery codes?|lost (my )?(phone|authenticator)|account (was )?(hacked|compromised|locked|suspended)|unauthori[sz]ed (charge|login))\b/i,
  },
  {
    signal: 'compliance-terms',
    label: 'compliance_request',
    weight: 2,
    pattern:
      /\b(soc ?2|iso ?27001|pen(etration)? test report|security questionnaire|vendor (security )?(assessment|questionnaire)|sig lite|caiq|hecvat|gdpr|dpa|data processing agreement|subprocessors?|bridge letter|audit report|attestation)\b/i,
  },
  {
    signal: 'question-terms',
    label: 'security_question',
    weight: 1.5,
    pattern:
      /\b(do you (support|offer|have|encrypt|use)|is (it|there|my data) (safe|encrypted|secure)|how (do|does) (you|your)|encrypted at rest|phishing|is this (email|message|link) (legit|legitimate|real|genuine)|security\.txt|bug bounty program\??|pgp key)\b/i,
  },
  {
    signal: 'spam-terms',
    label: 'spam_or_other',
    weight: 2,
    pattern: /\b(unsubscribe|to be removed|click here|limited time|viagra|casino|lottery|winner|act now|special offer|seo services|guest post|backlinks?)\b/i,
  },
];

const BUG_BOUNTY_PLATFORMS =
  /(^|[@.])(hackerone\.com|bugcrowd\.com|intigriti\.(com|me)|yeswehack\.(com|ninja)|huntr\.(dev|com)|openbugbounty\.org|zerodayinitiative\.com)$/i;
const COPYRIGHT_AGENTS = /(^|[@.])(markmonitor\.com|dmca\.com|opsec(security)?\.com|corsearch\.com|irdeto\.com|rightsline\.com|copyright\w*\.\w+)$/i;
const MACHINE_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-][^@]*)?@/i;
const POC_FILE = /(^|[\W_])(poc|exploit|payload|repro|reproduce)[\W_]|\.(py|sh|js|html?|har|rb|go|php|ps1|pl|c|ps|xml|svg|burp|pcap)$/i;
const LEGAL_FILE = /(notice|dmca|copyright|takedown|infring)|\.pdf$/i;

export function fireSignals(input: TriageInput): FiredSignal[] {
  const fired: FiredSignal[] = [];
  const text = `${input.subject}\n${input.body.slice(0, 20_000)}`;
  if (input.noise) fired.push({ signal: 'machine-mail', label: 'spam_or_other', weight: 6, detail: `written by a machine (${input.noise})` });
  if (MACHINE_SENDER.test(input.from))
    fired.push({ signal: 'machine-sender', label: 'spam_or_other', weight: 2.5, detail: `sender ${input.from.slice(0, input.from.indexOf('@'))}@…` });
  const domain = domainOf(input.from);
  if (BUG_BOUNTY_PLATFORMS.test(domain)) fired.push({ signal: 'bug-bounty-platform', label: 'vulnerability_report', weight: 3, detail: `sent from ${domain}` });
  if (COPYRIGHT_AGENTS.test(domain)) fired.push({ signal: 'copyright-agent', label: 'copyright_dmca', weight: 2.5, detail: `sent from ${domain}` });
  for (const rule of KEYWORDS) {
    const seen = [...new Set([...text.matchAll(new RegExp(rule.pattern, 'gi'))].map((m) => m[0].toLowerCase()))];
    if (seen.length)
      fired.push({
        signal: rule.signal,
        label: rule.label,
        weight: rule.weight + Math.min(seen.length - 1, 2) * 0.5,
        detail: seen
          .slice(0, 4)
          .map((w) => `“${w}”`)
          .join(', '),
      });
  }
  const names = input.attachmentNames ?? [];
  const poc = names.filter((n) => POC_FILE.test(n));
  if (poc.length) fired.push({ signal: 'poc-attachment', label: 'vulnerability_report', weight: 2, detail: `attachment ${poc.slice(0, 3).join(', ')}` });
  const legal = names.filter((n) => LEGAL_FILE.test(n) && !POC_FILE.test(n));
  if (legal.length && fired.some((f) => f.label === 'copyright_dmca'))
    fired.push({ signal: 'notice-attachment', label: 'copyright_dmca', weight: 1, detail: `attachment ${legal.slice(0, 3).join(', ')}` });
  return fired;
}
