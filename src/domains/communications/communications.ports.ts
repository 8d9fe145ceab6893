// What the communications domain needs from storage.
import type { ComponentState } from '../statuspage/statuspage.types.ts';
import type { UsersRepository } from '../accounts/accounts.ports.ts';
import type { FanoutRepository } from '../fanout/fanout.ports.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import type { IncidentRolesRepository, IncidentsRepository, RespondersRepository } from '../incidents/incidents.ports.ts';
import type { ActionContext } from '../context.ts';
import type { AuditPort, JobSender } from '../ports.ts';
import type { NotificationsRepository } from '../notifications/notifications.ports.ts';
import type { StatusPageRepository } from '../statuspage/statuspage.ports.ts';
import type { TemplatesRepository } from '../templates/templates.ports.ts';
import type { EventRecorder } from '../events.ts';
import type {
  Approval,
  AttachedList,
  Channel,
  CommsPlan,
  CommunicationComment,
  CommunicationSummary,
  CommunicationVersion,
  CustomersFirstOverride,
  ExtendedTeam,
  ExtendedTeamTask,
  PreparedResponse,
  ReviewRequest,
  Round,
  SentSnapshot,
} from './communications.types.ts';

/** The plan's own stored decisions; the rest of CommsPlan is derived or lives in other tables. */
export type PlanRow = Pick<
  CommsPlan,
  'scope' | 'publicTitle' | 'frequencyMinutes' | 'scopeDecidedBy' | 'scopeDecidedAt' | 'channels' | 'mediumDecidedBy' | 'mediumDecidedAt' | 'allClearAt'
>;

export interface CommunicationRow extends CommunicationSummary {
  title: string | null;
}

export interface NewCommunication {
  incidentId: string | null;
  round: number;
  channel: Channel;
  title: string | null;
  holdingStatementId: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface CommunicationsRepository {
  plan(incidentId: string): Promise<PlanRow | null>;
  decideScope(incidentId: string, decision: { scope: string; publicTitle: string | null; frequencyMinutes: number; by: string; at: Date }): Promise<void>;
  decideMedium(incidentId: string, decision: { channels: Channel[]; by: string; at: Date }): Promise<void>;
  /** Records all clear once (creating the plan row if needed); false when it was recorded already. */
  markAllClear(incidentId: string, at: Date): Promise<boolean>;
  tasks(incidentId: string): Promise<ExtendedTeamTask[]>;
  addTask(
    incidentId: string,
    task: { team: ExtendedTeam; title: string; ownerId: string | null; dueAt: Date | null; createdBy: string; createdAt: Date },
  ): Promise<string>;
  updateTask(incidentId: string, taskId: string, change: { doneAt?: Date | null; ownerId?: string | null; dueAt?: Date | null }): Promise<boolean>;
  lists(incidentId: string): Promise<AttachedList[]>;
  attachList(incidentId: string, audience: Audience, listId: string, by: string, at: Date): Promise<void>;
  /** lock: the rows stay locked to the transaction (all clear's check: concurrent sends take turns). */
  rounds(incidentId: string, lock?: boolean): Promise<Round[]>;
  addRound(incidentId: string, round: Round): Promise<void>;
  overrides(incidentId: string): Promise<CustomersFirstOverride[]>;
  addOverride(incidentId: string, override: Omit<CustomersFirstOverride, 'id'> & { byId: string | null }): Promise<boolean>;
  setting(key: string): Promise<unknown>;
  putSetting(key: string, value: unknown, by: string, at: Date): Promise<void>;

  create(communication: NewCommunication): Promise<string>;
  addVersion(id: string, version: Omit<CommunicationVersion, 'createdAt'> & { createdAt: Date }): Promise<void>;
  byId(id: string, lock?: boolean): Promise<CommunicationRow | null>;
  forIncident(incidentId: string): Promise<CommunicationRow[]>;
  holdingStatements(): Promise<CommunicationRow[]>;
  versions(id: string): Promise<CommunicationVersion[]>;
  comments(id: string): Promise<CommunicationComment[]>;
  addComment(id: string, comment: Omit<CommunicationComment, 'id'>): Promise<CommunicationComment>;
  setApproval(id: string, approval: Approval | null): Promise<void>;
  setReviewRequest(id: string, request: ReviewRequest): Promise<void>;
  /** Enabled people holding any of the roles, by name. */
  peopleHolding(roles: readonly string[]): Promise<(ReviewRequest['reviewers'][number] & { roles: string[] })[]>;
  setSends(id: string, sends: { sendId: string | null; testSendId: string | null }): Promise<void>;
  setPublish(id: string, publish: { state: CommunicationSummary['publishState']; url?: string | null; error?: string | null }): Promise<void>;
  sent(id: string): Promise<SentSnapshot | null>;
  /** Writes the snapshot once; false when the communication was sent already. */
  recordSent(id: string, snapshot: SentSnapshot): Promise<boolean>;
  preparedResponses(): Promise<PreparedResponse[]>;
}

export interface CommunicationsStore {
  communications: CommunicationsRepository;
  incidents: IncidentsRepository;
  responders: RespondersRepository;
  incidentRoles: IncidentRolesRepository;
  users: UsersRepository;
  fanout: FanoutRepository;
  templates: TemplatesRepository;
  /** Only for the status page channel's publish, inside the send's transaction. */
  statusPage: StatusPageRepository;
  audit: AuditPort;
  jobs: JobSender;
  /** Domain events (incidents/timeline.ts records `incident.timeline_added`). */
  events: EventRecorder;
  notifications: NotificationsRepository;
}

/**
 * The status page (built elsewhere; wired at start). Publishes the approved communication (its subject
 * the public title, its body the update) inside the send's transaction and answers its URL; changed() after the commit.
 */
export interface StatusPagePublisher {
  publish(
    s: CommunicationsStore,
    ctx: ActionContext,
    input: {
      incidentId: string;
      status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
      subject: string;
      body: string;
      componentSlugs?: string[] | undefined;
      componentState?: ComponentState | undefined;
    },
  ): Promise<{ url: string }>;
  changed(): void;
}

/** The blog's publish webhook: POSTs the post, answers the published URL when the blog tells it. */
export interface BlogPublisher {
  publish(post: {
    communicationId: string;
    incidentId: string;
    title: string;
    markdown: string;
    contentHash: string;
    approvedBy: string;
    sentAt: string;
  }): Promise<{ url: string | null }>;
}

/** A permanent failure (the receiver refused the request): retrying cannot help. */
export class PublishRefused extends Error {
  readonly permanent = true;
}
