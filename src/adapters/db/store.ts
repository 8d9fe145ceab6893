// Binds every repository to the database or to one transaction (see Transactor in domains/ports.ts).
// Add a domain's repository here once; services then receive it through their Transactor.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../domains/context.ts';
import type { AuditPort, JobSender, Transactor } from '../../domains/ports.ts';
import type { ApiTokensRepository, SessionsRepository, UsersRepository } from '../../domains/accounts/accounts.ports.ts';
import type { AuditLogReader } from '../../domains/operations/operations.ports.ts';
import type { IncidentsRepository } from '../../domains/incidents/incidents.ports.ts';
import type { MessageContentRepository, RawMailStore, TicketsRepository } from '../../domains/tickets/tickets.ports.ts';
import type { NotificationsRepository } from '../../domains/notifications/notifications.ports.ts';
import { apiTokensRepository, sessionsRepository, usersRepository } from './accounts-repository.ts';
import { appendAudit, auditLogReader } from './audit-repository.ts';
import { messageContentRepository } from './attachments-repository.ts';
import { incidentsRepository } from './incidents-repository.ts';
import { rawMailStore, ticketsRepository } from './tickets-repository.ts';
import { notificationsRepository } from './notifications-repository.ts';
import type { FanoutRepository } from '../../domains/fanout/fanout.ports.ts';
import { fanoutRepository } from './fanout-repository.ts';
import type { DB } from './schema.ts';

export interface Store {
  audit: AuditPort;
  auditLog: AuditLogReader;
  jobs: JobSender;
  users: UsersRepository;
  sessions: SessionsRepository;
  apiTokens: ApiTokensRepository;
  tickets: TicketsRepository;
  rawMail: RawMailStore;
  messageContent: MessageContentRepository;
  incidents: IncidentsRepository;
  notifications: NotificationsRepository;
  fanout: FanoutRepository;
}

export interface StoreDeps {
  clock: Clock;
  /** Enqueues jobs through the given connection (a transaction, so jobs commit with the change). */
  jobsFor(db: Kysely<DB>): JobSender;
}

function bind(db: Kysely<DB>, deps: StoreDeps, inTransaction: boolean): Store {
  return {
    audit: {
      append: (ctx, record) =>
        inTransaction
          ? appendAudit(db as Transaction<DB>, ctx, record, deps.clock)
          : db.transaction().execute((trx) => appendAudit(trx, ctx, record, deps.clock)),
    },
    auditLog: auditLogReader(db),
    jobs: deps.jobsFor(db),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    apiTokens: apiTokensRepository(db),
    tickets: ticketsRepository(db),
    rawMail: rawMailStore(db),
    messageContent: messageContentRepository(db),
    incidents: incidentsRepository(db),
    notifications: notificationsRepository(db),
    fanout: fanoutRepository(db),
  };
}

export function createTransactor(db: Kysely<DB>, deps: StoreDeps): Transactor<Store> {
  return {
    read: bind(db, deps, false),
    transaction: (work) => db.transaction().execute((trx) => work(bind(trx, deps, true))),
  };
}
