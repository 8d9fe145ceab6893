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
import { ListsService } from '../domains/fanout/lists.service.ts';
import { FANOUT_RESUME_QUEUE, FANOUT_RUN_QUEUE, SendsService, type FanoutJob } from '../domains/fanout/sends.service.ts';
import { FanoutEngine } from '../domains/fanout/engine.ts';
import { createFanoutRelay } from '../adapters/mail/smtp-fanout.ts';
import { listSourceFetcher } from '../adapters/mail/list-source.ts';
import { readFileSync } from 'node:fs';
import type { FanoutRelay } from '../domains/fanout/fanout.ports.ts';

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
  operations: OperationsService;
  mailIntake: MailIntakeService;
  replies: RepliesService;
  ticketChanges: TicketChangesService;
  ticketJobs: TicketJobsService;
  notifications: NotificationsService;
  lists: ListsService;
  sends: SendsService;
  fanout: FanoutEngine;
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const accounts = new AccountsService(deps);
  const { config } = deps;
  const calendar = createCalendar();
  const sender = config.SMTP_URL ? smtpSender(config.SMTP_URL) : null;
  const lifecycle = new TicketLifecycle({
    calendar,
    closeAfterMs: config.SECDESK_TICKET_CLOSE_AFTER_DAYS * 86_400_000,
    pauseWhenPending: config.SECDESK_SLA_PAUSE_WHEN_PENDING,
    warnLeadMs: config.SECDESK_SLA_WARN_MINUTES * 60_000,
  });
  const replies = new RepliesService({ ...deps, lifecycle, sender, inboxAddress: config.SECDESK_INBOX_ADDRESS });
  const notifications = new NotificationsService({ ...deps, sender, inboxAddress: config.SECDESK_INBOX_ADDRESS });
  const ticketJobs = new TicketJobsService({ ...deps, lifecycle, notifier: new Notifier({ mailEnabled: sender !== null }), publicUrl: config.SECDESK_PUBLIC_URL });
  const fanout = createFanout(deps);
  const services: Services = {
    accounts,
    users: new UsersService(deps),
    tickets: new TicketsService({ ...deps, lifecycle }),
    messageContent: new MessageContentService(deps),
    incidents: new IncidentsService(deps),
    operations: new OperationsService(deps),
    mailIntake: new MailIntakeService({ ...deps, parser: mailParser, calendar, lifecycle }),
    replies,
    ticketChanges: new TicketChangesService({ ...deps, lifecycle }),
    ticketJobs,
    notifications,
    lists: new ListsService({ ...deps, fetchSource: listSourceFetcher({ allowPrivate: config.SECDESK_LIST_SOURCE_ALLOW_PRIVATE }) }),
    sends: new SendsService(deps),
    fanout: fanout.engine,
    async defineQueues() {
      await deps.jobs.define({ name: FANOUT_RUN_QUEUE, retryLimit: 10, retryDelaySeconds: 5, expireInSeconds: 10 * 60 });
      await deps.jobs.define({ name: FANOUT_RESUME_QUEUE, retryLimit: 5, retryDelaySeconds: 10 });
      await deps.jobs.define({ name: SEND_QUEUE, retryLimit: 8, retryDelaySeconds: 30 });
      await deps.jobs.define({ name: CLOSE_QUEUE, retryLimit: 5, retryDelaySeconds: 60 });
      await deps.jobs.define({ name: SLA_ALERT_QUEUE, retryLimit: 5, retryDelaySeconds: 30 });
    },
    async startWorkers() {
      await services.defineQueues();
      // One outbox for every mail secdesk sends: replies to requesters and notifications to the team.
      await deps.jobs.work<{ messageRowId: string } | { notificationId: string }>(SEND_QUEUE, (data, job) =>
        'notificationId' in data ? notifications.deliverMail(data.notificationId, job.lastAttempt) : replies.deliver(data.messageRowId, job.lastAttempt), { concurrency: 2 });
      await deps.jobs.work<CloseJob>(CLOSE_QUEUE, async (data) => void (await ticketJobs.closeQuietly(data)));
      await deps.jobs.work<SlaAlertJob>(SLA_ALERT_QUEUE, async (data) => void (await ticketJobs.alert(data)));
      await deps.jobs.work<FanoutJob>(FANOUT_RUN_QUEUE, (data) => fanout.engine.run(data), { concurrency: 2, pollingIntervalSeconds: 1 });
      await deps.jobs.work<FanoutJob>(FANOUT_RESUME_QUEUE, (data) => fanout.engine.resumeAfterOutage(data));
      await fanout.engine.resumeRunning();
    },
  };
  return services;
}

/** The fan-out engine and its relay (opened on first use, so a process that never sends opens no SMTP connection). */
function createFanout(deps: ServiceDeps) {
  const { config } = deps;
  let relay: FanoutRelay | null = null;
  const dkimSet = config.SECDESK_DKIM_DOMAIN && config.SECDESK_DKIM_SELECTOR && config.SECDESK_DKIM_KEY_FILE;
  const dkim = dkimSet ? { domainName: config.SECDESK_DKIM_DOMAIN!, keySelector: config.SECDESK_DKIM_SELECTOR!, privateKey: readFileSync(config.SECDESK_DKIM_KEY_FILE!, 'utf8') } : null;
  const engine = new FanoutEngine({
    ...deps,
    relay: () => (relay ??= config.SMTP_URL ? createFanoutRelay({ url: config.SMTP_URL, connections: config.SECDESK_FANOUT_CONNECTIONS, dkim, timeoutMs: config.SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS * 1000 }) : null),
    closeRelay: async () => {
      await relay?.close();
      relay = null;
    },
    settings: {
      perSecond: config.SECDESK_FANOUT_RATE_PER_SECOND,
      perDomainPerSecond: config.SECDESK_FANOUT_DOMAIN_RATE_PER_SECOND,
      leaseSeconds: config.SECDESK_FANOUT_LEASE_SECONDS,
      retrySeconds: config.SECDESK_FANOUT_RETRY_SECONDS,
      maxAttempts: config.SECDESK_FANOUT_MAX_ATTEMPTS,
      relayDownPauseSeconds: config.SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS,
      sliceSeconds: 60,
      publicUrl: config.SECDESK_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    },
  });
  return { engine };
}
