// The `problems` tool and edits that check themselves in a real extension host, on the errors the
// real TypeScript language features report: a closed file is opened in the background and its first
// report awaited, the workspace lists what the editor has checked, a path outside is refused, and an
// accepted edit's result names the error the editor reports afterwards.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { reply, text, toolUse } from '../../fake-anthropic/scripts';
import { eventually } from '../../support/eventually';
import { useFakeEndpoint } from '../fakeEndpoint';

const TS2322 = "Type 'string' is not assignable to type 'number'.";
const dir = `problems-${process.pid}`;

/** Whether a tab shows the file (what "opened in the background" leaves behind). */
const inTab = (uri: vscode.Uri) => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));

describe('problems tool and checked edits in the extension host (TypeScript)', () => {
  const endpoint = useFakeEndpoint('sk-problems');
  const posts: HostToWebview[] = [];
  let subscription: vscode.Disposable | undefined;
  let root: string;
  const uri = (name: string) => vscode.Uri.file(join(root, dir, name));

  before(async function () {
    if (!vscode.workspace.isTrusted) return;
    this.timeout(120_000);
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'open.ts'), 'export const shown: number = "1";\n');
    writeFileSync(join(root, dir, 'closed.ts'), 'export const total: number = "42";\n');
    writeFileSync(join(root, dir, 'edit.ts'), 'export const value = 1;\n');
    subscription = endpoint.api.onDidPost((m) => posts.push(m));
    // The first TypeScript server of the window starts slowly: wait for it on an open file, so the tests time the tool, not the start.
    await vscode.window.showTextDocument(uri('open.ts'), { preview: false });
    await eventually(async () => vscode.languages.getDiagnostics(uri('open.ts')).some((d) => d.message === TS2322), 'TypeScript to report on open.ts', 100_000);
  });
  beforeEach(async () => {
    await endpoint.api.session.newChat();
    endpoint.fake.reset();
    posts.length = 0;
  });
  after(async () => {
    subscription?.dispose();
    if (!root) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(join(root, dir), { recursive: true, force: true });
  });

  /** Sends a question whose reply calls the tools, then closes with text; returns the tool_results Claude got. */
  async function round(...uses: ReturnType<typeof toolUse>[]): Promise<Array<{ tool_use_id: string; content: string; is_error?: boolean }>> {
    endpoint.fake.enqueue(reply(uses), reply([text('Noted.')]));
    await endpoint.api.session.send('Check the problems');
    const results = endpoint.fake.messageRequests[1]?.json.messages.at(-1).content;
    assert.ok(Array.isArray(results), 'the tool results went back to Claude');
    return results;
  }
  const notes = () => posts.flatMap((m) => (m.type === 'toolNote' ? [[m.text, m.isError]] : []));

  it('a closed file is opened in the background, and its real TypeScript error comes back', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    assert.equal(inTab(uri('closed.ts')), false, 'the file starts closed');
    const [result] = await round(toolUse('toolu_closed', 'problems', { path: `${dir}/closed.ts` }));
    assert.equal(result.is_error, undefined);
    assert.equal(result.content, `1 error reported in ${dir}/closed.ts:\n${dir}/closed.ts:1:14 error ${TS2322} [ts 2322]`);
    assert.deepEqual(notes(), [[`Checked problems in ${dir}/closed.ts: 1 error`, false]]);
    assert.ok(inTab(uri('closed.ts')), 'it was opened in a tab so that TypeScript checks it');
  });

  it('the workspace lists the errors of the files the editor has checked', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const [result] = await round(toolUse('toolu_all', 'problems', {}));
    assert.ok(result.content.includes(`${dir}/open.ts:1:14 error ${TS2322} [ts 2322]`), result.content);
    assert.match(result.content, /reported in the workspace:\n/);
    assert.match(String(notes()[0]?.[0]), /^Checked problems in the workspace: \d+ errors?/);
  });

  it('a path outside the workspace or under .git is refused without asking', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const results = await round(toolUse('toolu_out', 'problems', { path: '/etc/passwd' }), toolUse('toolu_git', 'problems', { path: '.git/config' }));
    assert.deepEqual(results.map((r) => r.is_error), [true, true]);
    assert.match(results[0].content, /outside the workspace/);
    assert.match(results[1].content, /\.git/);
    assert.equal(posts.filter((m) => m.type === 'editCard').length, 0, 'no card: nothing to ask about');
    assert.deepEqual(notes().map(([t, e]) => [String(t).startsWith('Refused: '), e]), [[true, true], [true, true]]);
  });

  it('an accepted edit that breaks a closed file: its result names the error TypeScript reports afterwards', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const config = () => vscode.workspace.getConfiguration('claudeChat');
    await config().update('tools.autoApprove', 'all', vscode.ConfigurationTarget.Global);
    try {
      const edit = toolUse('toolu_edit', 'str_replace_based_edit_tool', { command: 'str_replace', path: `${dir}/edit.ts`, old_str: 'value = 1', new_str: 'value = missing' });
      const [result] = await round(edit);
      assert.equal(result.is_error, undefined);
      assert.ok(
        result.content.endsWith(`\n\nThe editor now reports 1 error in ${dir}/edit.ts:\n${dir}/edit.ts:1:22 error Cannot find name 'missing'. [ts 2304]`),
        result.content,
      );
      const state = posts.find((m) => m.type === 'editState');
      assert.equal(state?.type === 'editState' && state.state, 'applied');
    } finally {
      await config().update('tools.autoApprove', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
