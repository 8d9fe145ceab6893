// Back-off after repeated failed sign-ins: the 5th consecutive failure locks the account for a
// minute, and each further failure doubles the lock, up to an hour. A success resets it.
export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

export function lockDurationMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (consecutiveFailures - FAILURES_BEFORE_LOCK));
}

export function lockedFor(lockedUntil: Date | null, now: Date): number {
  return lockedUntil && lockedUntil > now ? Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) : 0;
}
