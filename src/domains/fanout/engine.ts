// The fan-out engine: the `fanout.run` job claims recipients of a running send in batches and sends
// one message each through the relay's pooled connections.
//
// Exactly once (README, "Exactly once"). Per row: claim (state 'sending', with a lease) → SMTP
// transaction open up to the final dot → `committed_at` stored → dot written → once the dot is in the
// kernel's send buffer, a line in this host's ended log and then `ended_at` → the relay's 250 marks it
// 'sent'. A killed process's rows are recovered when their lease expires, by evidence:
// - no `committed_at`: the dot was never written, the relay discarded the half transaction → pending.
// - `ended_at` or an ended-log line: the kernel had the dot and sends it after the process dies → sent
//   ("unconfirmed").
// - `committed_at` without either: the process died between the database committing and the ended
//   log (a fraction of a millisecond per batch). Over plain SMTP nothing
//   tells us whether the relay got that dot: standard relays can't be asked whether they hold a
//   Message-ID, and storing a marker before or after the write only moves the gap between two
//   systems. Guessing either way is wrong: "sent" skips someone, "pending" may send a second copy.
//   So these rows become 'ambiguous': never re-sent automatically, counted in progress, listed with
//   their Message-ID, and re-sent (same Message-ID, so receivers can collapse a copy) only by an
//   audited operator action (SendsService.resendAmbiguous).
// The window is kept small: the relay adapter holds each message and its dot corked in this process
// and writes them to the kernel in one call when the commit's answer arrives (nothing awaited in
// between); the host's ended log is appended synchronously right after, `ended_at` a round trip later.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../context.ts';
import type { Transactor } from '../ports.ts';
import { RelayError, type EndedLog, type FanoutRelay, type FanoutStore, type RelayTransaction } from './fanout.ports.ts';
import type { Delivery, Send } from './fanout.types.ts';
import { personalise } from './personalise.ts';
import { FANOUT_RESUME_QUEUE, FANOUT_RUN_QUEUE, unsubscribeToken, type FanoutJob } from './sends.service.ts';
import { Throttle, type ThrottleLimits } from './throttle.ts';
import type { PublicLinks } from '../mail/mail-identity.ts';

export interface EngineSettings extends ThrottleLimits {
  leaseSeconds: number;
  /** First retry delay after a temporary failure; doubles per attempt. */
  retrySeconds: number;
  maxAttempts: number;
  /** How long a send stays paused when the relay cannot be reached before it resumes by itself. */
  relayDownPauseSeconds: number;
  /** A job hands over to a fresh one after this long, so long sends share the workers. */
  sliceSeconds: number;
  /** For the unsubscribe link of list mail. */
  links: PublicLinks;
}

export const RELAY_DOWN = 'relay unavailable';
const RUNNING_CHECK_MS = 1000;

export class FanoutEngine {
  readonly #store: Transactor<FanoutStore>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #relay: () => FanoutRelay | null;
  readonly #settings: EngineSettings;
  readonly #throttle: Throttle;
  readonly #closeRelay: () => Promise<void>;
  readonly #endedLog: EndedLog;

