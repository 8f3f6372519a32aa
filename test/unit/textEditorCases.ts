/** The table of editor tool cases run by textEditor.test.ts: an input against some files, and the exact result or file after. */
import type { EditorInput } from '../../src/core/tools/toolTypes';
import { BINARY } from '../support/memoryFiles';

/** `cat -n` lines from `from`, as the model sees them. */
export const cat = (from: number, ...lines: string[]) => lines.map((line, i) => `${String(from + i).padStart(6)}\t${line}`).join('\n');
const REVIEW = 'Review the change and make sure it is as expected; edit the file again if it is not.';
export const edited = (path: string, snippet: string, detail = '') =>
  `The file ${path} has been edited${detail}. Here is a snippet (cat -n) around the change:\n${snippet}\n${REVIEW}`;

export const FIVE = 'one\ntwo\nthree\nfour\nfive\n';
const TREE = {
  'README.md': '# hi\n',
  'src/a.ts': 'a\n',
  'src/lib/b.ts': 'b\n',
  'src/lib/deep/c.ts': 'c\n',
  'src/.env': 'SECRET=1\n',
  'src/.cache/x.json': '{}\n',
  '.git/config': '[core]\n',
};

export interface Case {
  readonly name: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly input: EditorInput;
  readonly maxCharacters?: number;
  /** The exact tool_result of a view or a failure. */
  readonly content?: string;
  readonly isError?: boolean;
  readonly summary?: string;
  /** For an edit: the file after applyEdit, its resultText and its `before`. */
  readonly after?: string;
  readonly resultText?: string;
  readonly before?: string | null;
}

const bigHeader = 'Here is big.txt (10 lines), numbered like cat -n:';
const bigLines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
const bigMax = bigHeader.length + 3 * 14;
const longHeader = 'Here is long.txt (2 lines), numbered like cat -n:';

