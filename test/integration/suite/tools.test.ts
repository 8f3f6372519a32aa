// Claude's file tool through the whole extension in a real host: the engine, the real SDK, the
// fake server, and the workspace's own documents.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { reply, text, toolUse } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

const EDITOR = 'str_replace_based_edit_tool';

describe('Claude file tool in the extension host', () => {
  const endpoint = useFakeEndpoint('sk-tools');
  const name = `tools-test-${process.pid}.ts`;
  let file: string;

  before(() => {
    file = join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
    writeFileSync(file, 'export const saved = 1;\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(file, { force: true });
  });

  it('view returns the unsaved buffer, not the file on disk', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1, 0), 'export const unsaved = 2;\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    endpoint.fake.enqueue(reply([toolUse('toolu_view', EDITOR, { command: 'view', path: name })]), reply([text('I see both.')]));
    await endpoint.api.session.send('What is in the file?');
    const [first, second] = endpoint.fake.messageRequests.slice(-2).map((r) => r.json);
    assert.deepEqual(first.tools?.map((t: { type: string; name: string }) => [t.type, t.name]), [['text_editor_20250728', EDITOR]]);
    const result = second.messages.at(-1).content[0];
    assert.equal(result.tool_use_id, 'toolu_view');
    assert.match(result.content, /1\texport const saved = 1;\n\s*2\texport const unsaved = 2;/);
    assert.equal(document.isDirty, true, 'a view never saves');
  });

  it('declares no tools in Restricted Mode, and says why', async function () {
    if (vscode.workspace.isTrusted) return this.skip();
    endpoint.fake.enqueue(reply([text('Plain answer.')]));
    await endpoint.api.session.send('Hello');
    assert.equal('tools' in endpoint.fake.messageRequests.at(-1)!.json, false);
    const status = endpoint.api.session.toolsStatus();
    assert.equal(status.enabled, false);
    assert.match(status.reason ?? '', /Restricted Mode/);
  });
});