  constructor(deps: {
    store: Transactor<FanoutStore>;
    clock: Clock;
    logger: Logger;
    relay: () => FanoutRelay | null;
    closeRelay: () => Promise<void>;
    endedLog: EndedLog;
    settings: EngineSettings;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#relay = deps.relay;
    this.#settings = deps.settings;
    this.#throttle = new Throttle(deps.settings);
    this.#closeRelay = deps.closeRelay;
    this.#endedLog = deps.endedLog;
  }

  /** Closes the relay's idle connections (at shutdown, after the workers stopped). */
  close(): Promise<void> {
    this.#endedLog.close();
    return this.#closeRelay();
  }

  /** At start-up: every running send gets a run job (a crashed process's job would only expire later). */
  async resumeRunning(): Promise<void> {
    for (const sendId of await this.#store.read.fanout.runningSends()) {
      await this.#store.read.jobs.send(FANOUT_RUN_QUEUE, { sendId } satisfies FanoutJob, { singletonKey: sendId });
    }
  }

  /** The `fanout.resume` job: a send paused because the relay was down runs again. */
  async resumeAfterOutage(job: FanoutJob): Promise<void> {
    const send = await this.#store.read.fanout.sendById(job.sendId);
    if (send?.status !== 'paused' || !send.pauseReason?.startsWith(RELAY_DOWN)) return;
    await this.#store.transaction(async (s) => {
      if (!(await s.fanout.setStatus(send.id, ['paused'], 'running', null, {}))) return;
      await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: send.id } satisfies FanoutJob);
      await s.audit.append({ actor: SYSTEM }, { action: 'send.resumed', entityType: 'send', entityId: send.id, after: { reason: 'relay retry' } });
    });
  }

  /** The `fanout.run` job. */
  async run(job: FanoutJob): Promise<void> {
    const fanout = this.#store.read.fanout;
    const send = await fanout.sendById(job.sendId);
    if (send?.status !== 'running') return this.#stopped(send);
    const relay = this.#relay();
    if (!relay) throw new Error('outgoing mail is not configured: set the outgoing mail relay (SMTP_URL) in Admin → Setup');
    await this.#applyEndedLog(send.id);
    const recovered = await fanout.recoverExpired(send.id, this.#clock.now());
    if (recovered.released || recovered.unconfirmed || recovered.ambiguous) {
      this.#logger.warn({ sendId: send.id, ...recovered }, 'fan-out: recovered expired claims');
      await this.#store.transaction((s) =>
        s.audit.append({ actor: SYSTEM }, { action: 'send.recovered', entityType: 'send', entityId: send.id, after: recovered }),
      );
    }
    const key = await fanout.unsubscribeKey();
    const sliceEnds = Date.now() + this.#settings.sliceSeconds * 1000;
    let checked = Date.now();
    while (Date.now() < sliceEnds) {
      if (Date.now() - checked > RUNNING_CHECK_MS) {
        checked = Date.now();
        const current = await fanout.sendById(send.id);
        if (current?.status !== 'running') return this.#stopped(current);
      }
      const now = this.#clock.now();
      const claimId = randomUUID();
      const batch = await fanout.claim(send.id, claimId, relay.connections, now, new Date(now.getTime() + this.#settings.leaseSeconds * 1000));
      if (!batch.length) return this.#idle(send);
      const outcome = await this.#sendBatch(send, relay, key, claimId, batch);
      if (outcome === 'relay-down') return;
    }
    await this.#store.read.jobs.send(FANOUT_RUN_QUEUE, { sendId: send.id } satisfies FanoutJob, { singletonKey: send.id });
  }

  /** A cancelled send sends nothing more: this host's ended log for it can go. */
  async #stopped(send: Send | null): Promise<void> {
    if (send?.status === 'cancelled') await this.#endedLog.remove(send.id);
  }

  /** Before recovery: dead claims' rows whose dots this host's ended log saw leaving get their `ended_at`. */
  async #applyEndedLog(sendId: string): Promise<void> {
    const fanout = this.#store.read.fanout;
    const unended = await fanout.unendedExpired(sendId, this.#clock.now());
    if (!unended.length) return;
    const logged = await this.#endedLog.read(sendId);
    const byClaim = new Map<string, number[]>();
    for (const { seq, claimId } of unended) {
      if (logged.get(claimId)?.has(seq)) byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), seq]);
    }
    for (const [claimId, seqs] of byClaim) await fanout.markEnded(sendId, claimId, seqs, this.#clock.now());
  }

  /** Nothing to claim now: finish, or come back when a retry falls due or another claim expires. */
  async #idle(send: Send): Promise<void> {
    const wake = await this.#store.read.fanout.nextWake(send.id);
    if (wake) {
      await this.#store.read.jobs.send(FANOUT_RUN_QUEUE, { sendId: send.id } satisfies FanoutJob, {
        singletonKey: send.id,
        startAfter: new Date(Math.max(wake.getTime(), this.#clock.now().getTime()) + 200),
      });
      return;
    }
    await this.#store.transaction(async (s) => {
      if (!(await s.fanout.setStatus(send.id, ['running'], 'done', null, { finishedAt: this.#clock.now() }))) return;
      await s.audit.append(
        { actor: SYSTEM },
        { action: 'send.finished', entityType: 'send', entityId: send.id, after: await s.fanout.progress(send.id, this.#clock.now()) },
      );
    });
    await this.#endedLog.remove(send.id);
  }

  async #sendBatch(send: Send, relay: FanoutRelay, key: string, claimId: string, batch: Delivery[]): Promise<'ok' | 'relay-down'> {
    const fanout = this.#store.read.fanout;
    const nowMs = Date.now();
    const throttled = new Map<number, number>();
    const allowed = batch.filter((d) => {
      const wait = this.#throttle.take(d.domain, nowMs);
      if (wait) throttled.set(d.seq, wait);
      return wait === 0;
    });
    if (throttled.size) await fanout.release(send.id, claimId, [...throttled.keys()], new Date(nowMs + Math.max(...throttled.values())), null, false);
    if (!allowed.length) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(...throttled.values())));
      return 'ok';
    }
    const open = allowed.map((d) => ({ d, tx: relay.begin(this.#mail(send, key, d)) }));
    const readiness = await Promise.allSettled(open.map((o) => o.tx.ready));
    const ready = open.filter((_o, i) => readiness[i]!.status === 'fulfilled');
    const refused = open.map((o, i) => ({ ...o, result: readiness[i]! })).filter((o) => o.result.status === 'rejected');
    // The only step that makes a message deliverable: record it, then release the dots in the same tick.
    let committed: Set<number>;
    try {
      committed = new Set(
        await fanout.markCommitted(
          send.id,
          claimId,
          ready.map((o) => o.d.seq),
          this.#clock.now(),
        ),
      );
    } catch (err) {
      for (const o of ready) o.tx.abort(); // never recorded: the held dots must not leave
      throw err;
    }
    for (const o of ready) committed.has(o.d.seq) ? o.tx.commit() : o.tx.abort();
    const recordEnded = this.#recordEnded(
      send.id,
      claimId,
      ready.filter((o) => committed.has(o.d.seq)),
    );
    const answers = await Promise.allSettled(ready.map((o) => o.tx.accepted));
    await recordEnded;
    const accepted = ready.filter((o, i) => committed.has(o.d.seq) && answers[i]!.status === 'fulfilled').map((o) => o.d.seq);
    await fanout.markSent(send.id, claimId, accepted, this.#clock.now());
    const failures = [
      ...refused.map((o) => ({ d: o.d, err: (o.result as PromiseRejectedResult).reason })),
      ...ready
        .map((o, i) => ({ d: o.d, answer: answers[i]! }))
        .filter((o) => committed.has(o.d.seq) && o.answer.status === 'rejected')
        .map((o) => ({ d: o.d, err: (o.answer as PromiseRejectedResult).reason })),
    ];
    if (failures.length && failures.length === allowed.length && failures.every((f) => kindOf(f.err) === 'unavailable')) {
      await this.#pauseForOutage(
        send,
        claimId,
        allowed.map((d) => d.seq),
        errorText(failures[0]!.err),
      );
      return 'relay-down';
    }
    for (const { d, err } of failures) await this.#settleFailure(send.id, claimId, d, err);
    return 'ok';
  }

  /** Stores `ended_at` for the messages whose final dot reached the kernel: after a crash they count as sent. */
  async #recordEnded(sendId: string, claimId: string, going: { d: Delivery; tx: RelayTransaction }[]): Promise<void> {
    const ended = await Promise.allSettled(going.map((o) => o.tx.ended));
    const seqs = going.filter((_o, i) => ended[i]!.status === 'fulfilled').map((o) => o.d.seq);
    this.#endedLog.record(sendId, claimId, seqs);
    await this.#store.read.fanout.markEnded(sendId, claimId, seqs, this.#clock.now());
  }

  async #settleFailure(sendId: string, claimId: string, d: Delivery, err: unknown): Promise<void> {
    const fanout = this.#store.read.fanout;
    const text = errorText(err);
    if (kindOf(err) === 'permanent' || d.attempts >= this.#settings.maxAttempts) {
      await fanout.markFailed(sendId, claimId, d.seq, kindOf(err) === 'permanent' ? text : `gave up after ${d.attempts} attempts: ${text}`);
      return;
    }
    const delay = this.#settings.retrySeconds * 1000 * 2 ** (d.attempts - 1);
    await fanout.release(sendId, claimId, [d.seq], new Date(this.#clock.now().getTime() + delay), text, true);
  }

  async #pauseForOutage(send: Send, claimId: string, seqs: number[], reason: string): Promise<void> {
    const fanout = this.#store.read.fanout;
    await fanout.release(send.id, claimId, seqs, this.#clock.now(), `${RELAY_DOWN}: ${reason}`, false);
    await this.#store.transaction(async (s) => {
      if (!(await s.fanout.setStatus(send.id, ['running'], 'paused', `${RELAY_DOWN}: ${reason}`.slice(0, 500), {}))) return;
      await s.jobs.send(FANOUT_RESUME_QUEUE, { sendId: send.id } satisfies FanoutJob, {
        startAfter: new Date(this.#clock.now().getTime() + this.#settings.relayDownPauseSeconds * 1000),
      });
      await s.audit.append(
        { actor: SYSTEM },
        { action: 'send.paused', entityType: 'send', entityId: send.id, after: { reason: `${RELAY_DOWN}: ${reason}`.slice(0, 500) } },
      );
    });
    this.#logger.warn({ sendId: send.id, reason }, 'fan-out: relay unavailable, send paused');
  }

  #mail(send: Send, key: string, d: Delivery) {
    const unsubscribeUrl = d.unsubscribeUrl ?? this.#settings.links.link(`/api/unsubscribe/${unsubscribeToken(key, send.id, d.seq)}`);
    // The list's own columns first: the fixed names are reserved at import, and win regardless.
    const values = { ...d.fields, first_name: d.firstName, last_name: d.lastName, company: d.company, email: d.email, unsubscribe_url: unsubscribeUrl };
    return {
      from: send.from,
      to: d.email,
      subject: personalise(send.subject, values).replace(/[\r\n]+/g, ' '),
      text: personalise(send.body, values),
      messageId: d.messageId,
      unsubscribeUrl: send.listMail ? unsubscribeUrl : null,
    };
  }
}

const SYSTEM = { kind: 'system' as const, userId: null, label: 'fan-out', roles: [] };

function kindOf(err: unknown): RelayError['kind'] {
  return err instanceof RelayError ? err.kind : 'temporary';
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

export type { RelayTransaction };
