/** Computes the edits of `str_replace`, `insert` and `create` against a file's current text; writes nothing. */
import type { EditCommand, EditorInput, ProposedEdit } from './toolTypes';
import type { ResolvedPath } from './workspaceFiles';
import {
  fromLf,
  isUniformCrlf,
  lineEndingOf,
  lineNumberAt,
  looseMatchLine,
  occurrences,
  offsetAfterLine,
  snippetAround,
  splitLines,
  toLf,
} from './editorText';

/** What is at an edit's path now. */
export type CurrentFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'directory' }
  /** A file that cannot be edited as text (binary, too large): the adapter's reason. */
  | { readonly kind: 'unreadable'; readonly error: string }
  | { readonly kind: 'file'; readonly text: string; readonly version: number };

/** An edit command's parameters, checked. */
export type EditParams =
  | { readonly command: 'str_replace'; readonly oldStr: string; readonly newStr: string }
  | { readonly command: 'insert'; readonly line: number; readonly text: string }
  | { readonly command: 'create'; readonly text: string };

/** An edit ready for review, or why it cannot be made. */
export type Proposal = { readonly ok: true; readonly edit: ProposedEdit } | { readonly ok: false; readonly error: string };

const REVIEW = 'Review the change and make sure it is as expected; edit the file again if it is not.'; // not localized: sent to Claude

/** Checks an edit command's parameters (the path is checked by the caller); a string is the error for the model. */
export function parseEditParams(command: EditCommand, input: EditorInput): EditParams | string {
  switch (command) {
    case 'str_replace': {
      const usage = 'str_replace needs path, old_str (the exact text to replace, which must appear exactly once) and new_str.'; // not localized: sent to Claude
      if (input.old_str === undefined) return `Missing parameter old_str: ${usage}`; // not localized: sent to Claude
      if (typeof input.old_str !== 'string') return `Parameter old_str must be a string: ${usage}`; // not localized: sent to Claude
      if (input.old_str === '') return 'old_str is empty: give the exact text to replace, with enough surrounding lines to make it unique.'; // not localized: sent to Claude
      if (input.new_str !== undefined && typeof input.new_str !== 'string') {
        return 'Parameter new_str must be a string (an empty string, or leaving it out, deletes old_str).'; // not localized: sent to Claude
      }
      return { command, oldStr: input.old_str, newStr: input.new_str ?? '' };
    }
    case 'insert': {
      const usage = 'insert needs path, insert_line (the line to insert after, 0 for the top) and insert_text.'; // not localized: sent to Claude
      const text = input.insert_text ?? input.new_str;
      if (input.insert_line === undefined) return `Missing parameter insert_line: ${usage}`; // not localized: sent to Claude
      const line = typeof input.insert_line === 'string' && /^\d+$/.test(input.insert_line) ? Number(input.insert_line) : input.insert_line;
      if (typeof line !== 'number' || !Number.isInteger(line)) return `Parameter insert_line must be a whole number: ${usage}`; // not localized: sent to Claude
      if (text === undefined) return `Missing parameter insert_text: ${usage}`; // not localized: sent to Claude
      if (typeof text !== 'string') return `Parameter insert_text must be a string: ${usage}`; // not localized: sent to Claude
      return { command, line, text };
    }
    case 'create': {
      const usage = 'create needs path and file_text (the whole content of the file).'; // not localized: sent to Claude
      if (input.file_text === undefined) return `Missing parameter file_text: ${usage}`; // not localized: sent to Claude
      if (typeof input.file_text !== 'string') return `Parameter file_text must be a string: ${usage}`; // not localized: sent to Claude
      return { command, text: input.file_text };
    }
  }
}

