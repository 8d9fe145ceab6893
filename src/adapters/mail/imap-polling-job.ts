// Polling an IMAP mailbox is a durable pg-boss job, not a timer. The queue's `singleton` policy lets
// one job per mailbox run at a time across every app instance; each run takes one batch and leaves
// exactly one successor waiting (at once when more mail waits, else after IMAP_POLL_SECONDS). A
// failed run is retried with back-off; after its last retry it lands in the dead letters (Admin →
// Jobs, with the error) and a fresh successor keeps the polling going.
import type { Logger } from 'pino';
import type { JobQueue } from '../queue/job-queue.ts';
import type { JobSender } from '../../domains/ports.ts';
import type { Clock } from '../../domains/context.ts';
import { IMAP_POLL_QUEUE, type MailboxPollService, type RemoteMailbox } from '../../domains/mail/mailbox-poll.service.ts';

export interface ImapPollingDeps {
  jobs: JobQueue;
  sender: JobSender;
  clock: Clock;
  logger: Logger;
  poller: MailboxPollService;
  mailbox: RemoteMailbox;
  pollSeconds: number;
  batchSize: number;
}

interface PollJob {
  mailbox: string;
}

export function defineImapPolling(jobs: JobQueue): Promise<void> {
  // The heartbeat frees the mailbox soon after a process dies mid-poll; until then no one else polls it.
  return jobs.define({ name: IMAP_POLL_QUEUE, policy: 'singleton', retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 10 * 60, heartbeatSeconds: 30 });
}

/**
 * Queues the next poll unless one is already waiting for this mailbox. A run waiting to be retried
 * does not count: a restart (say, after fixing IMAP_URL) polls at once instead of after the back-off.
 * Should two polls ever wait, the first to finish sees the other and queues none: they converge to one.
 */
async function ensureNextPoll(deps: ImapPollingDeps, afterSeconds: number): Promise<void> {
  const queued = await deps.jobs.boss.findJobs(IMAP_POLL_QUEUE, { key: deps.mailbox.key, queued: true });
  if (queued.some((job) => job.state === 'created')) return;
  const data: PollJob = { mailbox: deps.mailbox.key };
  await deps.sender.send(IMAP_POLL_QUEUE, data, { singletonKey: deps.mailbox.key, startAfter: new Date(deps.clock.now().getTime() + afterSeconds * 1000) });
}

export async function startImapPolling(deps: ImapPollingDeps): Promise<void> {
  await deps.jobs.work<PollJob>(IMAP_POLL_QUEUE, async (data, job) => {
    if (data.mailbox !== deps.mailbox.key) return; // a job for a mailbox no longer configured
    try {
      const result = await deps.poller.poll(deps.mailbox, deps.batchSize, (uid, taken) => {
        if (taken) deps.logger.info({ mailbox: deps.mailbox.key, uid, ticket: taken.ticketNumber, outcome: taken.outcome }, 'IMAP mail taken in');
        else deps.logger.info({ mailbox: deps.mailbox.key, uid }, 'IMAP mail gone before it was taken (expunged)');
      });
      if (result.reset) deps.logger.warn({ mailbox: deps.mailbox.key }, 'IMAP mailbox renumbered (new UIDVALIDITY): taking it in again');
      await ensureNextPoll(deps, result.more ? 0 : deps.pollSeconds);
    } catch (err) {
      deps.logger.warn({ mailbox: deps.mailbox.key, err: (err as Error).message, attempt: job.retryCount + 1 }, 'IMAP poll failed');
      if (job.lastAttempt) await ensureNextPoll(deps, deps.pollSeconds);
      throw err;
    }
  });
  await ensureNextPoll(deps, 0);
}
