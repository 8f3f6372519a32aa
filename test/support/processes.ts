/** Waits on real processes in the tests: whether one still runs, polled with a deadline. */
import { readFileSync } from 'node:fs';
import { eventually } from './eventually';

/** True when `pid` no longer runs: gone, or a zombie no one has reaped yet (it runs nothing). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Waits for `check` (polled every 20 ms) to hold, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  await eventually(check, what, timeoutMs, 20);
}
