// Claude reads the editor's problems and sees what its own edit broke, on real TypeScript errors in
// code-server: the `problems` tool shows a line in the reply, and an accepted edit's result (as the
// fake server received it) names the new error TypeScript reports.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { reply, textReply, toolUse } from '../fake-anthropic/scripts';
import { editCard, editorUse, onDisk, openInEditor, replyShows, toolResultsOf } from './editing';
import { ask, chatWorkbench, openClaudeView, replyDone, until } from './workbench';

const TS2322 = "Type 'string' is not assignable to type 'number'.";

/** A TypeScript project written at run time (under test/fixtures the tests' own type check would report its error). */
const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ES2022', strict: true, noEmit: true }, include: ['src'] }),
  '.vscode/settings.json': JSON.stringify({ 'typescript.disableAutomaticTypeAcquisition': true }),
  'src/total.ts': 'export const total: number = "42";\n',
  'src/count.ts': 'export const count: number = "2";\n',
  'src/price.ts': 'export const price = 19;\n',
};

function problemsWorkspace(): string {
  const workspace = join(mkdtempSync(join(tmpdir(), 'problems-')), 'project');
  for (const [rel, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), text);
  }
  return workspace;
}

describe('Claude reads the problems and checks its edits (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({ workspace: problemsWorkspace });
  after(() => {
    const dir = w.server && dirname(w.server.workspace);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('problems on a closed file shows a line in the reply; an accepted edit that breaks a file tells Claude the new error', async () => {
    // The person has a file open, so TypeScript is running (its first start is slow).
    const editor = await openInEditor(w.page, 'total.ts', 'export const total');
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
    w.fake.enqueue(
      reply([toolUse('toolu_problems', 'problems', { path: 'src/count.ts' }), editorUse('toolu_edit', { command: 'str_replace', path: 'src/price.ts', old_str: 'price = 19', new_str: 'price = cost' })]),
      textReply(['I see what I broke.']),
    );
    const chat = await openClaudeView(w.page);
    await ask(chat, 'Check count.ts, then change the price');
    await replyShows(chat, 'Checked problems in src/count.ts: 1 error');
    const card = editCard(chat, 'src/price.ts');
    await card.getByRole('button', { name: 'Accept' }).click();
    await replyDone(chat);
    await replyShows(chat, 'I see what I broke.');
    assert.equal(onDisk(w.server.workspace, 'src/price.ts'), 'export const price = cost;\n');

    const [problems, edited] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(problems.tool_use_id, 'toolu_problems');
    assert.equal(problems.text, `1 error reported in src/count.ts:\nsrc/count.ts:1:14 error ${TS2322} [ts 2322]`);
    assert.equal(edited.tool_use_id, 'toolu_edit');
    assert.notEqual(edited.is_error, true);
    assert.ok(edited.text.endsWith("\n\nThe editor now reports 1 error in src/price.ts:\nsrc/price.ts:1:22 error Cannot find name 'cost'. [ts 2304]"), edited.text);
    // The edited file was opened in the background so that TypeScript checks it: its tab shows.
    await until(async () => (await w.page.locator('.tabs-container .tab', { hasText: 'price.ts' }).count()) > 0, 'a tab for price.ts');
  });
});
