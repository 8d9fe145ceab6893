// Wires the setup checklist: the settings in force (and whether each was set or is the default),
// and the other domains' reads it shows. Kept apart from services.ts so the list of facts is in one place.
import type { Config } from '../config/config.ts';
import { SYSTEM_ACTOR } from '../authz/authorize.ts';
import type { ActionContext } from '../domains/context.ts';
import { ConfigSchema } from '../config/config.ts';
import type { CalendarSettings, TeamCalendar } from '../domains/calendar/calendar.ts';
import type { ComplianceService } from '../domains/compliance/compliance.service.ts';
import type { MailSender } from '../domains/mail/replies.service.ts';
import { domainOf, type MailIdentity } from '../domains/mail/mail-identity.ts';
import type { OnCallRole } from '../domains/oncall/oncall-roles.ts';
import type { OnCallService } from '../domains/oncall/oncall.service.ts';
import type { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import type { Transactor } from '../domains/ports.ts';
import type { UsersRepository } from '../domains/accounts/accounts.ports.ts';
import type { TicketsRepository } from '../domains/tickets/tickets.ports.ts';
import { SetupService, type SetupSettings } from '../domains/setup/setup.service.ts';

// The checklist shows counts and names an admin may see anyway; it reads them as secdesk itself so an
// admin's API token scoped to users.manage gets the same checklist as the admin's session.
const AS_SETUP: ActionContext = { actor: SYSTEM_ACTOR };

const RESERVED_TLDS = new Set(['localhost', 'local', 'example', 'test', 'invalid', 'internal', 'lan', 'home']);

/** Whether a setting was given (environment or file) rather than left at its default. */
function given(config: Config, key: keyof Config & keyof typeof ConfigSchema.properties): boolean {
  const schema = ConfigSchema.properties[key] as { default?: unknown };
  return config[key] !== undefined && config[key] !== schema.default;
}

export function setupSettingsOf(config: Config, identity: MailIdentity, calendar: CalendarSettings): SetupSettings {
  const { links } = identity;
  const domain = domainOf(identity.address);
  const tld = domain.includes('.') ? domain.split('.').pop()! : domain;
  return {
    publicUrl: { configured: !links.isFallback, url: links.base },
    securityAddress: { address: identity.address, configured: given(config, 'SECDESK_INBOX_ADDRESS'), routable: domain.includes('.') && !RESERVED_TLDS.has(tld) },
    teamName: { name: config.SECDESK_TEAM_NAME, configured: given(config, 'SECDESK_TEAM_NAME') },
    calendar: {
      timeZone: calendar.timeZone,
      holidays: calendar.holidays ? `public holidays of ${calendar.holidays.country}${calendar.holidays.state ? `-${calendar.holidays.state}` : ''}` : 'no public holidays',
      configured: given(config, 'SECDESK_TIME_ZONE') || given(config, 'SECDESK_HOLIDAYS'),
    },
    chat: config.SECDESK_SLACK_TOKEN ? 'slack' : config.SECDESK_MATTERMOST_URL ? 'mattermost' : null,
  };
}

export function createSetup(deps: {
  config: Config; sender: MailSender | null; store: Transactor<{ tickets: Pick<TicketsRepository, 'agents'>; users: Pick<UsersRepository, 'byId'> }>;
  oncall: OnCallService; stakeholderRules: StakeholderRulesService; compliance: ComplianceService; identity: MailIdentity; calendar: TeamCalendar;
}): SetupService {
  const { config } = deps;
  return new SetupService({
    settings: setupSettingsOf(config, deps.identity, deps.calendar.settings),
    sender: deps.sender,
    sources: {
      holdersOf: async (role) => (await deps.store.read.tickets.agents([role])).length,
      onCallNow: async () => Object.fromEntries((await deps.oncall.now(AS_SETUP)).map((v) => [v.role, v.onCall?.person.name ?? null])) as Record<OnCallRole, string | null>,
      groupsWithoutContacts: async () => [...new Set((await deps.stakeholderRules.list(AS_SETUP)).filter((r) => r.contacts.length === 0).map((r) => r.group))],
      emailOf: async (userId) => (await deps.store.read.users.byId(userId))?.email ?? null,
      compliance: async () => ({ customers: (await deps.compliance.listCustomers(AS_SETUP)).length, reports: (await deps.compliance.listReports(AS_SETUP)).map((r) => r.kind) }),
    },
    testMail: () => ({
      from: deps.identity.from, replyTo: deps.identity.address, subject: 'secdesk test mail', messageId: deps.identity.newMessageId(), inReplyTo: null, references: [], automatic: true,
      text: `This is a test mail from secdesk, sent through the relay in SMTP_URL.\nIf you read it, mail from ${deps.identity.address} reaches people.\n`,
    }),
  });
}
