// Wires the setup checklist: the settings in force (read live: they change in the app) and whether
// each was set or is the default, and the other domains' reads it shows. Kept apart from services.ts
// so the list of facts is in one place.
import type { Config } from '../config/config.ts';
import { SYSTEM_ACTOR } from '../authz/authorize.ts';
import type { ActionContext } from '../domains/context.ts';
import type { ComplianceService } from '../domains/compliance/compliance.service.ts';
import { domainOf } from '../domains/mail/mail-identity.ts';
import type { OnCallRole } from '../domains/oncall/oncall-roles.ts';
import type { OnCallService } from '../domains/oncall/oncall.service.ts';
import type { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import type { Transactor } from '../domains/ports.ts';
import type { UsersRepository } from '../domains/accounts/accounts.ports.ts';
import type { TicketsRepository } from '../domains/tickets/tickets.ports.ts';
import { POLICY_LINKS } from '../domains/setup/checklist.ts';
import { SetupService, type SetupSettings } from '../domains/setup/setup.service.ts';
import { settingDefaults } from '../config/settings.ts';
import { EDITABLE_SETTINGS } from '../domains/settings/settings.types.ts';
import type { LiveSettings } from './live-settings.ts';

// The checklist shows counts and names an admin may see anyway; it reads them as secdesk itself so an
// admin's API token scoped to users.manage gets the same checklist as the admin's session.
const AS_SETUP: ActionContext = { actor: SYSTEM_ACTOR };

const RESERVED_TLDS = new Set(['localhost', 'local', 'example', 'test', 'invalid', 'internal', 'lan', 'home']);

export function setupSettingsOf(config: Config, live: LiveSettings): SetupSettings {
  const { identity } = live;
  const calendar = live.calendar.settings;
  const effective = live.effective();
  const given = (key: keyof typeof effective) => effective[key].source !== 'default';
  const defaults = settingDefaults();
  const { links } = identity;
  const domain = domainOf(identity.address);
  const tld = domain.includes('.') ? domain.split('.').pop()! : domain;
  return {
    publicUrl: { configured: !links.isFallback, url: links.base },
    securityAddress: { address: identity.address, configured: given('SECDESK_INBOX_ADDRESS'), routable: domain.includes('.') && !RESERVED_TLDS.has(tld) },
    teamName: { name: identity.teamName, configured: given('SECDESK_TEAM_NAME') },
    calendar: {
      timeZone: calendar.timeZone,
      holidays: calendar.holidays
        ? `public holidays of ${calendar.holidays.country}${calendar.holidays.state ? `-${calendar.holidays.state}` : ''}`
        : 'no public holidays',
      configured: given('SECDESK_TIME_ZONE') || given('SECDESK_HOLIDAYS'),
    },
    // A value saved equal to the shipped placeholder is still the placeholder.
    policyLinks: {
      placeholders: POLICY_LINKS.filter((key) => effective[key].value === defaults[key]).map((key) => ({ key, value: effective[key].value! })),
    },
    chat: config.SECDESK_SLACK_TOKEN ? 'slack' : config.SECDESK_MATTERMOST_URL ? 'mattermost' : null,
    inApp: EDITABLE_SETTINGS.map((e) => e.key).filter((key) => effective[key].source !== 'environment'),
  };
}

export function createSetup(deps: {
  config: Config;
  live: LiveSettings;
  store: Transactor<{ tickets: Pick<TicketsRepository, 'agents'>; users: Pick<UsersRepository, 'byId'> }>;
  oncall: OnCallService;
  stakeholderRules: StakeholderRulesService;
  compliance: ComplianceService;
}): SetupService {
  const { config, live } = deps;
  const identity = live.identity;
  return new SetupService({
    settings: async () => {
      await live.refresh();
      return setupSettingsOf(config, live);
    },
    sender: live.sender,
    sources: {
      holdersOf: async (role) => (await deps.store.read.tickets.agents([role])).length,
      onCallNow: async () =>
        Object.fromEntries((await deps.oncall.now(AS_SETUP)).map((v) => [v.role, v.onCall?.person.name ?? null])) as Record<OnCallRole, string | null>,
      groupsWithoutContacts: async () => [...new Set((await deps.stakeholderRules.list(AS_SETUP)).filter((r) => r.contacts.length === 0).map((r) => r.group))],
      emailOf: async (userId) => (await deps.store.read.users.byId(userId))?.email ?? null,
      compliance: async () => ({
        customers: (await deps.compliance.listCustomers(AS_SETUP)).length,
        reports: (await deps.compliance.listReports(AS_SETUP)).map((r) => r.kind),
      }),
    },
    testMail: () => ({
      from: identity.from,
      replyTo: identity.address,
      subject: 'secdesk test mail',
      messageId: identity.newMessageId(),
      inReplyTo: null,
      references: [],
      automatic: true,
      text: `This is a test mail from secdesk, sent through the outgoing mail relay (SMTP_URL).\nIf you read it, mail from ${identity.address} reaches people.\n`,
    }),
  });
}
