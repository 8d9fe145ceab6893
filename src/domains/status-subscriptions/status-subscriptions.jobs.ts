// Status page subscriptions' durable work: one notification per published update, each webhook's
// delivery, and the mails of subscribers and webhook owners.
import { job, type DomainJobs } from '../jobs.ts';
import { OUTBOX_RETRY } from '../mail/mail.jobs.ts';
import { STATUS_NOTIFY_QUEUE } from '../statuspage/statuspage.types.ts';
import type { StatusNotifyService } from './notify.service.ts';
import {
  CONFIRMATION_MAIL_QUEUE,
  WEBHOOK_DISABLED_MAIL_QUEUE,
  type StatusConfirmationJob,
  type StatusSubscriptionsService,
  type WebhookDisabledJob,
} from './subscriptions.service.ts';
import type { StatusNotification } from './subscriptions.types.ts';
import { WEBHOOK_QUEUE, type StatusWebhooksService, type WebhookJob } from './webhooks.service.ts';

export function statusSubscriptionsJobs(d: {
  statusSubscriptions: StatusSubscriptionsService;
  statusWebhooks: StatusWebhooksService;
  statusNotify: StatusNotifyService;
  webhookRetry: { retryLimit: number; retryDelaySeconds: number };
}): DomainJobs {
  return {
    jobs: [
      // Published status updates for the subscribers (email and webhooks): one job per update.
      job<StatusNotification>(STATUS_NOTIFY_QUEUE, { retryLimit: 8, retryDelaySeconds: 10 }, (data) => d.statusNotify.notify(data), {
        pollingIntervalSeconds: 1,
      }),
      job<WebhookJob>(WEBHOOK_QUEUE, d.webhookRetry, (data) => d.statusWebhooks.deliver(data), { concurrency: 4, pollingIntervalSeconds: 1 }),
      job<StatusConfirmationJob>(CONFIRMATION_MAIL_QUEUE, OUTBOX_RETRY, (data, run) =>
        d.statusSubscriptions.deliverConfirmation(data.statusConfirmation, run.lastAttempt),
      ),
      job<WebhookDisabledJob>(WEBHOOK_DISABLED_MAIL_QUEUE, OUTBOX_RETRY, (data, run) =>
        d.statusSubscriptions.deliverDisabledNotice(data.statusWebhookDisabled, run.lastAttempt),
      ),
    ],
  };
}
