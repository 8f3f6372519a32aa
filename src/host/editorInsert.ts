import * as vscode from 'vscode';

export async function copyToClipboard(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
  vscode.window.setStatusBarMessage('Claude: code copied', 2000);
}

/** Inserts at every cursor of the active editor (one undo step), or says why it cannot. */
export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showInformationMessage('Claude: open an editor to insert the code.');
    return;
  }
  const ok = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  if (!ok) void vscode.window.showWarningMessage('Claude: the editor did not accept the insertion (is it read-only?).');
}
