/** Add Selection to Chat and Explain Selection. */
import * as vscode from 'vscode';
import { EXPLAIN_INSTRUCTION, type SelectionAttachment } from '../core/context/attachments';
import type { ChatController } from './chat/chatController';
import { CHAT_VIEW_ID } from './chat/chatView';
import { Command } from './commandIds';

/** The innermost document symbol around `position`, if the language offers symbols. */
export async function enclosingSymbol(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range | undefined> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
    'vscode.executeDocumentSymbolProvider',
    document.uri,
  );
  let best: vscode.Range | undefined;
  const visit = (items: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]) => {
    for (const item of items) {
      const range = 'range' in item ? item.range : item.location.range;
      if (!range.contains(position)) continue;
      if (!best || best.contains(range)) best = range;
      if ('children' in item) visit(item.children);
    }
  };
  visit(symbols ?? []);
  return best;
}

/** What to attach: the selection; with none, the enclosing symbol, else the current line. */
async function rangeToAttach(editor: vscode.TextEditor): Promise<vscode.Range> {
  const { selection, document } = editor;
  if (!selection.isEmpty) return selection;
  return (await enclosingSymbol(document, selection.active)) ?? document.lineAt(selection.active.line).range;
}

let attachmentCounter = 0;

export function selectionAttachment(document: vscode.TextDocument, range: vscode.Range): SelectionAttachment {
  // A selection ending at the start of a line does not include that line.
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  const full = new vscode.Range(range.start.line, 0, endLine - 1, document.lineAt(endLine - 1).range.end.character);
  return {
    kind: 'selection',
    id: `sel${Date.now().toString(36)}${(attachmentCounter++).toString(36)}`,
    path: vscode.workspace.asRelativePath(document.uri).replace(/\\/g, '/'),
    startLine: range.start.line + 1,
    endLine,
    language: document.languageId,
    code: range.isEmpty ? document.lineAt(range.start.line).text : document.getText(full),
  };
}

async function current(): Promise<SelectionAttachment | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude: open a file and select some code first.'));
    return undefined;
  }
  return selectionAttachment(editor.document, await rangeToAttach(editor));
}

export function registerSelectionCommands(context: vscode.ExtensionContext, chat: ChatController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Command.addSelectionToChat, async () => {
      const attachment = await current();
      if (!attachment) return;
      await chat.ensureRestored();
      chat.session.pending.add(attachment);
      await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
      chat.focusComposer();
    }),
    vscode.commands.registerCommand(Command.explainSelection, async () => {
      const attachment = await current();
      if (!attachment) return;
      await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
      chat.focusComposer();
      await chat.ensureRestored();
      if (chat.session.busy) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Claude is still replying. Stop the reply or wait, then try again.'));
        return;
      }
      await chat.session.send(EXPLAIN_INSTRUCTION, [attachment]);
    }),
  );
}
