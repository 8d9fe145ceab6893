// Binds every repository to the database or to one transaction (see Transactor in domains/ports.ts).
// Add a domain's repository here once; services then receive it through their Transactor.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../domains/context.ts';
import type { AuditPort, JobSender, Transactor } from '../../domains/ports.ts';
import type { ApiTokensRepository, SessionsRepository, UsersRepository } from '../../domains/accounts/accounts.ports.ts';
import type { AuditLogReader } from '../../domains/audit/audit-log.ports.ts';
import type {
  IncidentRolesRepository,
  IncidentsRepository,
  IncidentTypesRepository,
  RespondersRepository,
  StatusUpdatesRepository,
} from '../../domains/incidents/incidents.ports.ts';
import type { RotationsRepository } from '../../domains/oncall/oncall.ports.ts';
import type { EngagementsRepository, StakeholderRulesRepository } from '../../domains/stakeholders/stakeholders.ports.ts';
import type { MailboxMarksRepository, MailSourcesRepository } from '../../domains/mail/mail.ports.ts';
import type { MessageContentRepository, RawMailStore, TicketsRepository } from '../../domains/tickets/tickets.ports.ts';
import type { NotificationsRepository } from '../../domains/notifications/notifications.ports.ts';
import type { TemplatesRepository } from '../../domains/templates/templates.ports.ts';
import type { TriageRepository } from '../../domains/triage/triage.ports.ts';
import type { ChatHandlesRepository, ChatMessagesRepository, IncidentChannelsRepository } from '../../domains/chat/chat.ports.ts';
import type { TeamEngagementsRepository, TeamsRepository } from '../../domains/teams/teams.ports.ts';
import type { MetricsRepository } from '../../domains/metrics/metrics.ports.ts';
import { apiTokensRepository, sessionsRepository, usersRepository } from './accounts-repository.ts';
import { appendAudit, auditLogReader } from './audit-repository.ts';
import { messageContentRepository } from './attachments-repository.ts';
import { incidentsRepository, statusUpdatesRepository } from './incidents-repository.ts';
import { engagementsRepository, stakeholderRulesRepository } from './stakeholders-repository.ts';
import { mailboxMarksRepository, mailSourcesRepository } from './mail-repository.ts';
import { rawMailStore, ticketsRepository } from './tickets-repository.ts';
import { notificationsRepository } from './notifications-repository.ts';
import { templatesRepository } from './templates-repository.ts';
import { triageRepository } from './triage-repository.ts';
import { incidentRolesRepository, incidentTypesRepository, respondersRepository, rotationsRepository } from './oncall-repository.ts';
import { chatHandlesRepository, chatMessagesRepository, incidentChannelsRepository } from './chat-repository.ts';
import { teamEngagementsRepository, teamsRepository } from './teams-repository.ts';
import { metricsRepository } from './metrics-repository.ts';
import { complianceRepository } from './compliance-repository.ts';
import type { ComplianceRepository } from '../../domains/compliance/compliance.ports.ts';
import type { FanoutRepository } from '../../domains/fanout/fanout.ports.ts';
import { fanoutRepository } from './fanout-repository.ts';
import type { StatusPageRepository } from '../../domains/statuspage/statuspage.ports.ts';
import { statusPageRepository } from './statuspage-repository.ts';
import type { RegulatoryClocksRepository } from '../../domains/regulatory/regulatory.ports.ts';
import { regulatoryClocksRepository } from './regulatory-repository.ts';
import type { StatusSubscriptionsRepository } from '../../domains/status-subscriptions/subscriptions.ports.ts';
import { statusSubscriptionsRepository } from './status-subscriptions-repository.ts';
import type { CommunicationsRepository } from '../../domains/communications/communications.ports.ts';
import { communicationsRepository } from './communications-repository.ts';
import { statusPrivateRepository } from './status-private-repository.ts';
import type { PrivatePagesRepository } from '../../domains/status-private/private-pages.ports.ts';
import type { SettingsRepository } from '../../domains/settings/settings.ports.ts';
import { settingsRepository } from './settings-repository.ts';
import type { DB } from './schema.ts';
import { eventRecorder, type EventRecorder, type EventSubscriptions } from '../../domains/events.ts';

