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
    HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'bind address (`0.0.0.0` to serve other machines)' }),
    SECDESK_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'embedded database and stored files' }),
    DATABASE_URL: Type.Optional(
      Type.String({ pattern: '^postgres(ql)?://', description: '`postgres://…`: use a PostgreSQL server instead of the embedded database' }),
    ),
    SECDESK_PUBLIC_URL: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description:
          'external URL (links in mail, secure cookies when `https://`, single sign-on callback). Unset, every link in mail (paging, notifications, compliance downloads, status subscriptions, private page sign-in) uses the address secdesk serves on (`http://127.0.0.1:8080` on the defaults), which works only on that machine: `secdesk serve` prints a warning, and `services.mailIdentity.links.isFallback` says so',
      }),
    ),
    SECDESK_ADMIN_EMAIL: Type.String({
      minLength: 3,
      default: 'admin@secdesk.local',
      description: "the first admin's address, created when the database has no users",
    }),
    SECDESK_ADMIN_PASSWORD: Str("the first admin's password; unset, one is generated and printed once"),
    SECDESK_SEED_DEMO: Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')], {
      default: 'auto',
      description: 'seed demo data into an empty database: `auto` (embedded database only), `true`, `false`',
    }),
    SECDESK_LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info', description: '`fatal` … `trace`, `silent`' },
    ),
    SECDESK_SESSION_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12, description: 'session lifetime' }),
    SECDESK_SIGNIN_PER_MINUTE: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 30,
      description: 'sign-in attempts per client address per minute (accounts also lock after 5 failures)',
    }),
    SECDESK_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024, description: 'largest accepted request body' }),
    SMTP_PORT: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: 2525,
      description: 'port of the built-in SMTP receiver (`0` turns it off); mail to the inbox address becomes tickets',
    }),
    SMTP_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'bind address of the built-in SMTP receiver' }),
    SMTP_MAX_BYTES: Type.Integer({
      minimum: 1024,
      maximum: 100 * 1024 * 1024,
      default: 25 * 1024 * 1024,
      description:
        'largest message accepted, by SMTP and by upload (larger ones are refused with 552 and the reason; the receiver keeps no more than this in memory). The receiver also refuses a header section over 256 KiB (552) and more than 20 recipients per message (452)',
    }),
    SMTP_MAX_PER_SENDER_PER_MINUTE: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 30,
      description:
        "messages per minute per envelope sender; more are answered `450 4.7.1` so the sending server retries later (counted in each instance's memory)",
    }),
    SMTP_MAX_PER_IP_PER_MINUTE: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 120,
      description:
        "messages per minute per client address; more are answered `450 4.7.1` so the sending server retries later (counted in each instance's memory)",
    }),
    SMTP_TLS_CERT_FILE: Str('PEM certificate file: with the key file, the receiver offers STARTTLS'),
    SMTP_TLS_KEY_FILE: Str('PEM private key file for STARTTLS on the receiver'),
    SECDESK_INBOX_ADDRESS: Type.String({
      pattern: '^[^@\\s]+@[^@\\s]+$',
      default: 'security@localhost',
      description:
        'the security address: the SMTP receiver accepts mail only for it; secdesk\'s mail comes from it (`"SECDESK_TEAM_NAME" <address>`) and its Message-IDs are on its domain. The default works with a relay on the same machine (a single-label domain such as `localhost` is accepted as a sender, never as a recipient); a real deployment sets an address on its mail domain — a From it cannot send from is refused naming this setting',
    }),
    SECDESK_MAIL_HTML_PART: Type.Boolean({
      default: false,
      description: 'mail secdesk sends is plain text; `true` adds an HTML alternative showing the same text, escaped',
    }),
    SMTP_URL: Type.Optional(
      Type.String({
        pattern: '^smtps?://',
        description:
          "outgoing mail relay, e.g. `smtp://user:pass@mail.example.com:587`: replies to requesters and the team's SLA alert mails go out through it (one durable outbox job each), and so do fan-out sends",
      }),
    ),
    IMAP_URL: Type.Optional(
      Type.String({
        pattern: '^imaps?://',
        description:
          'poll an existing mailbox for mail: `imaps://user:password@host[:port]` (or `imap://`, which upgrades with STARTTLS when the server offers it; user and password percent-encoded). Each message becomes a ticket exactly once, tracked by UID across restarts; the mailbox is opened read-only, so nothing is deleted, moved or marked `\\Seen`. All mail already in the mailbox is taken on the first poll',
      }),
    ),
    IMAP_MAILBOX: Type.String({ minLength: 1, maxLength: 500, default: 'INBOX', description: 'the mailbox (folder) to poll' }),
    IMAP_POLL_SECONDS: Type.Integer({
      minimum: 5,
      maximum: 86_400,
      default: 60,
      description: 'seconds between polls (a durable job; one instance polls at a time)',
    }),
    IMAP_POLL_BATCH: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 50,
      description:
        'messages taken per poll; a full batch is followed by the next at once. A message over `SMTP_MAX_BYTES` is taken as its headers with a note saying where the whole message remains',
    }),
    SECDESK_INBOUND_WEBHOOK_SECRET: Type.Optional(
      Type.String({
        minLength: 32,
        description:
          'turns on `POST /api/inbound/mail` for a provider\'s inbound webhook: the raw message as `message/rfc822`, headers `x-secdesk-timestamp` (unix seconds) and `x-secdesk-signature: sha256=HMAC-SHA256(secret, "<timestamp>.<body>")`',
      }),
    ),
    SECDESK_TICKET_CLOSE_AFTER_DAYS: Type.Number({
      exclusiveMinimum: 0,
      maximum: 365,
      default: 7,
      description:
        "a solved ticket closes by itself after this many quiet days (wall-clock; fractions allowed); a requester's reply reopens it and cancels the close",
    }),
    SECDESK_SLA_PAUSE_WHEN_PENDING: Type.Boolean({
      default: false,
      description:
        'stop the first-handling clock while a ticket is pending on the requester; when it leaves pending the due time is recomputed on the team calendar from every pause',
    }),
    SECDESK_SLA_WARN_MINUTES: Type.Number({
      minimum: 0,
      maximum: 7 * 24 * 60,
      default: 120,
      description:
        'warn this many wall-clock minutes before the first-handling target (1 business day) falls due; the same lead defines the *SLA at risk* view',
    }),
    SECDESK_RISK_MATRIX: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 10_000,
        description:
          'JSON risk matrix: `{"impactLabels": [5 labels], "likelihoodLabels": [5 labels], "levels": [{"level": "low", "label": "Low", "minScore": 1, "commsPlan": false}, …]}`. The grid stays 5×5 (the database holds impact and likelihood from 1 to 5); bands rise strictly from `minScore` 1, ids are unique, the communications plan applies from the first `commsPlan` band upward (every band above it too), and the levels the shipped stakeholder rules use (`high`) must exist. A bad value stops startup naming the key; a saved rule naming a level the matrix lacks is refused at save and warned about at startup; the web app reads it from `GET /api/risk-matrix`. Unset: the shipped 5×5',
      }),
    ),
    SECDESK_REGULATORY_CLOCKS: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 50_000,
        description:
          'JSON array of regulatory clocks on incidents: `[{"id": "nis2", "name": "NIS2 early warning", "when": "impact >= high", "hours": 24, "from": "awareness", "reminders": [12, 2], "owner": "incident_manager", "note": "…"}]`. `when` is a condition in the stakeholder rules\' language; `hours` (elapsed) or `businessDays` (working days of the team calendar after the start day, to the end of the last one); `from` is `awareness` (the incident\'s aware-at time, the declaration time unless set) or `declared`; `reminders` are hours before the deadline (the deadline itself always reminds); `owner` is an on-call role (the incident\'s holder is reminded, else whoever is on call). `[]` turns them off. A bad value stops startup naming the key. The defaults are starting points for your counsel, not legal advice. Unset: GDPR Art. 33 (72 h from awareness, personal data exposed), GDPR Art. 34 (72 h target: the law says "without undue delay"; personal data exposed and impact high or above), US state breach notice (30 days, the shortest common deadline; personal data or financial information exposed), SEC 8-K Item 1.05 (4 business days of the team calendar from declaration; regulatory duty and financial information exposed)',
      }),
    ),
    SECDESK_UPDATE_GRACE_MINUTES: Type.Integer({
      minimum: 0,
      maximum: 1440,
      default: 15,
      description: 'minutes after an incident update to an engaged stakeholder group falls due before it counts as missed and escalates to the backup DRI',
    }),
    SECDESK_TIME_ZONE: Type.String({
      minLength: 1,
      default: 'America/New_York',
      description: "the team calendar's time zone (IANA name): SLA business days, compliance delivery days and the times on screen follow it",
    }),
    SECDESK_HOLIDAYS: Type.String({
      minLength: 1,
      default: 'US',
      description:
        'public holidays the team calendar observes: a country code, optionally with a state or region (`US-CA`, `DE-BY`), or `none` (from the maintained `date-holidays` data)',
    }),
    SECDESK_TEAM_NAME: Type.String({
      minLength: 1,
      maxLength: 100,
      default: 'Security team',
      description: 'how mail from the security address is signed (`{{team.name}}` in templates)',
    }),
    SECDESK_SUPPORT_ADDRESS: Type.String({
      pattern: '^[^@\\s]+@[^@\\s]+$',
      default: 'support@localhost',
      description: "the Support team's address: *redirect: support* forwards the requester's original message there (`{{support.address}}`)",
    }),
    SECDESK_DMCA_ADDRESS: Type.String({
      pattern: '^[^@\\s]+@[^@\\s]+$',
      default: 'dmca@localhost',
      description: 'where copyright complaints are referred (`{{dmca.address}}`)',
    }),
    SECDESK_BUG_BOUNTY_URL: Type.String({
      pattern: '^https?://',
      default: 'https://hackerone.com/example',
      description: 'the bug bounty programme named in the vulnerability reply (`{{programme.url}}`)',
    }),
    SECDESK_DISCLOSURE_POLICY_URL: Type.String({
      pattern: '^https?://',
      default: 'https://example.com/security/disclosure/',
      description: 'the responsible disclosure policy named in the vulnerability and out-of-scope replies (`{{disclosure_policy.url}}`)',
    }),
    SECDESK_DMCA_POLICY_URL: Type.String({
      pattern: '^https?://',
      default: 'https://example.com/legal/dmca/',
      description: 'the DMCA policy named in the copyright referral (`{{dmca_policy.url}}`)',
    }),
    SECDESK_SLACK_TOKEN: Str(
      'Slack bot token (`xoxb-…`; scopes `channels:manage`, `groups:write`, `channels:read`, `groups:read`, `chat:write`, `im:write`): each declared incident gets a channel (see *Incident channel* in the README)',
    ),
    SECDESK_SLACK_API_URL: Type.String({ pattern: '^https?://', default: 'https://slack.com/api', description: 'Slack Web API base URL' }),
    SECDESK_SLACK_SECURITY_CHANNEL: Type.String({
      minLength: 1,
      maxLength: 80,
      default: '#security-department',
      description: 'where new incident channels are announced',
    }),
    SECDESK_SLACK_SIGNING_SECRET: Str("the Slack app's signing secret: turns on the `/incident` slash command at `POST /api/chat/slack/commands`"),
    SECDESK_MATTERMOST_URL: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'Mattermost server instead of Slack (API v4); needs the two below' }),
    ),
    SECDESK_MATTERMOST_TOKEN: Str('Mattermost bot access token'),
    SECDESK_MATTERMOST_TEAM_ID: Str('team in which incident channels are created'),
    SECDESK_MATTERMOST_SECURITY_CHANNEL: Type.String({
      minLength: 1,
      maxLength: 64,
      default: 'security-department',
      description: 'channel (name) where new incident channels are announced',
    }),
    SECDESK_MATTERMOST_COMMAND_TOKEN: Str(
      'the token Mattermost shows for a `/incident` slash command pointed at `POST /api/chat/mattermost/commands`: turns that endpoint on',
    ),
    SECDESK_CHAT_RETRY_SECONDS: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 15,
      description: 'first retry delay of a failed chat call; doubles each attempt (8 attempts)',
    }),
    SECDESK_EMPLOYEE_DOMAINS: Type.String({
      maxLength: 2000,
      pattern: '^[a-zA-Z0-9., -]*$',
      default: '',
      description: "the company's own mail domains, comma-separated: employees may request the SOC 2 report on behalf of a named customer",
    }),
    SECDESK_COMPLIANCE_DELIVERY_TIME: Type.String({
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      default: '10:00',
      description:
        'local time (team time zone) of the compliance report delivery on delivery days (Monday and Thursday; a holiday moves to the next working day)',
    }),
    SECDESK_COMPLIANCE_LINK_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'days a personal report download link works' }),
    SECDESK_COMPLIANCE_REPORT_MAX_BYTES: Type.Integer({
      minimum: 1024,
      maximum: 100 * 1024 * 1024,
      default: 25 * 1024 * 1024,
      description: 'largest compliance report file an admin may upload',
    }),
    SECDESK_CUSTOMER_DIRECTORY_URL: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description:
          'where another system (CRM, billing) exports the customer directory as CSV (`name,account_id,email_domains,soc2,pentest,nda_on_file`); synced by the `customers.sync` job every `SECDESK_CUSTOMER_SYNC_HOURS`',
      }),
    ),
    SECDESK_CUSTOMER_DIRECTORY_TOKEN: Str('bearer token for `SECDESK_CUSTOMER_DIRECTORY_URL`'),
    SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE: Type.Boolean({
      default: false,
      description: 'allow the customer directory URL on loopback or private addresses (refused otherwise: server-side request forgery)',
    }),
    SECDESK_CUSTOMER_SYNC_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 7, default: 24, description: 'hours between syncs of the customer directory' }),
    SECDESK_OIDC_ISSUER: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description:
          'OpenID Connect single sign-on: the issuer URL (needs `SECDESK_PUBLIC_URL` and `SECDESK_OIDC_CLIENT_ID`; the callback is `/api/auth/oidc/callback`)',
      }),
    ),
    SECDESK_OIDC_CLIENT_ID: Str('OpenID Connect client id'),
    SECDESK_OIDC_CLIENT_SECRET: Str('OpenID Connect client secret'),
    SECDESK_OIDC_ROLE_CLAIM: Type.String({ minLength: 1, default: 'groups', description: 'claim whose values map to roles' }),
    SECDESK_OIDC_SCOPES: Type.String({
      minLength: 6,
      default: 'openid email profile',
      description: 'scopes asked of the identity provider (add the one that releases the role claim)',
    }),
    SECDESK_OIDC_ROLE_MAP: Type.Optional(
      Type.String({
        minLength: 2,
        description: 'the claim values\' roles as JSON, e.g. `{"sec-oncall":"security_engineer"}`; a person with no mapped role is refused',
      }),
    ),
    SECDESK_FANOUT_CONNECTIONS: Type.Integer({
      minimum: 1,
      maximum: 200,
      default: 10,
      description: 'fan-out: pooled SMTP connections per process = messages in flight (also the claim batch size)',
    }),
    SECDESK_FANOUT_RATE_PER_SECOND: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 0,
      description: 'fan-out: messages per second per process (`0`: unlimited); a throttled recipient goes back to pending for the next second',
    }),
    SECDESK_FANOUT_DOMAIN_RATE_PER_SECOND: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      default: 0,
      description: 'fan-out: messages per second per recipient domain (`0`: unlimited); a throttled recipient goes back to pending for the next second',
    }),
    SECDESK_FANOUT_LEASE_SECONDS: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 120,
      description: 'fan-out: a recipient claimed by a process that died is taken over after this long (keep it above the SMTP timeout)',
    }),
    SECDESK_FANOUT_RETRY_SECONDS: Type.Number({
      exclusiveMinimum: 0,
      maximum: 86_400,
      default: 60,
      description: 'fan-out: first retry after a temporary (4xx) failure, doubling per attempt',
    }),
    SECDESK_FANOUT_MAX_ATTEMPTS: Type.Integer({
      minimum: 1,
      maximum: 50,
      default: 8,
      description: 'fan-out: a recipient is recorded failed after this many attempts',
    }),
    SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS: Type.Number({
      exclusiveMinimum: 0,
      maximum: 86_400,
      default: 60,
      description: 'fan-out: when the relay cannot be reached the send pauses itself (reason shown) and a job resumes it after this long',
    }),
    SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS: Type.Number({
      exclusiveMinimum: 0,
      maximum: 600,
      default: 30,
      description: 'fan-out: SMTP connect, greeting and socket timeout',
    }),
    SECDESK_DKIM_DOMAIN: Str(
      'DKIM-sign every fan-out message: the signing domain (`d=`); signing is on when domain, selector and key file are set; publish the public key at `<selector>._domainkey.<domain>`',
    ),
    SECDESK_DKIM_SELECTOR: Str('fan-out DKIM selector (`s=`)'),
    SECDESK_DKIM_KEY_FILE: Str('fan-out DKIM: PEM private key file'),
    SECDESK_STATUS_EXPORT_TARGETS: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 20_000,
        description:
          'static export of the status page after every publish (job `status.export`) and the default of `secdesk status publish`: a JSON list of `{"kind":"dir","path":"/srv/status"}` and `{"kind":"s3","endpoint":"https://…","bucket":"…","prefix":"status/","region":"…","accessKeyId":"…","secretAccessKey":"…"}` (secret: never printed)',
      }),
    ),
    SECDESK_STATUS_NAME: Type.String({
      minLength: 1,
      maxLength: 100,
      default: 'secdesk',
      description:
        'the company name on the public status page (`/status`), its feeds, JSON and badge, subscription mail subjects and webhook payloads (`page.name`)',
    }),
    SECDESK_STATUS_LOGO_URL: Type.Optional(
      Type.String({
        pattern: '^https?://',
        maxLength: 500,
        description: "logo image shown in the status page header (http(s); its origin is added to the page's CSP `img-src`)",
      }),
    ),
    SECDESK_STATUS_BRAND_COLOR: Type.String({
      pattern: '^#[0-9a-fA-F]{6}$',
      default: '#24292f',
      description: 'status page header colour (`#rrggbb`); the header text is black or white, whichever reaches WCAG AA contrast',
    }),
    SECDESK_TRUSTED_PROXIES: Type.String({
      maxLength: 2000,
      pattern: '^[0-9a-fA-F:./, ]*$',
      default: '',
      description:
        "reverse proxies (addresses or CIDR ranges, comma-separated) whose `X-Forwarded-For` names the client (Fastify `trustProxy`): sign-in rate limits, audit entries and private status pages' IP ranges then use it; otherwise the socket address only",
    }),
    SECDESK_STATUS_KEEP_LAST: Type.Boolean({
      default: true,
      description:
        'keep the last published status page in `SECDESK_DATA_DIR/status-snapshot/`; served by `secdesk serve` when it starts while the database is unreachable',
    }),
    SECDESK_LIST_SOURCE_ALLOW_PRIVATE: Type.Boolean({
      default: false,
      description: 'allow distribution-list sources (JSON Lines over HTTP) on loopback or private addresses; refused otherwise (server-side request forgery)',
    }),
    SECDESK_STATUS_MAIL_FROM: Type.Optional(
      Type.String({
        pattern: '^[^@\\s]+@[^@\\s]+$',
        description:
          'sender of status subscription mail (confirmations and updates); must be a real address (`name@domain.tld`). Unset: `SECDESK_INBOX_ADDRESS`',
      }),
    ),
    SECDESK_STATUS_CONFIRM_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 14, default: 48, description: 'hours a subscription confirmation link works' }),
    SECDESK_STATUS_SUBSCRIBE_PER_IP_PER_MINUTE: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 10,
      description: 'subscribe and webhook registration requests per client IP per minute (429 beyond)',
    }),
    SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 3,
      description: 'subscribe requests per e-mail address per hour, counted in the database (all processes)',
    }),
    SECDESK_TRACKER_ALLOW_PRIVATE: Type.String({
      maxLength: 2000,
      pattern: '^[0-9a-fA-F.:/, ]*$',
      default: '',
      description:
        "comma-separated CIDRs (e.g. `10.30.0.0/16`) that teams' issue tracker base URLs (GitLab, Jira; set by admins) may reach although private or loopback; everything non-public is refused otherwise, when the team is saved and at every call",
    }),
    SECDESK_WEBHOOK_ALLOW_PRIVATE: Type.String({
      maxLength: 2000,
      pattern: '^[0-9a-fA-F.:/, ]*$',
      default: '',
      description:
        'comma-separated CIDRs (e.g. `10.20.0.0/16, 127.0.0.2/32`) that status webhooks may reach although private or loopback; everything non-public is refused otherwise',
    }),
    SECDESK_WEBHOOK_MAX_FAILURES: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 10,
      description: 'consecutive failed deliveries after which a status webhook is disabled (its owner is told by mail; an admin re-enables it)',
    }),
    SECDESK_WEBHOOK_RETRY_LIMIT: Type.Integer({ minimum: 0, maximum: 20, default: 8, description: 'retries of one status webhook delivery' }),
    SECDESK_WEBHOOK_RETRY_SECONDS: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 30,
      description: 'first retry delay of a status webhook delivery (doubling)',
    }),
    SECDESK_WEBHOOK_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 120, default: 10, description: 'connect and answer timeout of one webhook delivery' }),
    SECDESK_BLOG_WEBHOOK_URL: Str(
      'the blog\'s publish webhook: a sent blog post is POSTed there as JSON (`event`, `communicationId`, `incidentId`, `title`, `markdown`, `contentHash`, `approvedBy`, `sentAt`) by the durable job `comms.deliver` (retries with backoff; a 4xx other than 408/429 is final), signed `X-Secdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, with `Idempotency-Key: <communication id>`; an answer `{"url": …}` is recorded as the published URL. Without it the sender records the URL. `SECDESK_BLOG_WEBHOOK_SECRET` is required with the URL',
    ),
    SECDESK_BLOG_WEBHOOK_SECRET: Str('the HMAC-SHA256 key that signs the posts to `SECDESK_BLOG_WEBHOOK_URL` (required with it)'),
    SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE: Type.Boolean({
      default: false,
      description: 'allow the blog webhook on loopback or private addresses (refused otherwise: server-side request forgery)',
    }),
    SECDESK_PRESS_ADDRESS: Type.Optional(
      Type.String({
        pattern: '^[^@\\s]+@[^@\\s]+$',
        description: 'the press contact: a sent press statement is mailed there through the outbox (job `comms.deliver`)',
      }),
    ),
    SECDESK_AUDIT_KEY_FILE: Str(
      'the Ed25519 private key (PEM) that signs audit checkpoints; created with mode 0600 at first use; keep it (and a copy) off the database server. Unset: `SECDESK_DATA_DIR/audit-anchor/key.pem`',
    ),
    SECDESK_AUDIT_CHECKPOINT_MINUTES: Type.Integer({
      minimum: 1,
      maximum: 1440,
      default: 10,
      description: "how often the job `audit.checkpoint` signs the audit log's head (also at every `audit verify`)",
    }),
    SECDESK_AUDIT_CHECKPOINT_S3: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 5000,
        description:
          'also put each checkpoint in an S3-compatible bucket with Object Lock: JSON `{"endpoint","bucket","prefix"?,"region"?,"accessKeyId","secretAccessKey","retainDays"?}` (path-style `PUT`, SigV4, `x-amz-object-lock-mode: COMPLIANCE`, retained `retainDays`, default 365)',
      }),
    ),
    SECDESK_LIST_SOURCES: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 100_000,
        description:
          'SQL distribution-list sources, JSON: `{"crm": {"databaseUrl": "postgres://reader:…@replica/crm", "query": "select email, first_name, last_name, company, audience from contacts", "timeoutSeconds": 300}}`; each query runs read-only with that statement timeout; names are shown, URLs never (secret)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type Config = Static<typeof ConfigSchema>;