/** The edit `input` asks for against `current`, or the error the model gets (nothing is written either way). */
export function proposeEdit(id: string, command: EditCommand, path: ResolvedPath, input: EditorInput, current: CurrentFile): Proposal {
  const params = parseEditParams(command, input);
  if (typeof params === 'string') return { ok: false, error: params };
  const p = path.display;
  if (current.kind === 'unreadable') return { ok: false, error: current.error };
  if (current.kind === 'directory') {
    return { ok: false, error: `${p} is a directory; ${command} needs the path of a file.` }; // not localized: sent to Claude
  }
  const edit = (before: string | undefined, after: string, version: number | undefined, resultText: string): Proposal => ({
    ok: true,
    edit: { id, command, path, input, before, after, version, resultText },
  });

  if (params.command === 'create') {
    if (current.kind === 'missing') return edit(undefined, params.text, undefined, `The file ${p} has been created (${lineCount(params.text)}).`); // not localized: sent to Claude
    // Keep a CRLF file CRLF: the model writes \n, and the review would otherwise show every line changed.
    const after = isUniformCrlf(current.text) ? fromLf(toLf(params.text), '\r\n') : params.text;
    return edit(current.text, after, current.version, `The file ${p} existed and has been overwritten with the new content (${lineCount(after)}).`); // not localized: sent to Claude
  }
  if (current.kind === 'missing') {
    return { ok: false, error: `The file ${p} does not exist. Use the create command to create a new file.` }; // not localized: sent to Claude
  }
  const { text, version } = current;

  if (params.command === 'str_replace') {
    // A CRLF file is matched in \n form, so old_str written with \n (as models do) still matches.
    const crlf = isUniformCrlf(text);
    const base = crlf ? toLf(text) : text;
    const oldStr = crlf ? toLf(params.oldStr) : params.oldStr;
    const newStr = crlf ? toLf(params.newStr) : params.newStr;
    const found = occurrences(base, oldStr);
    if (found.length === 0) return { ok: false, error: notFound(p, text, params.oldStr) };
    if (found.length > 1) {
      const lines = [...new Set(found.map((at) => lineNumberAt(base, at)))];
      return {
        ok: false,
        error:
          `No replacement was performed: old_str appears ${found.length} times in ${p}, ` + // not localized: sent to Claude
          `at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}; include more context to make it unique.`, // not localized: sent to Claude
      };
    }
    const at = found[0];
    const afterBase = base.slice(0, at) + newStr + base.slice(at + oldStr.length);
    const after = crlf ? fromLf(afterBase, '\r\n') : afterBase;
    const first = lineNumberAt(afterBase, at);
    const last = first + (newStr.match(/\n/g)?.length ?? 0);
    return edit(text, after, version, editedText(p, '', after, first, last));
  }

  const lineTotal = splitLines(text).length;
  if (params.line < 0 || params.line > lineTotal) {
    const valid = lineTotal === 0 ? 'insert_line must be 0' : `insert_line must be between 0 and ${lineTotal} (0 inserts at the top)`; // not localized: sent to Claude
    return { ok: false, error: `Invalid insert_line ${params.line}: ${p} has ${plural(lineTotal, 'line')}; ${valid}.` }; // not localized: sent to Claude
  }
  const eol = lineEndingOf(text);
  let body = fromLf(toLf(params.text), eol);
  if (!body.endsWith('\n')) body += eol;
  let offset = offsetAfterLine(text, params.line);
  if (offset === undefined) {
    // After a last line without a line ending: break that line, and keep the file without a final one.
    offset = text.length;
    body = eol + body.slice(0, body.length - eol.length);
  }
  const after = text.slice(0, offset) + body + text.slice(offset);
  const inserted = splitLines(toLf(params.text) || '\n').length;
  const where = params.line === 0 ? 'at the top' : `after line ${params.line}`; // not localized: sent to Claude
  return edit(text, after, version, editedText(p, ` (the text was inserted ${where})`, after, params.line + 1, params.line + inserted)); // not localized: sent to Claude
}

function editedText(path: string, detail: string, after: string, first: number, last: number): string {
  return `The file ${path} has been edited${detail}. Here is a snippet (cat -n) around the change:\n${snippetAround(after, first, last)}\n${REVIEW}`; // not localized: sent to Claude
}

function notFound(path: string, text: string, oldStr: string): string {
  const base = `No replacement was performed: old_str did not appear verbatim in ${path}.`; // not localized: sent to Claude
  if (text === '') return `${base} The file is empty.`; // not localized: sent to Claude
  const loose = looseMatchLine(text, oldStr);
  if (loose === undefined) return `${base} View the file and copy the exact text, including whitespace and indentation.`; // not localized: sent to Claude
  if (toLf(text).includes(toLf(oldStr))) {
    return `${base} It matches at line ${loose} if \\r\\n and \\n line endings are treated alike: send old_str with the file's exact line endings.`; // not localized: sent to Claude
  }
  return `${base} A passage starting at line ${loose} matches if whitespace is ignored: copy it exactly (tabs, spaces and indentation count).`; // not localized: sent to Claude
}

function lineCount(text: string): string {
  return plural(splitLines(text).length, 'line');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
