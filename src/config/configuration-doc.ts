// docs/configuration.md, generated from ConfigSchema: every key once, with its type, default, meaning and
// whether its value is secret. `node scripts/config-reference.ts` writes it; a test keeps it current.
import { ConfigSchema, SECRET_KEYS } from './config.ts';
import { EDITABLE_SETTINGS, SETTINGS_PAGE } from '../domains/settings/settings.types.ts';

interface KeySchema {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  anyOf?: { const?: unknown }[];
}

/** Sections of the reference, in order; a key goes to the first whose pattern matches it. */
const GROUPS: [title: string, keys: RegExp][] = [
  [
    'Server and storage',
    /^(PORT|HOST|SECDESK_DATA_DIR|DATABASE_URL|SECDESK_PUBLIC_URL|SECDESK_LOG_LEVEL|SECDESK_BODY_LIMIT_BYTES|SECDESK_TRUSTED_PROXIES|SECDESK_SEED_DEMO)$/,
  ],
  ['Accounts and sign-in', /^SECDESK_(ADMIN_|SESSION_|SIGNIN_|OIDC_)/],
  ['Mail in: the security inbox', /^(SECDESK_INBOX_ADDRESS|SMTP_(PORT|HOST|MAX_|TLS_)|IMAP_|SECDESK_INBOUND_)/],
  ['Mail out', /^(SMTP_URL|SECDESK_MAIL_)/],
  ['Tickets, SLA and replies', /^SECDESK_(TICKET_|SLA_|TEAM_NAME|SUPPORT_|BUG_BOUNTY_|DISCLOSURE_|DMCA_|TRACKER_)/],
  ['Team calendar', /^SECDESK_(TIME_ZONE|HOLIDAYS)$/],
  ['Incidents', /^SECDESK_(RISK_MATRIX|REGULATORY_CLOCKS|UPDATE_GRACE_MINUTES)$/],
  ['Chat (Slack or Mattermost)', /^SECDESK_(SLACK_|MATTERMOST_|CHAT_)/],
  ['Compliance reports and customers', /^SECDESK_(EMPLOYEE_DOMAINS|COMPLIANCE_|CUSTOMER_)/],
  ['Fan-out mail and distribution lists', /^SECDESK_(FANOUT_|DKIM_|LIST_SOURCE)/],
  ['Status page, subscriptions and webhooks', /^SECDESK_(STATUS_|WEBHOOK_)/],
  ['Communications delivery', /^SECDESK_(BLOG_|PRESS_)/],
  ['Audit log', /^SECDESK_AUDIT_/],
];
const OTHER = 'Other settings';

export const REGENERATE_COMMAND = 'node scripts/config-reference.ts';

function typeOf(schema: KeySchema): string {
  if (schema.anyOf) return `one of ${schema.anyOf.map((s) => `\`${String(s.const)}\``).join(', ')}`;
  const low = schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : schema.minimum !== undefined ? `${schema.minimum}` : undefined;
  const range = low !== undefined && schema.maximum !== undefined ? ` (${low} … ${schema.maximum})` : '';
  if (schema.type === 'integer') return `integer${range}`;
  if (schema.type === 'number') return `number${range}`;
  if (schema.type === 'boolean') return '`true` or `false`';
  return 'text';
}

function defaultOf(schema: KeySchema): string {
  if (schema.default === undefined) return '—';
  if (schema.default === '') return '(empty)';
  return `\`${String(schema.default)}\``;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderConfigurationDoc(): string {
  const properties = ConfigSchema.properties as Record<string, KeySchema>;
  const sections = new Map<string, string[]>([...GROUPS.map(([title]) => [title, []] as [string, string[]]), [OTHER, []]]);
  for (const [key, schema] of Object.entries(properties)) {
    const title = GROUPS.find(([, pattern]) => pattern.test(key))?.[0] ?? OTHER;
    const secret = SECRET_KEYS.has(key) ? 'yes' : '';
    const inApp = EDITABLE_SETTINGS.find((s) => s.key === key)?.label ?? '';
    sections.get(title)!.push(`| \`${key}\` | ${typeOf(schema)} | ${cell(defaultOf(schema))} | ${secret} | ${inApp} | ${cell(schema.description ?? '')} |`);
  }
  const lines = [
    '# Configuration',
    '',
    `<!-- Generated from ConfigSchema in src/config/config.ts by \`${REGENERATE_COMMAND}\`; edit the schema, not this file. -->`,
    '',
    'Environment variables, or the same keys in a JSON file named by `SECDESK_CONFIG` (the environment wins).',
    'A bad value stops startup with one line naming the key. A secret value is never printed: an error about it shows `(hidden)`.',
    `The keys with a name under *in the app* may also be changed by an admin in ${SETTINGS_PAGE} (that form's label): saved in the database, audited, in force without a restart.`,
    'When the environment (or the file) gives such a key, it wins: the form is disabled and says so.',
  ];
  for (const [title, rows] of sections) {
    if (rows.length === 0) continue;
    lines.push('', `## ${title}`, '', '| key | type | default | secret | in the app | meaning |', '| --- | --- | --- | --- | --- | --- |', ...rows);
  }
  return `${lines.join('\n')}\n`;
}
