// E-mail subscriptions to the status page, with double opt-in: subscribing records a pending
// subscriber and queues a confirmation mail on the outbox (status.confirmation-mail); the link in it opens a page
// whose button confirms (a GET never changes anything: mail scanners follow links). The answer to a
// subscribe request is the same whether the address was new, pending or already confirmed.
// Unsubscribing takes one POST (RFC 8058). Admins list, count and remove subscribers.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { checkedEmail, checkedSlugs, limitPerAddress } from './rules.ts';
import type { ConfirmationMailer, StatusSubscriptionsStore } from './subscriptions.ports.ts';
import type { Subscriber, SubscriberCounts, SubscriberKind, SubscribeInput } from './subscriptions.types.ts';
import { CONFIRM_TOKEN, hashToken, newConfirmToken, unsubscribeToken, verifyUnsubscribeToken } from './tokens.ts';
import type { PublicLinks } from '../mail/mail-identity.ts';

/** A subscriber's confirmation mail (the outbox's sender). */
export const CONFIRMATION_MAIL_QUEUE = 'status.confirmation-mail';
/** A webhook owner's notice that it was disabled (the outbox's sender). */
export const WEBHOOK_DISABLED_MAIL_QUEUE = 'status.webhook-disabled-mail';

/** Queued on CONFIRMATION_MAIL_QUEUE: the token is made when the mail is sent, so it is never stored in the clear. */
export interface StatusConfirmationJob {
  statusConfirmation: { subscriberId: string };
}

/** Queued on WEBHOOK_DISABLED_MAIL_QUEUE when a webhook was disabled: its owner hears why (as Statuspage's failure notices do). */
export interface WebhookDisabledJob {
  statusWebhookDisabled: { subscriberId: string };
}

export interface SubscriptionSettings {
  /** The confirmation and unsubscribe links. */
  links: PublicLinks;
  pageName: string;
  confirmHours: number;
  perAddressPerHour: number;
}

export class StatusSubscriptionsService {
  readonly #store: Transactor<StatusSubscriptionsStore>;
  readonly #clock: Clock;
  /** The mailer through the relay in force now (null: no relay). */
  readonly #mailer: () => ConfirmationMailer | null;
  readonly #settings: SubscriptionSettings;

  constructor(deps: { store: Transactor<StatusSubscriptionsStore>; clock: Clock; mailer: () => ConfirmationMailer | null; settings: SubscriptionSettings }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#mailer = deps.mailer;
    this.#settings = deps.settings;
  }

  /** Public. Same outcome for a new, pending or confirmed address: nothing tells them apart. */
  async subscribe(ctx: ActionContext, input: SubscribeInput): Promise<void> {
    if (!this.#mailer())
      throw new ValidationError(
        'e-mail subscriptions are not available: outgoing mail is not configured (set the outgoing mail relay, SMTP_URL, in Admin → Setup)',
      );
    const { email, key } = checkedEmail(input.email);
    const slugs = checkedSlugs(input.componentSlugs);
    await limitPerAddress(this.#store.read.statusSubscriptions, key, this.#clock.now(), this.#settings.perAddressPerHour);
    await this.#store.transaction(async (s) => {
      const existing = await s.statusSubscriptions.emailSubscriber(key);
      if (existing?.state === 'confirmed' || existing?.state === 'disabled') return;
      let id = existing?.id;
      if (!id)
        id = await s.statusSubscriptions.insert({
          kind: 'email',
          email,
          emailKey: key,
          url: null,
          secret: null,
          componentSlugs: slugs,
          createdIp: ctx.ip ?? null,
        });
      // Until it is confirmed, the latest request decides the components.
      else await s.statusSubscriptions.reopen(id, slugs);
      await s.jobs.send(CONFIRMATION_MAIL_QUEUE, { statusConfirmation: { subscriberId: id } } satisfies StatusConfirmationJob);
      await s.audit.append(ctx, {
        action: 'status_subscriber.subscribe_requested',
        entityType: 'status_subscriber',
        entityId: id,
        after: { components: slugs },
      });
    });
  }

  /** The outbox job: a fresh token (its hash stored, expiring) and the mail with the confirmation link. */
  async deliverConfirmation(job: StatusConfirmationJob['statusConfirmation'], lastAttempt: boolean): Promise<void> {
    const subscriber = await this.#store.read.statusSubscriptions.byId(job.subscriberId);
    const mailer = this.#mailer();
    if (subscriber?.state !== 'pending' || !mailer) return;
    const { token, hash } = newConfirmToken();
    await this.#store.read.statusSubscriptions.setConfirmToken(
      subscriber.id,
      hash,
      new Date(this.#clock.now().getTime() + this.#settings.confirmHours * 3600_000),
    );
    const link = this.#settings.links.link(`/status/subscriptions/confirm/${token}`);
    const what = subscriber.kind === 'webhook' ? `deliveries of status updates to the webhook ${subscriber.url}` : 'status updates by e-mail';
    await mailer.send(
      {
        to: subscriber.email,
        subject: `Confirm your subscription to ${this.#settings.pageName} status updates`,
        text: [
          `Someone (hopefully you) asked for ${what} from the ${this.#settings.pageName} status page.`,
          '',
          `To confirm, open this link and press the button (it works for ${this.#settings.confirmHours} hours):`,
          link,
          '',
          'If you did not ask for this, ignore this message: nothing will be sent to you.',
          '',
        ].join('\n'),
      },
      lastAttempt,
    );
  }

