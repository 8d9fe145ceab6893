// What the app offers its adapters and commands: every domain service, built by services.ts.
import type { RiskMatrix } from '../domains/incidents/risk-matrix.ts';
import type { TeamCalendar } from '../domains/calendar/calendar.ts';
import type { MailIdentity } from '../domains/mail/mail-identity.ts';
import type { AccountsService } from '../domains/accounts/accounts.service.ts';
import type { UsersService } from '../domains/accounts/users.service.ts';
import type { OperationsService } from '../domains/operations/operations.service.ts';
import type { IncidentsService } from '../domains/incidents/incidents.service.ts';
import type { IncidentUpdatesService } from '../domains/incidents/incident-updates.service.ts';
import type { IncidentRolesService } from '../domains/incidents/incident-roles.service.ts';
import type { IncidentTicketService } from '../domains/incidents/incident-ticket.service.ts';
import type { IncidentTypesService } from '../domains/incidents/incident-types.service.ts';
import type { OnCallService } from '../domains/oncall/oncall.service.ts';
import type { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import type { TicketsService } from '../domains/tickets/tickets.service.ts';
import type { MessageContentService } from '../domains/tickets/message-content.service.ts';
import type { MailIntakeService } from '../domains/mail/intake.service.ts';
import type { RegulatoryClocksService } from '../domains/regulatory/regulatory-clocks.service.ts';
import type { RepliesService } from '../domains/mail/replies.service.ts';
import type { TicketChangesService } from '../domains/tickets/ticket-changes.service.ts';
import type { TicketJobsService } from '../domains/tickets/ticket-jobs.service.ts';
import type { NotificationsService } from '../domains/notifications/notifications.service.ts';
import type { MailboxPollService } from '../domains/mail/mailbox-poll.service.ts';
import type { TemplatesService } from '../domains/templates/templates.service.ts';
import type { DispositionsService } from '../domains/tickets/dispositions.service.ts';
import type { DuplicatesService } from '../domains/triage/duplicates.service.ts';
import type { TriageService } from '../domains/triage/triage.service.ts';
import type { IncidentChatService } from '../domains/chat/incident-chat.service.ts';
import type { ChatCommandsService } from '../domains/chat/chat-commands.ts';
import type { TeamsService } from '../domains/teams/teams.service.ts';
import type { EngagementsService } from '../domains/teams/engagements.service.ts';
import type { MetricsService } from '../domains/metrics/metrics.service.ts';
import type { ComplianceService } from '../domains/compliance/compliance.service.ts';
import type { ListsService } from '../domains/fanout/lists.service.ts';
import type { SendsService } from '../domains/fanout/sends.service.ts';
import type { FanoutEngine } from '../domains/fanout/engine.ts';
import type { StatusSubscriptionsService } from '../domains/status-subscriptions/subscriptions.service.ts';
import type { StatusWebhooksService } from '../domains/status-subscriptions/webhooks.service.ts';
import type { StatusNotifyService } from '../domains/status-subscriptions/notify.service.ts';
import type { CommsPlanService } from '../domains/communications/plan.service.ts';
import type { CommunicationsService } from '../domains/communications/communications.service.ts';
import type { CommsSendingService } from '../domains/communications/sending.service.ts';
import type { StatusPageService } from '../domains/statuspage/statuspage.service.ts';
import type { StatusExportService } from '../domains/status-export/status-export.service.ts';
import type { PrivatePagesService } from '../domains/status-private/private-pages.service.ts';
import type { PrivateVisitorsService } from '../domains/status-private/private-visitors.service.ts';
import type { StatusComponentsService } from '../domains/statuspage/status-components.service.ts';
import type { AuditAnchorService } from '../domains/audit/audit-anchor.service.ts';
import type { SetupService } from '../domains/setup/setup.service.ts';
import type { SettingsService } from '../domains/settings/settings.service.ts';
import type { LiveSettings } from './live-settings.ts';
import type { DomainJobs } from '../domains/jobs.ts';
import type { ExportTarget } from './status-ops.ts';
import type { ChangeListeners } from './change-listeners.ts';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Store } from '../adapters/db/store.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import type { MailSender } from '../domains/mail/replies.service.ts';
import type { EventSubscriptions } from '../domains/events.ts';

export interface ServiceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Transactor<Store>;
  jobs: JobQueue;
  /** The store's event subscriptions: createServices registers each domain's (see `<domain>.jobs.ts`). */
  subscriptions: EventSubscriptions;
  /** Outgoing mail instead of SMTP_URL's relay (the demo seed's sink); absent: from the configuration. */
  sender?: MailSender | null;
}

export interface Services {
  accounts: AccountsService;
  users: UsersService;
  tickets: TicketsService;
  messageContent: MessageContentService;
  incidents: IncidentsService;
  incidentUpdates: IncidentUpdatesService;
  incidentRoles: IncidentRolesService;
  incidentTickets: IncidentTicketService;
  incidentTypes: IncidentTypesService;
  regulatoryClocks: RegulatoryClocksService;
  oncall: OnCallService;
  stakeholderRules: StakeholderRulesService;
  operations: OperationsService;
  /** Signed checkpoints of the audit log's head, kept outside the database. */
  auditAnchor: AuditAnchorService;
  mailIntake: MailIntakeService;
  replies: RepliesService;
  ticketChanges: TicketChangesService;
  ticketJobs: TicketJobsService;
  notifications: NotificationsService;
  mailboxPoll: MailboxPollService;
  templates: TemplatesService;
  dispositions: DispositionsService;
  triage: TriageService;
  /** Possible duplicates of a new vulnerability report. */
  duplicates: DuplicatesService;
  incidentChat: IncidentChatService;
  chatCommands: ChatCommandsService;
  teams: TeamsService;
  engagements: EngagementsService;
  metrics: MetricsService;
  compliance: ComplianceService;
  lists: ListsService;
  sends: SendsService;
  fanout: FanoutEngine;
  statusPage: StatusPageService;
  statusExport: StatusExportService<ExportTarget>;
  privatePages: PrivatePagesService;
  privateVisitors: PrivateVisitorsService;
  statusComponents: StatusComponentsService;
  /** Listeners told (in this process) after every public change of the status page. */
  statusPageChanges: ChangeListeners;
  statusSubscriptions: StatusSubscriptionsService;
  statusWebhooks: StatusWebhooksService;
  statusNotify: StatusNotifyService;
  commsPlans: CommsPlanService;
  communications: CommunicationsService;
  commsSending: CommsSendingService;
  /** The first-run checklist and the relay's test mail. */
  setup: SetupService;
  /** Settings an admin changes in the app (Admin → Setup). */
  settings: SettingsService;
  /** The settings in force now (the environment's, else the app's, else the defaults), reread live. */
  liveSettings: LiveSettings;
  /** The configured risk matrix (SECDESK_RISK_MATRIX or the shipped 5×5). */
  riskMatrix: RiskMatrix;
  /** The team calendar (SECDESK_TIME_ZONE, SECDESK_HOLIDAYS): business time, delivery days, the zone times are shown in. */
  calendar: TeamCalendar;
  /** From, Message-IDs and public links of all mail (`mailIdentity.links.isFallback`: no SECDESK_PUBLIC_URL). */
  mailIdentity: MailIdentity;
  /** Every domain's declared queues, workers and event subscriptions (`<domain>.jobs.ts`). */
  domainJobs: DomainJobs[];
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}