export interface Store {
  audit: AuditPort;
  auditLog: AuditLogReader;
  jobs: JobSender;
  /** Records domain events: one job per subscriber, through `jobs` (so in the same transaction). */
  events: EventRecorder;
  users: UsersRepository;
  sessions: SessionsRepository;
  apiTokens: ApiTokensRepository;
  tickets: TicketsRepository;
  rawMail: RawMailStore;
  messageContent: MessageContentRepository;
  mailSources: MailSourcesRepository;
  mailboxMarks: MailboxMarksRepository;
  incidents: IncidentsRepository;
  statusUpdates: StatusUpdatesRepository;
  stakeholderRules: StakeholderRulesRepository;
  engagements: EngagementsRepository;
  notifications: NotificationsRepository;
  templates: TemplatesRepository;
  triage: TriageRepository;
  rotations: RotationsRepository;
  incidentRoles: IncidentRolesRepository;
  responders: RespondersRepository;
  incidentTypes: IncidentTypesRepository;
  incidentChannels: IncidentChannelsRepository;
  chatMessages: ChatMessagesRepository;
  chatHandles: ChatHandlesRepository;
  teams: TeamsRepository;
  teamEngagements: TeamEngagementsRepository;
  metrics: MetricsRepository;
  compliance: ComplianceRepository;
  fanout: FanoutRepository;
  statusPage: StatusPageRepository;
  regulatoryClocks: RegulatoryClocksRepository;
  statusSubscriptions: StatusSubscriptionsRepository;
  communications: CommunicationsRepository;
  privatePages: PrivatePagesRepository;
  settings: SettingsRepository;
}

export interface StoreDeps {
  clock: Clock;
  /** Enqueues jobs through the given connection (a transaction, so jobs commit with the change). */
  jobsFor(db: Kysely<DB>): JobSender;
  /** The subscriptions recorded events are delivered to. */
  subscriptions: EventSubscriptions;
}

function bind(db: Kysely<DB>, deps: StoreDeps, inTransaction: boolean): Store {
  const jobs = deps.jobsFor(db);
  return {
    audit: {
      append: (ctx, record) =>
        inTransaction
          ? appendAudit(db as Transaction<DB>, ctx, record, deps.clock)
          : db.transaction().execute((trx) => appendAudit(trx, ctx, record, deps.clock)),
    },
    auditLog: auditLogReader(db),
    jobs,
    events: eventRecorder(jobs, deps.subscriptions),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    apiTokens: apiTokensRepository(db),
    tickets: ticketsRepository(db),
    rawMail: rawMailStore(db),
    messageContent: messageContentRepository(db),
    mailSources: mailSourcesRepository(db),
    mailboxMarks: mailboxMarksRepository(db),
    incidents: incidentsRepository(db),
    statusUpdates: statusUpdatesRepository(db),
    stakeholderRules: stakeholderRulesRepository(db),
    engagements: engagementsRepository(db),
    notifications: notificationsRepository(db),
    templates: templatesRepository(db),
    triage: triageRepository(db),
    rotations: rotationsRepository(db),
    incidentRoles: incidentRolesRepository(db),
    responders: respondersRepository(db),
    incidentTypes: incidentTypesRepository(db),
    incidentChannels: incidentChannelsRepository(db),
    chatMessages: chatMessagesRepository(db),
    chatHandles: chatHandlesRepository(db),
    teams: teamsRepository(db),
    teamEngagements: teamEngagementsRepository(db),
    metrics: metricsRepository(db),
    compliance: complianceRepository(db),
    fanout: fanoutRepository(db),
    statusPage: statusPageRepository(db),
    regulatoryClocks: regulatoryClocksRepository(db),
    statusSubscriptions: statusSubscriptionsRepository(db),
    communications: communicationsRepository(db),
    privatePages: statusPrivateRepository(db),
    settings: settingsRepository(db),
  };
}

export function createTransactor(db: Kysely<DB>, deps: StoreDeps): Transactor<Store> {
  return {
    read: bind(db, deps, false),
    transaction: (work) => db.transaction().execute((trx) => work(bind(trx, deps, true))),
  };
}
