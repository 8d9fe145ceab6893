import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.ts';
import { checkSetting, givenSettings, settingDefaults } from './settings.ts';

test('a setting saved in the app is checked like its environment variable', () => {
  assert.equal(checkSetting('SECDESK_TIME_ZONE', 'Europe/Berlin'), null);
  assert.match(checkSetting('SECDESK_TIME_ZONE', 'Mars/Olympus')!, /"Mars\/Olympus" is not a time zone/);
  assert.equal(checkSetting('SECDESK_HOLIDAYS', 'de-by'), null);
  assert.match(checkSetting('SECDESK_HOLIDAYS', 'XX')!, /unknown country/);
  assert.match(checkSetting('SECDESK_HOLIDAYS', 'DE-XX')!, /unknown state or region of DE/);
  assert.match(checkSetting('SECDESK_PUBLIC_URL', 'ftp://x')!, /pattern/);
  assert.match(checkSetting('SECDESK_TEAM_NAME', 'x'.repeat(101))!, /100/);
  const relay = checkSetting('SMTP_URL', 'http://user:s3cret@mail.example.com');
  assert.match(relay!, /pattern/);
  assert.doesNotMatch(relay!, /s3cret/, 'a secret value is never repeated');
  assert.equal(checkSetting('SMTP_URL', 'smtp://user:s3cret@mail.example.com:587'), null);
});

test('only what the environment or the file gives wins; a default given explicitly counts as given', () => {
  const config = loadConfig({ SECDESK_TIME_ZONE: 'America/New_York', SMTP_URL: 'smtp://127.0.0.1:25', SMTP_PORT: '0' });
  assert.deepEqual(givenSettings(config), { SMTP_URL: 'smtp://127.0.0.1:25', SECDESK_TIME_ZONE: 'America/New_York' });
  assert.equal(settingDefaults().SECDESK_INBOX_ADDRESS, 'security@localhost');
  assert.equal(settingDefaults().SMTP_URL, undefined);
});
