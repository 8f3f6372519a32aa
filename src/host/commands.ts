import * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeyStore';
import type { ChatViewProvider } from './chatViewProvider';
import { Command } from './commandIds';

async function setApiKey(keys: ApiKeyStore, given?: unknown): Promise<boolean> {
  const key =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'Claude: Set API Key',
          prompt: 'Your Anthropic API key. It is kept in VS Code\'s secret storage, never in settings.',
          placeHolder: 'sk-ant-…',
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() ? undefined : 'Enter a key, or press Escape to cancel.'),
        });
  if (!key?.trim()) return false;
  await keys.set(key);
  return true;
}

export function registerCommands(context: vscode.ExtensionContext, keys: ApiKeyStore, chat: ChatViewProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Command.setApiKey, (key?: unknown) => setApiKey(keys, key)),
    vscode.commands.registerCommand(Command.clearApiKey, async () => {
      await keys.clear();
      void vscode.window.showInformationMessage('Claude: the stored API key was removed.');
    }),
    vscode.commands.registerCommand(Command.newChat, () => chat.session.newChat()),
  );
}
