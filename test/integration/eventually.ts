/** Condition waits for the integration suites: a real condition, a timeout, and what was awaited in the failure. */

/**
 * Calls `check` every 50 ms until it returns a truthy value, and resolves with it; rejects with
 * "timed out waiting for <what>" after `timeoutMs`. An error thrown by `check` fails at once.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
