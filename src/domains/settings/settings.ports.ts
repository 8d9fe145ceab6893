// What the settings domain needs stored.
import type { AuditPort } from '../ports.ts';
import type { SettingKey, StoredSetting } from './settings.types.ts';

export interface SettingsRepository {
  all(): Promise<StoredSetting[]>;
  put(key: SettingKey, value: string, by: { id: string | null; label: string }, at: Date): Promise<void>;
  /** Returns whether a saved value was removed. */
  remove(key: SettingKey): Promise<boolean>;
}

export interface SettingsStore {
  settings: SettingsRepository;
  audit: AuditPort;
}
