// Builds every domain service from its adapters. One line per domain.
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Store } from '../adapters/db/store.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import { AccountsService } from '../domains/accounts/accounts.service.ts';
import { UsersService } from '../domains/accounts/users.service.ts';
import { OperationsService } from '../domains/operations/operations.service.ts';
import { IncidentsService } from '../domains/incidents/incidents.service.ts';
import { IncidentUpdatesService } from '../domains/incidents/incident-updates.service.ts';
import { ENGAGEMENT_REMINDER_QUEUE, type ReminderJob } from '../domains/incidents/engagement-steps.ts';
import { StakeholderRulesService } from '../domains/stakeholders/stakeholder-rules.service.ts';
import { TicketsService } from '../domains/tickets/tickets.service.ts';
import { MessageContentService } from '../domains/tickets/message-content.service.ts';
import { MailIntakeService } from '../domains/mail/intake.service.ts';
import { createCalendar } from '../domains/calendar/calendar.ts';
import { mailParser } from '../adapters/mail/mail-parser.ts';
import { smtpSender } from '../adapters/mail/smtp-sender.ts';
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
import { DispositionsService } from '../domains/triage/dispositions.service.ts';
import { COMPLIANCE_DELIVERY_QUEUE, ComplianceService, CUSTOMER_SYNC_QUEUE, type CustomerSyncJob, type DeliveryRunJob } from '../domains/compliance/compliance.service.ts';
import { httpCustomerDirectory } from '../adapters/directory/customer-directory.ts';

export interface ServiceDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Transactor<Store>;
  jobs: JobQueue;
}

