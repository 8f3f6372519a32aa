/** Files, edits and statistics shared by the edit bench's Node part (edits.ts) and its extension-host part (host/editBench.ts). */
import type { CodeActionTimes } from './host/codeActionBench';
import type { EditorInput } from '../../src/core/tools/toolTypes';

export const EDIT_FILE_LINES = 10_000;
export const VIEW_FILE_BYTES = 5 * 1024 * 1024;
export const EDIT_RUNS = 30;
export const VIEW_RUNS = 20;
/** Accept → saved, at p95, for a str_replace in a 10,000-line file. */
export const ACCEPT_TARGET_MS = 100;

const helper = (k: number) => [
  `/** Helper ${k}: derives a value from its input. */`,
  `export function helper${k}(input: number): number {`,
  `  const base = input + ${k};`,
  `  return base * ${(k % 7) + 1};`,
  '}',
  '',
];

const STATE_A = '  const scaled = value * 2;\n  return scaled + 1;';
const STATE_B = '  const scaled = value * 3;\n  return scaled - 1;';

/** A TypeScript file of `lines` lines with the edited function in the middle. */
export function editFile(lines: number): string {
  const out: string[] = [];
  let k = 0;
  while (out.length < lines / 2) out.push(...helper(k++));
  out.push('export function benchTarget(value: number): number {', ...STATE_A.split('\n'), '}', '');
  while (out.length + helper(k).length <= lines) out.push(...helper(k++));
  while (out.length < lines) out.push('// end');
  return out.join('\n') + '\n';
}

/** Source-like text of at least `bytes` bytes (ASCII, so characters = bytes). */
export function viewFile(bytes: number): string {
  const out: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const block = helper(k).join('\n') + '\n';
    out.push(block);
    size += block.length;
  }
  return out.join('');
}

/** The str_replace to run on the n-th edit: the two alternate, so every edit changes the file. */
export function strReplace(path: string, n: number): EditorInput {
  const [from, to] = n % 2 === 0 ? [STATE_A, STATE_B] : [STATE_B, STATE_A];
  return { command: 'str_replace', path, old_str: from, new_str: to };
}

/** A view's text: all of it, and the part before the truncation note (what max_characters caps). */
export interface ViewSize {
  readonly total: number;
  readonly capped: number;
  readonly truncated: boolean;
}

export function viewSize(content: string): ViewSize {
  const note = content.lastIndexOf('\n[Output truncated');
  return { total: content.length, capped: note === -1 ? content.length : note, truncated: note !== -1 };
}

export interface Stats {
  readonly median: number;
  readonly p95: number;
}

/** Median and nearest-rank 95th percentile. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p95: at(0.95) };
}

/** ms per accept (recheckEdit + writeEdit, until saved), and until the extension host saw the buffer change. */
export interface AcceptTimes {
  readonly total: number[];
  readonly applied: number[];
}

/** What the extension-host part writes to the file named by BENCH_RESULTS_ENV. */
export interface HostResults {
  readonly error?: string;
  readonly editFile?: { readonly lines: number; readonly bytes: number };
  /** Accepts with the document loaded but not shown in an editor, and with the file open in an editor. */
  readonly accept?: { readonly notOpen: AcceptTimes; readonly open: AcceptTimes };
  /** ms per fs.writeFile of the whole edited file, in the same process. */
  readonly writeFile?: number[];
  readonly viewFile?: { readonly bytes: number };
  /** ms per view of a 5 MB file VS Code has not loaded yet. */
  readonly viewCold?: number[];
  /** ms per view of the same file, its document already loaded. */
  readonly viewWarm?: number[];
  readonly viewReturned?: ViewSize;
  readonly codeActions?: CodeActionTimes;
}

export const BENCH_RESULTS_ENV = 'CLAUDE_CHAT_BENCH_RESULTS';
