// glob and grep through the whole engine: the real SDK, the fake server (which checks the tools
// array as the API does), in-memory files, and a searcher over them with ripgrep's glob rules.
import * as assert from 'node:assert/strict';
import { EditorTool } from '../../src/core/tools/editorTool';
import { GLOB_TOOL_DEFINITION, GlobTool, MAX_GLOB_FILES } from '../../src/core/tools/search/globTool';
import { GREP_TOOL_DEFINITION, GrepTool, MAX_GREP_LINE, MAX_GREP_MATCHES } from '../../src/core/tools/search/grepTool';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';
import { MemoryFiles } from '../support/memoryFiles';
import { MemorySearcher } from '../support/memorySearcher';

describe('the glob and grep tools', () => {
  const h = useEngineHarness();
  let searcher: MemorySearcher;

  beforeEach(() => {
    h.files = new MemoryFiles({
      'src/answer.ts': 'export const answer = 42;\nexport function ask() {\n  return answer;\n}\n',
      'src/lib/util.ts': 'export const ANSWER_KEY = "answer";\n',
      'docs/notes.md': 'The answer is in src.\n',
      'README.md': '# Demo\n',
    });
    searcher = new MemorySearcher(h.files);
  });

  const engine = () => h.engine({ tools: { tools: [new EditorTool({ files: h.files, maxCharacters: 60_000 }), new GlobTool(h.files, searcher), new GrepTool(h.files, searcher)], autoApprove: () => h.settings.autoApprove } });

  /** Runs one round of tool calls and returns their results, in order. */
  async function call(...uses: Array<[string, Record<string, unknown>]>) {
    h.fake.enqueue(reply(uses.map(([name, input], i) => toolUse(`toolu_${i + 1}`, name, input))), reply([text('Done.')]));
    await engine().send('Look around');
    return lastResults(h.fake.messageRequests[1].json);
  }

  const lines = () => h.ofType('toolNote').map((m) => [m.text, m.isError]);

  it('are declared after the editor tool, byte for byte the same in every request', async () => {
    await call(['grep', { pattern: 'answer' }]);
    const [first, second] = h.fake.messageRequests.map((r) => r.json);
    assert.deepEqual(first.tools.map((t: { name: string }) => t.name), ['str_replace_based_edit_tool', 'glob', 'grep']);
    assert.deepEqual(first.tools.slice(1), [GLOB_TOOL_DEFINITION, GREP_TOOL_DEFINITION]);
    assert.equal(JSON.stringify(second.tools), JSON.stringify(first.tools));
    assert.deepEqual(first.tools[2].input_schema.required, ['pattern']);
  });

  it('grep answers path:line:text and says in the reply how many matches in how many files', async () => {
    const [result] = await call(['grep', { pattern: 'answer' }]);
    assert.equal(result.is_error, undefined);
    assert.deepEqual(result.content.split('\n'), ['docs/notes.md:1:The answer is in src.', 'src/answer.ts:1:export const answer = 42;', 'src/answer.ts:3:  return answer;', 'src/lib/util.ts:1:export const ANSWER_KEY = "answer";']);
    assert.deepEqual(lines(), [['Searched for `answer`: 4 matches in 3 files', false]]);
  });

  it('grep narrows by path, glob and ignore_case, and says when nothing matched', async () => {
    const results = await call(['grep', { pattern: 'ANSWER', path: 'src', ignore_case: true, glob: '*.ts' }], ['grep', { pattern: 'answer', glob: 'lib/*.ts', path: 'src' }], ['grep', { pattern: 'nowhere' }]);
    assert.deepEqual(results[0].content.split('\n').map((l) => l.split(':').slice(0, 2).join(':')), ['src/answer.ts:1', 'src/answer.ts:3', 'src/lib/util.ts:1']);
    assert.equal(results[1].content, 'src/lib/util.ts:1:export const ANSWER_KEY = "answer";');
    assert.equal(results[2].content, 'No matches for "nowhere".');
    assert.deepEqual(lines(), [
      ['Searched for `ANSWER` in src: 3 matches in 2 files', false],
      ['Searched for `answer` in src: 1 match in 1 file', false],
      ['Searched for `nowhere`: no matches', false],
    ]);
  });

  it('glob lists matching files newest first', async () => {
    searcher.mtimes.set('src/answer.ts', 100).set('src/lib/util.ts', 300);
    const [ts, rooted] = await call(['glob', { pattern: '*.ts' }], ['glob', { pattern: 'lib/**', path: 'src' }]);
    assert.equal(ts.content, 'src/lib/util.ts\nsrc/answer.ts');
    assert.equal(rooted.content, 'src/lib/util.ts');
    assert.deepEqual(lines(), [
      ['Listed files matching `*.ts`: 2 files', false],
      ['Listed files matching `lib/**` in src: 1 file', false],
    ]);
  });

  it('caps glob at the newest files and grep at the first matches, and says how many there were', async () => {
    for (let i = 0; i < MAX_GLOB_FILES + 50; i++) {
      h.files.set(`gen/f${String(i).padStart(3, '0')}.txt`, 'hit\nhit\n');
      searcher.mtimes.set(`gen/f${String(i).padStart(3, '0')}.txt`, i);
    }
    const [listed, grepped] = await call(['glob', { pattern: '*.txt' }], ['grep', { pattern: 'hit', path: 'gen' }]);
    const paths = listed.content.split('\n');
    assert.equal(paths.length, MAX_GLOB_FILES + 1);
    assert.equal(paths[0], 'gen/f149.txt', 'the newest first');
    assert.equal(paths.at(-1), `[150 files matched; only the ${MAX_GLOB_FILES} most recently modified are listed. Narrow the pattern or the path to see others.]`);
    const found = grepped.content.split('\n');
    assert.equal(found.length, MAX_GREP_MATCHES + 1);
    assert.equal(found.at(-1), `[300 matching lines in 150 files; only the first ${MAX_GREP_MATCHES} are shown. Narrow the pattern, path or glob to see the rest.]`);
    assert.deepEqual(lines(), [
      ['Listed files matching `*.txt`: 150 files (showing the 100 newest)', false],
      ['Searched for `hit` in gen: 300 matches in 150 files (showing 200)', false],
    ]);
  });

  it('cuts long lines around the match and says so', async () => {
    h.files.set('min.js', `${'x'.repeat(5000)}needle${'y'.repeat(5000)}\nshort needle\n`);
    const [result] = await call(['grep', { pattern: 'needle' }]);
    const [long, short, note] = result.content.split('\n');
    assert.match(long, /^min\.js:1:…x+needley+…$/);
    assert.equal(long.length, 'min.js:1:'.length + MAX_GREP_LINE + 2);
    assert.equal(short, 'min.js:2:short needle');
    assert.equal(note, `[1 line longer than ${MAX_GREP_LINE} characters was cut around the match (marked …); view the file to read it whole.]`);
  });

  it('refuses a missing pattern, a broken regex or glob, and a bad ignore_case before searching', async () => {
    const results = await call(
      ['grep', {}],
      ['grep', { pattern: 'foo(' }],
      ['grep', { pattern: '(?<=a)b' }],
      ['grep', { pattern: 'x', glob: 'src/[ab' }],
      ['glob', { pattern: '{a,{b}}' }],
      ['glob', { pattern: 42 }],
      ['grep', { pattern: 'x', ignore_case: 'yes' }],
    );
    assert.ok(results.every((r) => r.is_error));
    assert.deepEqual(
      results.map((r) => r.content),
      [
        'The pattern is missing. Call grep again with pattern set, for example "functionName\\\\(".',
        'Invalid regex "foo(": Invalid regular expression: /foo(/: Unterminated group.',
        "Invalid regex \"(?<=a)b\": look-around is not supported by ripgrep's regex syntax; rewrite the pattern without it.",
        "Invalid glob \"src/[ab\": unclosed character class; missing ']'.",
        'Invalid glob "{a,{b}}": nested alternate groups are not allowed.',
        'The pattern must be a string, not 42. Call glob again with pattern set, for example "**/*.ts".',
        'ignore_case must be true or false, not "yes".',
      ],
    );
    assert.equal(searcher.queries.length, 0, 'nothing was searched');
    assert.ok(lines().every(([, isError]) => isError));
  });

  it('refuses paths outside the workspace and under .git without asking, even when reads need permission', async () => {
    h.settings = { ...h.settings, autoApprove: 'never' };
    const results = await call(['grep', { pattern: 'x', path: '../elsewhere' }], ['glob', { pattern: '*', path: '/etc' }], ['grep', { pattern: 'x', path: '.git/hooks' }], ['glob', { pattern: '*', path: 'missing' }], ['glob', { pattern: '*', path: 'README.md' }]);
    assert.deepEqual(
      results.map((r) => [r.is_error, r.content]),
      [
        [true, 'Refused: ../elsewhere leaves the workspace (paths may not contain ..).'],
        [true, 'Refused: /etc is outside the workspace folder /workspace.'],
        [true, 'Refused: .git/hooks is inside .git, which the editor tool may not touch.'],
        [true, 'missing does not exist. Give a folder inside the workspace, or leave path out to search all of it.'],
        [true, 'README.md is a file; path must be a folder. Leave it out to search the whole workspace.'],
      ],
    );
    assert.equal(h.ofType('editCard').length, 0, 'no card asked the person');
    assert.equal(searcher.queries.length, 0);
    assert.deepEqual(lines().map(([line]) => line), ['grep refused: ../elsewhere', 'glob refused: /etc', 'grep refused: .git/hooks', 'glob: missing does not exist', 'glob: README.md is a file']);
  });

  it('with autoApprove "never", a search waits for Allow; Deny tells Claude and nothing is searched', async () => {
    h.settings = { ...h.settings, autoApprove: 'never' };
    h.fake.enqueue(reply([toolUse('toolu_1', 'grep', { pattern: 'answer', path: 'src' }), toolUse('toolu_2', 'glob', { pattern: '*.md' })]), reply([text('Done.')]));
    const chat = engine();
    const sent = chat.send('Search');
    const first = await h.until('editCard');
    assert.deepEqual([first.card.command, first.card.path, first.card.state], ['view', 'grep answer in src', 'pending']);
    assert.equal(searcher.queries.length, 0, 'nothing searched before Allow');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: true });
    await h.until('editCard', (m) => m.card.id === 'toolu_2');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_2', accept: false });
    await sent;
    const [grepped, globbed] = lastResults(h.fake.messageRequests[1].json);
    assert.match(grepped.content, /^src\/answer\.ts:1:/);
    assert.deepEqual([globbed.is_error, globbed.content], [true, 'The user denied this search (glob *.md).']);
    assert.deepEqual(h.ofType('editState').map((m) => [m.cardId, m.state]), [['toolu_1', 'applied'], ['toolu_2', 'rejected']]);
    assert.equal(searcher.queries.length, 1);
  });
});
