// The durable job behind the blog webhook and the press mail (queue comms.deliver): runs after the
// send's transaction committed, retried with backoff; the outcome is recorded on the communication,
// audited and put on the incident's timeline.
import { SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { Clock } from '../context.ts';
import type { MailIdentity } from '../mail/mail-identity.ts';
import { headerSafe, sendRecorded, type CurrentSender } from '../mail/replies.service.ts';
import type { Transactor } from '../ports.ts';
import type { CommsDeliverJob } from './channel-actions.ts';
import type { BlogPublisher, CommunicationRow, CommunicationsStore } from './communications.ports.ts';
import { PublishRefused } from './communications.ports.ts';
import type { SentSnapshot } from './communications.types.ts';
import { addToTimeline } from '../incidents/timeline.ts';

interface DeliveryDeps {
  store: Transactor<CommunicationsStore>;
  clock: Clock;
  identity: MailIdentity;
  pressAddress: string | null;
  blog: BlogPublisher | null;
  sender: CurrentSender;
}

export class CommsDeliveryService {
  readonly #d: DeliveryDeps;

  constructor(deps: DeliveryDeps) {
    this.#d = deps;
  }

  /** The durable job behind the blog webhook and the press mail; retried with backoff by the queue. */
  async deliver(job: CommsDeliverJob, lastAttempt: boolean): Promise<void> {
    const read = this.#d.store.read;
    const c = await read.communications.byId(job.communicationId);
    const sent = c ? await read.communications.sent(c.id) : null;
    if (!c || !sent || !c.incidentId || c.publishState === 'published') return;
    if (job.kind === 'press_mail') return this.#mailPress(c, sent, lastAttempt);
    if (!this.#d.blog) throw new PublishRefused('the blog webhook is not configured');
    try {
      const { url } = await this.#d.blog.publish({
        communicationId: c.id,
        incidentId: c.incidentId,
        title: sent.subject,
        markdown: sent.body,
        contentHash: sent.contentHash,
        approvedBy: sent.approver,
        sentAt: sent.sentAt.toISOString(),
      });
      await this.#settle(c, 'published', url, null, `Blog post published${url ? `: ${url}` : ''}`);
    } catch (err) {
      const permanent = err instanceof PublishRefused;
      if (permanent || lastAttempt)
        await this.#settle(c, 'failed', undefined, (err as Error).message.slice(0, 500), `Blog post publish failed: ${(err as Error).message.slice(0, 200)}`);
      if (!permanent) throw err;
    }
  }

  async #mailPress(c: CommunicationRow, sent: SentSnapshot, lastAttempt: boolean): Promise<void> {
    const to = this.#d.pressAddress;
    const sender = this.#d.sender();
    if (!sender || !to) throw new PublishRefused('outgoing mail or the press address is not configured');
    const { identity } = this.#d;
    const mail = {
      from: identity.from,
      replyTo: identity.address,
      to,
      subject: headerSafe(sent.subject),
      messageId: identity.newMessageId(),
      inReplyTo: null,
      references: [],
      text: sent.body,
    };
    await sendRecorded(sender, mail, lastAttempt, (status, error) =>
      this.#settle(
        c,
        status === 'sent' ? 'published' : 'failed',
        undefined,
        error,
        status === 'sent' ? `Press statement mailed to ${to}` : `Press statement mail failed: ${error ?? ''}`,
      ),
    );
  }

  async #settle(c: CommunicationRow, state: 'published' | 'failed', url: string | null | undefined, error: string | null, summary: string): Promise<void> {
    await this.#d.store.transaction(async (s) => {
      await s.communications.setPublish(c.id, { state, ...(url !== undefined ? { url } : {}), error });
      await s.audit.append(
        { actor: SYSTEM_ACTOR },
        { action: `communication.${c.channel}_${state}`, entityType: 'communication', entityId: c.id, after: { url: url ?? null, error } },
      );
      await addToTimeline(s, c.incidentId!, { at: this.#d.clock.now(), kind: 'comms', summary: summary.slice(0, 500), actorLabel: 'secdesk' });
    });
  }
}
