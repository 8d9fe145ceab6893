// The first-run checklist: what each capability of the desk needs, whether it has it, and what is
// blocked until it does. Pure: the facts are gathered by the setup service; every item names the
// setting or the page that fixes it, so a refusal caused by configuration is never a riddle.
import { ON_CALL_ROLE_LABELS as ON_CALL_LABELS, type OnCallRole } from '../oncall/oncall-roles.ts';
import { SETTINGS_PAGE, settingLabel, type SettingKey } from '../settings/settings.types.ts';

export type ChecklistState = 'done' | 'warning' | 'missing';

export interface ChecklistItem {
  id: string;
  title: string;
  state: ChecklistState;
  /** What is in place, or what is missing and why it matters. */
  detail: string;
  /** What does not work until this is done (empty when nothing is blocked). */
  blocks: string[];
  /** Where to fix it: a page of the app, or the setting to set (with where settings live). */
  fix: { page: string; label: string } | { setting: string; where: string } | null;
  /** The settings changed in the app next to this item (Admin → Setup), done or not. */
  settings: SettingKey[];
}

/** The plan's people, in secdesk's roles. */
export const PLAN_ROLES = [
  { role: 'security_engineer', label: 'Security Engineer', blocks: ['validating and scoping incidents', 'reviewing the customer email'] },
  { role: 'incident_manager', label: 'Incident Manager', blocks: ['coordinating incidents', 'drafting the customer email'] },
  { role: 'communications_manager', label: 'Communications Manager', blocks: ['external communications: security alert, social post, status page updates'] },
  { role: 'marketing', label: 'Marketing Program Manager', blocks: ['sending the customer email'] },
  { role: 'support', label: 'Support', blocks: ['answering customers from the FAQ and prepared responses'] },
] as const;

export interface SetupFacts {
  publicUrl: { configured: boolean; url: string };
  securityAddress: { address: string; configured: boolean; routable: boolean };
  teamName: { name: string; configured: boolean };
  relay: { configured: boolean };
  calendar: { timeZone: string; holidays: string; configured: boolean };
  /** The reply policy links (POLICY_LINKS) still at their shipped placeholder, with that value. */
  policyLinks: { placeholders: { key: SettingKey; value: string }[] };
  /** How many enabled people hold each plan role. */
  roleHolders: Record<(typeof PLAN_ROLES)[number]['role'], number>;
  /** Who is on call now for each on-call role (null: nobody). */
  onCall: Record<OnCallRole, string | null>;
  /** Stakeholder groups of the rules with no contact yet. */
  groupsWithoutContacts: string[];
  chat: 'slack' | 'mattermost' | null;
  compliance: { customers: number; reports: string[] };
  /** The settings an admin may change in the app now (editable, not set by the environment). */
  inApp: SettingKey[];
}

const SETTINGS = 'README → Configuration (an environment variable, or the JSON file named by SECDESK_CONFIG)';

/** The settings edited next to each item in the app. */
const ITEM_SETTINGS: Partial<Record<string, SettingKey[]>> = {
  public_url: ['SECDESK_PUBLIC_URL'],
  security_address: ['SECDESK_INBOX_ADDRESS', 'SECDESK_TEAM_NAME'],
  relay: ['SMTP_URL'],
  calendar: ['SECDESK_TIME_ZONE', 'SECDESK_HOLIDAYS'],
  policy_links: ['SECDESK_BUG_BOUNTY_URL', 'SECDESK_DISCLOSURE_POLICY_URL', 'SECDESK_DMCA_POLICY_URL', 'SECDESK_DMCA_ADDRESS'],
};

/** The links and address the vulnerability, out-of-scope and copyright replies give researchers. */
export const POLICY_LINKS = ITEM_SETTINGS.policy_links!;

