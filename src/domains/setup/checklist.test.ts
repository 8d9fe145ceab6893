import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChecklist, type SetupFacts } from './checklist.ts';

const DEFAULTS: SetupFacts = {
  publicUrl: { configured: false, url: 'http://127.0.0.1:8080' },
  securityAddress: { address: 'security@localhost', configured: false, routable: false },
  teamName: { name: 'Security team', configured: false },
  relay: { configured: false },
  calendar: { timeZone: 'America/New_York', holidays: 'public holidays of US', configured: false },
  policyLinks: {
    placeholders: [
      { key: 'SECDESK_BUG_BOUNTY_URL', value: 'https://hackerone.com/example' },
      { key: 'SECDESK_DISCLOSURE_POLICY_URL', value: 'https://example.com/security/disclosure/' },
      { key: 'SECDESK_DMCA_POLICY_URL', value: 'https://example.com/legal/dmca/' },
      { key: 'SECDESK_DMCA_ADDRESS', value: 'dmca@localhost' },
    ],
  },
  roleHolders: { security_engineer: 0, incident_manager: 0, communications_manager: 0, marketing: 0, support: 0 },
  onCall: { security_engineer: null, incident_manager: null, communications_manager: null },
  groupsWithoutContacts: ['Sr. Director of Security', 'Legal'],
  chat: null,
  compliance: { customers: 0, reports: [] },
  inApp: [],
};

const byId = (facts: SetupFacts) => Object.fromEntries(buildChecklist(facts).map((i) => [i.id, i]));

test('on the defaults every item that needs a setting names it, and every missing one says what it blocks', () => {
  const items = buildChecklist(DEFAULTS);
  for (const item of items) {
    assert.notEqual(item.state, 'done', item.id);
    assert.ok(item.fix, `${item.id} says where to fix it`);
    if (item.state === 'missing') assert.ok(item.blocks.length > 0, `${item.id} says what it blocks`);
  }
  const i = byId(DEFAULTS);
  assert.deepEqual(i.public_url!.fix, {
    setting: 'SECDESK_PUBLIC_URL',
    where: 'README → Configuration (an environment variable, or the JSON file named by SECDESK_CONFIG)',
  });
  assert.match(i.public_url!.detail, /use http:\/\/127\.0\.0\.1:8080, the address secdesk serves on/);
  assert.equal(i.relay!.state, 'missing');
  assert.deepEqual((i.relay!.fix as { setting: string }).setting, 'SMTP_URL');
  assert.match(i.security_address!.detail, /security@localhost is the default and has no public domain/);
  assert.match(i.rotations!.detail, /Nobody is on call now as Security Engineer On Call, Security Incident Manager On Call, Communications Manager On Call/);
  assert.deepEqual(i.role_marketing!.blocks, ['sending the customer email']);
  assert.match(i.compliance!.detail, /no customer in the directory; no SOC 2 report uploaded/);
  assert.equal(i.policy_links!.state, 'warning');
  assert.match(i.policy_links!.detail, /Disclosure policy \(https:\/\/example\.com\/security\/disclosure\/\)/);
  assert.match(i.policy_links!.detail, /DMCA address \(dmca@localhost\)/);
  assert.match(i.policy_links!.detail, /placeholder links in the vulnerability, out-of-scope and copyright replies/);
});

test('the reply policy links item names only the settings still at their placeholder', () => {
  const i = byId({
    ...DEFAULTS,
    policyLinks: { placeholders: [{ key: 'SECDESK_DMCA_ADDRESS', value: 'dmca@localhost' }] },
    inApp: ['SECDESK_BUG_BOUNTY_URL', 'SECDESK_DISCLOSURE_POLICY_URL', 'SECDESK_DMCA_POLICY_URL', 'SECDESK_DMCA_ADDRESS'],
  });
  assert.equal(i.policy_links!.state, 'warning');
  assert.doesNotMatch(i.policy_links!.detail, /Disclosure policy/);
  assert.deepEqual(i.policy_links!.fix, { setting: 'SECDESK_DMCA_ADDRESS', where: 'Admin → Setup' });
  assert.deepEqual(i.policy_links!.settings, ['SECDESK_BUG_BOUNTY_URL', 'SECDESK_DISCLOSURE_POLICY_URL', 'SECDESK_DMCA_POLICY_URL', 'SECDESK_DMCA_ADDRESS']);
});

test('a team that is set up sees every item done', () => {
  const items = buildChecklist({
    publicUrl: { configured: true, url: 'https://secdesk.example.com' },
    securityAddress: { address: 'security@example.com', configured: true, routable: true },
    teamName: { name: 'Example Security', configured: true },
    relay: { configured: true },
    calendar: { timeZone: 'Europe/Berlin', holidays: 'public holidays of DE', configured: true },
    policyLinks: { placeholders: [] },
    roleHolders: { security_engineer: 2, incident_manager: 1, communications_manager: 1, marketing: 1, support: 3 },
    onCall: { security_engineer: 'Sam', incident_manager: 'Ira', communications_manager: 'Cora' },
    groupsWithoutContacts: [],
    chat: 'slack',
    compliance: { customers: 12, reports: ['soc2', 'pentest'] },
    inApp: [],
  });
  assert.deepEqual(
    items.filter((i) => i.state !== 'done').map((i) => i.id),
    [],
  );
  assert.ok(items.every((i) => i.fix === null && i.blocks.length === 0));
});

test('a setting that may be changed in the app is fixed in Admin → Setup, next to its item', () => {
  const i = byId({ ...DEFAULTS, inApp: ['SECDESK_PUBLIC_URL', 'SMTP_URL', 'SECDESK_INBOX_ADDRESS'] });
  assert.deepEqual(i.public_url!.fix, { setting: 'SECDESK_PUBLIC_URL', where: 'Admin → Setup' });
  assert.deepEqual(i.relay!.settings, ['SMTP_URL']);
  assert.deepEqual(i.security_address!.settings, ['SECDESK_INBOX_ADDRESS', 'SECDESK_TEAM_NAME']);
  // The team name is set by the environment: the item's fix stays where the environment is.
  assert.match((i.security_address!.fix as { where: string }).where, /README → Configuration/);
  assert.deepEqual(i.rotations!.settings, []);
});
