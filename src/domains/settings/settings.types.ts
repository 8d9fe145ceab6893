// The settings an admin may change in the app (Admin → Setup), in the words of the setup checklist.
// A value is the same text as its environment variable; an environment variable (or the JSON file
// named by SECDESK_CONFIG), when given, wins over the value saved in the app.

export const EDITABLE_SETTINGS = [
  { key: 'SECDESK_PUBLIC_URL', label: 'Public URL', secret: false },
  { key: 'SECDESK_INBOX_ADDRESS', label: 'Security address', secret: false },
  { key: 'SECDESK_TEAM_NAME', label: 'Team name', secret: false },
  { key: 'SMTP_URL', label: 'Outgoing mail relay', secret: true },
  { key: 'SECDESK_TIME_ZONE', label: 'Time zone', secret: false },
  { key: 'SECDESK_HOLIDAYS', label: 'Public holidays', secret: false },
  { key: 'SECDESK_SUPPORT_ADDRESS', label: 'Support address', secret: false },
  { key: 'SECDESK_BUG_BOUNTY_URL', label: 'Bug bounty programme', secret: false },
  { key: 'SECDESK_DISCLOSURE_POLICY_URL', label: 'Disclosure policy', secret: false },
  { key: 'SECDESK_DMCA_POLICY_URL', label: 'DMCA policy', secret: false },
  { key: 'SECDESK_DMCA_ADDRESS', label: 'DMCA address', secret: false },
] as const;

export type SettingKey = (typeof EDITABLE_SETTINGS)[number]['key'];
export type SettingSource = 'environment' | 'database' | 'default';

/** Where an admin changes a setting (named by every refusal and checklist item it causes). */
export const SETTINGS_PAGE = 'Admin → Setup';

export interface StoredSetting {
  key: SettingKey;
  value: string;
  updatedBy: string;
  updatedAt: Date;
}

/** What each setting is now, and where that value comes from. `value` undefined: not set (no default). */
export type EffectiveSettings = Record<SettingKey, { value: string | undefined; source: SettingSource }>;

/** A setting as an admin sees it: secrets redacted. */
export interface SettingView {
  key: SettingKey;
  label: string;
  /** The value in force, redacted when secret (a relay's password shows as ****); null when not set. */
  value: string | null;
  source: SettingSource;
  /** Who saved it in the app, and when (source 'database' only). */
  updatedBy: string | null;
  updatedAt: Date | null;
}

export function isSettingKey(key: string): key is SettingKey {
  return EDITABLE_SETTINGS.some((s) => s.key === key);
}

export function settingLabel(key: SettingKey): string {
  return EDITABLE_SETTINGS.find((s) => s.key === key)!.label;
}

/** A value as it may be shown or audited: a secret's password (`smtp://user:pass@host`) as ****. */
export function redactSetting(key: SettingKey, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!EDITABLE_SETTINGS.find((s) => s.key === key)!.secret) return value;
  const url = URL.parse(value);
  if (!url) return '****';
  if (url.password) url.password = '****';
  return url.href;
}

/** The environment (or file) wins, then the value saved in the app, then the default. */
export function resolveSettings(
  given: Partial<Record<SettingKey, string>>,
  stored: readonly StoredSetting[],
  defaults: Partial<Record<SettingKey, string>>,
): EffectiveSettings {
  const saved = new Map(stored.map((s) => [s.key, s.value]));
  return Object.fromEntries(
    EDITABLE_SETTINGS.map(({ key }) => {
      const env = given[key];
      if (env !== undefined) return [key, { value: env, source: 'environment' }];
      const db = saved.get(key);
      if (db !== undefined) return [key, { value: db, source: 'database' }];
      return [key, { value: defaults[key], source: 'default' }];
    }),
  ) as EffectiveSettings;
}
