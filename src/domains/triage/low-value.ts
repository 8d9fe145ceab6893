// Low-value report detection: the well-known "beg bounty" families (missing SPF or DMARC, clickjacking
// on a page with nothing to click, missing headers, version banners, self-XSS, rate limits on a contact
// form, "bounty?" with no finding, scanner output with no target). Rules an analyst can read: each family
// names the words it saw. Any sign of a concrete finding (a state-changing action behind the frame, a
// spoofed mail that reached an inbox, another user's session, a sensitive form) withholds the flag:
// dismissing a real report costs far more than answering a beg bounty by hand.

/** The reply template a flagged report points to; the team edits its out-of-scope list. */
export const OUT_OF_SCOPE_TEMPLATE = 'reply.out-of-scope';

export const LOW_VALUE_FAMILIES = [
  'email-auth',
  'clickjacking',
  'security-headers',
  'version-disclosure',
  'self-xss',
  'rate-limiting',
  'bounty-no-finding',
  'scanner-output',
] as const;
export type LowValueFamily = (typeof LOW_VALUE_FAMILIES)[number];

export interface LowValueFinding {
  family: LowValueFamily;
  /** What the family is, in words an analyst reads ("email authentication records (SPF, DMARC, DKIM)"). */
  title: string;
  /** The words seen, quoted. */
  detail: string;
}

export interface LowValueVerdict {
  /** True when a family fired and nothing suggests a concrete finding. */
  flagged: boolean;
  findings: LowValueFinding[];
  /** What withheld the flag (family or "concrete finding") and the words seen; empty when flagged. */
  withheldBy: { reason: string; detail: string }[];
}

interface FamilyRule {
  family: LowValueFamily;
  title: string;
  finding: RegExp;
  /** The near miss: the same family, but with what makes it a real finding. */
  unless?: { reason: string; pattern: RegExp };
  /** Fires only when this does not match the text (e.g. a URL for scanner output). */
  requiresAbsent?: RegExp;
}

const EMAIL_RECORD = '(spf|dmarc|dkim)';
const HEADER =
  '(x-frame-options|content-security-policy|csp|strict-transport-security|hsts|x-content-type-options|x-xss-protection|referrer-policy|permissions-policy|feature-policy)';
