// Tests wait for outcomes, never for fixed times: one polling loop, with a generous bound.

/** Polls `check` until it returns a value other than undefined; fails after `withinMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, withinMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > withinMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `probe` until it returns something truthy; fails after `timeoutMs`. */
export function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  return waitFor(async () => (await probe()) || undefined, what, timeoutMs);
}
