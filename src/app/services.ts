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
import { MailIntakeService } from '../domains/mail/intake.service.ts';
import { createCalendar } from '../domains/calendar/calendar.ts';
import { mailParser } from '../adapters/mail/mail-parser.ts';
import { smtpSender } from '../adapters/mail/smtp-sender.ts';
import { RepliesService, SEND_QUEUE } from '../domains/mail/replies.service.ts';
import { MailboxPollService } from '../domains/mail/mailbox-poll.service.ts';
import { imapAccount, imapMailbox } from '../adapters/mail/imap-poller.ts';
import { defineImapPolling, startImapPolling } from '../adapters/mail/imap-polling-job.ts';

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
  incidents: IncidentsService;
  operations: OperationsService;
  mailIntake: MailIntakeService;
  replies: RepliesService;
  mailboxPoll: MailboxPollService;
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const accounts = new AccountsService(deps);
  const mailIntake = new MailIntakeService({ ...deps, parser: mailParser, calendar: createCalendar() });
  const mailboxPoll = new MailboxPollService({ store: deps.store, intake: mailIntake });
  const imap = deps.config.IMAP_URL ? imapMailbox(imapAccount(deps.config.IMAP_URL, deps.config.IMAP_MAILBOX), { maxBytes: deps.config.SMTP_MAX_BYTES, logger: deps.logger }) : null;
  const replies = new RepliesService({ ...deps, sender: deps.config.SMTP_URL ? smtpSender(deps.config.SMTP_URL) : null, inboxAddress: deps.config.SECDESK_INBOX_ADDRESS });
  const services: Services = {
    accounts,
    users: new UsersService(deps),
    tickets: new TicketsService(deps),
    incidents: new IncidentsService(deps),
    operations: new OperationsService(deps),
    mailIntake,
    replies,
    mailboxPoll,
    async defineQueues() {
      await deps.jobs.define({ name: SEND_QUEUE, retryLimit: 8, retryDelaySeconds: 30 });
      await defineImapPolling(deps.jobs);
    },
    async startWorkers() {
      await services.defineQueues();
      await deps.jobs.work<{ messageRowId: string }>(SEND_QUEUE, (data, job) => replies.deliver(data.messageRowId, job.lastAttempt), { concurrency: 2 });
      if (imap) await startImapPolling({ ...deps, sender: deps.store.read.jobs, poller: mailboxPoll, mailbox: imap, pollSeconds: deps.config.IMAP_POLL_SECONDS, batchSize: deps.config.IMAP_POLL_BATCH });
    },
  };
  return services;
}
