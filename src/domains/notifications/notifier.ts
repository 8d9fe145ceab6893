// Notifies people: one in-app notification each (at most once per key), and a mail through the
// outbox (the notifications.mail job) when outgoing mail is configured. Runs inside the caller's transaction.
import type { JobSender } from '../ports.ts';
import type { PublicLinks } from '../mail/mail-identity.ts';
import type { NotificationsRepository } from './notifications.ports.ts';
import type { NewNotification } from './notifications.types.ts';

/** A notification's mail, sent through the outbox's sender. */
export const NOTIFICATION_MAIL_QUEUE = 'notifications.mail';

export interface NotificationMailJob {
  notificationId: string;
}

export class Notifier {
  readonly #mail: () => boolean;
  readonly #links: PublicLinks | null;

  /** `links`: needed when notifications are mailed, whose links must be absolute. */
  /** `mailEnabled`: whether outgoing mail is configured now (a setting may change it without a restart). */
  constructor(deps: { mailEnabled: () => boolean; links?: PublicLinks }) {
    this.#mail = deps.mailEnabled;
    this.#links = deps.links ?? null;
  }

  /** A link to a page of secdesk for a notification's body: absolute (it may be mailed). */
  link(path: string): string {
    return this.#links ? this.#links.link(path) : path;
  }

  /** Returns how many people were newly notified. */
  async notify(
    s: { notifications: NotificationsRepository; jobs: JobSender },
    userIds: readonly string[],
    notification: Omit<NewNotification, 'userId' | 'mailQueued'>,
  ): Promise<number> {
    let created = 0;
    const mail = this.#mail();
    for (const userId of new Set(userIds)) {
      const id = await s.notifications.insert({ ...notification, userId, mailQueued: mail });
      if (!id) continue;
      created++;
      if (mail) await s.jobs.send(NOTIFICATION_MAIL_QUEUE, { notificationId: id } satisfies NotificationMailJob);
    }
    return created;
  }
}
