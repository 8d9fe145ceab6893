// The settings an admin may change in the app (domains/settings), checked with the configuration's own
// rules: the key's schema in ConfigSchema and the checks loadConfig does (a time zone, a holidays code).
import Value from 'typebox/value';
import { calendarSettingsOf, ConfigError, ConfigSchema, isGiven, type Config } from './config.ts';
import { EDITABLE_SETTINGS, type SettingKey } from '../domains/settings/settings.types.ts';

/** The values the environment or the file gives (they win over the app's). */
export function givenSettings(config: Config): Partial<Record<SettingKey, string>> {
  return Object.fromEntries(
    EDITABLE_SETTINGS.filter(({ key }) => isGiven(config, key) && config[key] !== undefined).map(({ key }) => [key, String(config[key])]),
  );
}

/** Each setting's default (none for the public URL and the relay). */
export function settingDefaults(): Partial<Record<SettingKey, string>> {
  return Object.fromEntries(
    EDITABLE_SETTINGS.flatMap(({ key }) => {
      const fallback = (ConfigSchema.properties[key] as { default?: unknown }).default;
      return fallback === undefined ? [] : [[key, String(fallback)]];
    }),
  );
}

/** Why `value` is not valid for the setting, or null. Never repeats a secret's value. */
export function checkSetting(key: SettingKey, value: string): string | null {
  const schema = ConfigSchema.properties[key];
  const converted = Value.Convert(schema, value);
  const first = Value.Errors(schema, converted)[0];
  if (first) return `${first.message}${key === 'SMTP_URL' ? ' (e.g. smtp://user:password@mail.example.com:587)' : ` (got ${JSON.stringify(value)})`}`;
  try {
    if (key === 'SECDESK_TIME_ZONE') calendarSettingsOf({ SECDESK_TIME_ZONE: value, SECDESK_HOLIDAYS: 'none' });
    if (key === 'SECDESK_HOLIDAYS') calendarSettingsOf({ SECDESK_TIME_ZONE: 'UTC', SECDESK_HOLIDAYS: value });
  } catch (err) {
    if (err instanceof ConfigError) return err.message.replace(/^invalid configuration: \w+ /, '');
    throw err;
  }
  if (key === 'SMTP_URL' && !URL.parse(value)?.hostname) return "must name the relay's host (smtp[s]://[user:password@]host[:port])";
  return null;
}
