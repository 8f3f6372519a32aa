// The `problems` tool and edits that check themselves, through the engine, the real SDK and the fake
// server, over in-memory files and an in-memory stand-in for the editor's diagnostics.
import * as assert from 'node:assert/strict';
import type { AutoApprove } from '../../src/core/settings/settings';
import { EditorTool } from '../../src/core/tools/editorTool';
import { problemLine, problemList } from '../../src/core/tools/problemReport';
import { PROBLEMS_TOOL_DEFINITION, ProblemsTool } from '../../src/core/tools/problemsTool';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';
import { MemoryDiagnostics, problem } from '../support/memoryDiagnostics';

const EDITOR = 'str_replace_based_edit_tool';
const BROKEN = 'export const a = nope;\nvar b = 2;\n';

describe('problems tool and checked edits', () => {
  const h = useEngineHarness();
  let diagnostics: MemoryDiagnostics;
  beforeEach(() => {
    diagnostics = new MemoryDiagnostics(h.files);
  });

  const engine = (autoApprove: AutoApprove = 'reads') => {
    h.settings = { ...h.settings, autoApprove };
    const editor = new EditorTool({ files: h.files, maxCharacters: 60_000, checkEdit: (path) => diagnostics.watchEdit(path) });
    return h.engine({ tools: { tools: [editor, new ProblemsTool({ files: h.files, diagnostics })], autoApprove: () => h.settings.autoApprove } });
  };
  /** Runs one round of tool calls, then a closing text; returns the tool_results Claude was sent. */
  const round = async (...uses: ReturnType<typeof toolUse>[]) => {
    h.fake.enqueue(reply(uses), reply([text('Noted.')]));
    await engine().send('Check it');
    return lastResults(h.fake.messageRequests[1].json);
  };
  const lines = () => h.ofType('toolNote').map((m) => [m.text, m.isError]);

  it('is declared after the editor tool, byte for byte the same in every request', async () => {
    h.fake.enqueue(reply([toolUse('toolu_1', 'problems', {})]), reply([text('Done.')]));
    await engine().send('Any problems?');
    const [first, second] = h.fake.messageRequests.map((r) => r.json);
    assert.deepEqual(first.tools.map((t: { name: string }) => t.name), [EDITOR, 'problems']);
    assert.deepEqual(first.tools[1], JSON.parse(JSON.stringify(PROBLEMS_TOOL_DEFINITION)));
    assert.equal(JSON.stringify(second.tools), JSON.stringify(first.tools));
  });

  it('a file that is not open is opened, and its first report comes back as path:line:col lines, errors first', async () => {
    h.files.set('src/a.ts', BROKEN);
    const [result] = await round(toolUse('toolu_1', 'problems', { path: 'src/a.ts' }));
    assert.deepEqual(diagnostics.opened, ['src/a.ts']);
    assert.equal(result.is_error, undefined);
    assert.equal(
      result.content,
      "1 error, 1 warning reported in src/a.ts:\nsrc/a.ts:1:18 error Cannot find name 'nope'. [ts 2304]\nsrc/a.ts:2:1 warning Unexpected var, use let or const instead. [eslint no-var]",
    );
    assert.deepEqual(lines(), [['Checked problems in src/a.ts: 1 error, 1 warning', false]]);
  });

  it('a clean file says so; a file nothing reports on says the editor had not reported yet', async () => {
    const [clean, unchecked] = await round(toolUse('toolu_1', 'problems', { path: 'src/a.ts' }), toolUse('toolu_2', 'problems', { path: 'README.md' }));
    assert.equal(clean.content, 'No errors or warnings are reported in src/a.ts.');
    assert.match(unchecked.content, /^No errors or warnings are reported in README\.md\.\n\nThe editor had not reported on README\.md within 50 ms after it was opened: it may have no problems/);
    assert.deepEqual(lines(), [['No problems reported in src/a.ts', false], ['No problems reported in README.md', false]]);
  });

  it('the workspace, and a folder: every checked file, without opening any', async () => {
    h.files.set('src/a.ts', BROKEN);
    h.files.set('lib/c.ts', 'const c = nope;\n');
    h.files.set('src/closed.ts', 'nope\n');
    diagnostics.checkNow('src/a.ts');
    diagnostics.checkNow('lib/c.ts');
    const [workspace, folder] = await round(toolUse('toolu_1', 'problems', {}), toolUse('toolu_2', 'problems', { path: 'src' }));
    assert.deepEqual(diagnostics.opened, [], 'nothing is opened for a folder');
    assert.equal(
      workspace.content,
      '2 errors, 1 warning reported in the workspace:\n' +
        "lib/c.ts:1:11 error Cannot find name 'nope'. [ts 2304]\n" +
        "src/a.ts:1:18 error Cannot find name 'nope'. [ts 2304]\n" +
        'src/a.ts:2:1 warning Unexpected var, use let or const instead. [eslint no-var]\n\n' +
        'Only files the editor has checked are included (usually the open ones); give the path of a file to check it.',
    );
    assert.match(folder.content, /^1 error, 1 warning reported in src:\nsrc\/a\.ts:1:18 error/);
    assert.deepEqual(lines(), [['Checked problems in the workspace: 2 errors, 1 warning', false], ['Checked problems in src: 1 error, 1 warning', false]]);
  });

  it('an empty workspace report reads "No problems reported in the workspace"', async () => {
    const [result] = await round(toolUse('toolu_1', 'problems', { path: '' }));
    assert.match(result.content, /^No errors or warnings are reported in the workspace\./);
    assert.deepEqual(lines(), [['No problems reported in the workspace', false]]);
  });

  for (const autoApprove of ['reads', 'never'] as const) {
    it(`refuses a path outside the workspace, under .git or missing, without asking (autoApprove "${autoApprove}")`, async () => {
      h.fake.enqueue(
        reply([toolUse('toolu_1', 'problems', { path: '../other/a.ts' }), toolUse('toolu_2', 'problems', { path: '.git/config' }), toolUse('toolu_3', 'problems', { path: 'src/gone.ts' })]),
        reply([text('Noted.')]),
      );
      await engine(autoApprove).send('Check elsewhere');
      const results = lastResults(h.fake.messageRequests[1].json);
      assert.deepEqual(results.map((r) => r.is_error), [true, true, true]);
      assert.match(results[0].content, /leaves the workspace/);
      assert.match(results[1].content, /inside \.git/);
      assert.match(results[2].content, /src\/gone\.ts does not exist/);
      assert.equal(h.ofType('editCard').length, 0, 'no card: nothing to ask about');
      assert.deepEqual(diagnostics.opened, []);
      assert.deepEqual(lines().map(([t]) => String(t).split(':')[0]), ['Refused', 'Refused', 'No such file']);
    });
  }

  it('with autoApprove "never" waits for Allow on a read card; Deny tells Claude and opens nothing', async () => {
    h.files.set('src/a.ts', BROKEN);
    h.fake.enqueue(reply([toolUse('toolu_1', 'problems', { path: 'src/a.ts' }), toolUse('toolu_2', 'problems', {})]), reply([text('Noted.')]));
    const chat = engine('never');
    const sent = chat.send('Check it');
    const first = await h.until('editCard', (m) => m.card.id === 'toolu_1');
    assert.deepEqual([first.card.command, first.card.path, first.card.state], ['view', 'Problems in src/a.ts', 'pending']);
    assert.deepEqual(diagnostics.opened, [], 'nothing is read before Allow');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: true });
    await h.until('editCard', (m) => m.card.id === 'toolu_2');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_2', accept: false });
    await sent;
    const [allowed, denied] = lastResults(h.fake.messageRequests[1].json);
    assert.match(allowed.content, /^1 error, 1 warning reported in src\/a\.ts:/);
    assert.deepEqual([denied.is_error, denied.content], [true, 'The user denied reading the problems in the workspace.']);
    assert.deepEqual(h.ofType('editState').map((m) => [m.cardId, m.state]), [['toolu_1', 'applied'], ['toolu_2', 'rejected']]);
  });

  describe('an accepted edit', () => {
    beforeEach(() => {
      h.settings = { ...h.settings, autoApprove: 'all' };
    });
    const edit = (id: string, old_str: string, new_str: string) => toolUse(id, EDITOR, { command: 'str_replace', path: 'src/a.ts', old_str, new_str });
    const editRound = async (...uses: ReturnType<typeof toolUse>[]) => {
      h.fake.enqueue(reply(uses), reply([text('Done.')]));
      await engine('all').send('Edit it');
      return lastResults(h.fake.messageRequests[1].json);
    };

    it('that breaks the file: its result names the errors the editor reports afterwards (not the warnings)', async () => {
      h.files.set('src/a.ts', 'export const a = 1;\nvar b = 2;\n');
      const [result] = await editRound(edit('toolu_1', 'a = 1', 'a = nope'));
      assert.equal(h.files.text('src/a.ts'), 'export const a = nope;\nvar b = 2;\n');
      assert.equal(result.is_error, undefined);
      assert.ok(
        result.content.endsWith("\n\nThe editor now reports 1 error in src/a.ts:\nsrc/a.ts:1:18 error Cannot find name 'nope'. [ts 2304]"),
        result.content,
      );
      assert.equal(result.content.includes('no-var'), false);
    });

    it('that leaves no error, or on a file nothing checks: the result is the edit alone', async () => {
      h.files.set('src/a.ts', BROKEN);
      const [fixed, readme] = await editRound(edit('toolu_1', 'nope', '1'), toolUse('toolu_2', EDITOR, { command: 'str_replace', path: 'README.md', old_str: 'Demo', new_str: 'nope' }));
      assert.equal(h.files.text('src/a.ts'), 'export const a = 1;\nvar b = 2;\n');
      assert.doesNotMatch(fixed.content, /The editor now reports/);
      assert.match(fixed.content, /^The file src\/a\.ts has been edited/);
      assert.doesNotMatch(readme.content, /The editor now reports/);
    });

    it('Stop while the editor has not re-checked the file stops the reply at once; the edit stays applied and Claude is told it was', async () => {
      h.files.set('src/a.ts', 'export const a = 1;\n');
      diagnostics.watchEdit = () => ({ errors: () => new Promise(() => undefined), dispose: () => undefined }); // an editor that never reports
      h.fake.enqueue(reply([edit('toolu_1', 'a = 1', 'a = 2')]));
      const chat = engine('all');
      const sent = chat.send('Change it');
      await h.until('editState', (m) => m.state === 'applied');
      chat.stop();
      await sent;
      assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['stopped']);
      assert.equal(h.files.text('src/a.ts'), 'export const a = 2;\n');
      h.fake.enqueue(reply([text('Ok.')]));
      await chat.send('Go on');
      const [result] = lastResults(h.fake.messageRequests[1].json);
      assert.deepEqual([result.tool_use_id, result.is_error], ['toolu_1', undefined]);
      assert.match(result.content, /^The file src\/a\.ts has been edited/);
    });

    it('that is rejected is not checked', async () => {
      h.files.set('src/a.ts', 'export const a = 1;\n');
      h.fake.enqueue(reply([edit('toolu_1', 'a = 1', 'a = nope')]), reply([text('Fine.')]));
      const chat = engine('reads');
      const sent = chat.send('Break it');
      await h.until('editCard');
      await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: false });
      await sent;
      assert.deepEqual(diagnostics.opened, []);
      assert.match(lastResults(h.fake.messageRequests[1].json)[0].content, /^The user rejected this edit/);
    });
  });
});

describe('problem lines', () => {
  it('flatten multi-line messages, leave out an empty origin, and cap the list with what was cut', () => {
    assert.equal(problemLine('a.ts', problem('error', 3, 7, "Type 'A' is not assignable to type 'B'.\n  Property 'x' is missing.", 'ts', '2322')), "a.ts:3:7 error Type 'A' is not assignable to type 'B'. Property 'x' is missing. [ts 2322]");
    assert.equal(problemLine('a.md', problem('warning', 1, 1, 'Long line.')), 'a.md:1:1 warning Long line.');
    const many = Array.from({ length: 7 }, (_, i) => problem(i % 2 ? 'warning' : 'error', i + 1, 1, `p${i}`));
    const list = problemList([{ path: 'x.ts', problems: many }], 3);
    assert.deepEqual([list.errors, list.warnings], [4, 3]);
    assert.deepEqual(list.lines, ['x.ts:1:1 error p0', 'x.ts:3:1 error p2', 'x.ts:5:1 error p4', '… 4 more (1 error, 3 warnings) not shown; ask for one file or folder with path to see its problems.']);
  });
});
