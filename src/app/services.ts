// Builds every domain service from its adapters. One line per domain.
import path from 'node:path';
import type { Logger } from 'pino';
import { checkpointTargetOf, exportTargetsOf, listSourcesOf, regulatoryClocksOf, riskMatrixOf, type Config } from '../config/config.ts';
import type { RiskMatrix } from '../domains/incidents/risk-matrix.ts';
import type { Store } from '../adapters/db/store.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import { AccountsService } from '../domains/accounts/accounts.service.ts';
import { UsersService } from '../domains/accounts/users.service.ts';
import { OperationsService } from '../domains/operations/operations.service.ts';
import { IncidentsService } from '../domains/incidents/incidents.service.ts';
import { IncidentUpdatesService } from '../domains/incidents/incident-updates.service.ts';
import { IncidentRolesService } from '../domains/incidents/incident-roles.service.ts';
import { IncidentTicketService } from '../domains/incidents/incident-ticket.service.ts';
import { IncidentTypesService } from '../domains/incidents/incident-types.service.ts';
import { OnCallService } from '../domains/oncall/oncall.service.ts';
import { ENGAGEMENT_REMINDER_QUEUE, type ReminderJob } from '../domains/incidents/engagement-steps.ts';
import { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import { TicketsService } from '../domains/tickets/tickets.service.ts';
import { MessageContentService } from '../domains/tickets/message-content.service.ts';
import { MailIntakeService } from '../domains/mail/intake.service.ts';
import type { TeamCalendar } from '../domains/calendar/calendar.ts';
import { RegulatoryClocksService } from '../domains/regulatory/regulatory-clocks.service.ts';
import { REGULATORY_REMINDER_QUEUE, type RegulatoryReminderJob } from '../domains/regulatory/clock-steps.ts';
import { mailParser } from '../adapters/mail/mail-parser.ts';
import { RepliesService, SEND_QUEUE } from '../domains/mail/replies.service.ts';
import { CLOSE_QUEUE, SLA_ALERT_QUEUE, TicketLifecycle, type CloseJob, type SlaAlertJob } from '../domains/tickets/lifecycle.ts';
import { TicketChangesService } from '../domains/tickets/ticket-changes.service.ts';
import { TicketJobsService } from '../domains/tickets/ticket-jobs.service.ts';
import { Notifier } from '../domains/notifications/notifier.ts';
import { NotificationsService } from '../domains/notifications/notifications.service.ts';
import { MailboxPollService } from '../domains/mail/mailbox-poll.service.ts';
import { imapAccount, imapMailbox } from '../adapters/mail/imap-poller.ts';
import { defineImapPolling, startImapPolling } from '../adapters/mail/imap-polling-job.ts';
import { TemplatesService } from '../domains/templates/templates.service.ts';
import { DispositionsService } from '../domains/tickets/dispositions.service.ts';
import { TriageService } from '../domains/triage/triage.service.ts';
import { TRIAGE_QUEUE, type TriageJob } from '../domains/triage/triage.types.ts';
import { DuplicatesService } from '../domains/triage/duplicates.service.ts';
import { DUPLICATES_QUEUE, type DuplicatesJob } from '../domains/triage/duplicates.types.ts';
import { loadTriageClassifier } from '../adapters/triage/model-file.ts';
import { chatPlatformFrom } from '../adapters/chat/chat-platform.ts';
import { IncidentChatService } from '../domains/chat/incident-chat.service.ts';
import { ChatCommandsService } from '../domains/chat/chat-commands.ts';
import { withChatMirror } from '../domains/chat/chat-mirror.ts';
import { CHAT_INVITE_QUEUE, CHAT_POST_QUEUE, OPEN_CHANNEL_QUEUE } from '../domains/chat/incident-channel.ts';
import type { ChatPostJob, InviteJob, OpenChannelJob, StakeholderMailJob } from '../domains/chat/chat.types.ts';
import { TeamsService } from '../domains/teams/teams.service.ts';
import { EngagementsService, ISSUE_QUEUE, UPDATE_REMINDER_QUEUE, type IssueJob, type UpdateReminderJob } from '../domains/teams/engagements.service.ts';
import { httpIssueTracker } from '../adapters/trackers/http-trackers.ts';
import { metricsSources, MetricsService } from '../domains/metrics/metrics.service.ts';
import { COMPLIANCE_DELIVERY_QUEUE, ComplianceService, CUSTOMER_SYNC_QUEUE, type CustomerSyncJob, type DeliveryRunJob } from '../domains/compliance/compliance.service.ts';
import { httpCustomerDirectory } from '../adapters/directory/customer-directory.ts';
import { ListsService } from '../domains/fanout/lists.service.ts';
import { FANOUT_RESUME_QUEUE, FANOUT_RUN_QUEUE, SendsService, type FanoutJob } from '../domains/fanout/sends.service.ts';
import { FanoutEngine } from '../domains/fanout/engine.ts';
import { createFanoutRelay } from '../adapters/mail/smtp-fanout.ts';
import { fanoutEndedLog } from '../adapters/mail/fanout-ended-log.ts';
import { listSourceFetcher } from '../adapters/mail/list-source.ts';
import { sqlListSources } from '../adapters/db/list-query-source.ts';
import { readFileSync } from 'node:fs';
import { headerSafe, sendRecorded, type CurrentSender, type MailSender } from '../domains/mail/replies.service.ts';
import { StatusSubscriptionsService, type StatusConfirmationJob, type WebhookDisabledJob } from '../domains/status-subscriptions/subscriptions.service.ts';
import { StatusWebhooksService, WEBHOOK_QUEUE, type WebhookJob } from '../domains/status-subscriptions/webhooks.service.ts';
import { StatusNotifyService } from '../domains/status-subscriptions/notify.service.ts';
import { STATUS_NOTIFY_QUEUE } from '../domains/statuspage/statuspage.types.ts';
import type { ConfirmationMailer } from '../domains/status-subscriptions/subscriptions.ports.ts';
import type { StatusNotification } from '../domains/status-subscriptions/subscriptions.types.ts';
import { webhookPoster } from '../adapters/webhooks/webhook-poster.ts';
import { CommsPlanService } from '../domains/communications/plan.service.ts';
import { CommunicationsService } from '../domains/communications/communications.service.ts';
import { CommsSendingService } from '../domains/communications/sending.service.ts';
import { COMMS_DELIVER_QUEUE, type CommsDeliverJob } from '../domains/communications/channel-actions.ts';
import { CommsDeliveryService } from '../domains/communications/deliveries.service.ts';
import { blogWebhook } from '../adapters/publish/blog-webhook.ts';
import type { FanoutRelay } from '../domains/fanout/fanout.ports.ts';
import { StatusPageService } from '../domains/statuspage/statuspage.service.ts';
import { statusPageChannel } from '../domains/statuspage/status-channel.ts';
import { exportTriggered, withExportTrigger } from '../domains/status-export/export-trigger.ts';
import type { StatusExportService } from '../domains/status-export/status-export.service.ts';
import type { PrivatePagesService } from '../domains/status-private/private-pages.service.ts';
import type { PrivateVisitorsService } from '../domains/status-private/private-visitors.service.ts';
import type { PrivateLinkMailJob } from '../domains/status-private/private-pages.types.ts';
import { createStatusOps, type ExportTarget } from './status-ops.ts';
import type { MailIdentity } from '../domains/mail/mail-identity.ts';
import { StatusComponentsService } from '../domains/statuspage/status-components.service.ts';
import { AUDIT_CHECKPOINT_QUEUE, AuditAnchorService, type CheckpointJob } from '../domains/audit/audit-anchor.service.ts';
import { checkpointStore } from '../adapters/audit-anchor/checkpoint-store.ts';
import { hostname } from 'node:os';
import { createSetup } from './setup.ts';
import type { SetupService } from '../domains/setup/setup.service.ts';
import { SettingsService } from '../domains/settings/settings.service.ts';
import { resolveSettings } from '../domains/settings/settings.types.ts';
import { checkSetting, givenSettings, settingDefaults } from '../config/settings.ts';
import { createLiveSettings, type LiveSettings } from './live-settings.ts';

export interface ServiceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Transactor<Store>;
  jobs: JobQueue;
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
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const accounts = new AccountsService(deps);
  const { config } = deps;
  const { settings, live } = createSettings(deps);
  // Live: a setting saved in the app is in force for the next use (see live-settings.ts).
  const { calendar, identity, sender } = live;
  const riskMatrix = riskMatrixOf(config);
  const lifecycle = new TicketLifecycle({
    calendar,
    closeAfterMs: config.SECDESK_TICKET_CLOSE_AFTER_DAYS * 86_400_000,
    pauseWhenPending: config.SECDESK_SLA_PAUSE_WHEN_PENDING,
    warnLeadMs: config.SECDESK_SLA_WARN_MINUTES * 60_000,
  });
  const mailIntake = new MailIntakeService({ ...deps, parser: mailParser, calendar, lifecycle });
  const mailboxPoll = new MailboxPollService({ store: deps.store, intake: mailIntake });
  const imap = config.IMAP_URL ? imapMailbox(imapAccount(config.IMAP_URL, config.IMAP_MAILBOX), { maxBytes: config.SMTP_MAX_BYTES, logger: deps.logger }) : null;
  const replies = new RepliesService({ ...deps, lifecycle, sender, identity });
  const notifications = new NotificationsService({ ...deps, sender, identity });
  // Notifies people in the app, and by mail through the outbox when outgoing mail is configured.
  const notifier = new Notifier({ mailEnabled: () => sender() !== null, links: identity.links });
  const ticketJobs = new TicketJobsService({ ...deps, lifecycle, notifier });
  const chat = chatPlatformFrom(config);
  const incidentChat = new IncidentChatService({ ...deps, platform: chat?.platform ?? null, securityChannel: chat?.securityChannel ?? '', retryDelaySeconds: config.SECDESK_CHAT_RETRY_SECONDS, sender, identity });
  // The incident channel (and mail to groups engaged by email) follows the incidents' timeline (see chat-mirror.ts).
  const outlets = { chat: chat !== null, get mail() { return sender() !== null; } };
  const incidentDeps = { ...deps, store: withChatMirror(deps.store, outlets), outlets, riskMatrix, graceMinutes: config.SECDESK_UPDATE_GRACE_MINUTES, notifier,
    regulatory: { definitions: regulatoryClocksOf(config, riskMatrix), calendar } };
  const incidentUpdates = new IncidentUpdatesService(incidentDeps);
  const templates = new TemplatesService({ ...deps, templateSettings: {
    get teamName() { return identity.teamName; }, get securityAddress() { return identity.address; }, get supportAddress() { return live.value('SECDESK_SUPPORT_ADDRESS')!; },
    programmeUrl: config.SECDESK_BUG_BOUNTY_URL, disclosurePolicyUrl: config.SECDESK_DISCLOSURE_POLICY_URL,
    dmcaAddress: config.SECDESK_DMCA_ADDRESS, dmcaPolicyUrl: config.SECDESK_DMCA_POLICY_URL,
  } });
  const incidents = new IncidentsService(incidentDeps);
  const tracker = httpIssueTracker({ allowPrivate: config.SECDESK_TRACKER_ALLOW_PRIVATE });
  const engagements = new EngagementsService({ ...deps, tracker, notifier, replies });
  const compliance = new ComplianceService({ ...deps, calendar, lifecycle, templates, replies, settings: {
    employeeDomains: config.SECDESK_EMPLOYEE_DOMAINS.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
    deliveryTime: config.SECDESK_COMPLIANCE_DELIVERY_TIME, linkDays: config.SECDESK_COMPLIANCE_LINK_DAYS,
    links: identity.links, maxReportBytes: config.SECDESK_COMPLIANCE_REPORT_MAX_BYTES, syncHours: config.SECDESK_CUSTOMER_SYNC_HOURS,
  }, directory: config.SECDESK_CUSTOMER_DIRECTORY_URL ? httpCustomerDirectory(config.SECDESK_CUSTOMER_DIRECTORY_URL, config.SECDESK_CUSTOMER_DIRECTORY_TOKEN, { allowPrivate: config.SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE }) : null });
  const fanout = createFanout(deps, live);
  const statusPageChanges = changeListeners(deps.logger);
  // Every public change also enqueues the static export (status.export) in its own transaction.
  const exporting = config.SECDESK_STATUS_KEEP_LAST || exportTargetsOf(config).length > 0;
  const statusDeps = { ...deps, store: exporting ? withExportTrigger(deps.store) : deps.store, onPublicChange: () => statusPageChanges.emit() };
  const sends = new SendsService({ ...deps, identity });
  const status = createStatusSubscriptions(deps, sender, sends, identity);
  // The status page's publishes also run in a caller's transaction (the communications send): the trigger goes with them.
  const statusPage = new StatusPageService({ ...statusDeps, store: deps.store, withinTransaction: exporting ? exportTriggered : undefined, links: identity.links });
  const statusOps = createStatusOps({ ...deps, sender, statusPage, identity });
  const communications = new CommunicationsService({ ...deps, riskMatrix, notifier, commsSettings: { get teamName() { return identity.teamName; }, get securityAddress() { return identity.address; } } });
  const channelDeps = {
    identity, pressAddress: config.SECDESK_PRESS_ADDRESS ?? null, sender,
    blog: config.SECDESK_BLOG_WEBHOOK_URL ? blogWebhook({ url: config.SECDESK_BLOG_WEBHOOK_URL, secret: config.SECDESK_BLOG_WEBHOOK_SECRET!, allowPrivate: config.SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE }) : null,
    statusPage: statusPageChannel(statusPage),
  };
  const commsSending = new CommsSendingService({ ...deps, ...channelDeps, communications, sends });
  const commsDelivery = new CommsDeliveryService({ ...deps, ...channelDeps });
  const auditAnchor = new AuditAnchorService({ ...deps, host: hostname(), everyMinutes: config.SECDESK_AUDIT_CHECKPOINT_MINUTES,
    checkpoints: checkpointStore({ ...deps, dataDir: config.SECDESK_DATA_DIR, keyFile: config.SECDESK_AUDIT_KEY_FILE, s3: checkpointTargetOf(config) }) });
  const oncall = new OnCallService(deps);
  const stakeholderRules = new StakeholderRulesService({ ...deps, riskMatrix, regulatoryClocks: incidentDeps.regulatory.definitions });
  const services: Services = {
    accounts,
    users: new UsersService(deps),
    tickets: new TicketsService({ ...deps, lifecycle }),
    messageContent: new MessageContentService(deps),
    incidents,
    incidentUpdates,
    incidentRoles: new IncidentRolesService(incidentDeps),
    incidentTickets: new IncidentTicketService({ store: deps.store, incidents }),
    incidentTypes: new IncidentTypesService(deps),
    regulatoryClocks: new RegulatoryClocksService(incidentDeps),
    oncall,
    stakeholderRules,
    setup: createSetup({ ...deps, live, oncall, stakeholderRules, compliance }),
    settings,
    liveSettings: live,
    operations: new OperationsService({ ...deps, auditAnchor }),
    auditAnchor,
    mailIntake,
    mailboxPoll,
    replies,
    ticketChanges: new TicketChangesService({ ...deps, lifecycle }),
    ticketJobs,
    notifications,
    templates,
    dispositions: new DispositionsService({ ...deps, lifecycle, templates, replies, supportAddress: () => live.value('SECDESK_SUPPORT_ADDRESS')!, engagements, compliance }),
    triage: new TriageService({ ...deps, classifier: loadTriageClassifier(deps.logger) }),
    duplicates: new DuplicatesService(deps),
    incidentChat,
    riskMatrix,
    calendar,
    mailIdentity: identity,
    chatCommands: new ChatCommandsService({ store: deps.store, declare: (ctx, input) => incidents.declare(ctx, input), link: (id) => incidentChat.incidentLink(id) }),
    teams: new TeamsService({ ...deps, tracker }),
    engagements,
    metrics: new MetricsService({ ...deps, calendar, sources: metricsSources({ complianceDeliveryTime: config.SECDESK_COMPLIANCE_DELIVERY_TIME }) }),
    compliance,
    lists: new ListsService({ ...deps, fetchSource: listSourceFetcher({ allowPrivate: config.SECDESK_LIST_SOURCE_ALLOW_PRIVATE }), querySources: sqlListSources(listSourcesOf(config)) }),
    sends,
    fanout: fanout.engine,
    statusPage,
    statusExport: statusOps.statusExport,
    privatePages: statusOps.privatePages,
    privateVisitors: statusOps.privateVisitors,
    statusComponents: new StatusComponentsService(statusDeps),
    statusPageChanges,
    ...status,
    commsPlans: new CommsPlanService({ ...deps, riskMatrix }),
    communications,
    commsSending,
    async defineQueues() {
      await deps.jobs.define({ name: FANOUT_RUN_QUEUE, retryLimit: 10, retryDelaySeconds: 5, expireInSeconds: 10 * 60 });
      await deps.jobs.define({ name: FANOUT_RESUME_QUEUE, retryLimit: 5, retryDelaySeconds: 10 });
      await deps.jobs.define({ name: COMMS_DELIVER_QUEUE, retryLimit: 8, retryDelaySeconds: 15 });
      await deps.jobs.define({ name: SEND_QUEUE, retryLimit: 8, retryDelaySeconds: 30 });
      await defineImapPolling(deps.jobs);
      await deps.jobs.define({ name: CLOSE_QUEUE, retryLimit: 5, retryDelaySeconds: 60 });
      await deps.jobs.define({ name: SLA_ALERT_QUEUE, retryLimit: 5, retryDelaySeconds: 30 });
      // Exclusive: one queued or running job per key (engagement + check time), whoever enqueues it.
      await deps.jobs.define({ name: ENGAGEMENT_REMINDER_QUEUE, retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' });
      // Exclusive: one queued or running check per key (clock + check time), whoever enqueues it.
      await deps.jobs.define({ name: REGULATORY_REMINDER_QUEUE, retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' });
      await deps.jobs.define({ name: TRIAGE_QUEUE, retryLimit: 3, retryDelaySeconds: 30 });
      await deps.jobs.define({ name: DUPLICATES_QUEUE, retryLimit: 3, retryDelaySeconds: 30 });
      const chatRetry = { retryLimit: 8, retryDelaySeconds: config.SECDESK_CHAT_RETRY_SECONDS, policy: 'exclusive' as const };
      await deps.jobs.define({ name: OPEN_CHANNEL_QUEUE, ...chatRetry });
      await deps.jobs.define({ name: CHAT_POST_QUEUE, ...chatRetry });
      // A team's tracker may be down for a while: ~10 retries doubling from 30 s cover about 8 hours.
      await deps.jobs.define({ name: ISSUE_QUEUE, retryLimit: 10, retryDelaySeconds: 30, policy: 'exclusive' });
      await deps.jobs.define({ name: UPDATE_REMINDER_QUEUE, retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' });
      // Exclusive: one queued or running delivery per run time, however many instances schedule it.
      await deps.jobs.define({ name: COMPLIANCE_DELIVERY_QUEUE, retryLimit: 8, retryDelaySeconds: 60, policy: 'exclusive' });
      await deps.jobs.define({ name: CUSTOMER_SYNC_QUEUE, retryLimit: 4, retryDelaySeconds: 300, policy: 'exclusive' });
      await deps.jobs.define({ name: CHAT_INVITE_QUEUE, ...chatRetry });
      // Published status updates for the subscribers (email and webhooks): one job per update.
      await deps.jobs.define({ name: STATUS_NOTIFY_QUEUE, retryLimit: 8, retryDelaySeconds: 10 });
      await deps.jobs.define({ name: WEBHOOK_QUEUE, retryLimit: config.SECDESK_WEBHOOK_RETRY_LIMIT, retryDelaySeconds: config.SECDESK_WEBHOOK_RETRY_SECONDS });
      await statusOps.defineQueues();
      // Exclusive: one checkpoint per slot, however many instances schedule it.
      await deps.jobs.define({ name: AUDIT_CHECKPOINT_QUEUE, retryLimit: 4, retryDelaySeconds: 30, policy: 'exclusive' });
    },
    async startWorkers() {
      await services.defineQueues();
      // One outbox for every mail secdesk sends: replies to requesters and notifications to the team.
      // Each mail job first rereads the saved settings: it goes out through the relay, from the address, in force now.
      const fresh = <T, J>(work: (data: T, job: J) => Promise<void>) => async (data: T, job: J) => {
        await live.refresh();
        await work(data, job);
      };
      await deps.jobs.work<{ messageRowId: string } | { notificationId: string } | StakeholderMailJob | StatusConfirmationJob | WebhookDisabledJob | PrivateLinkMailJob>(SEND_QUEUE, fresh((data, job) =>
        'statusConfirmation' in data ? status.statusSubscriptions.deliverConfirmation(data.statusConfirmation, job.lastAttempt)
          : 'statusWebhookDisabled' in data ? status.statusSubscriptions.deliverDisabledNotice(data.statusWebhookDisabled, job.lastAttempt)
          : statusOps.isPrivateLinkMail(data) ? statusOps.privateVisitors.deliverLink(data.statusPrivateLink, job.lastAttempt)
          : 'stakeholderMail' in data ? incidentChat.deliverMail(data.stakeholderMail, job.lastAttempt)
          : 'notificationId' in data ? notifications.deliverMail(data.notificationId, job.lastAttempt) : replies.deliver(data.messageRowId, job.lastAttempt)), { concurrency: 2 });
      await deps.jobs.work<CloseJob>(CLOSE_QUEUE, async (data) => void (await ticketJobs.closeQuietly(data)));
      await deps.jobs.work<SlaAlertJob>(SLA_ALERT_QUEUE, async (data) => void (await ticketJobs.alert(data)));
      await deps.jobs.work<ReminderJob>(ENGAGEMENT_REMINDER_QUEUE, (data) => incidentUpdates.remind(data), { concurrency: 2 });
      await deps.jobs.work<RegulatoryReminderJob>(REGULATORY_REMINDER_QUEUE, (data) => services.regulatoryClocks.remind(data));
      // One at a time, so an incident's messages arrive in about the order they happened.
      await deps.jobs.work<OpenChannelJob>(OPEN_CHANNEL_QUEUE, (data, job) => incidentChat.openChannel(data, job));
      await deps.jobs.work<ChatPostJob>(CHAT_POST_QUEUE, (data, job) => incidentChat.post(data, job), { pollingIntervalSeconds: 1 });
      await deps.jobs.work<IssueJob>(ISSUE_QUEUE, async (data, job) => void (await engagements.createIssue(data, job.lastAttempt)));
      await deps.jobs.work<UpdateReminderJob>(UPDATE_REMINDER_QUEUE, async (data) => void (await engagements.remind(data)));
      await deps.jobs.work<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, async (data) => void (await compliance.runDelivery(data)));
      await compliance.scheduleNextRun();
      await deps.jobs.work<CustomerSyncJob>(CUSTOMER_SYNC_QUEUE, (data, job) => compliance.runSync(data, job.lastAttempt));
      await compliance.scheduleNextSync();
      await deps.jobs.work<InviteJob>(CHAT_INVITE_QUEUE, (data) => incidentChat.invite(data), { pollingIntervalSeconds: 1 });
      if (imap) await startImapPolling({ ...deps, sender: deps.store.read.jobs, poller: mailboxPoll, mailbox: imap, pollSeconds: deps.config.IMAP_POLL_SECONDS, batchSize: deps.config.IMAP_POLL_BATCH });
      // Analysts open new tickets at once: poll often so that the suggestion is there by then.
      await deps.jobs.work<TriageJob>(TRIAGE_QUEUE, async (data) => void (await services.triage.suggest(data)), { concurrency: 2, pollingIntervalSeconds: 1 });
      await deps.jobs.work<DuplicatesJob>(DUPLICATES_QUEUE, async (data) => void (await services.duplicates.find(data)), { pollingIntervalSeconds: 1 });
      await deps.jobs.work<FanoutJob>(FANOUT_RUN_QUEUE, fresh((data) => fanout.engine.run(data)), { concurrency: 2, pollingIntervalSeconds: 1 });
      await deps.jobs.work<FanoutJob>(FANOUT_RESUME_QUEUE, (data) => fanout.engine.resumeAfterOutage(data));
      await statusOps.startWorkers();
      await fanout.engine.resumeRunning();
      await deps.jobs.work<StatusNotification>(STATUS_NOTIFY_QUEUE, (data) => status.statusNotify.notify(data), { pollingIntervalSeconds: 1 });
      await deps.jobs.work<WebhookJob>(WEBHOOK_QUEUE, (data) => status.statusWebhooks.deliver(data), { concurrency: 4, pollingIntervalSeconds: 1 });
      await deps.jobs.work<CheckpointJob>(AUDIT_CHECKPOINT_QUEUE, (data, job) => auditAnchor.runScheduled(data, job.lastAttempt));
      await auditAnchor.scheduleNext();
      await deps.jobs.work<CommsDeliverJob>(COMMS_DELIVER_QUEUE, fresh((data, job) => commsDelivery.deliver(data, job.lastAttempt)), { pollingIntervalSeconds: 1 });
    },
  };
  return services;
}

/** The settings saved in the app and the live settings that read them. */
function createSettings(deps: ServiceDeps): { settings: SettingsService; live: LiveSettings } {
  const given = givenSettings(deps.config);
  const defaults = settingDefaults();
  const live: LiveSettings = createLiveSettings({
    config: deps.config, logger: deps.logger, initial: resolveSettings(given, [], defaults), read: () => settings.effective(),
    ...(deps.sender !== undefined ? { sender: deps.sender } : {}),
  });
  const settings = new SettingsService({ ...deps, given, defaults, check: checkSetting, changed: () => live.refresh() });
  return { settings, live };
}

/**
 * The fan-out engine and its relay (opened on first use, so a process that never sends opens no SMTP
 * connection; reopened when the relay saved in the app changes).
 */
function createFanout(deps: ServiceDeps, live: LiveSettings) {
  const { config } = deps;
  let relay: FanoutRelay | null = null;
  let relayUrl: string | undefined;
  const dkimSet = config.SECDESK_DKIM_DOMAIN && config.SECDESK_DKIM_SELECTOR && config.SECDESK_DKIM_KEY_FILE;
  const dkim = dkimSet ? { domainName: config.SECDESK_DKIM_DOMAIN!, keySelector: config.SECDESK_DKIM_SELECTOR!, privateKey: readFileSync(config.SECDESK_DKIM_KEY_FILE!, 'utf8') } : null;
  const engine = new FanoutEngine({
    ...deps,
    relay: () => {
      const url = live.value('SMTP_URL');
      if (relay && relayUrl !== url) void relay.close().catch((err: unknown) => deps.logger.warn({ err }, 'closing the previous fan-out relay failed'));
      if (!relay || relayUrl !== url) relay = url ? createFanoutRelay({ url, connections: config.SECDESK_FANOUT_CONNECTIONS, dkim, timeoutMs: config.SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS * 1000 }) : null;
      relayUrl = url;
      return relay;
    },
    closeRelay: async () => {
      await relay?.close();
      relay = null;
    },
    endedLog: fanoutEndedLog(path.join(config.SECDESK_DATA_DIR, 'fanout-ended')),
    settings: {
      perSecond: config.SECDESK_FANOUT_RATE_PER_SECOND,
      perDomainPerSecond: config.SECDESK_FANOUT_DOMAIN_RATE_PER_SECOND,
      leaseSeconds: config.SECDESK_FANOUT_LEASE_SECONDS,
      retrySeconds: config.SECDESK_FANOUT_RETRY_SECONDS,
      maxAttempts: config.SECDESK_FANOUT_MAX_ATTEMPTS,
      relayDownPauseSeconds: config.SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS,
      sliceSeconds: 60,
      links: live.identity.links,
    },
  });
  return { engine };
}

export interface ChangeListeners {
  on(listener: () => void): () => void;
  emit(): void;
}

/** In-process notices of a change; a failing listener is logged and never fails the change. */
function changeListeners(logger: Logger): ChangeListeners {
  const listeners = new Set<() => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit() {
      for (const listener of listeners) {
        try {
          listener();
        } catch (err) {
          logger.error({ err }, 'status page change listener failed');
        }
      }
    },
  };
}

/** Status page subscriptions: e-mail (double opt-in, delivered by the fan-out) and signed webhooks. */
function createStatusSubscriptions(deps: ServiceDeps, sender: CurrentSender, sends: SendsService, identity: MailIdentity) {
  const { config } = deps;
  const { links } = identity;
  // The security address may change in the app; SECDESK_STATUS_MAIL_FROM is environment-only.
  const fromOf = () => config.SECDESK_STATUS_MAIL_FROM ?? identity.address;
  const pageName = config.SECDESK_STATUS_NAME;
  const mailer = (): ConfirmationMailer | null => {
    const relay = sender();
    // Through the outbox's sender: sent-on-250, a temporary failure retries the mail.send job.
    return relay && { send: (mail, lastAttempt) => sendRecorded(relay, {
      from: fromOf(), replyTo: fromOf(), to: mail.to, subject: headerSafe(mail.subject), messageId: identity.newMessageId(fromOf()),
      inReplyTo: null, references: [], text: mail.text, automatic: true,
    }, lastAttempt, async (outcome, error) => {
      if (outcome === 'failed') deps.logger.warn({ error }, 'status subscription confirmation mail failed');
    }) };
  };
  return {
    statusSubscriptions: new StatusSubscriptionsService({ ...deps, mailer, settings: { links, pageName, confirmHours: config.SECDESK_STATUS_CONFIRM_HOURS, perAddressPerHour: config.SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR } }),
    statusWebhooks: new StatusWebhooksService({ ...deps, poster: webhookPoster({ allowPrivate: config.SECDESK_WEBHOOK_ALLOW_PRIVATE, timeoutMs: config.SECDESK_WEBHOOK_TIMEOUT_SECONDS * 1000 }), settings: {
      maxFailures: config.SECDESK_WEBHOOK_MAX_FAILURES, perAddressPerHour: config.SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR, page: { name: pageName, url: links.link('/status') },
    } }),
    statusNotify: new StatusNotifyService({ ...deps, sends, settings: { get from() { return fromOf(); }, links, pageName } }),
  };
}
