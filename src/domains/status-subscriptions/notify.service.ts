// The `status.notify` job (enqueued by the status page core when an update is published): every
// confirmed e-mail subscriber of the update's components gets it through the durable fan-out (one
// automatic list-mail send, each message with the subscriber's own RFC 8058 unsubscribe URL), and
// every confirmed webhook gets its own delivery job. All of it, and the record that this update was
// handled, commit in one transaction: a retried job finds the record and starts nothing twice.
import type { Clock } from '../context.ts';
import type { Transactor } from '../ports.ts';
import type { SendsService } from '../fanout/sends.service.ts';
import { domainOf, type PublicLinks } from '../mail/mail-identity.ts';
import { ValidationError } from '../errors.ts';
import { checkedSlugs, updateMail } from './rules.ts';
import type { StatusSubscriptionsStore } from './subscriptions.ports.ts';
import type { StatusNotification } from './subscriptions.types.ts';
import { unsubscribeToken } from './tokens.ts';
import { WEBHOOK_QUEUE, type WebhookJob } from './webhooks.service.ts';

export { STATUS_NOTIFY_QUEUE } from '../statuspage/statuspage.types.ts';

const SYSTEM = { kind: 'system' as const, userId: null, label: 'status page', roles: [] };

class AlreadyHandled extends Error {}

export class StatusNotifyService {
  readonly #store: Transactor<StatusSubscriptionsStore>;
  readonly #sends: SendsService;
  readonly #settings: { from: string; links: PublicLinks; pageName: string };

  constructor(deps: {
    store: Transactor<StatusSubscriptionsStore>;
    clock: Clock;
    sends: SendsService;
    settings: { from: string; links: PublicLinks; pageName: string };
  }) {
    this.#store = deps.store;
    this.#sends = deps.sends;
    this.#settings = deps.settings;
  }

  async notify(job: StatusNotification): Promise<void> {
    const notification = checkedNotification(job);
    const repo = this.#store.read.statusSubscriptions;
    if (await repo.notificationHandled(notification.updateId)) return;
    try {
      await this.#store.transaction(async (s) => {
        const emails = await s.statusSubscriptions.recipients('email', notification.componentSlugs);
        const webhooks = await s.statusSubscriptions.recipients('webhook', notification.componentSlugs);
        const key = await s.fanout.unsubscribeKey();
        const recipients = emails.map((r) => ({
          contact: {
            email: r.email,
            key: r.emailKey,
            domain: domainOf(r.email),
            firstName: '',
            lastName: '',
            company: '',
            audience: 'customers' as const,
            fields: {},
          },
          unsubscribeUrl: this.#settings.links.link(`/status/unsubscribe/${unsubscribeToken(key, r.id)}`),
        }));
        let sendId: string | null = null;
        if (recipients.length) {
          const mail = updateMail(notification, this.#settings.pageName);
          // Published means approved: see SendsService.queueAutomatic for why no test send comes first.
          ({ sendId } = await this.#sends.queueAutomatic(
            s,
            { actor: SYSTEM },
            { from: this.#settings.from, ...mail, recipients, approvedBy: `status update ${notification.updateId} published` },
          ));
        }
        for (const webhook of webhooks) {
          await s.jobs.send(WEBHOOK_QUEUE, { subscriberId: webhook.id, notification } satisfies WebhookJob);
        }
        if (!(await s.statusSubscriptions.markNotificationHandled(notification.updateId, sendId, recipients.length, webhooks.length)))
          throw new AlreadyHandled();
        await s.audit.append(
          { actor: SYSTEM },
          {
            action: 'status_update.subscribers_notified',
            entityType: 'status_update',
            entityId: notification.updateId,
            after: { sendId, emails: recipients.length, webhooks: webhooks.length },
          },
        );
      });
    } catch (err) {
      if (err instanceof AlreadyHandled) return;
      throw err;
    }
  }
}

/** The job comes from the core, but a malformed one must fail loudly, not mail garbage. */
function checkedNotification(job: StatusNotification): StatusNotification {
  const text = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (
    !text(job?.updateId, 200) ||
    !text(job.title, 500) ||
    !text(job.status, 100) ||
    typeof job.body !== 'string' ||
    !text(job.url, 2000) ||
    !text(job.publishedAt, 100)
  ) {
    throw Object.assign(new ValidationError('malformed status.notify job'), { permanent: true });
  }
  if (job.kind !== 'incident' && job.kind !== 'maintenance')
    throw Object.assign(new ValidationError(`unknown update kind ${String(job.kind)}`), { permanent: true });
  return { ...job, componentSlugs: checkedSlugs(Array.isArray(job.componentSlugs) ? job.componentSlugs : []) };
}
