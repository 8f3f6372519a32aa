/** Review decisions the turn loop waits for: Accept or Reject on a card, or Stop. */

import type { Decision } from '../tools/agentTool';

export type { Decision };

export class Approvals {
  private readonly waiting = new Map<string, (decision: Decision) => void>();

  /** Waits for the card's decision; resolves `stopped` as soon as `signal` aborts. */
  wait(cardId: string, signal: AbortSignal): Promise<Decision> {
    if (signal.aborted) return Promise.resolve('stopped');
    return new Promise((resolve) => {
      const done = (decision: Decision) => {
        this.waiting.delete(cardId);
        signal.removeEventListener('abort', onAbort);
        resolve(decision);
      };
      const onAbort = () => done('stopped');
      signal.addEventListener('abort', onAbort);
      this.waiting.set(cardId, done);
    });
  }

  /** Applies a decision from the UI; false when the card is not waiting (already decided, or stopped). */
  decide(cardId: string, accept: boolean): boolean {
    const resolve = this.waiting.get(cardId);
    if (!resolve) return false;
    resolve(accept ? 'accept' : 'reject');
    return true;
  }

  isWaiting(cardId: string): boolean {
    return this.waiting.has(cardId);
  }
}
