// "Insert at cursor" from a code block, inside the extension host: into the editor, or into a new one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { insertAtCursor } from '../../../src/host/editorInsert';

const openTabs = () => vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.length, 0);

/** Closes every editor, throwing away unsaved untitled text (closing would otherwise ask to save it). */
async function closeAllEditors(): Promise<void> {
  for (let tries = 0; openTabs() > 0 && tries < 20; tries++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  assert.equal(openTabs(), 0, 'every editor is closed');
}

describe('Insert at cursor', () => {
  beforeEach(closeAllEditors);
  after(closeAllEditors);

  it('with no editor open, opens the code in a new untitled editor', async () => {
    assert.equal(vscode.window.visibleTextEditors.length, 0);
    const code = 'const answer = 42;\nconsole.log(answer);\n';
    await insertAtCursor(code);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is active');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.getText(), code);
  });

  it('with an editor open, inserts at every cursor, and one undo takes it all back', async () => {
    const original = 'first line\nsecond line\n';
    const document = await vscode.workspace.openTextDocument({ content: original });
    const editor = await vscode.window.showTextDocument(document);
    editor.selections = [new vscode.Selection(0, 5, 0, 5), new vscode.Selection(1, 0, 1, 6)];
    await insertAtCursor('<X>');
    assert.equal(document.getText(), 'first<X> line\n<X> line\n', 'inserted at the cursor, replacing the selection');
    assert.equal(vscode.window.visibleTextEditors.length, 1, 'no other editor was opened');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });
});
