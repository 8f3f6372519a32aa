/**
 * What the editor reports (its diagnostics) as the `problems` tool and checked edits tell Claude:
 * the interface a host implements over its diagnostics, and the `path:line:col severity message
 * [source code]` lines. Information and hints are left out: they are suggestions, not faults, and
 * would crowd out the errors within the cap.
 */
import * as l10n from '@vscode/l10n';
import type { Problem } from '../context/problems';
import { formatNumber } from '../l10n/format';
import type { ResolvedPath } from './workspaceFiles';

/** The problems of one file, by the path people and Claude see (like ResolvedPath.display). */
export interface FileProblems {
  readonly path: string;
  readonly problems: readonly Problem[];
}

/** One file's problems, and whether the editor has reported on it at all. */
export interface FileCheck {
  readonly problems: readonly Problem[];
  /** False when the file had to be opened and no report came within the time limit. */
  readonly reported: boolean;
  /** How long a report was awaited, when the file had to be opened. */
  readonly waitedMs?: number;
}

/** A file's diagnostics watched from just before an edit is written. */
export interface EditCheck {
  /** The errors once the editor re-checked the file after the edit; undefined when it did not report within a short time. */
  errors(): Promise<readonly Problem[] | undefined>;
  dispose(): void;
}

/** The editor's diagnostics, errors and warnings only (implemented over VS Code in src/host/tools/editorDiagnostics.ts). */
export interface Diagnostics {
  /** One file's problems; a file the editor has not checked (not open) is opened in the background and its first report awaited, bounded. */
  ofFile(path: ResolvedPath): Promise<FileCheck>;
  /** The problems of every workspace file the editor has checked, by display path. */
  all(): Promise<readonly FileProblems[]>;
  /** Starts watching a file before an edit to it is written. */
  watchEdit(path: ResolvedPath): EditCheck;
}

/** Most problem lines an answer holds; the rest are counted. */
export const MAX_PROBLEM_LINES = 100;
/** A message longer than this is cut (a type error can quote whole types). */
const MAX_MESSAGE = 400;

/** `path:line:col severity message [source code]`, on one line. */
export function problemLine(path: string, p: Problem): string {
  const flat = p.message.replace(/\s*\n\s*/g, ' ').trim();
  const message = flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
  const origin = [p.source, p.code].filter(Boolean).join(' ');
  return `${path}:${p.line}:${p.column} ${p.severity} ${message}${origin ? ` [${origin}]` : ''}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning"; "" when there are none (for Claude: English). */
export function countLabel(errors: number, warnings: number): string {
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

/** countLabel for the person, in the display language. */
export function countShown(errors: number, warnings: number): string {
  const e = errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', formatNumber(errors));
  const w = warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', formatNumber(warnings));
  if (errors && warnings) return l10n.t({ message: '{0}, {1}', args: [e, w], comment: ['Problem counts: a number of errors, then a number of warnings'] });
  return errors ? e : warnings ? w : '';
}

export interface ProblemList {
  readonly lines: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Every problem as a line, errors before warnings (so the cap keeps the errors), then by path,
 * line and column; past `max` lines, one "… N more" line says what was left out.
 */
export function problemList(files: readonly FileProblems[], max = MAX_PROBLEM_LINES): ProblemList {
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  const all = files
    .flatMap((f) => f.problems.map((problem) => ({ path: f.path, problem })))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || compare(a.path, b.path) || a.problem.line - b.problem.line || a.problem.column - b.problem.column);
  const errors = all.filter((x) => x.problem.severity === 'error').length;
  const shown = all.slice(0, max);
  const lines = shown.map((x) => problemLine(x.path, x.problem));
  if (all.length > shown.length) {
    const left = all.slice(shown.length);
    const leftErrors = left.filter((x) => x.problem.severity === 'error').length;
    // not localized: sent to Claude
    lines.push(`… ${left.length} more (${countLabel(leftErrors, left.length - leftErrors)}) not shown; ask for one file or folder with path to see its problems.`);
  }
  return { lines, errors, warnings: all.length - errors };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a checked edit's tool_result adds: the errors the editor reports in the file now; "" when it reports none (or did not re-check in time). */
export function editCheckNote(path: string, errors: readonly Problem[] | undefined): string {
  if (!errors?.length) return '';
  const list = problemList([{ path, problems: errors }]);
  // not localized: sent to Claude
  return `\n\nThe editor now reports ${plural(list.errors, 'error')} in ${path}:\n${list.lines.join('\n')}`;
}

/** Resolves with `work`, or with undefined once `signal` aborts (Stop): a wait for the editor never holds a stopped reply. */
export function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}
