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
  /** Creates every queue (idempotent). */
  defineQueues(): Promise<void>;
  /** Creates every queue and starts this process's workers on them. */
  startWorkers(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const accounts = new AccountsService(deps);
  const replies = new RepliesService({ ...deps, sender: deps.config.SMTP_URL ? smtpSender(deps.config.SMTP_URL) : null, inboxAddress: deps.config.SECDESK_INBOX_ADDRESS });
  const services: Services = {
    accounts,
    users: new UsersService(deps),
    tickets: new TicketsService(deps),
    messageContent: new MessageContentService(deps),
    incidents: new IncidentsService(deps),
    operations: new OperationsService(deps),
    mailIntake: new MailIntakeService({ ...deps, parser: mailParser, calendar: createCalendar() }),
    replies,
    async defineQueues() {
      await deps.jobs.define({ name: SEND_QUEUE, retryLimit: 8, retryDelaySeconds: 30 });
    },
    async startWorkers() {
      await services.defineQueues();
      await deps.jobs.work<{ messageRowId: string }>(SEND_QUEUE, (data, job) => replies.deliver(data.messageRowId, job.lastAttempt), { concurrency: 2 });
    },
  };
  return services;
}
