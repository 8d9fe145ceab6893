// Private status pages' durable work: a visitor's sign-in link mail.
import { job, type DomainJobs } from '../jobs.ts';
import { OUTBOX_RETRY } from '../mail/mail.jobs.ts';
import { PRIVATE_LINK_MAIL_QUEUE, type PrivateLinkMailJob } from './private-pages.types.ts';
import type { PrivateVisitorsService } from './private-visitors.service.ts';

export function statusPrivateJobs(d: { privateVisitors: PrivateVisitorsService }): DomainJobs {
  return {
    jobs: [
      job<PrivateLinkMailJob>(PRIVATE_LINK_MAIL_QUEUE, OUTBOX_RETRY, (data, run) => d.privateVisitors.deliverLink(data.statusPrivateLink, run.lastAttempt)),
    ],
  };
}
