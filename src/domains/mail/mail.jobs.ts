// The mail domain's durable work: the outbox's replies (sent-only-on-250, retried on a temporary failure).
import { job, type DomainJobs } from '../jobs.ts';
import { REPLY_QUEUE, type RepliesService, type ReplyJob } from './replies.service.ts';

/** Every queue that sends mail through the outbox's sender retries like this. */
export const OUTBOX_RETRY = { retryLimit: 8, retryDelaySeconds: 30 };

export function mailJobs(d: { replies: RepliesService }): DomainJobs {
  return { jobs: [job<ReplyJob>(REPLY_QUEUE, OUTBOX_RETRY, (data, run) => d.replies.deliver(data.messageRowId, run.lastAttempt), { concurrency: 2 })] };
}
