import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calendarSettingsOf, ConfigError, loadConfig, redactConfig } from './config.ts';
import { DEFAULT_CALENDAR } from '../domains/calendar/calendar.ts';

test('defaults apply when nothing is set', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 8080);
  assert.equal(config.HOST, '127.0.0.1');
  assert.equal(config.SECDESK_DATA_DIR, path.resolve('./data'));
  assert.equal(config.DATABASE_URL, undefined);
  assert.equal(config.SECDESK_SEED_DEMO, 'auto');
});

test('environment values are converted to their types', () => {
  const config = loadConfig({ PORT: '9090', SECDESK_SESSION_HOURS: '2' });
  assert.equal(config.PORT, 9090);
  assert.equal(config.SECDESK_SESSION_HOURS, 2);
});

test('a bad value is refused with the key named', () => {
  assert.throws(
    () => loadConfig({ PORT: 'abc' }),
    (err: Error) => err instanceof ConfigError && /PORT/.test(err.message),
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SECDESK_LOG_LEVEL: 'loud' }), /SECDESK_LOG_LEVEL/);
});

test('a bad risk matrix is refused with SECDESK_RISK_MATRIX named; a good one is kept', () => {
  assert.throws(
    () => loadConfig({ SECDESK_RISK_MATRIX: '{not json' }),
    (err: Error) => err instanceof ConfigError && /^invalid configuration: SECDESK_RISK_MATRIX is not JSON$/.test(err.message),
  );
  assert.throws(
    () => loadConfig({ SECDESK_RISK_MATRIX: JSON.stringify({ impactLabels: ['a'], likelihoodLabels: [], levels: [] }) }),
    /invalid configuration: SECDESK_RISK_MATRIX impactLabels must list exactly 5 labels/,
  );
  const matrix = {
    impactLabels: ['1', '2', '3', '4', '5'],
    likelihoodLabels: ['1', '2', '3', '4', '5'],
    levels: [
      { level: 'low', label: 'Low', minScore: 1, commsPlan: false },
      { level: 'high', label: 'High', minScore: 8, commsPlan: true },
    ],
  };
  assert.equal(loadConfig({ SECDESK_RISK_MATRIX: JSON.stringify(matrix) }).SECDESK_RISK_MATRIX, JSON.stringify(matrix));
});

test('bad regulatory clocks are refused with SECDESK_REGULATORY_CLOCKS named, in one line; none or a good list is kept', () => {
  assert.throws(
    () => loadConfig({ SECDESK_REGULATORY_CLOCKS: '[{' }),
    (err: Error) => err instanceof ConfigError && /^invalid configuration: SECDESK_REGULATORY_CLOCKS is not JSON$/.test(err.message),
  );
  const clock = { id: 'nis2', name: 'NIS2 early warning', when: 'impact >= hihg', hours: 24, from: 'awareness', reminders: [12], owner: 'incident_manager' };
  assert.throws(
    () => loadConfig({ SECDESK_REGULATORY_CLOCKS: JSON.stringify([clock]) }),
    (err: Error) => /^invalid configuration: SECDESK_REGULATORY_CLOCKS clocks\[0\]\.when: unknown value 'hihg'[^\n]*did you mean 'high'/.test(err.message),
  );
  assert.equal(loadConfig({ SECDESK_REGULATORY_CLOCKS: JSON.stringify([{ ...clock, when: 'impact >= high' }]) }).SECDESK_REGULATORY_CLOCKS!.length > 2, true);
  assert.equal(loadConfig({ SECDESK_REGULATORY_CLOCKS: '[]' }).SECDESK_REGULATORY_CLOCKS, '[]');
});

test('a secret is never shown in an error', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' }),
    (err: Error) => !err.message.includes('hunter2'),
  );
});

test('a config file supplies values, the environment wins, unknown keys are refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-config-'));
  const file = path.join(dir, 'secdesk.json');
  writeFileSync(file, JSON.stringify({ PORT: 7000, HOST: '0.0.0.0' }));
  const config = loadConfig({ SECDESK_CONFIG: file, PORT: '7001' });
  assert.equal(config.PORT, 7001);
  assert.equal(config.HOST, '0.0.0.0');
  writeFileSync(file, JSON.stringify({ PROT: 7000 }));
  assert.throws(() => loadConfig({ SECDESK_CONFIG: file }), /unknown config key PROT/);
  writeFileSync(file, '{ not json');
  assert.throws(() => loadConfig({ SECDESK_CONFIG: file }), /not a JSON object/);
  assert.throws(() => loadConfig({ SECDESK_CONFIG: path.join(dir, 'missing.json') }), /cannot be read/);
});

test('the OIDC role map must be a JSON object of strings', () => {
  assert.throws(() => loadConfig({ SECDESK_OIDC_ROLE_MAP: '[1]' }), /SECDESK_OIDC_ROLE_MAP/);
  assert.throws(() => loadConfig({ SECDESK_OIDC_ISSUER: 'https://idp.example' }), /SECDESK_OIDC_CLIENT_ID/);
});

test('redaction hides secrets', () => {
  const shown = redactConfig(loadConfig({ SECDESK_ADMIN_PASSWORD: 'correct horse battery', DATABASE_URL: 'postgres://u:p@h/db' }));
  assert.equal(shown.SECDESK_ADMIN_PASSWORD, '(set)');
  assert.equal(shown.DATABASE_URL, '(set)');
});

