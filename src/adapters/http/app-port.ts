// What the HTTP adapter needs from the running application: its configuration, clock, logger,
// readiness and the domain services the routes call. The adapter owns this description; src/app's
// App satisfies it, so routes never import the composition root.
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import type { Clock } from '../../domains/context.ts';
import type { Database } from '../db/database.ts';
import type { AccountsService } from '../../domains/accounts/accounts.service.ts';
import type { UsersService } from '../../domains/accounts/users.service.ts';
import type { TeamCalendar } from '../../domains/calendar/calendar.ts';
import type { ChatCommandsService } from '../../domains/chat/chat-commands.ts';
import type { IncidentChatService } from '../../domains/chat/incident-chat.service.ts';
import type { CommunicationsService } from '../../domains/communications/communications.service.ts';
import type { CommsPlanService } from '../../domains/communications/plan.service.ts';
import type { CommsSendingService } from '../../domains/communications/sending.service.ts';
import type { ComplianceService } from '../../domains/compliance/compliance.service.ts';
import type { ListsService } from '../../domains/fanout/lists.service.ts';
import type { SendsService } from '../../domains/fanout/sends.service.ts';
import type { IncidentRolesService } from '../../domains/incidents/incident-roles.service.ts';
import type { IncidentTicketService } from '../../domains/incidents/incident-ticket.service.ts';
import type { IncidentTypesService } from '../../domains/incidents/incident-types.service.ts';
import type { IncidentUpdatesService } from '../../domains/incidents/incident-updates.service.ts';
import type { IncidentsService } from '../../domains/incidents/incidents.service.ts';
import type { RiskMatrix } from '../../domains/incidents/risk-matrix.ts';
import type { MailIntakeService } from '../../domains/mail/intake.service.ts';
import type { RepliesService } from '../../domains/mail/replies.service.ts';
import type { MailIdentity } from '../../domains/mail/mail-identity.ts';
import type { MetricsService } from '../../domains/metrics/metrics.service.ts';
import type { NotificationsService } from '../../domains/notifications/notifications.service.ts';
import type { OnCallService } from '../../domains/oncall/oncall.service.ts';
import type { OperationsService } from '../../domains/operations/operations.service.ts';
import type { RegulatoryClocksService } from '../../domains/regulatory/regulatory-clocks.service.ts';
import type { SetupService } from '../../domains/setup/setup.service.ts';
import type { SettingsService } from '../../domains/settings/settings.service.ts';
import type { StakeholderRulesService } from '../../domains/stakeholders/stakeholder-rules.service.ts';
import type { PrivatePagesService } from '../../domains/status-private/private-pages.service.ts';
import type { PrivateVisitorsService } from '../../domains/status-private/private-visitors.service.ts';
import type { StatusSubscriptionsService } from '../../domains/status-subscriptions/subscriptions.service.ts';
import type { StatusWebhooksService } from '../../domains/status-subscriptions/webhooks.service.ts';
import type { StatusComponentsService } from '../../domains/statuspage/status-components.service.ts';
import type { StatusPageService } from '../../domains/statuspage/statuspage.service.ts';
import type { EngagementsService } from '../../domains/teams/engagements.service.ts';
import type { TeamsService } from '../../domains/teams/teams.service.ts';
import type { TemplatesService } from '../../domains/templates/templates.service.ts';
import type { MessageContentService } from '../../domains/tickets/message-content.service.ts';
import type { TicketChangesService } from '../../domains/tickets/ticket-changes.service.ts';
import type { TicketsService } from '../../domains/tickets/tickets.service.ts';
import type { DispositionsService } from '../../domains/tickets/dispositions.service.ts';
import type { TriageService } from '../../domains/triage/triage.service.ts';
import type { DuplicatesService } from '../../domains/triage/duplicates.service.ts';

export interface HttpServices {
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
  mailIntake: MailIntakeService;
  replies: RepliesService;
  ticketChanges: TicketChangesService;
  notifications: NotificationsService;
  templates: TemplatesService;
  dispositions: DispositionsService;
  triage: TriageService;
  duplicates: DuplicatesService;
  incidentChat: IncidentChatService;
  chatCommands: ChatCommandsService;
  teams: TeamsService;
  engagements: EngagementsService;
  metrics: MetricsService;
  compliance: ComplianceService;
  lists: ListsService;
  sends: SendsService;
  statusPage: StatusPageService;
  privatePages: PrivatePagesService;
  privateVisitors: PrivateVisitorsService;
  statusComponents: StatusComponentsService;
  statusSubscriptions: StatusSubscriptionsService;
  statusWebhooks: StatusWebhooksService;
  communications: CommunicationsService;
  commsPlans: CommsPlanService;
  commsSending: CommsSendingService;
  setup: SetupService;
  settings: SettingsService;
  riskMatrix: RiskMatrix;
  calendar: TeamCalendar;
  /** Who mail is from and where its links lead (absolute links on the public URL). */
  mailIdentity: MailIdentity;
  /** Told (in this process) after every public change of the status page. */
  statusPageChanges: { on(listener: () => void): () => void };
}

/** The application as the HTTP adapter sees it. */
export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  database: Pick<Database, 'engine'>;
  services: HttpServices;
  readiness(): Promise<Record<string, 'ok' | 'unavailable'>>;
}