const URL = /\bhttps?:\/\/[^\s<>"]+|\b(get|post|put|patch|delete) \/\S*/i;

const FAMILIES: FamilyRule[] = [
  {
    family: 'email-auth',
    title: 'email authentication records (SPF, DMARC, DKIM)',
    finding: new RegExp(
      `\\b(missing|no|lack of|lacks|without( an?)?|weak|misconfigured|invalid)( an?)? ${EMAIL_RECORD}( records?| polic(y|ies))?\\b|\\b${EMAIL_RECORD}( records?| polic(y|ies))? (is |are )?(missing|not (found|configured|set|present|enabled|published)|absent|set to none|misconfigured)\\b|\\bp\\s*=\\s*none\\b|\\bemail spoofing\\b`,
      'i',
    ),
    unless: {
      reason: 'spoofed mail shown to reach an inbox, or a sign-in domain',
      pattern:
        /\b(landed|delivered|arrived|accepted)( straight)? (in|into|to) (the |my |their |a )?(primary )?(inbox|mailbox)|\bpass(ed|es) (spf|dmarc|dkim)\b|\b(login|sign-?in|password[- ]reset|billing|payroll|auth) (domain|e-?mails?|mails?|address|sender)\b/i,
    },
  },
  {
    family: 'clickjacking',
    title: 'clickjacking on a page without state-changing actions',
    finding: /\b(click-?jacking|ui redress(ing)?|can be (framed|embedded)( in an? iframe)?)\b/i,
    unless: {
      reason: 'a state-changing action behind the frame',
      pattern:
        /\b(delet(e|es|ing) (the |my |their |your )?(account|project|repository|data)|transfer(s|ring)? (money|funds)|withdraw\w*|make a payment|purchase|change (the |their |his |her |your )?(e-?mail|password|settings|address)|disable (2fa|two-factor|mfa)|authori[sz]e (the |an? )?(app|application|oauth)|grant(s|ing)? (access|permission)|add(s|ing)? (an? )?(admin|collaborator|member)|one[- ]click (action|purchase|delete))\b/i,
    },
  },
  {
    family: 'security-headers',
    title: 'missing security headers',
    finding: new RegExp(
      `\\bmissing (http )?(security|response) headers?\\b|\\bsecurity headers? (is |are )?(missing|not (set|present|implemented|configured))\\b|\\b${HEADER}( header)? (is |are )?(missing|not (set|present|implemented|configured|enabled))\\b|\\b(missing|no|lack of|absence of|without)( the| an?)? ${HEADER}\\b`,
      'i',
    ),
  },
  {
    family: 'version-disclosure',
    title: 'software version disclosure',
    finding:
      /\b(version|banner|server)( number)? (disclosure|disclosed|exposed|exposure|leak(s|ed|age)?|information disclosure)\b|\b(discloses|reveals|exposes|leaks) (the |its )?(server |software )?(version|banner)\b|\binformation disclosure of (the )?(server |software )?version\b|\bx-powered-by\b|\bserver: ?[a-z-]+\/\d+(\.\d+)*|\b(apache|nginx|iis|php|openssl|tomcat|jetty|express)\/\d+\.\d+(\.\d+)?/i,
    unless: {
      reason: 'an exploit shown to work',
      pattern: /\b(successfully exploited|i exploited|was able to exploit|obtained a (reverse )?shell|reverse shell|got a shell|read \/etc\/passwd)\b/i,
    },
  },
  {
    family: 'self-xss',
    title: 'self-XSS',
    finding:
      /\bself[- ]?xss\b|\b(paste|run|type|enter)\w*\b[^.\n]{0,40}\b(in|into) (the |your |my |their )?(browser'?s? )?(developer |dev ?tools? )?console\b|\b(xss|script|payload)\b[^.\n]{0,80}\b(my own|own (account|profile|session)|only (fires|runs|executes|works) for (me|myself|the attacker))\b/i,
  },
  {
    family: 'rate-limiting',
    title: 'no rate limiting on a non-sensitive form',
    finding:
      /\b(no|missing|lack of|lacks|without|absence of|absent) (any )?rate[- ]limit(ing|s)?\b|\brate[- ]limit(ing)? (is |are )?(missing|absent|not (implemented|enforced|present|applied|in place))\b|\bunlimited (requests|submissions|e-?mails|messages)\b/i,
    unless: {
      reason: 'a sensitive form (sign-in, codes, reset)',
      pattern:
        /\b(log ?in|sign[- ]?in|password|otp|one[- ]time (code|password)|2fa|two[- ]factor|mfa|verification codes?|pin|coupon|gift card|voucher|sms|api key|brute[- ]?forc\w+)\b/i,
    },
  },
  {
    family: 'bounty-no-finding',
    title: 'asks about a bounty with no concrete finding',
    finding:
      /\b(do|will|would|can) you (pay|offer|give|provide|have) (a |any )?(bug )?(bount(y|ies)|rewards?|compensation)\b|\bbounty\s*\?|\b(is there|eligible for|expect) (a |any )?(bug )?(bounty|reward)\b|\b(before|prior to) (i )?(shar(e|ing)|disclos(e|ing)|send(ing)?) (the )?(details|report|vulnerabilit(y|ies)|bugs?)\b/i,
    requiresAbsent: /\bhttps?:\/\/|\bsteps to reproduce\b|\bpayload\b|\bparameter\b|\bendpoint\b|\bcve-\d{4}-\d{4,}\b|\b(get|post|put|patch|delete) \//i,
  },
  {
    family: 'scanner-output',
    title: 'scanner output without a target',
    finding:
      /\b(nessus|acunetix|openvas|qualys|nikto|owasp zap|zap scan|burp (suite )?scanner|netsparker|invicti|wpscan|nuclei|plugin id|risk level|cwe-\d+|wasc-\d+|scan report|(severity|risk|confidence): (info|informational|low|medium|high|firm|tentative|certain))\b/i,
    requiresAbsent: URL,
  },
];

/** Concrete findings in any family: these words mean an analyst must read the report. */
const CONCRETE_FINDING =
  /\b(stored xss|persistent xss|dom[- ]based xss|remote code execution|rce|sql injection|sqli|ssrf|idor|insecure direct object|authentication bypass|auth bypass|privilege escalation|path traversal|directory traversal|deserializ\w+|(other|another) users?'?s? (session|account|data|browser|cookies?)|victim'?s? (session|cookies?|browser)|exfiltrat\w+|read (arbitrary|any) files?|\/etc\/passwd)\b/i;

/** Scanner output only counts with two of its markers: one tool name or CWE id alone is a mention. */
const MIN_DISTINCT: Partial<Record<LowValueFamily, number>> = { 'scanner-output': 2 };

export function detectLowValue(subject: string, body: string): LowValueVerdict {
  const text = `${subject}\n${body.slice(0, 20_000)}`;
  const findings: LowValueFinding[] = [];
  const withheldBy: LowValueVerdict['withheldBy'] = [];
  for (const rule of FAMILIES) {
    const seen = distinct(text, rule.finding);
    if (seen.length < (MIN_DISTINCT[rule.family] ?? 1)) continue;
    if (rule.requiresAbsent?.test(text)) continue;
    const nearMiss = rule.unless ? distinct(text, rule.unless.pattern) : [];
    if (nearMiss.length) withheldBy.push({ reason: `${rule.family}: ${rule.unless!.reason}`, detail: quote(nearMiss) });
    findings.push({ family: rule.family, title: rule.title, detail: quote(seen) });
  }
  const concrete = distinct(text, CONCRETE_FINDING);
  if (findings.length && concrete.length) withheldBy.push({ reason: 'a concrete finding', detail: quote(concrete) });
  const flagged = findings.length > 0 && withheldBy.length === 0;
  return { flagged, findings, withheldBy: flagged ? [] : withheldBy };
}

function distinct(text: string, pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...new Set([...text.matchAll(global)].map((m) => m[0].toLowerCase().replace(/\s+/g, ' ')))];
}

function quote(seen: string[]): string {
  return seen
    .slice(0, 4)
    .map((w) => `“${w}”`)
    .join(', ');
}
