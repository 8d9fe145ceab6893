import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSetting, resolveSettings } from './settings.types.ts';

test('a relay is shown with its password as ****, never the password itself', () => {
  assert.equal(redactSetting('SMTP_URL', 'smtp://relay-user:s3cret@mail.example.com:587'), 'smtp://relay-user:****@mail.example.com:587');
  assert.equal(redactSetting('SMTP_URL', 'smtp://127.0.0.1:2525'), 'smtp://127.0.0.1:2525');
  assert.equal(redactSetting('SMTP_URL', 'smtps://a:b@[::1'), '****', 'an unreadable URL is hidden whole');
  assert.equal(redactSetting('SMTP_URL', undefined), null);
  assert.equal(redactSetting('SECDESK_TEAM_NAME', 'Field Security'), 'Field Security');
});

test('the environment wins, then the value saved in the app, then the default', () => {
  const at = new Date('2026-12-07T10:00:00Z');
  const effective = resolveSettings(
    { SECDESK_TEAM_NAME: 'From env' },
    [
      { key: 'SECDESK_TEAM_NAME', value: 'Saved', updatedBy: 'lead', updatedAt: at },
      { key: 'SECDESK_TIME_ZONE', value: 'Europe/Berlin', updatedBy: 'lead', updatedAt: at },
    ],
    { SECDESK_TEAM_NAME: 'Security team', SECDESK_TIME_ZONE: 'America/New_York', SECDESK_HOLIDAYS: 'US' },
  );
  assert.deepEqual(effective.SECDESK_TEAM_NAME, { value: 'From env', source: 'environment' });
  assert.deepEqual(effective.SECDESK_TIME_ZONE, { value: 'Europe/Berlin', source: 'database' });
  assert.deepEqual(effective.SECDESK_HOLIDAYS, { value: 'US', source: 'default' });
  assert.deepEqual(effective.SMTP_URL, { value: undefined, source: 'default' });
});