/** Keys whose values are never printed. */
export const SECRET_KEYS = new Set([
  'SECDESK_ADMIN_PASSWORD',
  'SECDESK_OIDC_CLIENT_SECRET',
  'DATABASE_URL',
  'SECDESK_INBOUND_WEBHOOK_SECRET',
  'SMTP_URL',
  'IMAP_URL',
  'SECDESK_SLACK_TOKEN',
  'SECDESK_SLACK_SIGNING_SECRET',
  'SECDESK_MATTERMOST_TOKEN',
  'SECDESK_MATTERMOST_COMMAND_TOKEN',
  'SECDESK_CUSTOMER_DIRECTORY_TOKEN',
  'SECDESK_BLOG_WEBHOOK_SECRET',
  'SECDESK_LIST_SOURCES',
  'SECDESK_STATUS_EXPORT_TARGETS',
  'SECDESK_AUDIT_CHECKPOINT_S3',
]);

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
  const givenKeys = new Set(Object.keys(merged));
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
  if (valid.SECDESK_SLACK_TOKEN && valid.SECDESK_MATTERMOST_URL)
    throw new ConfigError('invalid configuration: configure one chat platform, Slack (SECDESK_SLACK_TOKEN) or Mattermost (SECDESK_MATTERMOST_URL)');
  if (valid.SECDESK_MATTERMOST_URL && (!valid.SECDESK_MATTERMOST_TOKEN || !valid.SECDESK_MATTERMOST_TEAM_ID)) {
    throw new ConfigError('invalid configuration: SECDESK_MATTERMOST_TOKEN and SECDESK_MATTERMOST_TEAM_ID are required when SECDESK_MATTERMOST_URL is set');
  }
  const loaded = { ...valid, SECDESK_DATA_DIR: path.resolve(valid.SECDESK_DATA_DIR) };
  GIVEN.set(loaded, givenKeys);
  return loaded;
}

