/**
 * Reads of stored files that tell "there is no such file" from "the file could not be read": taking
 * a failed read for an empty one would let the next write replace what is still on disk.
 */
import { readFile } from 'node:fs/promises';

/** How often a failed read is tried again, and how it waits in between (tests wait for nothing). */
export interface ReadRetry {
  /** Milliseconds before each further attempt; a read that still fails after the last one is thrown. */
  readonly delays: readonly number[];
  readonly wait: (ms: number) => Promise<void>;
}

/** A busy disk, an antivirus scan or a network drive's hiccup is usually over within a fraction of a second. */
export const READ_RETRY: ReadRetry = {
  delays: [50, 250],
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** The file's text, or undefined when it does not exist; any other failure is tried again, then thrown. */
export async function readTextIfExists(path: string, retry: ReadRetry = READ_RETRY): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      if (isMissing(err)) return undefined;
      if (attempt >= retry.delays.length) throw err;
      await retry.wait(retry.delays[attempt]);
    }
  }
}
