import type { Actor } from '../authz/authorize.ts';

/** Who asks, and from where: passed to every use case so it can authorize and audit. */
export interface ActionContext {
  actor: Actor;
  requestId?: string | undefined;
  ip?: string | undefined;
}

/** The time source; tests substitute a controllable one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
