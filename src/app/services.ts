// Builds every domain service from its adapters, and composes every domain's jobs (`<domain>.jobs.ts`):
// their queues, workers and event subscriptions.
import { hostname } from 'node:os';
import { checkpointTargetOf, exportTargetsOf, listSourcesOf, regulatoryClocksOf, riskMatrixOf } from '../config/config.ts';
import { AccountsService } from '../domains/accounts/accounts.service.ts';
import { UsersService } from '../domains/accounts/users.service.ts';
import { OperationsService } from '../domains/operations/operations.service.ts';
import { IncidentsService } from '../domains/incidents/incidents.service.ts';
import { IncidentUpdatesService } from '../domains/incidents/incident-updates.service.ts';
import { IncidentRolesService } from '../domains/incidents/incident-roles.service.ts';
import { IncidentTicketService } from '../domains/incidents/incident-ticket.service.ts';
import { IncidentTypesService } from '../domains/incidents/incident-types.service.ts';
import { OnCallService } from '../domains/oncall/oncall.service.ts';
import { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import { TicketsService } from '../domains/tickets/tickets.service.ts';
import { MessageContentService } from '../domains/tickets/message-content.service.ts';
import { MailIntakeService } from '../domains/mail/intake.service.ts';
import { RegulatoryClocksService } from '../domains/regulatory/regulatory-clocks.service.ts';
import { RepliesService } from '../domains/mail/replies.service.ts';
import { TicketLifecycle } from '../domains/tickets/lifecycle.ts';
import { TicketChangesService } from '../domains/tickets/ticket-changes.service.ts';
import { TicketJobsService } from '../domains/tickets/ticket-jobs.service.ts';
import { Notifier } from '../domains/notifications/notifier.ts';
import { NotificationsService } from '../domains/notifications/notifications.service.ts';
import { MailboxPollService } from '../domains/mail/mailbox-poll.service.ts';
import { TemplatesService } from '../domains/templates/templates.service.ts';
import { DispositionsService } from '../domains/tickets/dispositions.service.ts';
import { TriageService } from '../domains/triage/triage.service.ts';
import { DuplicatesService } from '../domains/triage/duplicates.service.ts';
import { IncidentChatService } from '../domains/chat/incident-chat.service.ts';
import { ChatCommandsService } from '../domains/chat/chat-commands.ts';
import { TeamsService } from '../domains/teams/teams.service.ts';
import { EngagementsService } from '../domains/teams/engagements.service.ts';
import { metricsSources, MetricsService } from '../domains/metrics/metrics.service.ts';
import { ComplianceService } from '../domains/compliance/compliance.service.ts';
import { ListsService } from '../domains/fanout/lists.service.ts';
import { SendsService } from '../domains/fanout/sends.service.ts';
import { CommsPlanService } from '../domains/communications/plan.service.ts';
import { CommunicationsService } from '../domains/communications/communications.service.ts';
import { CommsSendingService } from '../domains/communications/sending.service.ts';
import { CommsDeliveryService } from '../domains/communications/deliveries.service.ts';
import { StatusPageService } from '../domains/statuspage/statuspage.service.ts';
import { statusPageChannel } from '../domains/statuspage/status-channel.ts';
import { StatusComponentsService } from '../domains/statuspage/status-components.service.ts';
import { AuditAnchorService } from '../domains/audit/audit-anchor.service.ts';
import { mailJobs } from '../domains/mail/mail.jobs.ts';
import { notificationsJobs } from '../domains/notifications/notifications.jobs.ts';
import { ticketsJobs } from '../domains/tickets/tickets.jobs.ts';
import { incidentsJobs } from '../domains/incidents/incidents.jobs.ts';
import { regulatoryJobs } from '../domains/regulatory/regulatory.jobs.ts';
import { triageJobs } from '../domains/triage/triage.jobs.ts';
import { chatJobs } from '../domains/chat/chat.jobs.ts';
import { teamsJobs } from '../domains/teams/teams.jobs.ts';
import { complianceJobs } from '../domains/compliance/compliance.jobs.ts';
import { fanoutJobs } from '../domains/fanout/fanout.jobs.ts';
import { auditJobs } from '../domains/audit/audit.jobs.ts';
import { communicationsJobs } from '../domains/communications/communications.jobs.ts';
import { statusExportJobs } from '../domains/status-export/status-export.jobs.ts';
import { statusSubscriptionsJobs } from '../domains/status-subscriptions/status-subscriptions.jobs.ts';
import { statusPrivateJobs } from '../domains/status-private/status-private.jobs.ts';
import { mailParser } from '../adapters/mail/mail-parser.ts';
import { imapAccount, imapMailbox } from '../adapters/mail/imap-poller.ts';
import { defineImapPolling, startImapPolling } from '../adapters/mail/imap-polling-job.ts';
import { loadTriageClassifier } from '../adapters/triage/model-file.ts';
import { chatPlatformFrom } from '../adapters/chat/chat-platform.ts';
import { httpIssueTracker } from '../adapters/trackers/http-trackers.ts';
import { httpCustomerDirectory } from '../adapters/directory/customer-directory.ts';
import { listSourceFetcher } from '../adapters/mail/list-source.ts';
import { sqlListSources } from '../adapters/db/list-query-source.ts';
import { blogWebhook } from '../adapters/publish/blog-webhook.ts';
import { checkpointStore } from '../adapters/audit-anchor/checkpoint-store.ts';
import { createStatusOps } from './status-ops.ts';
import { createSetup } from './setup.ts';
import { createFanout } from './fanout.ts';
import { createStatusSubscriptions } from './status-subscriptions.ts';
import { changeListeners } from './change-listeners.ts';
import { legacyOutboxJobs } from './legacy-outbox.ts';
import { defineAll, subscribeAll, workAll } from './jobs.ts';
import { SettingsService } from '../domains/settings/settings.service.ts';
import { resolveSettings } from '../domains/settings/settings.types.ts';
import { checkSetting, givenSettings, settingDefaults } from '../config/settings.ts';
import { createLiveSettings, type LiveSettings } from './live-settings.ts';
import type { ServiceDeps, Services } from './services.types.ts';

export type { ServiceDeps, Services };

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
  const imap = config.IMAP_URL
    ? imapMailbox(imapAccount(config.IMAP_URL, config.IMAP_MAILBOX), { maxBytes: config.SMTP_MAX_BYTES, logger: deps.logger })
    : null;
  const replies = new RepliesService({ ...deps, lifecycle, sender, identity });
  const notifications = new NotificationsService({ ...deps, sender, identity });
  // Notifies people in the app, and by mail through the outbox when outgoing mail is configured.
  const notifier = new Notifier({ mailEnabled: () => sender() !== null, links: identity.links });
  const ticketJobs = new TicketJobsService({ ...deps, lifecycle, notifier });
  const chat = chatPlatformFrom(config);
  const incidentChat = new IncidentChatService({
    ...deps,
    platform: chat?.platform ?? null,
    securityChannel: chat?.securityChannel ?? '',
    retryDelaySeconds: config.SECDESK_CHAT_RETRY_SECONDS,
    sender,
    identity,
  });
  // Where the incident channel's subscriber (chat.jobs.ts) can mirror the timeline to: chat, mail to groups engaged by email.
  const outlets = {
    chat: chat !== null,
    get mail() {
      return sender() !== null;
    },
  };
  const incidentDeps = {
    ...deps,
    outlets,
    riskMatrix,
    graceMinutes: config.SECDESK_UPDATE_GRACE_MINUTES,
    notifier,
    regulatory: { definitions: regulatoryClocksOf(config, riskMatrix), calendar },
  };
  const incidentUpdates = new IncidentUpdatesService(incidentDeps);
  const templates = new TemplatesService({
    ...deps,
    templateSettings: {
      get teamName() {
        return identity.teamName;
      },
      get securityAddress() {
        return identity.address;
      },
      get supportAddress() {
        return live.value('SECDESK_SUPPORT_ADDRESS')!;
      },
      get programmeUrl() {
        return live.value('SECDESK_BUG_BOUNTY_URL')!;
      },
      get disclosurePolicyUrl() {
        return live.value('SECDESK_DISCLOSURE_POLICY_URL')!;
      },
      get dmcaAddress() {
        return live.value('SECDESK_DMCA_ADDRESS')!;
      },
      get dmcaPolicyUrl() {
        return live.value('SECDESK_DMCA_POLICY_URL')!;
      },
    },
  });
  const incidents = new IncidentsService(incidentDeps);
  const tracker = httpIssueTracker({ allowPrivate: config.SECDESK_TRACKER_ALLOW_PRIVATE });
  const engagements = new EngagementsService({ ...deps, tracker, notifier, replies });
  const compliance = new ComplianceService({
    ...deps,
    calendar,
    lifecycle,
    templates,
    replies,
    settings: {
      employeeDomains: config.SECDESK_EMPLOYEE_DOMAINS.split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      deliveryTime: config.SECDESK_COMPLIANCE_DELIVERY_TIME,
      linkDays: config.SECDESK_COMPLIANCE_LINK_DAYS,
      links: identity.links,
      maxReportBytes: config.SECDESK_COMPLIANCE_REPORT_MAX_BYTES,
      syncHours: config.SECDESK_CUSTOMER_SYNC_HOURS,
    },
    directory: config.SECDESK_CUSTOMER_DIRECTORY_URL
      ? httpCustomerDirectory(config.SECDESK_CUSTOMER_DIRECTORY_URL, config.SECDESK_CUSTOMER_DIRECTORY_TOKEN, {
          allowPrivate: config.SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE,
        })
      : null,
  });
  const fanout = createFanout(deps, live);
  const statusPageChanges = changeListeners(deps.logger);
  const statusDeps = { ...deps, onPublicChange: () => statusPageChanges.emit() };
  const sends = new SendsService({ ...deps, identity });
  const status = createStatusSubscriptions(deps, sender, sends, identity);
  const statusPage = new StatusPageService({ ...statusDeps, links: identity.links });
  const statusOps = createStatusOps({ ...deps, sender, statusPage, identity });
  const communications = new CommunicationsService({
    ...deps,
    riskMatrix,
    notifier,
    commsSettings: {
      get teamName() {
        return identity.teamName;
      },
      get securityAddress() {
        return identity.address;
      },
    },
  });
  const channelDeps = {
    identity,
    pressAddress: config.SECDESK_PRESS_ADDRESS ?? null,
    sender,
    blog: config.SECDESK_BLOG_WEBHOOK_URL
      ? blogWebhook({
          url: config.SECDESK_BLOG_WEBHOOK_URL,
          secret: config.SECDESK_BLOG_WEBHOOK_SECRET!,
          allowPrivate: config.SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE,
        })
      : null,
    statusPage: statusPageChannel(statusPage),
  };
  const commsSending = new CommsSendingService({ ...deps, ...channelDeps, communications, sends });
  const commsDelivery = new CommsDeliveryService({ ...deps, ...channelDeps });
  const auditAnchor = new AuditAnchorService({
    ...deps,
    host: hostname(),
    everyMinutes: config.SECDESK_AUDIT_CHECKPOINT_MINUTES,
    checkpoints: checkpointStore({ ...deps, dataDir: config.SECDESK_DATA_DIR, keyFile: config.SECDESK_AUDIT_KEY_FILE, s3: checkpointTargetOf(config) }),
  });
  const oncall = new OnCallService(deps);
  const regulatoryClocks = new RegulatoryClocksService(incidentDeps);
  const triage = new TriageService({ ...deps, classifier: loadTriageClassifier(deps.logger) });
  const duplicates = new DuplicatesService(deps);
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
    regulatoryClocks,
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
    dispositions: new DispositionsService({
      ...deps,
      lifecycle,
      templates,
      replies,
      supportAddress: () => live.value('SECDESK_SUPPORT_ADDRESS')!,
      engagements,
      compliance,
    }),
    triage,
    duplicates,
    incidentChat,
    riskMatrix,
    calendar,
    mailIdentity: identity,
    chatCommands: new ChatCommandsService({
      store: deps.store,
      declare: (ctx, input) => incidents.declare(ctx, input),
      link: (id) => incidentChat.incidentLink(id),
    }),
    teams: new TeamsService({ ...deps, tracker }),
    engagements,
    metrics: new MetricsService({ ...deps, calendar, sources: metricsSources({ complianceDeliveryTime: config.SECDESK_COMPLIANCE_DELIVERY_TIME }) }),
    compliance,
    lists: new ListsService({
      ...deps,
      fetchSource: listSourceFetcher({ allowPrivate: config.SECDESK_LIST_SOURCE_ALLOW_PRIVATE }),
      querySources: sqlListSources(listSourcesOf(config)),
    }),
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
    domainJobs: [
      mailJobs({ replies }),
      legacyOutboxJobs(deps.store.read.jobs),
      notificationsJobs({ notifications }),
      ticketsJobs({ ticketJobs }),
      incidentsJobs({ incidentUpdates }),
      regulatoryJobs({ regulatoryClocks }),
      triageJobs({ triage, duplicates }),
      chatJobs({ incidentChat, store: deps.store, outlets, retryDelaySeconds: config.SECDESK_CHAT_RETRY_SECONDS }),
      teamsJobs({ engagements }),
      complianceJobs({ compliance }),
      fanoutJobs({ engine: fanout.engine }),
      communicationsJobs({ commsDelivery }),
      statusSubscriptionsJobs({
        ...status,
        webhookRetry: { retryLimit: config.SECDESK_WEBHOOK_RETRY_LIMIT, retryDelaySeconds: config.SECDESK_WEBHOOK_RETRY_SECONDS },
      }),
      // The static export follows every public change when a target is configured or the last copy is kept.
      statusExportJobs({ statusExport: statusOps.statusExport, exporting: config.SECDESK_STATUS_KEEP_LAST || exportTargetsOf(config).length > 0 }),
      statusPrivateJobs({ privateVisitors: statusOps.privateVisitors }),
      auditJobs({ auditAnchor }),
    ],
    async defineQueues() {
      await defineAll(deps.jobs, services.domainJobs);
      await defineImapPolling(deps.jobs);
    },
    async startWorkers() {
      await services.defineQueues();
      // Every job first rereads the saved settings: mail goes out through the relay, from the address, in force now.
      await workAll(deps.jobs, services.domainJobs, () => live.refresh());
      if (imap)
        await startImapPolling({
          ...deps,
          sender: deps.store.read.jobs,
          poller: mailboxPoll,
          mailbox: imap,
          pollSeconds: config.IMAP_POLL_SECONDS,
          batchSize: config.IMAP_POLL_BATCH,
        });
    },
  };
  subscribeAll(deps.subscriptions, services.domainJobs);
  return services;
}

/** The settings saved in the app and the live settings that read them. */
function createSettings(deps: ServiceDeps): { settings: SettingsService; live: LiveSettings } {
  const given = givenSettings(deps.config);
  const defaults = settingDefaults();
  const live: LiveSettings = createLiveSettings({
    config: deps.config,
    logger: deps.logger,
    initial: resolveSettings(given, [], defaults),
    read: () => settings.effective(),
    ...(deps.sender !== undefined ? { sender: deps.sender } : {}),
  });
  const settings = new SettingsService({ ...deps, given, defaults, check: checkSetting, changed: () => live.refresh() });
  return { settings, live };
}
