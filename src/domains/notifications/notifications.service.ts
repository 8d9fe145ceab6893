// A person's own notifications: list, mark read; and the mail job that delivers one.
import type { ActionContext, Clock } from '../context.ts';
import { AuthenticationError, NotFoundError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { MailIdentity } from '../mail/mail-identity.ts';
import { headerSafe, sendRecorded, type CurrentSender } from '../mail/replies.service.ts';
import type { NotificationsRepository } from './notifications.ports.ts';
import type { Notification } from './notifications.types.ts';

const SHOWN = 50;

function userOf(ctx: ActionContext): string {
  // Notifications belong to a person; secdesk itself has none.
  if (!ctx.actor.userId) throw new AuthenticationError('notifications belong to a signed-in user');
  return ctx.actor.userId;
}

export class NotificationsService {
  readonly #store: Transactor<{ notifications: NotificationsRepository }>;
  readonly #clock: Clock;
  readonly #sender: CurrentSender;
  readonly #identity: MailIdentity;

  constructor(deps: { store: Transactor<{ notifications: NotificationsRepository }>; clock: Clock; sender: CurrentSender; identity: MailIdentity }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#sender = deps.sender;
    this.#identity = deps.identity;
  }

  async mine(ctx: ActionContext): Promise<{ items: Notification[]; unread: number }> {
    const userId = userOf(ctx);
    const [items, unread] = await Promise.all([this.#store.read.notifications.listForUser(userId, SHOWN), this.#store.read.notifications.unreadCount(userId)]);
    return { items, unread };
  }

  async markRead(ctx: ActionContext, id: string): Promise<void> {
    if (!(await this.#store.read.notifications.markRead(userOf(ctx), id, this.#clock.now()))) throw new NotFoundError('notification');
  }

  async markAllRead(ctx: ActionContext): Promise<{ marked: number }> {
    return { marked: await this.#store.read.notifications.markAllRead(userOf(ctx), this.#clock.now()) };
  }

  /** The mail job for one notification (queue notifications.mail). */
  async deliverMail(notificationId: string, lastAttempt: boolean): Promise<void> {
    const mail = await this.#store.read.notifications.forMail(notificationId);
    if (mail?.mailStatus !== 'queued') return; // settled already: never twice
    const sender = this.#sender();
    if (!sender) throw new Error('outgoing mail is not configured');
    await sendRecorded(
      sender,
      {
        from: this.#identity.from,
        replyTo: this.#identity.address,
        to: mail.to,
        subject: headerSafe(`[secdesk] ${mail.title}`),
        messageId: this.#identity.newMessageId(),
        inReplyTo: null,
        references: [],
        text: mail.body,
        automatic: true,
      },
      lastAttempt,
      (status, error) => this.#store.read.notifications.markMail(notificationId, status, error),
    );
  }
}
