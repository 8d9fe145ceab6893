import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLowValue, type LowValueFamily } from './low-value.ts';

function flaggedAs(subject: string, body: string): LowValueFamily[] {
  const verdict = detectLowValue(subject, body);
  assert.ok(verdict.flagged, `expected a flag: ${JSON.stringify(verdict)}`);
  return verdict.findings.map((f) => f.family);
}

function withheld(subject: string, body: string): string[] {
  const verdict = detectLowValue(subject, body);
  assert.equal(verdict.flagged, false, `expected no flag: ${JSON.stringify(verdict)}`);
  return verdict.withheldBy.map((w) => w.reason);
}

test('email authentication records: missing SPF, DMARC p=none; a spoofed mail that reached an inbox is a real finding', () => {
  assert.deepEqual(flaggedAs('Missing DMARC record', 'Your domain has no DMARC record, so attackers can spoof you.'), ['email-auth']);
  assert.deepEqual(flaggedAs('Issue', 'The DMARC policy is p=none and the SPF record is missing.'), ['email-auth']);
  const finding = detectLowValue('Missing DMARC record', 'Your domain has no DMARC record.').findings[0]!;
  assert.match(finding.title, /SPF, DMARC, DKIM/);
  assert.match(finding.detail, /“no dmarc record”/);
  assert.deepEqual(withheld('Spoofing', 'login.example.com has p=none; my spoofed password reset mail landed in the inbox at Gmail.'), [
    'email-auth: spoofed mail shown to reach an inbox, or a sign-in domain',
  ]);
});

test('clickjacking: flagged on a page with nothing to click, withheld when a state-changing action sits behind the frame', () => {
  assert.deepEqual(flaggedAs('Clickjacking', 'The about page is vulnerable to clickjacking.'), ['clickjacking']);
  assert.deepEqual(withheld('Clickjacking', 'Clickjacking on settings: two clicks delete the account of the visitor.'), [
    'clickjacking: a state-changing action behind the frame',
  ]);
});

test('missing security headers and software version disclosure', () => {
  assert.deepEqual(flaggedAs('Headers', 'Missing security headers: Content-Security-Policy is not set.'), ['security-headers']);
  assert.deepEqual(flaggedAs('HSTS', 'Strict-Transport-Security is missing on example.com'), ['security-headers']);
  assert.deepEqual(flaggedAs('Version disclosure', 'Server: nginx/1.18.0 reveals the version.'), ['version-disclosure']);
  assert.deepEqual(flaggedAs('Banner', 'The X-Powered-By header shows PHP.'), ['version-disclosure']);
  assert.deepEqual(withheld('Old Confluence', 'Version disclosure: 7.13.6. I was able to exploit it: remote code execution as the confluence user.'), [
    'version-disclosure: an exploit shown to work',
    'a concrete finding',
  ]);
});

test('self-XSS is flagged; a stored XSS that runs for other users is not', () => {
  assert.deepEqual(flaggedAs('XSS', 'Self-XSS in the search box.'), ['self-xss']);
  assert.deepEqual(flaggedAs('XSS', 'Paste this code into the browser console and it shows an alert.'), ['self-xss']);
  assert.deepEqual(flaggedAs('XSS', 'The payload in my own profile name pops an alert.'), ['self-xss']);
  assert.deepEqual(detectLowValue('Stored XSS', "A stored XSS in comments runs in another user's session.").findings, []);
  assert.deepEqual(withheld('XSS', 'Self-XSS turns into stored XSS once an admin opens the profile.'), ['a concrete finding']);
});

test('rate limiting: flagged on a contact form, withheld on sign-in, codes and reset', () => {
  assert.deepEqual(flaggedAs('Rate limit', 'There is no rate limit on the contact form.'), ['rate-limiting']);
  assert.deepEqual(withheld('Rate limit', 'No rate limiting on the 2FA code check: I brute-forced my own code.'), [
    'rate-limiting: a sensitive form (sign-in, codes, reset)',
  ]);
  assert.deepEqual(withheld('Rate limit', 'Rate limiting is missing on password reset.'), ['rate-limiting: a sensitive form (sign-in, codes, reset)']);
});

test('"bounty?" only counts with no concrete finding', () => {
  assert.deepEqual(flaggedAs('Bug bounty?', 'I found a critical vulnerability. Do you pay a bounty before I share the details?'), ['bounty-no-finding']);
  assert.deepEqual(
    detectLowValue('IDOR; is there a bounty?', "GET /api/invoices/12/pdf returns any customer's invoice. Steps to reproduce attached.").findings,
    [],
  );
});

test('scanner output counts only with two markers and no target', () => {
  assert.deepEqual(flaggedAs('Scan', 'Nessus scan report\nPlugin ID 10107 Risk level: Info'), ['scanner-output']);
  assert.equal(detectLowValue('Scan', 'I use Nessus at work.').flagged, false, 'one mention is not output');
  assert.equal(
    detectLowValue('Scan', 'Nuclei scan report: severity: medium at https://docs.example.com/.git/config, confirmed by hand.').findings.some(
      (f) => f.family === 'scanner-output',
    ),
    false,
    'a named target is a finding to check',
  );
});

test('an ordinary report or question fires nothing', () => {
  assert.deepEqual(detectLowValue('Question', 'Do you encrypt data at rest?'), { flagged: false, findings: [], withheldBy: [] });
});
