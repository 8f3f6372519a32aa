import type * as vscode from 'vscode';
import { ApiKeyStore } from './host/apiKeyStore';
import { registerChatView } from './host/chatViewProvider';
import { registerCommands } from './host/commands';
import type { ClaudeChatApi } from './host/api';

export function activate(context: vscode.ExtensionContext): ClaudeChatApi {
  const keys = new ApiKeyStore(context.secrets);
  context.subscriptions.push(keys.register());
  const chat = registerChatView(context, keys);
  registerCommands(context, keys, chat);
  return { session: chat.session, onDidPost: chat.onDidPost };
}

export function deactivate(): void {}
