/** The generated workspace and the results shared by the search bench's Node part (search.ts) and its extension-host part (host/searchBench.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEARCH_FILES = 20_000;
const FILES_PER_FOLDER = 100;
/** Every this-many-th file holds a line the bench's pattern finds. */
const NEEDLE_EVERY = 40;
export const SEARCH_PATTERN = 'needle_\\d+\\(';
export const SEARCH_RUNS = 20;
export const SEARCH_WARMUP = 3;
/** The extension's time per grep iteration may be at most this many times raw rg's, plus SEARCH_SLACK_MS. */
export const SEARCH_TARGET_FACTOR = 1.5;
export const SEARCH_SLACK_MS = 20;
export const SEARCH_RESULTS_ENV = 'CLAUDE_CHAT_SEARCH_BENCH_RESULTS';
/** A file of the generated workspace that a `view` reads, and the target of a view iteration. */
export const VIEW_PATH = 'src/d000/f00000.ts';
export const VIEW_TARGET_MS = 20;

/** Source-like text: about 40 lines, 1.2 KB. */
function fileText(k: number): string {
  const lines = [`// module ${k}`, `import { helper${k % 97} } from './helpers';`, ''];
  for (let f = 0; f < 6; f++) lines.push(`export function fn${k}_${f}(value: number): number {`, `  const base = value + ${f};`, `  return helper${k % 97}(base) * ${f + 1};`, '}', '');
  if (k % NEEDLE_EVERY === 0) lines.push(`export const found${k} = needle_${k}(42);`);
  return lines.join('\n') + '\n';
}

/** Writes SEARCH_FILES files under `root` (src/dNNN/fNNNNN.ts); returns how many lines the pattern matches. */
export function writeSearchWorkspace(root: string): number {
  let needles = 0;
  for (let k = 0; k < SEARCH_FILES; k++) {
    const dir = join(root, 'src', `d${String(Math.floor(k / FILES_PER_FOLDER)).padStart(3, '0')}`);
    if (k % FILES_PER_FOLDER === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${String(k).padStart(5, '0')}.ts`), fileText(k));
    if (k % NEEDLE_EVERY === 0) needles++;
  }
  return needles;
}

/** What the extension-host part writes to the file named by SEARCH_RESULTS_ENV. */
export interface SearchHostResults {
  readonly error?: string;
  /** ms from the end of the reply holding the grep tool_use to the arrival of the request with its result. */
  readonly iteration?: number[];
  /** ms for raw rg over the same files, spawn to exit, output read. */
  readonly rg?: number[];
  readonly ripgrep?: string;
  /** ms from the end of the reply holding a `view` tool_use to the arrival of the request with its result. */
  readonly viewIteration?: number[];
  /** The matching lines the tool counted, and the lines raw rg printed. */
  readonly toolTotal?: number;
  readonly rgLines?: number;
}
