/** A real read failure without root-proof permissions: a folder stands where the file was. */
import { mkdirSync, renameSync, rmdirSync } from 'node:fs';
import type { ReadRetry } from '../../src/host/readTextIfExists';

/** Reading `path` fails (EISDIR) until the returned function puts the file back as it was. */
export function makeUnreadable(path: string): () => void {
  renameSync(path, `${path}.aside`);
  mkdirSync(path);
  return () => {
    rmdirSync(path);
    renameSync(`${path}.aside`, path);
  };
}

/** Tries twice more at once: a read that still fails is thrown without the test waiting. */
export const RETRY_AT_ONCE: ReadRetry = { delays: [0, 0], wait: async () => undefined };

/** A retry whose wait is when the disk recovers: the first read fails, the second finds the file. */
export function recoveringAfterFirstTry(recover: () => void): ReadRetry & { readonly waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    delays: [0, 0],
    wait: async (ms) => {
      waits.push(ms);
      if (waits.length === 1) recover();
    },
  };
}
