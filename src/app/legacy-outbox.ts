// Until each kind of mail had its own queue, every mail job went on `mail.send` and its worker told the
// kinds apart by their payload's key. Jobs a previous version left there are moved, as they are, onto
// their kind's queue (same payload), so none is lost across the upgrade; nothing new is queued here.
import { job, type DomainJobs } from '../domains/jobs.ts';
import type { JobSender } from '../domains/ports.ts';
import { OUTBOX_RETRY } from '../domains/mail/mail.jobs.ts';
import { REPLY_QUEUE } from '../domains/mail/replies.service.ts';
import { NOTIFICATION_MAIL_QUEUE } from '../domains/notifications/notifier.ts';
import { STAKEHOLDER_MAIL_QUEUE } from '../domains/chat/incident-channel.ts';
import { CONFIRMATION_MAIL_QUEUE, WEBHOOK_DISABLED_MAIL_QUEUE } from '../domains/status-subscriptions/subscriptions.service.ts';
import { PRIVATE_LINK_MAIL_QUEUE } from '../domains/status-private/private-pages.types.ts';

export const LEGACY_OUTBOX_QUEUE = 'mail.send';

/** The old payload's key → the queue of its kind. */
const KIND_QUEUES: Record<string, string> = {
  messageRowId: REPLY_QUEUE,
  notificationId: NOTIFICATION_MAIL_QUEUE,
  stakeholderMail: STAKEHOLDER_MAIL_QUEUE,
  statusConfirmation: CONFIRMATION_MAIL_QUEUE,
  statusWebhookDisabled: WEBHOOK_DISABLED_MAIL_QUEUE,
  statusPrivateLink: PRIVATE_LINK_MAIL_QUEUE,
};

/** Every queue whose worker sends mail through the outbox's sender. */
export const OUTBOX_QUEUES: readonly string[] = Object.values(KIND_QUEUES);

export function legacyOutboxJobs(jobs: JobSender): DomainJobs {
  const move = async (data: object) => {
    const queue = Object.keys(data)
      .map((key) => KIND_QUEUES[key])
      .find((q) => q !== undefined);
    if (!queue) throw Object.assign(new Error(`a mail.send job of no known kind (${Object.keys(data).join(', ')})`), { permanent: true });
    await jobs.send(queue, data);
  };
  return { jobs: [job<object>(LEGACY_OUTBOX_QUEUE, OUTBOX_RETRY, move)] };
}
