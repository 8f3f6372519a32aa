/** Pure string helpers of the editor tool: line endings, lines, `cat -n` numbering, matches and minimal ranges. */

/** A line ending the tool writes. */
export type LineEnding = '\n' | '\r\n';

/** True when the text has line breaks and every one of them is `\r\n`. */
export function isUniformCrlf(text: string): boolean {
  const lf = countOf(text, '\n');
  return lf > 0 && countOf(text, '\r\n') === lf;
}

/** The line ending new lines should get: `\r\n` when most of the file's line breaks are `\r\n`. */
export function lineEndingOf(text: string): LineEnding {
  const lf = countOf(text, '\n');
  const crlf = countOf(text, '\r\n');
  return crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
}

/** Every `\r\n` as `\n`. */
export function toLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Every `\n` as `eol`. */
export function fromLf(text: string, eol: LineEnding): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** The file's lines without their line endings; a final line ending does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `cat -n` style: the 1-based number right-aligned to 6 columns, a tab, the line. */
export function numberLine(line: string, lineNumber: number): string {
  return `${String(lineNumber).padStart(6)}\t${line}`;
}

/** Numbers `lines` starting at `firstNumber`, one per output line. */
export function numberLines(lines: readonly string[], firstNumber: number): string {
  return lines.map((line, i) => numberLine(line, firstNumber + i)).join('\n');
}

/** Every offset where `needle` starts, overlapping matches included (they make old_str just as ambiguous). */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** The 1-based line number of the line holding `offset`. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** Offset where line `lineNumber` + 1 starts (1-based; 0 is the top); undefined past the last line break. */
export function offsetAfterLine(text: string, lineNumber: number): number | undefined {
  let offset = 0;
  for (let i = 0; i < lineNumber; i++) {
    const at = text.indexOf('\n', offset);
    if (at === -1) return undefined;
    offset = at + 1;
  }
  return offset;
}

/**
 * A numbered excerpt of `text` from `firstLine - context` to `lastLine + context`, clamped to the
 * file, so the model can check the lines it just changed.
 */
export function snippetAround(text: string, firstLine: number, lastLine: number, context = 4): string {
  const lines = splitLines(text);
  if (lines.length === 0) return '(the file is now empty)'; // not localized: sent to Claude
  const from = Math.max(1, firstLine - context);
  const to = Math.min(lines.length, Math.max(lastLine, firstLine) + context);
  return numberLines(lines.slice(from - 1, to), from);
}

/** The smallest range of `before` to replace to get `after`, in string offsets of `before`. */
export interface MinimalChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Common prefix and suffix removed, never splitting a surrogate pair or a `\r\n`. */
export function minimalChange(before: string, after: string): MinimalChange {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && (splitsPair(before, prefix) || splitsPair(after, prefix))) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  while (suffix > 0 && (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix))) suffix--;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** True when an offset falls inside a unit the editor treats as one: a surrogate pair or `\r\n`. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) || (prev === 13 && next === 10);
}

/**
 * Where old_str would match if indentation, runs of spaces and tabs, and line endings were ignored:
 * the 1-based line it would start at, or undefined. Only used to make the "did not appear" error helpful.
 */
export function looseMatchLine(text: string, oldStr: string): number | undefined {
  const wanted = toLf(oldStr).split('\n').map(loosen);
  while (wanted.length > 1 && wanted[wanted.length - 1] === '') wanted.pop();
  while (wanted.length > 1 && wanted[0] === '') wanted.shift();
  if (wanted.every((line) => line === '')) return undefined;
  const lines = toLf(text).split('\n').map(loosen);
  for (let i = 0; i + wanted.length <= lines.length; i++) {
    if (wanted.every((w, j) => matchesLoosely(lines[i + j], w, j, wanted.length))) return i + 1;
  }
  return undefined;
}

function loosen(line: string): string {
  return line.replace(/[ \t]+/g, ' ').trim();
}

/** The first wanted line may start mid-line and the last may end mid-line, as old_str often does. */
function matchesLoosely(line: string, wanted: string, index: number, count: number): boolean {
  if (count === 1) return line.includes(wanted);
  if (index === 0) return line.endsWith(wanted);
  if (index === count - 1) return line.startsWith(wanted);
  return line === wanted;
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}
