import './host/l10nSetup'; // first: the core's and the webview's strings come from the loaded bundle
import * as vscode from 'vscode';
import type { ClaudeChatApi } from './host/api';
import { ApiKeyStore } from './host/apiKeyStore';
import type { ChatController } from './host/chat/chatController';
import { registerChatView } from './host/chat/registerChatView';
import { registerCommands } from './host/commands';
import { ConversationStore } from './host/conversationStore';
import { registerCodeActions } from './host/codeActions/registerCodeActions';
import { ChatTools } from './host/edits/chatTools';
import { registerHistoryCommands } from './host/historyCommands';
import { AttachmentStore } from './host/attachmentStore';
import { chatBackend } from './host/chat/engineDeps';
import { deleteUploads } from './host/uploadCleanup';
import { ModelCatalog } from './host/modelCatalog';
import { registerModelCommands } from './host/modelCommands';
import { registerProviderCommands } from './host/providerCommands';
import { registerSelectionCommands } from './host/selectionCommands';
import { credentialValues } from './host/tools/workspaceShells';

let chat: ChatController | undefined;

export function activate(context: vscode.ExtensionContext): ClaudeChatApi {
  const keys = new ApiKeyStore(context.secrets);
  context.subscriptions.push(keys.register());
  const storage = context.storageUri ?? context.globalStorageUri;
  const store = new ConversationStore(vscode.Uri.joinPath(storage, 'conversations').fsPath);
  const images = new AttachmentStore(vscode.Uri.joinPath(storage, 'images').fsPath);
  const catalog = new ModelCatalog();
  const tools = new ChatTools(vscode.Uri.joinPath(storage, 'backups').fsPath, credentialValues(keys));
  context.subscriptions.push(tools);
  chat = registerChatView(context, { keys, store, images, catalog, tools, shells: tools.shells });
  const session = chat.session;
  // A new chat ends the shell of the one before it (and the jobs it left running).
  context.subscriptions.push(chat.onDidPost((m) => m.type === 'cleared' && tools.shells?.keepOnly(session.conversationId)));
  registerCommands(context, keys, chat);
  registerModelCommands(context, chat, catalog);
  registerProviderCommands(context);
  registerHistoryCommands(context, chat, store, (id, conversation) => {
    tools.shells?.forget(id); // a deleted chat's shell goes with it
    if (conversation) void deleteUploads(conversation, () => chatBackend(keys)); // never waited for
    return tools.backups.forget(id);
  });
  registerSelectionCommands(context, chat);
  registerCodeActions(context, chat);
  // Any extension can read `exports`: a key setter there is for our own tests, never in an installed build.
  const forTests = context.extensionMode !== vscode.ExtensionMode.Production ? { setApiKey: (key: string) => keys.set(key) } : {};
  return { session: chat.session, onDidPost: chat.onDidPost, store, ...forTests };
}

/** Saves the open conversation; a reply still streaming reopens as interrupted. */
export async function deactivate(): Promise<void> {
  await chat?.saveNow();
}
