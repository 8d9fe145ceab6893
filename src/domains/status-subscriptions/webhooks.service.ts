// Webhook subscriptions, as public status products do them (Atlassian Statuspage: anyone may add a
// webhook and gives an e-mail address for notices): registration is public, but a webhook receives
// nothing until the owner address confirms by mail (double opt-in, as for e-mail subscribers), so
// nobody can point our deliveries at a third party's endpoint in someone else's name. The signing
// secret is shown once, in the registration answer. URLs resolving to private, loopback, link-local
// or metadata addresses are refused at registration and again at every delivery (the poster
// connects only to the address it checked). One durable job per (update, webhook) retries with
// exponential backoff; after SECDESK_WEBHOOK_MAX_FAILURES consecutive failures the webhook is
// disabled with the reason, and an admin can re-enable it.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { checkedEmail, checkedSlugs, checkedWebhookUrl, limitPerAddress } from './rules.ts';
import type { StatusSubscriptionsStore, WebhookPoster } from './subscriptions.ports.ts';
import { CONFIRMATION_MAIL_QUEUE, WEBHOOK_DISABLED_MAIL_QUEUE, type StatusConfirmationJob, type WebhookDisabledJob } from './subscriptions.service.ts';
import type { StatusNotification, Subscriber, WebhookInput } from './subscriptions.types.ts';
import { newWebhookSecret, signatureHeader } from './tokens.ts';

export const WEBHOOK_QUEUE = 'status.webhook';
export const SIGNATURE_HEADER = 'x-secdesk-signature';

export interface WebhookJob {
  subscriberId: string;
  notification: StatusNotification;
}

export interface WebhookSettings {
  maxFailures: number;
  perAddressPerHour: number;
  page: { name: string; url: string };
}

const SYSTEM = { kind: 'system' as const, userId: null, label: 'status webhooks', roles: [] };

export class StatusWebhooksService {
  readonly #store: Transactor<StatusSubscriptionsStore>;
  readonly #clock: Clock;
  readonly #poster: WebhookPoster;
  readonly #settings: WebhookSettings;

  constructor(deps: { store: Transactor<StatusSubscriptionsStore>; clock: Clock; poster: WebhookPoster; settings: WebhookSettings }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#poster = deps.poster;
    this.#settings = deps.settings;
  }

  /** Public. Returns the signing secret, shown this once; deliveries start after the owner confirms by mail. */
  async register(ctx: ActionContext, input: WebhookInput): Promise<{ id: string; secret: string }> {
    const url = checkedWebhookUrl(input.url);
    const { email, key } = checkedEmail(input.email);
    const slugs = checkedSlugs(input.componentSlugs);
    await limitPerAddress(this.#store.read.statusSubscriptions, key, this.#clock.now(), this.#settings.perAddressPerHour);
    await this.#poster.check(url.href);
    const secret = newWebhookSecret();
    const id = await this.#store.transaction(async (s) => {
      const webhookId = await s.statusSubscriptions.insert({
        kind: 'webhook',
        email,
        emailKey: key,
        url: url.href,
        secret,
        componentSlugs: slugs,
        createdIp: ctx.ip ?? null,
      });
      await s.jobs.send(CONFIRMATION_MAIL_QUEUE, { statusConfirmation: { subscriberId: webhookId } } satisfies StatusConfirmationJob);
      await s.audit.append(ctx, {
        action: 'status_webhook.registered',
        entityType: 'status_subscriber',
        entityId: webhookId,
        after: { url: url.origin + url.pathname, components: slugs },
      });
      return webhookId;
    });
    return { id, secret };
  }

  /** The `status.webhook` job: one signed POST (X-Secdesk-Update-Id lets a receiver drop a retried duplicate); a failure retries (pg-boss backoff) until the webhook is disabled. */
  async deliver(job: WebhookJob): Promise<void> {
    const webhook = await this.#store.read.statusSubscriptions.webhookForDelivery(job.subscriberId);
    if (webhook?.state !== 'confirmed' || !webhook.url || !webhook.secret) return;
    const body = JSON.stringify({ ...job.notification, page: this.#settings.page });
    const signature = signatureHeader(webhook.secret, body, Math.floor(this.#clock.now().getTime() / 1000));
    try {
      await this.#poster.post(webhook.url, body, {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signature,
        'x-secdesk-update-id': job.notification.updateId,
        'user-agent': 'secdesk-status-webhook/1',
      });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const failures = await this.#store.read.statusSubscriptions.recordFailure(webhook.id, reason);
      if (failures < this.#settings.maxFailures) throw err;
      await this.#disable(webhook.id, `disabled after ${failures} consecutive failed deliveries; last: ${reason}`);
      return;
    }
    await this.#store.read.statusSubscriptions.recordSuccess(webhook.id);
  }

  async #disable(id: string, reason: string): Promise<void> {
    await this.#store.transaction(async (s) => {
      if (!(await s.statusSubscriptions.setState(id, ['confirmed'], 'disabled', reason))) return;
      await s.jobs.send(WEBHOOK_DISABLED_MAIL_QUEUE, { statusWebhookDisabled: { subscriberId: id } } satisfies WebhookDisabledJob);
      await s.audit.append({ actor: SYSTEM }, { action: 'status_webhook.disabled', entityType: 'status_subscriber', entityId: id, after: { reason } });
    });
  }

  async reenable(ctx: ActionContext, id: string): Promise<Subscriber> {
    authorize(ctx.actor, 'comms.send');
    const webhook = await this.#store.read.statusSubscriptions.byId(id);
    if (webhook?.kind !== 'webhook') throw new NotFoundError('webhook');
    if (webhook.state !== 'disabled') throw new ConflictError(`the webhook is ${webhook.state}, not disabled`);
    await this.#store.transaction(async (s) => {
      if (!(await s.statusSubscriptions.setState(id, ['disabled'], 'confirmed', null))) throw new ConflictError('the webhook changed meanwhile; reload');
      await s.audit.append(ctx, {
        action: 'status_webhook.reenabled',
        entityType: 'status_subscriber',
        entityId: id,
        before: { reason: webhook.disabledReason },
      });
    });
    return (await this.#store.read.statusSubscriptions.byId(id))!;
  }
}