  /** The outbox job telling a webhook's owner that it was disabled, and why. */
  async deliverDisabledNotice(job: WebhookDisabledJob['statusWebhookDisabled'], lastAttempt: boolean): Promise<void> {
    const webhook = await this.#store.read.statusSubscriptions.byId(job.subscriberId);
    const mailer = this.#mailer();
    if (webhook?.state !== 'disabled' || !mailer) return;
    await mailer.send(
      {
        to: webhook.email,
        subject: `Your ${this.#settings.pageName} status webhook was disabled`,
        text: [
          `The webhook ${webhook.url ?? ''} no longer receives status updates from the ${this.#settings.pageName} status page.`,
          '',
          `Reason: ${webhook.disabledReason ?? 'repeated failed deliveries'}`,
          '',
          'Once the endpoint answers again, ask the status page team to re-enable it, or register it anew.',
          '',
        ].join('\n'),
      },
      lastAttempt,
    );
  }

  /** For the page behind the link: what the button will confirm (nothing changes). */
  async checkConfirmToken(token: string): Promise<Subscriber> {
    const subscriber = await this.#byToken(token);
    if (subscriber.state !== 'pending') return subscriber;
    if (!subscriber.confirmExpiresAt || subscriber.confirmExpiresAt <= this.#clock.now())
      throw new ValidationError('this confirmation link has expired; subscribe again');
    return subscriber;
  }

  async confirm(ctx: ActionContext, token: string): Promise<Subscriber> {
    const subscriber = await this.checkConfirmToken(token);
    await this.#store.transaction(async (s) => {
      if (!(await s.statusSubscriptions.confirm(subscriber.id, this.#clock.now()))) return;
      await s.audit.append(ctx, {
        action: 'status_subscriber.confirmed',
        entityType: 'status_subscriber',
        entityId: subscriber.id,
        after: { kind: subscriber.kind },
      });
    });
    return (await this.#store.read.statusSubscriptions.byId(subscriber.id))!;
  }

  async #byToken(token: string) {
    if (!CONFIRM_TOKEN.test(token)) throw new NotFoundError('confirmation link');
    const subscriber = await this.#store.read.statusSubscriptions.byConfirmToken(hashToken(token));
    if (!subscriber) throw new NotFoundError('confirmation link');
    return subscriber;
  }

  async unsubscribeUrl(subscriberId: string): Promise<string> {
    return this.#settings.links.link(`/status/unsubscribe/${unsubscribeToken(await this.#store.read.fanout.unsubscribeKey(), subscriberId)}`);
  }

  async checkUnsubscribeToken(token: string): Promise<void> {
    if (!verifyUnsubscribeToken(await this.#store.read.fanout.unsubscribeKey(), token)) throw new NotFoundError('unsubscribe link');
  }

  /** RFC 8058 one-click: idempotent, a second click is as good as the first. */
  async unsubscribe(ctx: ActionContext, token: string): Promise<void> {
    const id = verifyUnsubscribeToken(await this.#store.read.fanout.unsubscribeKey(), token);
    if (!id) throw new NotFoundError('unsubscribe link');
    await this.#store.transaction(async (s) => {
      if (!(await s.statusSubscriptions.setState(id, ['pending', 'confirmed', 'disabled'], 'unsubscribed', null))) return;
      await s.audit.append(ctx, { action: 'status_subscriber.unsubscribed', entityType: 'status_subscriber', entityId: id });
    });
  }

  async list(ctx: ActionContext, kind: SubscriberKind): Promise<Subscriber[]> {
    authorize(ctx.actor, 'comms.send');
    return this.#store.read.statusSubscriptions.list(kind, 1000);
  }

  async counts(ctx: ActionContext): Promise<SubscriberCounts[]> {
    authorize(ctx.actor, 'comms.send');
    return this.#store.read.statusSubscriptions.counts();
  }

  async remove(ctx: ActionContext, id: string): Promise<void> {
    authorize(ctx.actor, 'comms.send');
    await this.#store.transaction(async (s) => {
      const subscriber = await s.statusSubscriptions.byId(id);
      if (!subscriber || !(await s.statusSubscriptions.delete(id))) throw new NotFoundError('subscriber');
      await s.audit.append(ctx, {
        action: 'status_subscriber.removed',
        entityType: 'status_subscriber',
        entityId: id,
        before: { kind: subscriber.kind, email: subscriber.email, state: subscriber.state },
      });
    });
  }
}
