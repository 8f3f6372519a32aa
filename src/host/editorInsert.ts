import * as vscode from 'vscode';

export async function copyToClipboard(code: string): Promise<void> {
  await vscode.env.clipboard.writeText(code);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Claude: copied to the clipboard'), 2000);
}

/** With no editor open, the code goes into a new untitled editor rather than nowhere. */
async function openInNewEditor(code: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content: code });
  await vscode.window.showTextDocument(document);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Claude: no editor was open, so the code is in a new untitled one'), 4000);
}

/** Inserts at every cursor of the active editor (one undo step); with no editor, opens the code in a new one. */
export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) return openInNewEditor(code);
  const ok = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  if (!ok) void vscode.window.showWarningMessage(vscode.l10n.t('Claude: the editor did not accept the insertion (is it read-only?).'));
}
