// External communications of an incident: the plan (the reference chart's flow), one communication per
// channel per round with its versions, review and approval, the immutable sent snapshots, and the
// holding statements prepared before any incident.
import type { Role } from '../../authz/roles.ts';
import type { Audience } from '../fanout/fanout.types.ts';

export const CHANNELS = ['customer_email', 'blog_post', 'security_alert', 'customer_faq', 'social_post', 'status_page', 'press_statement'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that reach the public: none of them goes out before the round's customer email (customers first). */
export const PUBLIC_CHANNELS: readonly Channel[] = ['blog_post', 'social_post', 'status_page', 'press_statement', 'security_alert'];

export const CHANNEL_LABELS: Record<Channel, string> = {
  customer_email: 'Incident response customer email',
  blog_post: 'Mitigation and response blog post',
  security_alert: 'Security release alert email',
  customer_faq: 'Customer FAQ (prepared responses for Support)',
  social_post: 'Social media post',
  status_page: 'Status page update',
  press_statement: 'Press statement',
};

export const EXTENDED_TEAMS = ['marketing_programs', 'marketing_ops', 'support', 'community_advocates'] as const;
export type ExtendedTeam = (typeof EXTENDED_TEAMS)[number];

export const SOCIAL_NETWORKS = ['x', 'linkedin', 'mastodon', 'bluesky', 'facebook'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const STATUS_PAGE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type StatusPageStatus = (typeof STATUS_PAGE_STATUSES)[number];

/** Who drafts, reviews and sends one channel, by secdesk role. */
export interface ChannelRoles {
  channel: Channel;
  draft: Role[];
  review: Role[];
  send: Role[];
}

// ---- The flow ----

export const FLOW_STEPS = ['investigate', 'decide_scope', 'decide_medium', 'engage_teams', 'collect_contacts', 'produce_content', 'send', 'all_clear'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];
export type StepState = 'done' | 'current' | 'blocked' | 'pending';

export interface Blocker {
  step: FlowStep;
  /** A stable name, e.g. `impact_not_determined`, `no_channels`, `list_missing`, `not_approved`. */
  code: string;
  message: string;
  channel?: Channel;
}

export interface FlowStepView {
  step: FlowStep;
  state: StepState;
  /** Who recorded a decision and when (decision steps only). */
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface FlowView {
  /** The first step not done: where the incident stands. */
  stage: FlowStep;
  steps: FlowStepView[];
  /** What keeps the next step from being done, named. */
  blockers: Blocker[];
  /** Last communication sent + the chosen frequency; null before the first send or without a frequency. */
  nextCommunicationDue: Date | null;
  overdue: boolean;
  /** By how many minutes the next communication is overdue (0 when it is not). */
  overdueMinutes: number;
  /** Extended-team tasks past their due time and not done. */
  overdueTaskIds: string[];
  allClear: boolean;
}

// ---- The plan ----

export interface ExtendedTeamTask {
  id: string;
  team: ExtendedTeam;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueAt: Date | null;
  doneAt: Date | null;
  createdAt: Date;
  createdBy: string;
}

export interface AttachedList {
  audience: Audience;
  listId: string;
  listName: string;
  attachedAt: Date;
  attachedBy: string;
}

export interface CustomersFirstOverride {
  id: string;
  round: number;
  channel: Channel;
  reason: string;
  by: string;
  at: Date;
}

export interface Round {
  number: number;
  /** The final round: once its communications are sent, the plan is all clear. */
  final: boolean;
  startedAt: Date;
  startedBy: string;
  /** The channels chosen for the round (required for the final round); null: what it drafted. */
  channels: Channel[] | null;
}

export interface CommsPlan {
  incidentId: string;
  /** Whether the incident's risk level calls for the communications plan. */
  applies: boolean;
  impactDetermined: boolean;
  scope: string | null;
  /** How the incident is named to outsiders ({{incident.public_title}} in templates); never the internal title. */
  publicTitle: string | null;
  /** Minutes between communications (e.g. 240 for every 4 hours). */
  frequencyMinutes: number | null;
  scopeDecidedBy: string | null;
  scopeDecidedAt: Date | null;
  channels: Channel[];
  mediumDecidedBy: string | null;
  mediumDecidedAt: Date | null;
  tasks: ExtendedTeamTask[];
  lists: AttachedList[];
  /** The team's security notices list (Admin → Communications): the customer email goes to it while no list is attached to the incident. */
  defaultList: { listId: string; listName: string } | null;
  /** The channels the plan prescribes for the incident's risk level: offered preselected until the medium is decided. */
  prescribedChannels: Channel[];
  rounds: Round[];
  overrides: CustomersFirstOverride[];
  allClearAt: Date | null;
  communications: CommunicationSummary[];
  flow: FlowView;
}

// ---- Communications ----

/** in_review: a review of the current version was requested and it is not approved yet. */
export const COMMUNICATION_STATUSES = ['draft', 'in_review', 'approved', 'testing', 'sent'] as const;
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

/** Who asked for a review of which version, and which reviewers were notified. */
export interface ReviewRequest {
  version: number;
  requestedBy: string;
  requestedById: string | null;
  requestedAt: Date;
  reviewers: { userId: string; name: string }[];
}

export interface CommunicationVersion {
  version: number;
  subject: string;
  body: string;
  authorId: string | null;
  author: string;
  createdAt: Date;
}

export interface Approval {
  version: number;
  approverId: string | null;
  approver: string;
  approvedAt: Date;
}

export interface CommunicationComment {
  id: string;
  version: number;
  authorId: string | null;
  author: string;
  body: string;
  createdAt: Date;
}

/** What went out: never changed once written. */
export interface SentSnapshot {
  version: number;
  subject: string;
  body: string;
  contentHash: string;
  approvedVersion: number;
  approver: string;
  approverId: string | null;
  sender: string;
  senderId: string | null;
  sentAt: Date;
  /** Per channel: list and audience, network, status, press address, fan-out send id. */
  details: Record<string, string | number | boolean | null>;
}

export interface CommunicationSummary {
  id: string;
  /** Null for a holding statement. */
  incidentId: string | null;
  round: number;
  channel: Channel;
  status: CommunicationStatus;
  currentVersion: number;
  subject: string;
  approval: Approval | null;
  /** The latest review request (it may name an earlier version: then a new one is due). */
  reviewRequest: ReviewRequest | null;
  holdingStatementId: string | null;
  sentAt: Date | null;
  /** The fan-out send (customer email, security alert) and its test send. */
  sendId: string | null;
  testSendId: string | null;
  /** The blog post's published URL (from the publish webhook or recorded by the sender). */
  publishedUrl: string | null;
  publishState: 'none' | 'pending' | 'published' | 'failed';
  createdAt: Date;
}

export interface Communication extends CommunicationSummary {
  title: string | null;
  versions: CommunicationVersion[];
  comments: CommunicationComment[];
  sent: SentSnapshot | null;
  /** Approved version against what was sent: empty when they are the same (as they must be). */
  approvedVsSent: DiffPart[] | null;
  /** The email channels: the placeholders filled per recipient, from the list the communication goes to (by default). */
  placeholders: { list: string | null; names: string[] };
}

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface VersionDiff {
  from: number;
  to: number;
  subject: DiffPart[];
  body: DiffPart[];
}

// ---- The linter ----

export interface LintFinding {
  rule: string;
  message: string;
  part: 'subject' | 'body';
  line: number;
  column: number;
  /** Offset into the part and the flagged text. */
  index: number;
  text: string;
}

export interface LintResult {
  version: number;
  clean: boolean;
  findings: LintFinding[];
}

// ---- Holding statements ----

export interface HoldingStatement extends Communication {
  title: string;
}

/** A published FAQ as Support sees it; the incident is null when the reader may not see it (restricted). */
export interface PreparedResponse {
  communicationId: string;
  incidentId: string | null;
  incidentNumber: number | null;
  incidentTitle: string | null;
  subject: string;
  body: string;
  publishedAt: Date;
  publishedBy: string;
}

// ---- Preview ----

export interface TemplatePreview {
  channel: Channel;
  subject: string;
  body: string;
  template: { key: string; version: number };
}