test('IMAP polling: off by default, a URL without user or host is refused, the URL is a secret', () => {
  const off = loadConfig({});
  assert.equal(off.IMAP_URL, undefined);
  assert.deepEqual([off.IMAP_MAILBOX, off.IMAP_POLL_SECONDS, off.IMAP_POLL_BATCH], ['INBOX', 60, 50]);
  assert.throws(() => loadConfig({ IMAP_URL: 'imap://imap.example.com' }), /IMAP_URL must look like/);
  assert.throws(
    () => loadConfig({ IMAP_URL: 'pop3://u:hunter2@x' }),
    (err: Error) => /IMAP_URL/.test(err.message) && !err.message.includes('hunter2'),
  );
  const on = loadConfig({ IMAP_URL: 'imaps://sec%40example.com:hunter2@imap.example.com', IMAP_POLL_SECONDS: '30' });
  assert.equal(on.IMAP_POLL_SECONDS, 30);
  assert.equal(redactConfig(on).IMAP_URL, '(set)');
});

test('chat: one platform at a time, Mattermost needs its token and team, tokens are secrets', () => {
  assert.throws(
    () =>
      loadConfig({
        SECDESK_SLACK_TOKEN: 'xoxb-1',
        SECDESK_MATTERMOST_URL: 'https://mm.example.com',
        SECDESK_MATTERMOST_TOKEN: 't',
        SECDESK_MATTERMOST_TEAM_ID: 'team',
      }),
    /configure one chat platform/,
  );
  assert.throws(() => loadConfig({ SECDESK_MATTERMOST_URL: 'https://mm.example.com' }), /SECDESK_MATTERMOST_TOKEN and SECDESK_MATTERMOST_TEAM_ID are required/);
  const config = loadConfig({ SECDESK_SLACK_TOKEN: 'xoxb-secret', SECDESK_SLACK_SIGNING_SECRET: 'signing' });
  assert.equal(config.SECDESK_SLACK_API_URL, 'https://slack.com/api');
  assert.equal(config.SECDESK_SLACK_SECURITY_CHANNEL, '#security-department');
  assert.equal(redactConfig(config).SECDESK_SLACK_TOKEN, '(set)');
  assert.equal(redactConfig(config).SECDESK_SLACK_SIGNING_SECRET, '(set)');
});

test('the webhook and tracker allow-lists take address ranges only', () => {
  assert.equal(loadConfig({ SECDESK_WEBHOOK_ALLOW_PRIVATE: '10.0.0.0/8, ::1, 127.0.0.2/32' }).SECDESK_WEBHOOK_ALLOW_PRIVATE, '10.0.0.0/8, ::1, 127.0.0.2/32');
  assert.throws(() => loadConfig({ SECDESK_WEBHOOK_ALLOW_PRIVATE: '10.0.0.0/33' }), ConfigError);
  assert.throws(() => loadConfig({ SECDESK_WEBHOOK_ALLOW_PRIVATE: '10.0.0/8' }), ConfigError);
  assert.equal(loadConfig({ SECDESK_TRACKER_ALLOW_PRIVATE: '10.30.0.0/16' }).SECDESK_TRACKER_ALLOW_PRIVATE, '10.30.0.0/16');
  assert.throws(() => loadConfig({ SECDESK_TRACKER_ALLOW_PRIVATE: 'gitlab.corp' }), ConfigError);
});

test('the audit checkpoint bucket: a bad one is refused with the key named and no secret shown; it is a secret', () => {
  const good = { endpoint: 'https://s3.example.com', bucket: 'audit-anchor', accessKeyId: 'AKID', secretAccessKey: 'very-secret-key', retainDays: 400 };
  assert.equal(loadConfig({ SECDESK_AUDIT_CHECKPOINT_S3: JSON.stringify(good) }).SECDESK_AUDIT_CHECKPOINT_S3, JSON.stringify(good));
  for (const bad of [
    '{not json',
    JSON.stringify({ ...good, retainDays: 0 }),
    JSON.stringify({ ...good, endpoint: 'ftp://x' }),
    JSON.stringify({ ...good, extra: 1 }),
  ]) {
    assert.throws(
      () => loadConfig({ SECDESK_AUDIT_CHECKPOINT_S3: bad }),
      (err: Error) =>
        err instanceof ConfigError && /^invalid configuration: SECDESK_AUDIT_CHECKPOINT_S3 /.test(err.message) && !err.message.includes('very-secret-key'),
    );
  }
  assert.equal(redactConfig(loadConfig({ SECDESK_AUDIT_CHECKPOINT_S3: JSON.stringify(good) })).SECDESK_AUDIT_CHECKPOINT_S3, '(set)');
});

test('the team calendar: SECDESK_TIME_ZONE and SECDESK_HOLIDAYS set it; a bad value names its key', () => {
  assert.deepEqual(calendarSettingsOf(loadConfig({})), { ...DEFAULT_CALENDAR });
  const berlin = calendarSettingsOf(loadConfig({ SECDESK_TIME_ZONE: 'Europe/Berlin', SECDESK_HOLIDAYS: 'de-by' }));
  assert.equal(berlin.timeZone, 'Europe/Berlin');
  assert.deepEqual(berlin.holidays, { country: 'DE', state: 'BY' });
  assert.equal(calendarSettingsOf(loadConfig({ SECDESK_HOLIDAYS: 'none' })).holidays, null);
  assert.throws(
    () => loadConfig({ SECDESK_TIME_ZONE: 'Mars/Olympus' }),
    (err: Error) => err instanceof ConfigError && /SECDESK_TIME_ZONE "Mars\/Olympus" is not a time zone/.test(err.message),
  );
  assert.throws(() => loadConfig({ SECDESK_HOLIDAYS: 'XX' }), /SECDESK_HOLIDAYS "XX": unknown country/);
  assert.throws(() => loadConfig({ SECDESK_HOLIDAYS: 'US-ZZ' }), /SECDESK_HOLIDAYS "US-ZZ": unknown state or region of US/);
});
