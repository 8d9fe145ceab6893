// Pacing of one sending process: an overall messages-per-second limit and a per-recipient-domain
// limit (large mailbox providers throttle senders per domain). Counting windows of one second; the
// answer is how long to wait, so the engine can put a row back for later instead of blocking.
export interface ThrottleLimits {
  perSecond: number;
  perDomainPerSecond: number;
}

export class Throttle {
  readonly #limits: ThrottleLimits;
  #second = -1;
  #total = 0;
  #domains = new Map<string, number>();

  constructor(limits: ThrottleLimits) {
    this.#limits = limits;
  }

  /** Takes a slot for a message to `domain` at `nowMs`; returns 0 when allowed, else ms to wait. */
  take(domain: string, nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#total = 0;
      this.#domains.clear();
    }
    const wait = 1000 - (nowMs % 1000);
    if (this.#limits.perSecond > 0 && this.#total >= this.#limits.perSecond) return wait;
    const used = this.#domains.get(domain) ?? 0;
    if (this.#limits.perDomainPerSecond > 0 && used >= this.#limits.perDomainPerSecond) return wait;
    this.#total++;
    this.#domains.set(domain, used + 1);
    return 0;
  }
}
