/**
 * The editor tool's `view` command: a file as `cat -n` lines, a directory as a two-level listing.
 * The content is for Claude (English); the summary is the reply's line for the person (translated).
 */
import * as l10n from '@vscode/l10n';
import type { EditorInput, ToolOutcome } from './toolTypes';
import type { ResolvedPath, WorkspaceFiles } from './workspaceFiles';
import { numberLine, splitLines } from './editorText';

/** How deep a directory view lists, as the model was trained to expect. */
export const LIST_DEPTH = 2;
/** A line cut to fit max_characters keeps at least this much, even when the cap is smaller than the header. */
const MIN_CUT = 80;

/** Runs `view` on a resolved path; `maxCharacters` caps the text returned (a note says how to see the rest). */
export async function viewPath(path: ResolvedPath, input: EditorInput, files: WorkspaceFiles, maxCharacters?: number): Promise<ToolOutcome> {
  const p = path.display;
  const failed = (content: string): ToolOutcome => ({ kind: 'result', isError: true, content, summary: l10n.t('Could not read {0}', p) });
  const cap = maxCharacters !== undefined && maxCharacters > 0 ? maxCharacters : Infinity;
  const stat = await files.stat(path);
  if (!stat) return failed(`The path ${p} does not exist. View its parent directory to see what is there.`); // not localized: sent to Claude

  if (stat.kind === 'directory') {
    // not localized: sent to Claude
    if (input.view_range !== undefined) return failed(`view_range only applies to files, and ${p} is a directory. Leave view_range out to list it.`);
    const root = p === '' || p === '.';
    const label = root ? '.' : p.replace(/\/$/, '');
    // Adapters may end a long listing with a "… (N more)" line, which is not a path.
    const entries = (await files.list(path, LIST_DEPTH)).map((entry) => (root || entry.startsWith('…') ? entry : `${label}/${entry}`));
    const summary = l10n.t('Listed {0}', `${label}/`);
    // not localized: sent to Claude
    if (entries.length === 0) return { kind: 'result', isError: false, content: `The directory ${label} is empty (hidden items excluded).`, summary };
    const header = `Files and folders up to ${LIST_DEPTH} levels deep in ${label}, hidden items excluded:`; // not localized: sent to Claude
    const shown = fitLines(header, entries, cap);
    let content = [header, ...shown].join('\n');
    if (shown.length < entries.length) {
      // not localized: sent to Claude
      content += `\n[Output truncated at ${cap} characters: ${shown.length} of ${entries.length} entries shown. View a subdirectory to see the rest.]`;
    }
    return { kind: 'result', isError: false, content, summary };
  }

  const read = await files.readText(path);
  if ('error' in read) return failed(read.error);
  const lines = splitLines(read.text);
  const total = lines.length;
  // not localized: the content is sent to Claude
  if (total === 0) return { kind: 'result', isError: false, content: `The file ${p} is empty.`, summary: l10n.t('Read {0}', p) };

  const range = parseRange(input.view_range, total);
  if (typeof range === 'string') return failed(range);
  const [from, to] = range ?? [1, total];
  const size = `${total} line${total === 1 ? '' : 's'}`;
  const header =
    range === undefined
      ? `Here is ${p} (${size}), numbered like cat -n:` // not localized: sent to Claude
      : `Here are lines ${from} to ${to} of ${p} (${size}), numbered like cat -n:`; // not localized: sent to Claude
  const numbered = lines.slice(from - 1, to).map((line, i) => numberLine(line, from + i));
  let shown = fitLines(header, numbered, cap);
  let cut = false;
  if (shown.length === 0) {
    // A line longer than the cap on its own: show its start rather than nothing at all.
    shown = [cutLine(numbered[0], Math.max(MIN_CUT, cap - header.length - 1))];
    cut = shown[0].length < numbered[0].length;
  }
  const last = from + shown.length - 1;
  const lineSpan = from === last ? `line ${from}` : `lines ${from} to ${last}`; // not localized: sent to Claude
  let note = '';
  if (cut || last < to) {
    const end = Array.isArray(input.view_range) ? input.view_range[1] : -1;
    note =
      `\n[Output truncated at ${cap} characters${cut ? ` (line ${from} is longer than that and was cut)` : ''}: ` + // not localized: sent to Claude
      (last < to ? `showed ${lineSpan}. Use view_range [${last + 1}, ${end}] to see the rest.]` : 'nothing else follows.]'); // not localized: sent to Claude
  }
  const summary = range === undefined && note === '' ? l10n.t('Read {0}', p) : from === last ? l10n.t('Read {0}, line {1}', p, from) : l10n.t('Read {0}, lines {1}–{2}', p, from, last);
  return { kind: 'result', isError: false, content: [header, ...shown].join('\n') + note, summary };
}

/** The first `length` characters of a line, not ending in half a surrogate pair. */
function cutLine(line: string, length: number): string {
  const cut = line.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** `[start, end]` checked against the file, or the error naming the valid range; undefined for the whole file. */
function parseRange(value: unknown, total: number): readonly [number, number] | string | undefined {
  if (value === undefined || value === null) return undefined;
  const usage = 'view_range must be [start, end] with 1-based line numbers, end -1 for the end of the file'; // not localized: sent to Claude
  if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => Number.isInteger(n))) {
    return `Invalid view_range ${JSON.stringify(value)}: ${usage}.`; // not localized: sent to Claude
  }
  const [start, end] = value as [number, number];
  const shown = `Invalid view_range [${start}, ${end}]: the file has ${total} line${total === 1 ? '' : 's'}`; // not localized: sent to Claude
  if (start < 1 || start > total) return `${shown}; start must be between 1 and ${total}.`; // not localized: sent to Claude
  if (end === -1) return [start, total];
  if (end < start || end > total) return `${shown}; end must be between ${start} and ${total}, or -1 for the end of the file.`; // not localized: sent to Claude
  return [start, end];
}

/** The leading lines that fit in `cap` characters together with the header (joined by line breaks). */
function fitLines(header: string, lines: readonly string[], cap: number): string[] {
  let used = header.length;
  const fitting: string[] = [];
  for (const line of lines) {
    used += 1 + line.length;
    if (used > cap) break;
    fitting.push(line);
  }
  return fitting;
}