export const cases: Case[] = [
  // view
  { name: 'view: a whole file as cat -n', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt' }, summary: 'Read a.txt',
    content: 'Here is a.txt (5 lines), numbered like cat -n:\n     1\tone\n     2\ttwo\n     3\tthree\n     4\tfour\n     5\tfive' },
  { name: 'view: a range', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [2, 3] }, summary: 'Read a.txt, lines 2–3',
    content: `Here are lines 2 to 3 of a.txt (5 lines), numbered like cat -n:\n${cat(2, 'two', 'three')}` },
  { name: 'view: end -1 reads to the end', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [4, -1] }, summary: 'Read a.txt, lines 4–5',
    content: `Here are lines 4 to 5 of a.txt (5 lines), numbered like cat -n:\n${cat(4, 'four', 'five')}` },
  { name: 'view: the first line alone', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [1, 1] },
    content: `Here are lines 1 to 1 of a.txt (5 lines), numbered like cat -n:\n${cat(1, 'one')}` },
  { name: 'view: the last line alone', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [5, 5] },
    content: `Here are lines 5 to 5 of a.txt (5 lines), numbered like cat -n:\n${cat(5, 'five')}` },
  { name: 'view: start before the first line', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [0, 2] }, isError: true,
    summary: 'Could not read a.txt', content: 'Invalid view_range [0, 2]: the file has 5 lines; start must be between 1 and 5.' },
  { name: 'view: start past the last line', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [50, 60] }, isError: true,
    content: 'Invalid view_range [50, 60]: the file has 5 lines; start must be between 1 and 5.' },
  { name: 'view: end past the last line', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: [3, 6] }, isError: true,
    content: 'Invalid view_range [3, 6]: the file has 5 lines; end must be between 3 and 5, or -1 for the end of the file.' },
  { name: 'view: a malformed range', files: { 'a.txt': FIVE }, input: { command: 'view', path: 'a.txt', view_range: '1-2' }, isError: true,
    content: 'Invalid view_range "1-2": view_range must be [start, end] with 1-based line numbers, end -1 for the end of the file.' },
  { name: 'view: an empty file says so', files: { 'e.txt': '' }, input: { command: 'view', path: 'e.txt' }, summary: 'Read e.txt', content: 'The file e.txt is empty.' },
  { name: 'view: tabs, emoji and CJK come back exactly, CRLF without \\r', files: { 'u.txt': '\tif (ok) {\r\n\t\treturn "😀 中文";\r\n}' },
    input: { command: 'view', path: 'u.txt' }, content: `Here is u.txt (3 lines), numbered like cat -n:\n${cat(1, '\tif (ok) {', '\t\treturn "😀 中文";', '}')}` },
  { name: 'view: a directory lists two levels, hidden entries excluded', files: TREE, input: { command: 'view', path: 'src/' }, summary: 'Listed src/',
    content: 'Files and folders up to 2 levels deep in src, hidden items excluded:\nsrc/a.ts\nsrc/lib/\nsrc/lib/b.ts\nsrc/lib/deep/' },
  { name: 'view: the workspace root', files: TREE, input: { command: 'view', path: '.' }, summary: 'Listed ./',
    content: 'Files and folders up to 2 levels deep in ., hidden items excluded:\nREADME.md\nsrc/\nsrc/a.ts\nsrc/lib/' },
  { name: 'view: a binary file is refused with the reason', files: { 'img.png': `PNG${BINARY}` }, input: { command: 'view', path: 'img.png' }, isError: true,
    summary: 'Could not read img.png', content: 'img.png is a binary file; the editor tool reads text files only.' },
  { name: 'view: a missing path', files: TREE, input: { command: 'view', path: 'nope.ts' }, isError: true,
    content: 'The path nope.ts does not exist. View its parent directory to see what is there.' },
  { name: 'view: max_characters cuts at a line and says how to see the rest', files: { 'big.txt': `${bigLines.join('\n')}\n` },
    input: { command: 'view', path: 'big.txt' }, maxCharacters: bigMax, summary: 'Read big.txt, lines 1–3',
    content: `${bigHeader}\n${cat(1, ...bigLines.slice(0, 3))}\n[Output truncated at ${bigMax} characters: showed lines 1 to 3. Use view_range [4, -1] to see the rest.]` },
  { name: 'view: a line longer than max_characters is cut', files: { 'long.txt': `${'x'.repeat(300)}\nshort\n` },
    input: { command: 'view', path: 'long.txt' }, maxCharacters: 200, summary: 'Read long.txt, line 1',
    content: `${longHeader}\n     1\t${'x'.repeat(200 - longHeader.length - 1 - 7)}\n[Output truncated at 200 characters (line 1 is longer than that and was cut): showed line 1. Use view_range [2, -1] to see the rest.]` },
  { name: 'view: an absolute path inside the workspace', files: { 'a.txt': 'x' }, input: { command: 'view', path: '/workspace/a.txt' }, content: `Here is a.txt (1 line), numbered like cat -n:\n${cat(1, 'x')}` },
  // refusals
  { name: 'refused: .. escapes', files: TREE, input: { command: 'view', path: '../secret' }, isError: true,
    summary: 'Refused: ../secret: ../secret leaves the workspace (paths may not contain ..).', content: 'Refused: ../secret leaves the workspace (paths may not contain ..).' },
  { name: 'refused: .git', files: TREE, input: { command: 'str_replace', path: '.git/config', old_str: 'core', new_str: 'x' }, isError: true,
    summary: 'Refused: .git/config: .git/config is inside .git, which the editor tool may not touch.', content: 'Refused: .git/config is inside .git, which the editor tool may not touch.' },
  { name: 'refused: an absolute path outside', files: TREE, input: { command: 'create', path: '/etc/passwd', file_text: 'x' }, isError: true,
    content: 'Refused: /etc/passwd is outside the workspace folder /workspace.' },
  // str_replace
  { name: 'str_replace: one match', files: { 'a.txt': FIVE }, input: { command: 'str_replace', path: 'a.txt', old_str: 'three', new_str: 'THREE' },
    after: 'one\ntwo\nTHREE\nfour\nfive\n', before: FIVE, resultText: edited('a.txt', cat(1, 'one', 'two', 'THREE', 'four', 'five')) },
  { name: 'str_replace: new_str left out deletes', files: { 'a.txt': FIVE }, input: { command: 'str_replace', path: 'a.txt', old_str: 'two\n' }, after: 'one\nthree\nfour\nfive\n' },
  { name: 'str_replace: zero matches', files: { 'a.txt': FIVE }, input: { command: 'str_replace', path: 'a.txt', old_str: 'six', new_str: '6' }, isError: true,
    summary: 'Could not edit a.txt',
    content: 'No replacement was performed: old_str did not appear verbatim in a.txt. View the file and copy the exact text, including whitespace and indentation.' },
  { name: 'str_replace: several matches name their lines', files: { 'd.txt': 'x = 1\ny\nx = 1\nz\nx = 1 # again\n' },
    input: { command: 'str_replace', path: 'd.txt', old_str: 'x = 1', new_str: 'x = 2' }, isError: true,
    content: 'No replacement was performed: old_str appears 3 times in d.txt, at lines 1, 3, 5; include more context to make it unique.' },
  { name: 'str_replace: an empty old_str', files: { 'a.txt': FIVE }, input: { command: 'str_replace', path: 'a.txt', old_str: '', new_str: 'x' }, isError: true,
    content: 'old_str is empty: give the exact text to replace, with enough surrounding lines to make it unique.' },
  { name: 'str_replace: old_str missing', files: { 'a.txt': FIVE }, input: { command: 'str_replace', path: 'a.txt', new_str: 'x' }, isError: true,
    content: 'Missing parameter old_str: str_replace needs path, old_str (the exact text to replace, which must appear exactly once) and new_str.' },
  { name: 'str_replace: a missing file', files: {}, input: { command: 'str_replace', path: 'n.ts', old_str: 'a', new_str: 'b' }, isError: true,
    content: 'The file n.ts does not exist. Use the create command to create a new file.' },
  { name: 'str_replace: an empty file', files: { 'e.txt': '' }, input: { command: 'str_replace', path: 'e.txt', old_str: 'a', new_str: 'b' }, isError: true,
    content: 'No replacement was performed: old_str did not appear verbatim in e.txt. The file is empty.' },
  { name: 'str_replace: CRLF file matched with \\n and written back CRLF', files: { 'w.txt': 'a\r\nb\r\nc\r\n' },
    input: { command: 'str_replace', path: 'w.txt', old_str: 'a\nb', new_str: 'x\ny\nz' }, after: 'x\r\ny\r\nz\r\nc\r\n', resultText: edited('w.txt', cat(1, 'x', 'y', 'z', 'c')) },
  { name: 'str_replace: CRLF file with a CRLF old_str', files: { 'w.txt': 'a\r\nb\r\nc\r\n' },
    input: { command: 'str_replace', path: 'w.txt', old_str: 'b\r\nc', new_str: 'B\r\nC' }, after: 'a\r\nB\r\nC\r\n' },
  { name: 'str_replace: a mixed file is matched as is', files: { 'm.txt': 'a\r\nb\nc\n' },
    input: { command: 'str_replace', path: 'm.txt', old_str: 'a\r\nb', new_str: 'ab' }, after: 'ab\nc\n' },
  { name: 'str_replace: a mixed file hints at line endings', files: { 'm.txt': 'a\r\nb\nc\n' },
    input: { command: 'str_replace', path: 'm.txt', old_str: 'a\nb', new_str: 'ab' }, isError: true,
    content: "No replacement was performed: old_str did not appear verbatim in m.txt. It matches at line 1 if \\r\\n and \\n line endings are treated alike: send old_str with the file's exact line endings." },
  { name: 'str_replace: tabs are kept, not expanded', files: { 't.go': 'func f() {\n\tif x {\n\t\treturn 1\n\t}\n}\n' },
    input: { command: 'str_replace', path: 't.go', old_str: '\t\treturn 1', new_str: '\t\treturn 2' }, after: 'func f() {\n\tif x {\n\t\treturn 2\n\t}\n}\n' },
  { name: 'str_replace: spaces for tabs fail with a whitespace hint', files: { 't.go': 'func f() {\n\tif x {\n\t\treturn 1\n\t}\n}\n' },
    input: { command: 'str_replace', path: 't.go', old_str: '    if x {\n        return 1', new_str: '' }, isError: true,
    content: 'No replacement was performed: old_str did not appear verbatim in t.go. A passage starting at line 2 matches if whitespace is ignored: copy it exactly (tabs, spaces and indentation count).' },
  { name: 'str_replace: emoji and CJK', files: { 'u.ts': 'const s = "😀 héllo 中文";\n' },
    input: { command: 'str_replace', path: 'u.ts', old_str: '😀 héllo 中文', new_str: '😁 hello 日本語' }, after: 'const s = "😁 hello 日本語";\n' },
  { name: 'str_replace: a file without a final newline keeps none', files: { 'n.txt': 'a\nb' },
    input: { command: 'str_replace', path: 'n.txt', old_str: 'b', new_str: 'c\nd' }, after: 'a\nc\nd' },
  // insert
  { name: 'insert: at the top', files: { 'a.txt': 'a\nb\n' }, input: { command: 'insert', path: 'a.txt', insert_line: 0, insert_text: 'x' },
    after: 'x\na\nb\n', resultText: edited('a.txt', cat(1, 'x', 'a', 'b'), ' (the text was inserted at the top)') },
  { name: 'insert: after the last line', files: { 'a.txt': 'a\nb\n' }, input: { command: 'insert', path: 'a.txt', insert_line: 2, insert_text: 'x\ny\n' }, after: 'a\nb\nx\ny\n' },
  { name: 'insert: past the last line', files: { 'a.txt': 'a\nb\n' }, input: { command: 'insert', path: 'a.txt', insert_line: 3, insert_text: 'x' }, isError: true,
    content: 'Invalid insert_line 3: a.txt has 2 lines; insert_line must be between 0 and 2 (0 inserts at the top).' },
  { name: 'insert: a negative line', files: { 'a.txt': 'a\nb\n' }, input: { command: 'insert', path: 'a.txt', insert_line: -1, insert_text: 'x' }, isError: true,
    content: 'Invalid insert_line -1: a.txt has 2 lines; insert_line must be between 0 and 2 (0 inserts at the top).' },
  { name: 'insert: new_str when insert_text is absent', files: { 'a.txt': 'a\nb\n' }, input: { command: 'insert', path: 'a.txt', insert_line: 1, new_str: 'x' },
    after: 'a\nx\nb\n', resultText: edited('a.txt', cat(1, 'a', 'x', 'b'), ' (the text was inserted after line 1)') },
  { name: 'insert: into an empty file', files: { 'e.txt': '' }, input: { command: 'insert', path: 'e.txt', insert_line: 0, insert_text: 'x' }, after: 'x\n' },
  { name: 'insert: an empty file has only line 0', files: { 'e.txt': '' }, input: { command: 'insert', path: 'e.txt', insert_line: 1, insert_text: 'x' }, isError: true,
    content: 'Invalid insert_line 1: e.txt has 0 lines; insert_line must be 0.' },
  { name: 'insert: after a last line without a newline keeps none', files: { 'n.txt': 'a\nb' }, input: { command: 'insert', path: 'n.txt', insert_line: 2, insert_text: 'x' }, after: 'a\nb\nx' },
  { name: 'insert: CRLF file gets CRLF lines', files: { 'w.txt': 'a\r\nb\r\n' }, input: { command: 'insert', path: 'w.txt', insert_line: 1, insert_text: 'x\ny' }, after: 'a\r\nx\r\ny\r\nb\r\n' },
  { name: 'insert: insert_line missing', files: { 'a.txt': 'a\n' }, input: { command: 'insert', path: 'a.txt', insert_text: 'x' }, isError: true,
    content: 'Missing parameter insert_line: insert needs path, insert_line (the line to insert after, 0 for the top) and insert_text.' },
  // create
  { name: 'create: a new file', files: TREE, input: { command: 'create', path: 'src/new/file.ts', file_text: 'export {};\n' }, before: null,
    after: 'export {};\n', resultText: 'The file src/new/file.ts has been created (1 line).' },
  { name: 'create: over an existing file is an overwrite of its text', files: { 'a.txt': FIVE }, input: { command: 'create', path: 'a.txt', file_text: 'new\n' },
    before: FIVE, after: 'new\n', resultText: 'The file a.txt existed and has been overwritten with the new content (1 line).' },
  { name: 'create: on a directory', files: TREE, input: { command: 'create', path: 'src/lib', file_text: 'x' }, isError: true, summary: 'Could not create src/lib',
    content: 'src/lib is a directory; create needs the path of a file.' },
  { name: 'create: file_text missing', files: {}, input: { command: 'create', path: 'x.ts' }, isError: true,
    content: 'Missing parameter file_text: create needs path and file_text (the whole content of the file).' },
  // bad calls
  { name: 'an unknown command', files: TREE, input: { command: 'undo_edit', path: 'src/a.ts' }, isError: true, summary: 'Invalid editor tool call',
    content: 'Unknown command: got "undo_edit". Expected one of: view, create, str_replace, insert.' },
  { name: 'no command', files: TREE, input: { path: 'src/a.ts' }, isError: true, content: 'Unknown command: no command was given. Expected one of: view, create, str_replace, insert.' },
  { name: 'no path', files: TREE, input: { command: 'view' }, isError: true, content: 'Missing parameter path: view needs the path of a file or directory in the workspace.' },
];
