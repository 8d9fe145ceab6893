// One validated configuration: environment variables, optionally a JSON file named by SECDESK_CONFIG.
// Environment wins over the file. Keys are the same in both, so there is one vocabulary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { DEFAULT_CALENDAR, type CalendarSettings } from '../domains/calendar/calendar.ts';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../domains/incidents/risk-matrix.ts';
import { parseRiskMatrix, RiskMatrixError } from '../domains/incidents/risk-matrix-config.ts';
import { factCatalogue } from '../domains/incidents/fact-catalogue.ts';
import { parseRegulatoryClocks, RegulatoryClocksError, type RegulatoryClockConfig } from '../domains/regulatory/clock-definitions.ts';
import { parseExportTargets, ExportTargetsError, type ExportTarget } from '../adapters/status-export/export-targets.ts';
import { normaliseRanges } from '../domains/status-private/access-rules.ts';
import { CheckpointTargetError, parseCheckpointTarget, type S3CheckpointTarget } from '../adapters/audit-anchor/s3-checkpoints.ts';

const Str = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

export const ConfigSchema = Type.Object(
  {
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' }),
    HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'HTTP bind address' }),
    SECDESK_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'embedded database and stored files' }),
    DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL server instead of the embedded database' })),
    SECDESK_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'external URL of this server (links, cookies, OIDC)' })),
    SECDESK_ADMIN_EMAIL: Type.String({ minLength: 3, default: 'admin@secdesk.local', description: 'first admin when the database is empty' }),
    SECDESK_ADMIN_PASSWORD: Str('password of the first admin; generated and printed once when absent'),
    SECDESK_SEED_DEMO: Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')], { default: 'auto', description: 'seed demo data into an empty database (auto: embedded database only)' }),
    SECDESK_LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
    SECDESK_SESSION_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12, description: 'session lifetime' }),
    SECDESK_SIGNIN_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 30, description: 'sign-in attempts allowed per client address per minute' }),
    SECDESK_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024 }),
    SMTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 2525, description: 'port of the built-in SMTP receiver; 0 turns it off' }),
    SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'bind address of the SMTP receiver' }),
    SMTP_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 25 * 1024 * 1024, description: 'largest message the receiver accepts' }),
    SMTP_MAX_PER_SENDER_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30, description: 'messages one envelope sender may deliver per minute (then 450, the sender retries)' }),
    SMTP_MAX_PER_IP_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 120, description: 'messages one client address may deliver per minute (then 450, the sender retries)' }),
    SMTP_TLS_CERT_FILE: Str('PEM certificate for STARTTLS on the receiver'),
    SMTP_TLS_KEY_FILE: Str('PEM private key for STARTTLS on the receiver'),
    SECDESK_INBOX_ADDRESS: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', default: 'security@localhost', description: 'the security address: mail is accepted for it and replies come from it' }),
    SECDESK_MAIL_HTML_PART: Type.Boolean({ default: false, description: 'add an HTML alternative (the same text, escaped) to the plain-text mail secdesk sends' }),
    SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', description: 'outgoing mail relay, e.g. smtp://user:pass@mail.example.com:587' })),
    IMAP_URL: Type.Optional(Type.String({ pattern: '^imaps?://', description: 'an existing mailbox to poll for mail, e.g. imaps://user:pass@imap.example.com (off when unset)' })),
    IMAP_MAILBOX: Type.String({ minLength: 1, maxLength: 500, default: 'INBOX', description: 'the mailbox (folder) to poll' }),
    IMAP_POLL_SECONDS: Type.Integer({ minimum: 5, maximum: 86_400, default: 60, description: 'seconds between polls of the IMAP mailbox' }),
    IMAP_POLL_BATCH: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'messages taken per poll; a full batch is followed by the next at once' }),
    SECDESK_INBOUND_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'shared secret (32+ characters) that signs raw MIME posted to /api/inbound/mail' })),
    SECDESK_TICKET_CLOSE_AFTER_DAYS: Type.Number({ exclusiveMinimum: 0, maximum: 365, default: 7, description: 'a solved ticket closes after this many quiet days (wall-clock; fractions allowed)' }),
    SECDESK_SLA_PAUSE_WHEN_PENDING: Type.Boolean({ default: false, description: 'stop the first-handling clock while a ticket is pending on the requester' }),
    SECDESK_SLA_WARN_MINUTES: Type.Number({ minimum: 0, maximum: 7 * 24 * 60, default: 120, description: 'warn this many wall-clock minutes before the first-handling target falls due' }),
    SECDESK_RISK_MATRIX: Type.Optional(Type.String({ minLength: 2, maxLength: 10_000, description: 'JSON risk matrix (5×5): {impactLabels, likelihoodLabels, levels: [{level, label, minScore, commsPlan}]}; the shipped 5×5 when unset' })),
    SECDESK_REGULATORY_CLOCKS: Type.Optional(Type.String({ minLength: 2, maxLength: 50_000, description: 'JSON array of regulatory clocks on incidents: [{id, name, when (a stakeholder-rule condition), hours | businessDays, from: awareness|declared, reminders: [hours before], owner: an on-call role, note}]; the shipped GDPR Art. 33/34, US state breach notice and SEC 8-K clocks when unset, [] for none' })),
    SECDESK_UPDATE_GRACE_MINUTES: Type.Integer({ minimum: 0, maximum: 1440, default: 15, description: 'minutes after an incident update falls due before it counts as missed and escalates to the backup DRI' }),
    SECDESK_TIME_ZONE: Type.String({ minLength: 1, default: 'America/New_York', description: "the team calendar's time zone (IANA name): SLA business days, compliance delivery days, times on screen" }),
    SECDESK_HOLIDAYS: Type.String({ minLength: 1, default: 'US', description: 'public holidays the team calendar observes: a country code, optionally with a state or region (US, US-CA, DE-BY), or none' }),
    SECDESK_TEAM_NAME: Type.String({ minLength: 1, maxLength: 100, default: 'Security team', description: 'how mail from the security address is signed ({{team.name}} in templates)' }),
    SECDESK_SUPPORT_ADDRESS: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', default: 'support@localhost', description: 'the Support team\'s address: account support tickets are forwarded there' }),
    SECDESK_DMCA_ADDRESS: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', default: 'dmca@localhost', description: 'where copyright complaints are referred' }),
    SECDESK_BUG_BOUNTY_URL: Type.String({ pattern: '^https?://', default: 'https://hackerone.com/example', description: 'the bug bounty programme vulnerability reporters are pointed to' }),
    SECDESK_DISCLOSURE_POLICY_URL: Type.String({ pattern: '^https?://', default: 'https://example.com/security/disclosure/', description: 'the responsible disclosure policy' }),
    SECDESK_DMCA_POLICY_URL: Type.String({ pattern: '^https?://', default: 'https://example.com/legal/dmca/', description: 'the DMCA policy' }),
    SECDESK_SLACK_TOKEN: Str('Slack bot token (xoxb-…): opens incident channels and posts to them (off when unset)'),
    SECDESK_SLACK_API_URL: Type.String({ pattern: '^https?://', default: 'https://slack.com/api', description: 'Slack Web API base URL' }),
    SECDESK_SLACK_SECURITY_CHANNEL: Type.String({ minLength: 1, maxLength: 80, default: '#security-department', description: 'Slack channel where new incident channels are announced' }),
    SECDESK_SLACK_SIGNING_SECRET: Str('Slack app signing secret: turns on the /incident slash command at /api/chat/slack/commands'),
    SECDESK_MATTERMOST_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'Mattermost server URL, instead of Slack (off when unset)' })),
    SECDESK_MATTERMOST_TOKEN: Str('Mattermost bot access token'),
    SECDESK_MATTERMOST_TEAM_ID: Str('Mattermost team id in which incident channels are created'),
    SECDESK_MATTERMOST_SECURITY_CHANNEL: Type.String({ minLength: 1, maxLength: 64, default: 'security-department', description: 'Mattermost channel (name) where new incident channels are announced' }),
    SECDESK_MATTERMOST_COMMAND_TOKEN: Str('token of the Mattermost slash command: turns on /incident at /api/chat/mattermost/commands'),
    SECDESK_CHAT_RETRY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 15, description: 'first retry delay of a failed chat call (doubles each attempt)' }),
    SECDESK_EMPLOYEE_DOMAINS: Type.String({ maxLength: 2000, pattern: '^[a-zA-Z0-9., -]*$', default: '', description: 'the company\'s own mail domains, comma-separated: employees may request the SOC 2 report on behalf of a customer' }),
    SECDESK_COMPLIANCE_DELIVERY_TIME: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '10:00', description: 'local time (team time zone) of the compliance report delivery on delivery days (Monday and Thursday; holidays move to the next working day)' }),
    SECDESK_COMPLIANCE_LINK_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'days a compliance report download link works' }),
    SECDESK_COMPLIANCE_REPORT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 25 * 1024 * 1024, description: 'largest compliance report file an admin may upload' }),
    SECDESK_CUSTOMER_DIRECTORY_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'where the customer directory is exported as CSV (name,account_id,email_domains,soc2,pentest,nda_on_file); synced every SECDESK_CUSTOMER_SYNC_HOURS' })),
    SECDESK_CUSTOMER_DIRECTORY_TOKEN: Str('bearer token for SECDESK_CUSTOMER_DIRECTORY_URL'),
    SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE: Type.Boolean({ default: false, description: 'allow SECDESK_CUSTOMER_DIRECTORY_URL on loopback or private networks' }),
    SECDESK_CUSTOMER_SYNC_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 7, default: 24, description: 'hours between syncs of the customer directory' }),
    SECDESK_OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://', description: 'OpenID Connect issuer URL' })),
    SECDESK_OIDC_CLIENT_ID: Str('OpenID Connect client id'),
    SECDESK_OIDC_CLIENT_SECRET: Str('OpenID Connect client secret'),
    SECDESK_OIDC_ROLE_CLAIM: Type.String({ minLength: 1, default: 'groups', description: 'claim whose values map to roles' }),
    SECDESK_OIDC_SCOPES: Type.String({ minLength: 6, default: 'openid email profile', description: 'scopes asked of the identity provider' }),
    SECDESK_OIDC_ROLE_MAP: Type.Optional(Type.String({ minLength: 2, description: 'JSON object: claim value → secdesk role' })),
    SECDESK_FANOUT_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 200, default: 10, description: 'fan-out: pooled SMTP connections per process (messages in flight)' }),
    SECDESK_FANOUT_RATE_PER_SECOND: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'fan-out: messages per second per process (0: unlimited)' }),
    SECDESK_FANOUT_DOMAIN_RATE_PER_SECOND: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'fan-out: messages per second to one recipient domain (0: unlimited)' }),
    SECDESK_FANOUT_LEASE_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 120, description: 'fan-out: how long a claimed recipient stays with a crashed process before another takes it over' }),
    SECDESK_FANOUT_RETRY_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 86_400, default: 60, description: 'fan-out: first retry delay after a temporary SMTP failure (doubles per attempt)' }),
    SECDESK_FANOUT_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8, description: 'fan-out: attempts per recipient before it is recorded failed' }),
    SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 86_400, default: 60, description: 'fan-out: a send paused because the relay is unreachable resumes after this long' }),
    SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 600, default: 30, description: 'fan-out: SMTP connect and socket timeout' }),
    SECDESK_DKIM_DOMAIN: Str('fan-out: DKIM signing domain (d=); signing is on when domain, selector and key file are set'),
    SECDESK_DKIM_SELECTOR: Str('fan-out: DKIM selector (s=)'),
    SECDESK_DKIM_KEY_FILE: Str('fan-out: PEM private key for DKIM signing'),
    SECDESK_STATUS_EXPORT_TARGETS: Type.Optional(Type.String({ minLength: 2, maxLength: 20_000, description: 'status page static export: JSON list of targets [{kind:"dir",path} | {kind:"s3",endpoint,bucket,prefix?,region?,accessKeyId,secretAccessKey}]; each publish is pushed to all of them (job status.export)' })),
    SECDESK_STATUS_NAME: Type.String({ minLength: 1, maxLength: 100, default: 'secdesk', description: 'status page: the company name shown on the public status page, its feeds and JSON' }),
    SECDESK_STATUS_LOGO_URL: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 500, description: 'status page: logo image URL shown in the header (its origin is allowed in the page\'s CSP)' })),
    SECDESK_STATUS_BRAND_COLOR: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', default: '#24292f', description: 'status page: header colour (#rrggbb); the header text is black or white, whichever reaches WCAG AA contrast' }),
    SECDESK_TRUSTED_PROXIES: Type.String({ maxLength: 2000, pattern: '^[0-9a-fA-F:./, ]*$', default: '', description: 'reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client: sign-in limits, audit and private status page IP ranges then use it; empty: the socket address only' }),
    SECDESK_STATUS_KEEP_LAST: Type.Boolean({ default: true, description: 'status page: keep the last published page in SECDESK_DATA_DIR/status-snapshot, served when the app starts while the database is unreachable' }),
    SECDESK_LIST_SOURCE_ALLOW_PRIVATE: Type.Boolean({ default: false, description: 'allow distribution-list sources on loopback or private networks' }),
    SECDESK_STATUS_MAIL_FROM: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'status page subscriptions: sender of confirmation and update mail (default: SECDESK_INBOX_ADDRESS)' })),
    SECDESK_STATUS_CONFIRM_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 14, default: 48, description: 'status page subscriptions: hours a confirmation link works' }),
    SECDESK_STATUS_SUBSCRIBE_PER_IP_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: 'status page subscriptions: subscribe requests per client IP per minute' }),
    SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR: Type.Integer({ minimum: 1, maximum: 1000, default: 3, description: 'status page subscriptions: subscribe requests per e-mail address per hour (across all processes)' }),
    SECDESK_TRACKER_ALLOW_PRIVATE: Type.String({ maxLength: 2000, pattern: '^[0-9a-fA-F.:/, ]*$', default: '', description: 'teams: comma-separated CIDRs that issue tracker base URLs (GitLab, Jira) may resolve to although private or loopback (default: none)' }),
    SECDESK_WEBHOOK_ALLOW_PRIVATE: Type.String({ maxLength: 2000, pattern: '^[0-9a-fA-F.:/, ]*$', default: '', description: 'status webhooks: comma-separated CIDRs that webhook URLs may resolve to although private or loopback (default: none)' }),
    SECDESK_WEBHOOK_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: 'status webhooks: consecutive failed deliveries after which a webhook is disabled' }),
    SECDESK_WEBHOOK_RETRY_LIMIT: Type.Integer({ minimum: 0, maximum: 20, default: 8, description: 'status webhooks: retries of one delivery (exponential backoff)' }),
    SECDESK_WEBHOOK_RETRY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30, description: 'status webhooks: first retry delay of a failed delivery (doubles each attempt)' }),
    SECDESK_WEBHOOK_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 120, default: 10, description: 'status webhooks: connect and response timeout of one delivery' }),
    SECDESK_BLOG_WEBHOOK_URL: Str('communications: the blog\'s publish webhook; an approved blog post is POSTed there as JSON signed with HMAC-SHA256'),
    SECDESK_BLOG_WEBHOOK_SECRET: Str('communications: the HMAC-SHA256 key for SECDESK_BLOG_WEBHOOK_URL (required with it)'),
    SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE: Type.Boolean({ default: false, description: 'communications: allow the blog webhook on loopback or private networks' }),
    SECDESK_PRESS_ADDRESS: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'communications: the press contact an approved press statement is mailed to' })),
    SECDESK_AUDIT_KEY_FILE: Str('audit checkpoints: the Ed25519 private key (PEM) that signs them, outside the database (default SECDESK_DATA_DIR/audit-anchor/key.pem, created 0600 at first use)'),
    SECDESK_AUDIT_CHECKPOINT_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 10, description: 'audit checkpoints: how often the job audit.checkpoint signs the audit log\'s head (also at every verify)' }),
    SECDESK_AUDIT_CHECKPOINT_S3: Type.Optional(Type.String({ minLength: 2, maxLength: 5000, description: 'audit checkpoints: also PUT each one to an S3-compatible bucket with Object Lock (COMPLIANCE mode): JSON {endpoint,bucket,prefix?,region?,accessKeyId,secretAccessKey,retainDays?}' })),
    SECDESK_LIST_SOURCES: Type.Optional(Type.String({ minLength: 2, maxLength: 100_000, description: 'JSON: named SQL list sources, {"name": {"databaseUrl": "postgres://…(a read replica)", "query": "select email, first_name, … from …", "timeoutSeconds": 300}}; run read-only' })),
  },
  { additionalProperties: false },
);
export type Config = Static<typeof ConfigSchema>;