export function buildChecklist(f: SetupFacts): ChecklistItem[] {
  const items: Omit<ChecklistItem, 'settings'>[] = [
    publicUrl(f),
    securityAddress(f),
    relay(f),
    calendar(f),
    policyLinks(f),
    ...PLAN_ROLES.map((r) => planRole(r, f.roleHolders[r.role])),
    rotations(f),
    stakeholders(f),
    chat(f),
    compliance(f),
  ];
  return items.map((item) => {
    const settings = ITEM_SETTINGS[item.id] ?? [];
    // A setting that may be changed in the app is fixed there; one the environment sets, where it is set.
    const inApp = settings.length > 0 && settings.every((k) => f.inApp.includes(k));
    const fix = item.fix && 'setting' in item.fix && inApp ? { setting: item.fix.setting, where: SETTINGS_PAGE } : item.fix;
    return { ...item, fix, settings };
  });
}

function publicUrl(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  return f.publicUrl.configured
    ? { id: 'public_url', title: 'Public URL', state: 'done', detail: `Links in mail and compliance downloads use ${f.publicUrl.url}.`, blocks: [], fix: null }
    : {
        id: 'public_url',
        title: 'Public URL',
        state: 'warning',
        detail: `Not set: links in mail and compliance download links use ${f.publicUrl.url}, the address secdesk serves on, which works only where that address is reachable.`,
        blocks: ['links that work for people on other machines', 'single sign-on', 'secure cookies'],
        fix: { setting: 'SECDESK_PUBLIC_URL', where: SETTINGS },
      };
}

function securityAddress(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  const team = f.teamName.configured ? `signed "${f.teamName.name}"` : `signed "${f.teamName.name}" (the default; SECDESK_TEAM_NAME)`;
  if (f.securityAddress.routable && f.securityAddress.configured) {
    return {
      id: 'security_address',
      title: 'Security address and team name',
      state: 'done',
      detail: `Mail to ${f.securityAddress.address} becomes tickets; mail from it is ${team}.`,
      blocks: [],
      fix: null,
    };
  }
  return {
    id: 'security_address',
    title: 'Security address and team name',
    state: 'warning',
    detail: `${f.securityAddress.address} is ${f.securityAddress.configured ? 'set' : 'the default'}${f.securityAddress.routable ? '' : ' and has no public domain: mail from outside cannot reach it, and relays may refuse mail from it'}; mail from it is ${team}.`,
    blocks: ['mail from researchers and customers reaching the inbox'],
    fix: { setting: 'SECDESK_INBOX_ADDRESS, SECDESK_TEAM_NAME', where: SETTINGS },
  };
}

function relay(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  return f.relay.configured
    ? {
        id: 'relay',
        title: 'Outgoing mail relay',
        state: 'done',
        detail: 'Replies, notifications and the customer email go out through the configured relay. Send a test mail to check it.',
        blocks: [],
        fix: null,
      }
    : {
        id: 'relay',
        title: 'Outgoing mail relay',
        state: 'missing',
        detail: 'No relay: replies to requesters, notification mail and fan-out sends wait in the outbox.',
        blocks: ['replies to requesters', 'notification and paging mail', 'the customer email and security alert'],
        fix: { setting: 'SMTP_URL', where: SETTINGS },
      };
}

function calendar(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  const what = `${f.calendar.timeZone}, ${f.calendar.holidays}`;
  return f.calendar.configured
    ? {
        id: 'calendar',
        title: 'Team calendar and time zone',
        state: 'done',
        detail: `SLA business days and compliance delivery days follow ${what}.`,
        blocks: [],
        fix: null,
      }
    : {
        id: 'calendar',
        title: 'Team calendar and time zone',
        state: 'warning',
        detail: `The default: ${what}. SLA due times and delivery days follow it; set the team's own if it differs.`,
        blocks: [],
        fix: { setting: 'SECDESK_TIME_ZONE, SECDESK_HOLIDAYS', where: SETTINGS },
      };
}

