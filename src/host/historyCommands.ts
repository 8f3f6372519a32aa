/** Show Chat History, Export Chat and Import Chat. */
import * as vscode from 'vscode';
import { messageOf } from '../core/api/errors';
import { conversationToMarkdown } from '../core/conversation/markdownExport';
import { checkImportedImages } from '../core/context/imageCheck';
import { parseConversation } from '../core/conversation/storageFormat';
import { newConversationId, type Conversation, type ConversationSummary } from '../core/conversation/turns';
import { formatBytes, formatDateTime, formatNumber } from '../core/l10n/format';
import type { ChatController } from './chat/chatController';
import { Command } from './commandIds';
import type { ConversationStore, StoreProblem } from './conversationStore';

interface HistoryItem extends vscode.QuickPickItem {
  readonly id: string;
}

/** A saved chat as a row: its title, when it last changed (and whether it is the open one), its length. */
function historyItem(summary: ConversationSummary, current: string, remove: vscode.QuickInputButton): HistoryItem {
  const when = formatDateTime(summary.updatedAt);
  return {
    id: summary.id,
    label: summary.title,
    description: summary.id === current ? vscode.l10n.t({ message: '{0} · open now', args: [when], comment: ['{0} is the date and time the chat was last changed'] }) : when,
    detail: summary.turns === 1 ? vscode.l10n.t('1 message') : vscode.l10n.t('{0} messages', formatNumber(summary.turns)),
    buttons: [remove],
  };
}

async function showHistory(chat: ChatController, store: ConversationStore, forget: ForgetChat): Promise<void> {
  await chat.ensureRestored();
  const pick = vscode.window.createQuickPick<HistoryItem>();
  pick.title = vscode.l10n.t('Claude: Chat History');
  pick.placeholder = vscode.l10n.t('Reopen a chat (the trash button deletes it)');
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete chat') };
  const refresh = async () => {
    const current = chat.session.conversationId;
    pick.items = (await store.list()).map((s) => historyItem(s, current, remove));
    if (!pick.items.length) pick.placeholder = vscode.l10n.t('No saved chats in this workspace yet');
  };
  pick.onDidTriggerItemButton(async ({ item }) => {
    const deleted = await store.load(item.id).catch(() => undefined);
    await store.delete(item.id);
    await forget(item.id, deleted).catch(() => undefined); // the copies kept for Revert changes go with the chat, and its uploads
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
      else void vscode.window.showErrorMessage(vscode.l10n.t('Claude: the chat "{0}" could not be read.', item.label));
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Claude: could not open the chat "{0}": {1}.', item.label, messageOf(err)));
    }
  });
  pick.onDidHide(() => pick.dispose());
  await refresh();
  pick.show();
}

/** A file name from the chat's title: letters and digits of any script are kept. */
function safeName(title: string): string {
  return title.replace(/[^\p{L}\p{M}\p{N}\s._-]+/gu, '').trim().slice(0, 60) || vscode.l10n.t({ message: 'chat', comment: ['File name proposed when exporting a chat whose title gives none'] });
}

/** Export Chat; tests and automation may pass the format and target. */
async function exportChat(chat: ChatController, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  await chat.ensureRestored();
  const conversation = chat.session.conversation();
  if (!conversation.turns.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude: this chat is empty; there is nothing to export.'));
    return undefined;
  }
  const kind =
    format === 'json' || format === 'markdown'
      ? format
      : (
          await vscode.window.showQuickPick(
            [
              { label: 'Markdown', value: 'markdown' as const }, // not localized: the format's name
              { label: vscode.l10n.t('JSON (can be imported again)'), value: 'json' as const },
            ],
            { title: vscode.l10n.t('Claude: Export Chat') },
          )
        )?.value;
  if (!kind) return undefined;
  const extension = kind === 'json' ? 'json' : 'md';
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Claude: Export Chat'),
          defaultUri: base && vscode.Uri.joinPath(base, `${safeName(conversation.title)}.${extension}`),
          filters: kind === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
        });
  if (!uri) return undefined;
  const text = kind === 'json' ? JSON.stringify(conversation, null, 2) : conversationToMarkdown(conversation);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  vscode.window.setStatusBarMessage(vscode.l10n.t('Claude: chat exported to {0}', vscode.workspace.asRelativePath(uri)), 4000);
  return uri;
}

/** Larger files are refused before they are read: a chat export with its images stays far below this. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The conversation in an export file: size checked before reading, every image checked after parsing. */
async function readImport(uri: vscode.Uri): Promise<{ conversation: Conversation; dropped: readonly string[] }> {
  const info = await vscode.workspace.fs.stat(uri);
  if (!(info.type & vscode.FileType.File)) throw new Error(vscode.l10n.t('It is not a file.'));
  if (info.size > MAX_IMPORT_BYTES) throw new Error(vscode.l10n.t('The file is {0}; chats up to {1} can be imported.', formatBytes(info.size), formatBytes(MAX_IMPORT_BYTES)));
  return checkImportedImages(parseConversation(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')));
}

/** Import Chat: reopens an exported JSON file as a new conversation; images that fail the checks are left out, with a warning. */
async function importChat(chat: ChatController, store: ConversationStore, source?: unknown): Promise<Conversation | undefined> {
  const uri =
    source instanceof vscode.Uri
      ? source
      : (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Claude: Import Chat'), canSelectMany: false, filters: { [vscode.l10n.t('Claude Chat JSON')]: ['json'] } }))?.[0];
  if (!uri) return undefined;
  let imported: { conversation: Conversation; dropped: readonly string[] };
  try {
    imported = await readImport(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Claude: could not import {0}: {1}', vscode.workspace.asRelativePath(uri), messageOf(err)));
    return undefined;
  }
  const conversation: Conversation = { ...imported.conversation, id: newConversationId(), updatedAt: Date.now() };
  await store.save(conversation);
  await chat.open(conversation);
  const { dropped } = imported;
  if (dropped.length) {
    const reasons = dropped.join('; ');
    const message =
      dropped.length === 1
        ? vscode.l10n.t('Claude: imported "{0}" without an image that failed the checks: {1}.', conversation.title, reasons)
        : vscode.l10n.t('Claude: imported "{0}" without {1} images that failed the checks: {2}.', conversation.title, formatNumber(dropped.length), reasons);
    void vscode.window.showWarningMessage(message);
  }
  return conversation;
}

function warnSetAside(problem: StoreProblem): void {
  const message = problem.title
    ? vscode.l10n.t('Claude: the saved chat "{0}" ({1}) could not be read ({2}) and is no longer listed; the file is kept as {3}.', problem.title, problem.file, problem.reason, problem.keptAs)
    : vscode.l10n.t('Claude: the saved chat {0} could not be read ({1}) and is no longer listed; the file is kept as {2}.', problem.file, problem.reason, problem.keptAs);
  void vscode.window.showWarningMessage(message);
}

/** What goes with a deleted chat (its backups, shell and uploads); `conversation` is undefined when it could not be read. */
export type ForgetChat = (id: string, conversation: Conversation | undefined) => Promise<void>;

export function registerHistoryCommands(context: vscode.ExtensionContext, chat: ChatController, store: ConversationStore, forget: ForgetChat): void {
  context.subscriptions.push(
    store.onProblem(warnSetAside),
    vscode.commands.registerCommand(Command.showHistory, () => showHistory(chat, store, forget)),
    vscode.commands.registerCommand(Command.exportChat, (format?: unknown, target?: unknown) => exportChat(chat, format, target)),
    vscode.commands.registerCommand(Command.importChat, (source?: unknown) => importChat(chat, store, source)),
  );
}