/** Keys whose values are never printed. */
export const SECRET_KEYS = new Set(['SECDESK_ADMIN_PASSWORD', 'SECDESK_OIDC_CLIENT_SECRET', 'DATABASE_URL', 'SECDESK_INBOUND_WEBHOOK_SECRET', 'SMTP_URL', 'IMAP_URL', 'SECDESK_SLACK_TOKEN', 'SECDESK_SLACK_SIGNING_SECRET', 'SECDESK_MATTERMOST_TOKEN', 'SECDESK_MATTERMOST_COMMAND_TOKEN', 'SECDESK_CUSTOMER_DIRECTORY_TOKEN', 'SECDESK_BLOG_WEBHOOK_SECRET', 'SECDESK_LIST_SOURCES', 'SECDESK_STATUS_EXPORT_TARGETS', 'SECDESK_AUDIT_CHECKPOINT_S3']);

export class ConfigError extends Error {}

const KNOWN = new Set(Object.keys(ConfigSchema.properties));

function readFileConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`config file ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`config file ${file} is not a JSON object: ${(err as Error).message}`);
  }
}

/** Builds the config from an environment (process.env by default); throws ConfigError naming the bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const fromFile = env.SECDESK_CONFIG ? readFileConfig(env.SECDESK_CONFIG) : {};
  for (const key of Object.keys(fromFile)) {
    if (!KNOWN.has(key)) throw new ConfigError(`unknown config key ${key} in ${env.SECDESK_CONFIG}`);
  }
  const fromEnv: Record<string, unknown> = {};
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const merged = { ...fromFile, ...fromEnv };
  const config = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, merged)) as unknown;
  const first = Value.Errors(ConfigSchema, config)[0];
  if (first) {
    const key = first.instancePath.replace(/^\//, '') || 'config';
    const shown = SECRET_KEYS.has(key) ? '(hidden)' : JSON.stringify((config as Record<string, unknown>)[key]);
    throw new ConfigError(`invalid configuration: ${key} ${first.message} (got ${shown})`);
  }
  const valid = config as Config;
  if (valid.SECDESK_OIDC_ROLE_MAP !== undefined) parseRoleMap(valid.SECDESK_OIDC_ROLE_MAP);
  if (valid.SECDESK_OIDC_ISSUER && !valid.SECDESK_OIDC_CLIENT_ID) {
    throw new ConfigError('invalid configuration: SECDESK_OIDC_CLIENT_ID is required when SECDESK_OIDC_ISSUER is set');
  }
  if (valid.SECDESK_BLOG_WEBHOOK_URL && !valid.SECDESK_BLOG_WEBHOOK_SECRET) {
    throw new ConfigError('invalid configuration: SECDESK_BLOG_WEBHOOK_SECRET is required when SECDESK_BLOG_WEBHOOK_URL is set (the posts are signed)');
  }
  if (valid.SECDESK_BLOG_WEBHOOK_URL && !/^https?:\/\/[^/\s]+/.test(valid.SECDESK_BLOG_WEBHOOK_URL)) {
    throw new ConfigError('invalid configuration: SECDESK_BLOG_WEBHOOK_URL must be an http(s) URL');
  }
  if (valid.SECDESK_OIDC_ISSUER && !valid.SECDESK_PUBLIC_URL) {
    throw new ConfigError('invalid configuration: SECDESK_PUBLIC_URL is required when SECDESK_OIDC_ISSUER is set (it forms the sign-in callback URL)');
  }
  if (valid.IMAP_URL !== undefined) checkImapUrl(valid.IMAP_URL);
  regulatoryClocksOf(valid, riskMatrixOf(valid));
  checkCidrs('SECDESK_WEBHOOK_ALLOW_PRIVATE', valid.SECDESK_WEBHOOK_ALLOW_PRIVATE);
  checkCidrs('SECDESK_TRACKER_ALLOW_PRIVATE', valid.SECDESK_TRACKER_ALLOW_PRIVATE);
  listSourcesOf(valid);
  exportTargetsOf(valid);
  checkpointTargetOf(valid);
  calendarSettingsOf(valid);
  trustedProxiesOf(valid);
  if (valid.SECDESK_SLACK_TOKEN && valid.SECDESK_MATTERMOST_URL) throw new ConfigError('invalid configuration: configure one chat platform, Slack (SECDESK_SLACK_TOKEN) or Mattermost (SECDESK_MATTERMOST_URL)');
  if (valid.SECDESK_MATTERMOST_URL && (!valid.SECDESK_MATTERMOST_TOKEN || !valid.SECDESK_MATTERMOST_TEAM_ID)) {
    throw new ConfigError('invalid configuration: SECDESK_MATTERMOST_TOKEN and SECDESK_MATTERMOST_TEAM_ID are required when SECDESK_MATTERMOST_URL is set');
  }
  return { ...valid, SECDESK_DATA_DIR: path.resolve(valid.SECDESK_DATA_DIR) };
}

/** The team calendar's settings from SECDESK_TIME_ZONE and SECDESK_HOLIDAYS; a bad value is a ConfigError naming the key. */
export function calendarSettingsOf(config: Pick<Config, 'SECDESK_TIME_ZONE' | 'SECDESK_HOLIDAYS'>): CalendarSettings {
  if (!DateTime.local().setZone(config.SECDESK_TIME_ZONE).isValid) throw new ConfigError(`invalid configuration: SECDESK_TIME_ZONE ${JSON.stringify(config.SECDESK_TIME_ZONE)} is not a time zone (e.g. America/New_York, Europe/Berlin)`);
  const [country, state] = config.SECDESK_HOLIDAYS.split('-');
  const holidays = config.SECDESK_HOLIDAYS.toLowerCase() === 'none' ? null : { country: country!.toUpperCase(), ...(state ? { state: state.toUpperCase() } : {}) };
  if (holidays && !new Holidays().getCountries()[holidays.country]) throw new ConfigError(`invalid configuration: SECDESK_HOLIDAYS ${JSON.stringify(config.SECDESK_HOLIDAYS)}: unknown country (a country code such as US, DE, FR, optionally -STATE, or none)`);
  if (holidays?.state && !new Holidays().getStates(holidays.country)?.[holidays.state]) throw new ConfigError(`invalid configuration: SECDESK_HOLIDAYS ${JSON.stringify(config.SECDESK_HOLIDAYS)}: unknown state or region of ${holidays.country}`);
  return { ...DEFAULT_CALENDAR, timeZone: config.SECDESK_TIME_ZONE, holidays };
}

/** The configured risk matrix, or the shipped 5×5; a bad SECDESK_RISK_MATRIX is a ConfigError naming the key. */
export function riskMatrixOf(config: Pick<Config, 'SECDESK_RISK_MATRIX'>): RiskMatrix {
  if (config.SECDESK_RISK_MATRIX === undefined) return DEFAULT_RISK_MATRIX;
  try {
    return parseRiskMatrix(config.SECDESK_RISK_MATRIX);
  } catch (err) {
    if (err instanceof RiskMatrixError) throw new ConfigError(`invalid configuration: SECDESK_RISK_MATRIX ${err.message}`);
    throw err;
  }
}

/** The configured regulatory clocks, or the shipped ones; a bad SECDESK_REGULATORY_CLOCKS is a ConfigError naming the key. */
export function regulatoryClocksOf(config: Pick<Config, 'SECDESK_REGULATORY_CLOCKS'>, matrix: RiskMatrix): RegulatoryClockConfig[] {
  try {
    return parseRegulatoryClocks(config.SECDESK_REGULATORY_CLOCKS, factCatalogue(matrix));
  } catch (err) {
    if (err instanceof RegulatoryClocksError) throw new ConfigError(`invalid configuration: SECDESK_REGULATORY_CLOCKS ${err.message}`);
    throw err;
  }
}

/** The configured static export targets; a bad SECDESK_STATUS_EXPORT_TARGETS is a ConfigError naming the key. */
export function exportTargetsOf(config: Pick<Config, 'SECDESK_STATUS_EXPORT_TARGETS'>): ExportTarget[] {
  try {
    return parseExportTargets(config.SECDESK_STATUS_EXPORT_TARGETS);
  } catch (err) {
    if (err instanceof ExportTargetsError) throw new ConfigError(`invalid configuration: SECDESK_STATUS_EXPORT_TARGETS ${err.message}`);
    throw err;
  }
}

/** The bucket audit checkpoints are copied to, if any; a bad SECDESK_AUDIT_CHECKPOINT_S3 is a ConfigError naming the key. */
export function checkpointTargetOf(config: Pick<Config, 'SECDESK_AUDIT_CHECKPOINT_S3'>): S3CheckpointTarget | null {
  try {
    return parseCheckpointTarget(config.SECDESK_AUDIT_CHECKPOINT_S3);
  } catch (err) {
    if (err instanceof CheckpointTargetError) throw new ConfigError(`invalid configuration: SECDESK_AUDIT_CHECKPOINT_S3 ${err.message}`);
    throw err;
  }
}

/** The configured trusted proxies as CIDR ranges (validated), for Fastify's trustProxy. */
export function trustedProxiesOf(config: Pick<Config, 'SECDESK_TRUSTED_PROXIES'>): string[] {
  try {
    return normaliseRanges(config.SECDESK_TRUSTED_PROXIES.split(',').map((r) => r.trim()).filter(Boolean));
  } catch (err) {
    throw new ConfigError(`invalid configuration: SECDESK_TRUSTED_PROXIES ${(err as Error).message}`);
  }
}

function checkImapUrl(text: string): void {
  const url = URL.parse(text);
  if (!url?.hostname || !url.username) throw new ConfigError('invalid configuration: IMAP_URL must look like imap[s]://user:password@host[:port] (got (hidden))');
}

export interface SqlListSource {
  databaseUrl: string;
  query: string;
  timeoutSeconds: number;
}

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The configured SQL list sources by name (SECDESK_LIST_SOURCES); the messages never show a URL. */
export function listSourcesOf(config: Pick<Config, 'SECDESK_LIST_SOURCES'>): Map<string, SqlListSource> {
  const sources = new Map<string, SqlListSource>();
  if (config.SECDESK_LIST_SOURCES === undefined) return sources;
  const bad = (why: string) => new ConfigError(`invalid configuration: SECDESK_LIST_SOURCES ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(config.SECDESK_LIST_SOURCES);
  } catch {
    throw bad('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('must be an object of named sources');
  for (const [name, value] of Object.entries(parsed)) {
    if (!SOURCE_NAME.test(name)) throw bad(`has an invalid source name ${JSON.stringify(name.slice(0, 70))} (letters, digits, . _ -)`);
    const v = value as Partial<Record<keyof SqlListSource, unknown>> | null;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`source ${name} must be an object`);
    const extra = Object.keys(v).filter((k) => !['databaseUrl', 'query', 'timeoutSeconds'].includes(k));
    if (extra.length) throw bad(`source ${name} has unknown keys: ${extra.join(', ')}`);
    if (typeof v.databaseUrl !== 'string' || !/^postgres(ql)?:\/\/[^\s]+$/.test(v.databaseUrl)) throw bad(`source ${name} needs databaseUrl postgres://… (got (hidden))`);
    if (typeof v.query !== 'string' || !v.query.trim() || v.query.length > 20_000) throw bad(`source ${name} needs a query (1 to 20,000 characters)`);
    const timeout = v.timeoutSeconds ?? 300;
    if (typeof timeout !== 'number' || !(timeout > 0 && timeout <= 3600)) throw bad(`source ${name}: timeoutSeconds is a number of seconds up to 3600`);
    sources.set(name, { databaseUrl: v.databaseUrl, query: v.query.trim().replace(/;\s*$/, ''), timeoutSeconds: timeout });
  }
  return sources;
}

export function parseRoleMap(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError('invalid configuration: SECDESK_OIDC_ROLE_MAP is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new ConfigError('invalid configuration: SECDESK_OIDC_ROLE_MAP must map claim values to role names');
  }
  return parsed as Record<string, string>;
}

/** The config as it may be shown to an operator: secrets replaced. */
export function redactConfig(config: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET_KEYS.has(k) && v !== undefined ? '(set)' : v]));
}

function checkCidrs(key: string, value: string): void {
  for (const cidr of value.split(',').map((c) => c.trim()).filter(Boolean)) {
    const [net, bits] = cidr.split('/');
    const family = isIP(net ?? '');
    if (!family || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)))) {
      throw new ConfigError(`invalid configuration: ${key}: ${cidr} is not an address range (CIDR, e.g. 10.0.0.0/8)`);
    }
  }
}