function policyLinks(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  const { placeholders } = f.policyLinks;
  const base = { id: 'policy_links', title: 'Reply policy links' };
  if (placeholders.length === 0) {
    return {
      ...base,
      state: 'done',
      detail: 'The vulnerability, out-of-scope and copyright replies give your own policy links and DMCA address.',
      blocks: [],
      fix: null,
    };
  }
  return {
    ...base,
    state: 'warning',
    detail: `Still the shipped placeholder: ${placeholders.map((p) => `${settingLabel(p.key)} (${p.value})`).join(', ')}. Researchers would receive these placeholder links in the vulnerability, out-of-scope and copyright replies.`,
    blocks: ['replies that point researchers to your real policies'],
    fix: { setting: placeholders.map((p) => p.key).join(', '), where: SETTINGS },
  };
}

function planRole(r: (typeof PLAN_ROLES)[number], holders: number): Omit<ChecklistItem, 'settings'> {
  const id = `role_${r.role}`;
  const title = `People: ${r.label}`;
  return holders > 0
    ? { id, title, state: 'done', detail: `${holders} ${holders === 1 ? 'person holds' : 'people hold'} the role.`, blocks: [], fix: null }
    : { id, title, state: 'missing', detail: 'Nobody holds the role.', blocks: [...r.blocks], fix: { page: '/admin/users', label: 'Admin → Users' } };
}

function rotations(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  const empty = (Object.keys(f.onCall) as OnCallRole[]).filter((role) => f.onCall[role] === null);
  if (empty.length === 0) {
    return {
      id: 'rotations',
      title: 'On-call rotations',
      state: 'done',
      detail: (Object.keys(f.onCall) as OnCallRole[]).map((r) => `${ON_CALL_LABELS[r]}: ${f.onCall[r]}`).join('; '),
      blocks: [],
      fix: null,
    };
  }
  return {
    id: 'rotations',
    title: 'On-call rotations',
    state: 'missing',
    detail: `Nobody is on call now as ${empty.map((r) => ON_CALL_LABELS[r]).join(', ')}.`,
    blocks: ['filling the incident roles on declaration', 'paging the on-call people'],
    fix: { page: '/oncall', label: 'On call' },
  };
}

function stakeholders(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  return f.groupsWithoutContacts.length === 0
    ? { id: 'stakeholders', title: 'Stakeholder contacts', state: 'done', detail: 'Every stakeholder group of the rules has a contact.', blocks: [], fix: null }
    : {
        id: 'stakeholders',
        title: 'Stakeholder contacts',
        state: 'warning',
        detail: `No contact yet for: ${f.groupsWithoutContacts.join(', ')}.`,
        blocks: ['engaging those groups when an incident calls for them'],
        fix: { page: '/incidents/stakeholder-rules', label: 'Incidents → Stakeholder rules' },
      };
}

function chat(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  return f.chat
    ? {
        id: 'chat',
        title: 'Incident chat',
        state: 'done',
        detail: `Each declared incident gets a ${f.chat === 'slack' ? 'Slack' : 'Mattermost'} channel.`,
        blocks: [],
        fix: null,
      }
    : {
        id: 'chat',
        title: 'Incident chat',
        state: 'warning',
        detail: 'No chat: incidents get no channel; responders follow the incident page.',
        blocks: ['incident channels and the /incident command'],
        fix: { setting: 'SECDESK_SLACK_TOKEN (or SECDESK_MATTERMOST_URL, _TOKEN, _TEAM_ID)', where: SETTINGS },
      };
}

function compliance(f: SetupFacts): Omit<ChecklistItem, 'settings'> {
  const missing = [
    f.compliance.customers === 0 ? 'no customer in the directory' : null,
    f.compliance.reports.includes('soc2') ? null : 'no SOC 2 report uploaded',
  ].filter((x): x is string => x !== null);
  return missing.length === 0
    ? {
        id: 'compliance',
        title: 'Compliance reports',
        state: 'done',
        detail: `${f.compliance.customers} customers; reports on file: ${f.compliance.reports.join(', ')}.`,
        blocks: [],
        fix: null,
      }
    : {
        id: 'compliance',
        title: 'Compliance reports',
        state: 'missing',
        detail: `${missing.join('; ')}.`,
        blocks: ['verifying and delivering compliance report requests'],
        fix: { page: '/admin/customers', label: 'Admin → Customers' },
      };
}
