/** Show Chat History, Export Chat and Import Chat. */
import * as vscode from 'vscode';
import { messageOf } from '../core/api/errors';
import { conversationToMarkdown } from '../core/conversation/markdownExport';
import { checkImportedImages } from '../core/context/imageCheck';
import { parseConversation } from '../core/conversation/storageFormat';
import { newConversationId, type Conversation } from '../core/conversation/turns';
import type { ChatController } from './chat/chatController';
import { Command } from './commandIds';
import type { ConversationStore, StoreProblem } from './conversationStore';

interface HistoryItem extends vscode.QuickPickItem {
  readonly id: string;
}

const DELETE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete chat' };

function when(updatedAt: number): string {
  return new Date(updatedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

async function showHistory(chat: ChatController, store: ConversationStore, forgetBackups: (id: string) => Promise<void>): Promise<void> {
  await chat.ensureRestored();
  const pick = vscode.window.createQuickPick<HistoryItem>();
  pick.title = 'Claude: Chat History';
  pick.placeholder = 'Reopen a chat (the trash button deletes it)';
  const refresh = async () => {
    const current = chat.session.conversationId;
    pick.items = (await store.list()).map((s) => ({
      id: s.id,
      label: s.title,
      description: `${when(s.updatedAt)}${s.id === current ? ' · open now' : ''}`,
      detail: `${s.turns} message${s.turns === 1 ? '' : 's'}`,
      buttons: [DELETE],
    }));
    if (!pick.items.length) pick.placeholder = 'No saved chats in this workspace yet';
  };
  pick.onDidTriggerItemButton(async ({ item }) => {
    await store.delete(item.id);
    await forgetBackups(item.id).catch(() => undefined); // the copies kept for Revert changes go with the chat
    if (item.id === chat.session.conversationId) await chat.session.newChat();
    await refresh();
  });
  pick.onDidAccept(async () => {
    const [item] = pick.selectedItems;
    pick.hide();
    if (!item) return;
    try {
      const conversation = await store.load(item.id);
      if (conversation) await chat.open(conversation);
      else void vscode.window.showErrorMessage(`Claude: the chat "${item.label}" could not be read.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Claude: could not open the chat "${item.label}": ${messageOf(err)}.`);
    }
  });
  pick.onDidHide(() => pick.dispose());
  await refresh();
  pick.show();
}

function safeName(title: string): string {
  return title.replace(/[^\w\s.-]+/g, '').trim().slice(0, 60) || 'chat';
}

/** Export Chat; tests and automation may pass the format and target. */
async function exportChat(chat: ChatController, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  await chat.ensureRestored();
  const conversation = chat.session.conversation();
  if (!conversation.turns.length) {
    void vscode.window.showInformationMessage('Claude: this chat is empty; there is nothing to export.');
    return undefined;
  }
  const kind =
    format === 'json' || format === 'markdown'
      ? format
      : (await vscode.window.showQuickPick([{ label: 'Markdown', value: 'markdown' as const }, { label: 'JSON (can be imported again)', value: 'json' as const }], { title: 'Claude: Export Chat' }))?.value;
  if (!kind) return undefined;
  const extension = kind === 'json' ? 'json' : 'md';
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: 'Claude: Export Chat',
          defaultUri: base && vscode.Uri.joinPath(base, `${safeName(conversation.title)}.${extension}`),
          filters: kind === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
        });
  if (!uri) return undefined;
  const text = kind === 'json' ? JSON.stringify(conversation, null, 2) : conversationToMarkdown(conversation);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  vscode.window.setStatusBarMessage(`Claude: chat exported to ${vscode.workspace.asRelativePath(uri)}`, 4000);
  return uri;
}

/** Larger files are refused before they are read: a chat export with its images stays far below this. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The conversation in an export file: size checked before reading, every image checked after parsing. */
async function readImport(uri: vscode.Uri): Promise<{ conversation: Conversation; dropped: readonly string[] }> {
  const info = await vscode.workspace.fs.stat(uri);
  if (!(info.type & vscode.FileType.File)) throw new Error('It is not a file.');
  if (info.size > MAX_IMPORT_BYTES) throw new Error(`The file is ${(info.size / 1024 / 1024).toFixed(1)} MB; chats up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported.`);
  return checkImportedImages(parseConversation(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')));
}

/** Import Chat: reopens an exported JSON file as a new conversation; images that fail the checks are left out, with a warning. */
async function importChat(chat: ChatController, store: ConversationStore, source?: unknown): Promise<Conversation | undefined> {
  const uri =
    source instanceof vscode.Uri
      ? source
      : (await vscode.window.showOpenDialog({ title: 'Claude: Import Chat', canSelectMany: false, filters: { 'Claude Chat JSON': ['json'] } }))?.[0];
  if (!uri) return undefined;
  let imported: { conversation: Conversation; dropped: readonly string[] };
  try {
    imported = await readImport(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`Claude: could not import ${vscode.workspace.asRelativePath(uri)}: ${(err as Error).message}`);
    return undefined;
  }
  const conversation: Conversation = { ...imported.conversation, id: newConversationId(), updatedAt: Date.now() };
  await store.save(conversation);
  await chat.open(conversation);
  const { dropped } = imported;
  if (dropped.length) {
    void vscode.window.showWarningMessage(`Claude: imported "${conversation.title}" without ${dropped.length === 1 ? 'an image' : `${dropped.length} images`} that failed the checks: ${dropped.join('; ')}.`);
  }
  return conversation;
}

function warnSetAside(problem: StoreProblem): void {
  const name = problem.title ? `"${problem.title}" (${problem.file})` : problem.file;
  void vscode.window.showWarningMessage(`Claude: the saved chat ${name} could not be read (${problem.reason}) and is no longer listed; the file is kept as ${problem.keptAs}.`);
}

export function registerHistoryCommands(context: vscode.ExtensionContext, chat: ChatController, store: ConversationStore, forgetBackups: (id: string) => Promise<void>): void {
  context.subscriptions.push(
    store.onProblem(warnSetAside),
    vscode.commands.registerCommand(Command.showHistory, () => showHistory(chat, store, forgetBackups)),
    vscode.commands.registerCommand(Command.exportChat, (format?: unknown, target?: unknown) => exportChat(chat, format, target)),
    vscode.commands.registerCommand(Command.importChat, (source?: unknown) => importChat(chat, store, source)),
  );
}