export interface Services {
  accounts: AccountsService;
  users: UsersService;
  tickets: TicketsService;
  messageContent: MessageContentService;
  incidents: IncidentsService;
  incidentUpdates: IncidentUpdatesService;
  stakeholderRules: StakeholderRulesService;
  operations: OperationsService;
  mailIntake: MailIntakeService;
  replies: RepliesService;
  ticketChanges: TicketChangesService;
  ticketJobs: TicketJobsService;
  notifications: NotificationsService;
  mailboxPoll: MailboxPollService;
  templates: TemplatesService;
  dispositions: DispositionsService;
  compliance: ComplianceService;
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const accounts = new AccountsService(deps);
  const { config } = deps;
  const calendar = createCalendar();
  const sender = config.SMTP_URL ? smtpSender(config.SMTP_URL, { htmlPart: config.SECDESK_MAIL_HTML_PART }) : null;
  const lifecycle = new TicketLifecycle({
    calendar,
    closeAfterMs: config.SECDESK_TICKET_CLOSE_AFTER_DAYS * 86_400_000,
    pauseWhenPending: config.SECDESK_SLA_PAUSE_WHEN_PENDING,
    warnLeadMs: config.SECDESK_SLA_WARN_MINUTES * 60_000,
  });
  const mailIntake = new MailIntakeService({ ...deps, parser: mailParser, calendar, lifecycle });
  const mailboxPoll = new MailboxPollService({ store: deps.store, intake: mailIntake });
  const imap = config.IMAP_URL ? imapMailbox(imapAccount(config.IMAP_URL, config.IMAP_MAILBOX), { maxBytes: config.SMTP_MAX_BYTES, logger: deps.logger }) : null;
  const replies = new RepliesService({ ...deps, lifecycle, sender, inboxAddress: config.SECDESK_INBOX_ADDRESS });
  const notifications = new NotificationsService({ ...deps, sender, inboxAddress: config.SECDESK_INBOX_ADDRESS });
  const ticketJobs = new TicketJobsService({ ...deps, lifecycle, notifier: new Notifier({ mailEnabled: sender !== null }), publicUrl: config.SECDESK_PUBLIC_URL });
  const incidentDeps = { ...deps, graceMinutes: config.SECDESK_UPDATE_GRACE_MINUTES };
  const incidentUpdates = new IncidentUpdatesService(incidentDeps);
  const templates = new TemplatesService({ ...deps, templateSettings: {
    teamName: config.SECDESK_TEAM_NAME, securityAddress: config.SECDESK_INBOX_ADDRESS, supportAddress: config.SECDESK_SUPPORT_ADDRESS,
    programmeUrl: config.SECDESK_BUG_BOUNTY_URL, disclosurePolicyUrl: config.SECDESK_DISCLOSURE_POLICY_URL,
    dmcaAddress: config.SECDESK_DMCA_ADDRESS, dmcaPolicyUrl: config.SECDESK_DMCA_POLICY_URL,
  } });
  const compliance = new ComplianceService({ ...deps, calendar, lifecycle, templates, replies, settings: {
    employeeDomains: config.SECDESK_EMPLOYEE_DOMAINS.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean),
    deliveryTime: config.SECDESK_COMPLIANCE_DELIVERY_TIME, linkDays: config.SECDESK_COMPLIANCE_LINK_DAYS,
    publicUrl: config.SECDESK_PUBLIC_URL ?? null, maxReportBytes: config.SECDESK_COMPLIANCE_REPORT_MAX_BYTES, syncHours: config.SECDESK_CUSTOMER_SYNC_HOURS,
  }, directory: config.SECDESK_CUSTOMER_DIRECTORY_URL ? httpCustomerDirectory(config.SECDESK_CUSTOMER_DIRECTORY_URL, config.SECDESK_CUSTOMER_DIRECTORY_TOKEN) : null });
  const services: Services = {
    accounts,
    users: new UsersService(deps),
    tickets: new TicketsService({ ...deps, lifecycle }),
    messageContent: new MessageContentService(deps),
    incidents: new IncidentsService(incidentDeps),
    incidentUpdates,
    stakeholderRules: new StakeholderRulesService(deps),
    operations: new OperationsService(deps),
    mailIntake,
    mailboxPoll,
    replies,
    ticketChanges: new TicketChangesService({ ...deps, lifecycle }),
    ticketJobs,
    notifications,
    templates,
    dispositions: new DispositionsService({ ...deps, lifecycle, templates, replies, supportAddress: config.SECDESK_SUPPORT_ADDRESS, compliance }),
    compliance,
    async defineQueues() {
      await deps.jobs.define({ name: SEND_QUEUE, retryLimit: 8, retryDelaySeconds: 30 });
      await defineImapPolling(deps.jobs);
      await deps.jobs.define({ name: CLOSE_QUEUE, retryLimit: 5, retryDelaySeconds: 60 });
      await deps.jobs.define({ name: SLA_ALERT_QUEUE, retryLimit: 5, retryDelaySeconds: 30 });
      // Exclusive: one queued or running job per key (engagement + check time), whoever enqueues it.
      await deps.jobs.define({ name: ENGAGEMENT_REMINDER_QUEUE, retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' });
      // Exclusive: one queued or running delivery per run time, however many instances schedule it.
      await deps.jobs.define({ name: COMPLIANCE_DELIVERY_QUEUE, retryLimit: 8, retryDelaySeconds: 60, policy: 'exclusive' });
      await deps.jobs.define({ name: CUSTOMER_SYNC_QUEUE, retryLimit: 4, retryDelaySeconds: 300, policy: 'exclusive' });
    },
    async startWorkers() {
      await services.defineQueues();
      // One outbox for every mail secdesk sends: replies to requesters and notifications to the team.
      await deps.jobs.work<{ messageRowId: string } | { notificationId: string }>(SEND_QUEUE, (data, job) =>
        'notificationId' in data ? notifications.deliverMail(data.notificationId, job.lastAttempt) : replies.deliver(data.messageRowId, job.lastAttempt), { concurrency: 2 });
      await deps.jobs.work<CloseJob>(CLOSE_QUEUE, async (data) => void (await ticketJobs.closeQuietly(data)));
      await deps.jobs.work<SlaAlertJob>(SLA_ALERT_QUEUE, async (data) => void (await ticketJobs.alert(data)));
      await deps.jobs.work<ReminderJob>(ENGAGEMENT_REMINDER_QUEUE, (data) => incidentUpdates.remind(data), { concurrency: 2 });
      await deps.jobs.work<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, async (data) => void (await compliance.runDelivery(data)));
      await compliance.scheduleNextRun();
      await deps.jobs.work<CustomerSyncJob>(CUSTOMER_SYNC_QUEUE, (data, job) => compliance.runSync(data, job.lastAttempt));
      await compliance.scheduleNextSync();
      if (imap) await startImapPolling({ ...deps, sender: deps.store.read.jobs, poller: mailboxPoll, mailbox: imap, pollSeconds: deps.config.IMAP_POLL_SECONDS, batchSize: deps.config.IMAP_POLL_BATCH });
    },
  };
  return services;
}