// The keys the environment or the file gave, per loaded config (settings saved in the app yield to them).
const GIVEN = new WeakMap<Config, ReadonlySet<string>>();

/**
 * Whether the environment or the configuration file gives a key. A config not made by loadConfig
 * (a copy) counts a key as given when it holds a value other than the default.
 */
export function isGiven(config: Config, key: keyof Config): boolean {
  const given = GIVEN.get(config);
  if (given) return given.has(key);
  const schema = ConfigSchema.properties[key] as { default?: unknown };
  return config[key] !== undefined && config[key] !== schema.default;
}

/** The team calendar's settings from SECDESK_TIME_ZONE and SECDESK_HOLIDAYS; a bad value is a ConfigError naming the key. */
export function calendarSettingsOf(config: Pick<Config, 'SECDESK_TIME_ZONE' | 'SECDESK_HOLIDAYS'>): CalendarSettings {
  if (!DateTime.local().setZone(config.SECDESK_TIME_ZONE).isValid)
    throw new ConfigError(
      `invalid configuration: SECDESK_TIME_ZONE ${JSON.stringify(config.SECDESK_TIME_ZONE)} is not a time zone (e.g. America/New_York, Europe/Berlin)`,
    );
  const [country, state] = config.SECDESK_HOLIDAYS.split('-');
  const holidays =
    config.SECDESK_HOLIDAYS.toLowerCase() === 'none' ? null : { country: country!.toUpperCase(), ...(state ? { state: state.toUpperCase() } : {}) };
  if (holidays && !new Holidays().getCountries()[holidays.country])
    throw new ConfigError(
      `invalid configuration: SECDESK_HOLIDAYS ${JSON.stringify(config.SECDESK_HOLIDAYS)}: unknown country (a country code such as US, DE, FR, optionally -STATE, or none)`,
    );
  if (holidays?.state && !new Holidays().getStates(holidays.country)?.[holidays.state])
    throw new ConfigError(`invalid configuration: SECDESK_HOLIDAYS ${JSON.stringify(config.SECDESK_HOLIDAYS)}: unknown state or region of ${holidays.country}`);
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
    return normaliseRanges(
      config.SECDESK_TRUSTED_PROXIES.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    );
  } catch (err) {
    throw new ConfigError(`invalid configuration: SECDESK_TRUSTED_PROXIES ${(err as Error).message}`);
  }
}

function checkImapUrl(text: string): void {
  const url = URL.parse(text);
  if (!url?.hostname || !url.username)
    throw new ConfigError('invalid configuration: IMAP_URL must look like imap[s]://user:password@host[:port] (got (hidden))');
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
    if (typeof v.databaseUrl !== 'string' || !/^postgres(ql)?:\/\/[^\s]+$/.test(v.databaseUrl))
      throw bad(`source ${name} needs databaseUrl postgres://… (got (hidden))`);
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
  for (const cidr of value
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)) {
    const [net, bits] = cidr.split('/');
    const family = isIP(net ?? '');
    if (!family || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)))) {
      throw new ConfigError(`invalid configuration: ${key}: ${cidr} is not an address range (CIDR, e.g. 10.0.0.0/8)`);
    }
  }
}
