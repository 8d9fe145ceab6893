// Settings an admin changes in the app: saved in the database, audited (a secret's value redacted),
// in force without a restart (the app's live settings reread them). An environment variable, when
// given, wins: such a setting is refused here, naming the variable.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { SettingsStore } from './settings.ports.ts';
import {
  EDITABLE_SETTINGS,
  isSettingKey,
  redactSetting,
  resolveSettings,
  settingLabel,
  SETTINGS_PAGE,
  type EffectiveSettings,
  type SettingKey,
  type SettingView,
} from './settings.types.ts';

export interface SettingsDeps {
  store: Transactor<SettingsStore>;
  clock: Clock;
  /** Values given by the environment or the configuration file (they win). */
  given: Partial<Record<SettingKey, string>>;
  defaults: Partial<Record<SettingKey, string>>;
  /** Why a value is not valid for the setting (the configuration's own checks), or null. */
  check(key: SettingKey, value: string): string | null;
  /** Told after a change commits (the live settings reread). */
  changed(): Promise<void>;
}

export class SettingsService {
  readonly #d: SettingsDeps;

  constructor(deps: SettingsDeps) {
    this.#d = deps;
  }

  /** Every editable setting as it is in force now. */
  async list(ctx: ActionContext): Promise<SettingView[]> {
    authorize(ctx.actor, 'users.manage');
    const stored = await this.#d.store.read.settings.all();
    const effective = resolveSettings(this.#d.given, stored, this.#d.defaults);
    return EDITABLE_SETTINGS.map(({ key, label }) => {
      const saved = effective[key].source === 'database' ? stored.find((s) => s.key === key) : undefined;
      return {
        key,
        label,
        value: redactSetting(key, effective[key].value),
        source: effective[key].source,
        updatedBy: saved?.updatedBy ?? null,
        updatedAt: saved?.updatedAt ?? null,
      };
    });
  }

  /** The settings in force (for the live settings; not an action of anyone). */
  async effective(): Promise<EffectiveSettings> {
    return resolveSettings(this.#d.given, await this.#d.store.read.settings.all(), this.#d.defaults);
  }

  async set(ctx: ActionContext, key: string, value: string): Promise<void> {
    await this.#d.store.transaction((s) => this.setIn(s, ctx, key, value));
    await this.#d.changed();
  }

  async clear(ctx: ActionContext, key: string): Promise<void> {
    await this.#d.store.transaction((s) => this.clearIn(s, ctx, key));
    await this.#d.changed();
  }

  /** The one owner of saving a setting, in the caller's transaction. */
  async setIn(s: SettingsStore, ctx: ActionContext, key: string, raw: string): Promise<void> {
    authorize(ctx.actor, 'users.manage');
    const setting = this.#editable(key);
    const value = raw.trim();
    if (!value) throw new ValidationError(`${settingLabel(setting)} (${setting}) needs a value; Reset to default clears it`);
    const problem = this.#d.check(setting, value);
    if (problem) throw new ValidationError(`${settingLabel(setting)} (${setting}): ${problem}`);
    const before = (await s.settings.all()).find((r) => r.key === setting);
    await s.settings.put(setting, value, { id: ctx.actor.userId, label: ctx.actor.label }, this.#d.clock.now());
    await s.audit.append(ctx, {
      action: 'setting.saved',
      entityType: 'setting',
      entityId: setting,
      before: before ? { value: redactSetting(setting, before.value) } : null,
      after: { value: redactSetting(setting, value) },
    });
  }

  /** The one owner of clearing a saved setting (back to its default), in the caller's transaction. */
  async clearIn(s: SettingsStore, ctx: ActionContext, key: string): Promise<void> {
    authorize(ctx.actor, 'users.manage');
    const setting = this.#editable(key);
    const before = (await s.settings.all()).find((r) => r.key === setting);
    if (!(await s.settings.remove(setting))) return;
    await s.audit.append(ctx, {
      action: 'setting.cleared',
      entityType: 'setting',
      entityId: setting,
      before: { value: redactSetting(setting, before?.value) },
      after: null,
    });
  }

  #editable(key: string): SettingKey {
    if (!isSettingKey(key))
      throw new NotFoundError(`setting ${key} (the settings changed in ${SETTINGS_PAGE}: ${EDITABLE_SETTINGS.map((e) => e.key).join(', ')})`);
    if (this.#d.given[key] !== undefined)
      throw new ConflictError(`${settingLabel(key)} is set by the environment: ${key}; change or unset it there (README → Configuration)`);
    return key;
  }
}
