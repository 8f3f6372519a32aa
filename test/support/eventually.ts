/** The one condition wait of the tests: a real condition, a timeout, and what was awaited in the failure. */

/**
 * Calls `check` every `pollMs` until it returns a truthy value, and resolves with it; rejects with
 * "timed out waiting for <what>" after `timeoutMs`. An error thrown by `check` fails at once.
 */
export async function eventually<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
