// The notifications domain's durable work: a notification's mail.
import { job, type DomainJobs } from '../jobs.ts';
import { OUTBOX_RETRY } from '../mail/mail.jobs.ts';
import type { NotificationsService } from './notifications.service.ts';
import { NOTIFICATION_MAIL_QUEUE, type NotificationMailJob } from './notifier.ts';

export function notificationsJobs(d: { notifications: NotificationsService }): DomainJobs {
  return {
    jobs: [
      job<NotificationMailJob>(NOTIFICATION_MAIL_QUEUE, OUTBOX_RETRY, (data, run) => d.notifications.deliverMail(data.notificationId, run.lastAttempt), {
        concurrency: 2,
      }),
    ],
  };
}
