// The settings in force, read live: what an admin saves in the app (domains/settings) takes effect
// without a restart. Services get the live mail identity (From, Message-IDs, public links), the live
// team calendar and the current outgoing relay instead of values frozen at start. Several instances
// share one database, so the saved settings are reread after a change here, before each mail job
// (the outbox, fan-out sends, press mail), and every REFRESH_SECONDS for the other instances' changes.
import type { Logger } from 'pino';
import { calendarSettingsOf, type Config } from '../config/config.ts';
import { mailIdentityOf } from '../config/identity.ts';
import { smtpSender } from '../adapters/mail/smtp-sender.ts';
import { createCalendar, liveCalendar, type TeamCalendar } from '../domains/calendar/calendar.ts';
import { liveMailIdentity, type MailIdentity } from '../domains/mail/mail-identity.ts';
import type { CurrentSender, MailSender } from '../domains/mail/replies.service.ts';
import type { EffectiveSettings, SettingKey } from '../domains/settings/settings.types.ts';

const REFRESH_SECONDS = 10;

export interface LiveSettings {
  identity: MailIdentity;
  calendar: TeamCalendar;
  /** The relay of SMTP_URL in force now (null: none). */
  sender: CurrentSender;
  /** A setting's value in force now. */
  value(key: SettingKey): string | undefined;
  /** Where each setting's value comes from now. */
  effective(): EffectiveSettings;
  /** Rereads the saved settings. */
  refresh(): Promise<void>;
  /** Rereads every REFRESH_SECONDS (another instance's changes) until stop(). */
  start(): void;
  stop(): void;
}

interface Snapshot {
  effective: EffectiveSettings;
  identity: MailIdentity;
  calendar: TeamCalendar;
}

export function createLiveSettings(deps: {
  config: Config;
  logger: Logger;
  initial: EffectiveSettings;
  read(): Promise<EffectiveSettings>;
  /** A fixed sender instead of the relay (the demo seed's sink). */
  sender?: MailSender | null;
}): LiveSettings {
  const { config } = deps;
  let snapshot = snapshotOf(config, deps.initial);
  let relay: { url: string; sender: MailSender & { close(): void } } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const refresh = async () => {
    const effective = await deps.read();
    if (JSON.stringify(effective) === JSON.stringify(snapshot.effective)) return;
    try {
      snapshot = snapshotOf(config, effective);
    } catch (err) {
      deps.logger.warn({ err }, 'a saved setting is not valid; the previous settings stay in force (Admin → Setup)');
    }
  };
  return {
    identity: liveMailIdentity(() => snapshot.identity),
    calendar: liveCalendar(() => snapshot.calendar),
    sender() {
      if (deps.sender !== undefined) return deps.sender;
      const url = snapshot.effective.SMTP_URL.value;
      if (relay && relay.url === url) return relay.sender;
      relay?.sender.close();
      relay = url ? { url, sender: smtpSender(url, { htmlPart: config.SECDESK_MAIL_HTML_PART }) } : null;
      return relay?.sender ?? null;
    },
    value: (key) => snapshot.effective[key].value,
    effective: () => snapshot.effective,
    refresh,
    start() {
      timer ??= setInterval(
        () => void refresh().catch((err: unknown) => deps.logger.warn({ err }, 'rereading the saved settings failed')),
        REFRESH_SECONDS * 1000,
      );
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      relay?.sender.close();
      relay = null;
    },
  };
}

function snapshotOf(config: Config, effective: EffectiveSettings): Snapshot {
  const v = (key: SettingKey) => effective[key].value;
  const current: Config = {
    ...config,
    SECDESK_PUBLIC_URL: v('SECDESK_PUBLIC_URL'),
    SECDESK_INBOX_ADDRESS: v('SECDESK_INBOX_ADDRESS')!,
    SECDESK_TEAM_NAME: v('SECDESK_TEAM_NAME')!,
    SMTP_URL: v('SMTP_URL'),
    SECDESK_TIME_ZONE: v('SECDESK_TIME_ZONE')!,
    SECDESK_HOLIDAYS: v('SECDESK_HOLIDAYS')!,
    SECDESK_SUPPORT_ADDRESS: v('SECDESK_SUPPORT_ADDRESS')!,
    SECDESK_BUG_BOUNTY_URL: v('SECDESK_BUG_BOUNTY_URL')!,
    SECDESK_DISCLOSURE_POLICY_URL: v('SECDESK_DISCLOSURE_POLICY_URL')!,
    SECDESK_DMCA_POLICY_URL: v('SECDESK_DMCA_POLICY_URL')!,
    SECDESK_DMCA_ADDRESS: v('SECDESK_DMCA_ADDRESS')!,
  };
  return { effective, identity: mailIdentityOf(current), calendar: createCalendar(calendarSettingsOf(current)) };
}
