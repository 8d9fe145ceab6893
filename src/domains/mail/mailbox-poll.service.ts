// Taking mail in from a mailbox secdesk polls (IMAP). Each message goes through the same intake as
// every other channel, with its (mailbox, UIDVALIDITY, UID) as source key, so taking it again after
// a crash files nothing twice; the mailbox's mark advances only after a message is committed, so a
// crash never skips one. The mailbox itself is never changed.
import type { ActionContext } from '../context.ts';
import type { Transactor } from '../ports.ts';
import { INTAKE_ACTOR, type IntakeResult, type MailIntakeService } from './intake.service.ts';
import type { MailStore } from './mail.ports.ts';
import { imapSourceKey, nextUids, planPoll } from './mailbox-cursor.ts';

export const IMAP_POLL_QUEUE = 'mail.imap-poll';

export interface RemoteMessage {
  raw: Buffer;
  /** Set when the message was not taken whole (e.g. over the size limit), with the reason. */
  warning: string | null;
}

/** One open, read-only session on a mailbox. */
export interface MailboxSession {
  uidValidity: number;
  /** UIDs at or above `uid` (a server may also answer with the highest UID below it). */
  uidsFrom(uid: number): Promise<number[]>;
  /** The message, or null when it was expunged meanwhile. */
  take(uid: number): Promise<RemoteMessage | null>;
}

export interface RemoteMailbox {
  /** Names the account and mailbox (never a secret); keys its mark and its messages' sources. */
  key: string;
  /** Opens a session, runs `work`, and always closes it. */
  session<T>(work: (session: MailboxSession) => Promise<T>): Promise<T>;
}

export interface PollResult {
  taken: IntakeResult[];
  gone: number;
  /** More messages wait beyond this batch. */
  more: boolean;
  reset: boolean;
}

export class MailboxPollService {
  readonly #store: Transactor<MailStore>;
  readonly #intake: MailIntakeService;

  constructor(deps: { store: Transactor<MailStore>; intake: MailIntakeService }) {
    this.#store = deps.store;
    this.#intake = deps.intake;
  }

  /** Takes in up to `batchSize` new messages, oldest first; `onTaken` hears of each one once it is committed. */
  async poll(mailbox: RemoteMailbox, batchSize: number, onTaken?: (uid: number, result: IntakeResult | null) => void): Promise<PollResult> {
    return mailbox.session(async (session) => {
      const { uidValidity } = session;
      const mark = await this.#store.read.mailboxMarks.get(mailbox.key);
      const plan = planPoll(mark, uidValidity);
      if (plan.reset) await this.#recordReset(mailbox.key, mark!.uidValidity, uidValidity);
      const { uids, more } = nextUids(await session.uidsFrom(plan.fromUid), plan.fromUid, batchSize);
      const result: PollResult = { taken: [], gone: 0, more, reset: plan.reset };
      for (const uid of uids) {
        const message = await session.take(uid);
        const taken = message
          ? await this.#intake.receive(message.raw, 'imap', { source: { key: imapSourceKey(mailbox.key, uidValidity, uid), warning: message.warning } })
          : null;
        if (taken) result.taken.push(taken);
        else result.gone += 1;
        onTaken?.(uid, taken);
        await this.#store.read.mailboxMarks.set(mailbox.key, { uidValidity, lastUid: uid });
      }
      return result;
    });
  }

  async #recordReset(mailbox: string, before: number, after: number): Promise<void> {
    const ctx: ActionContext = { actor: INTAKE_ACTOR };
    await this.#store.transaction(async (s) => {
      await s.mailboxMarks.set(mailbox, { uidValidity: after, lastUid: 0 });
      await s.audit.append(ctx, {
        action: 'mail.mailbox_renumbered',
        entityType: 'mailbox',
        entityId: mailbox,
        before: { uidValidity: before },
        after: { uidValidity: after },
      });
    });
  }
}
