/** When to retry a failed reply by itself, and how long to wait first. */
import type { ClassifiedError } from './errors';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Waits `ms`, or less when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

export class RetryPolicy {
  constructor(
    /** Attempts in all, the first included. */
    readonly maxAttempts = 4,
    private readonly baseDelayMs = 1000,
    private readonly maxDelayMs = 16_000,
    /** A retry-after longer than this is left to the user (the message says how long). */
    private readonly maxRetryAfterMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Milliseconds to wait before attempt `attempt + 1`, or undefined to give up. Rate limits,
   * overloads and server errors are retried; a reply that broke off after text arrived is retried
   * only when the API said it was overloaded (a dropped connection keeps its partial text).
   */
  delayFor(error: ClassifiedError, attempt: number, partial: boolean): number | undefined {
    if (!error.transient || attempt >= this.maxAttempts) return undefined;
    if (partial && error.kind !== 'overloaded') return undefined;
    if (error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    const backoff = Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs);
    return Math.round(backoff * (0.75 + this.random() * 0.25));
  }
}
