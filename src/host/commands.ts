import * as vscode from 'vscode';
import { apiKeyProblem } from '../core/api/apiKey';
import type { Provider } from '../core/settings/providerSettings';
import type { ApiKeyStore } from './apiKeyStore';
import type { ChatController } from './chat/chatController';
import { Command } from './commandIds';

/**
 * Takes the key from its own input box only: a command argument could come from any extension,
 * which could then point the user's requests at a key of its choosing.
 */
async function setApiKey(keys: ApiKeyStore): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Claude: Set API Key'),
    prompt: keyPrompt(keys.current()),
    ...(keys.current() === 'anthropic' ? { placeHolder: 'sk-ant-…' } : {}), // not localized: the key's format
    password: true,
    ignoreFocusOut: true,
    validateInput: apiKeyProblem,
  });
  if (key === undefined || apiKeyProblem(key)) return false;
  await keys.set(key);
  return true;
}

export function registerCommands(context: vscode.ExtensionContext, keys: ApiKeyStore, chat: ChatController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Command.setApiKey, () => setApiKey(keys)),
    vscode.commands.registerCommand(Command.clearApiKey, async () => {
      await keys.clear();
      void vscode.window.showInformationMessage(vscode.l10n.t('Claude: the stored API key was removed.'));
    }),
    vscode.commands.registerCommand(Command.newChat, () => chat.session.newChat()),
    vscode.commands.registerCommand(Command.compactChat, () => chat.session.compact()),
  );
}

/** What the key is for: the Anthropic API's, or the cloud's in use. */
function keyPrompt(provider: Provider): string {
  switch (provider) {
    case 'bedrock':
      return vscode.l10n.t("Your Amazon Bedrock API key (optional: without one, your AWS credentials are used). It is kept in VS Code's secret storage, never in settings.");
    case 'foundry':
      return vscode.l10n.t("Your Microsoft Foundry API key. It is kept in VS Code's secret storage, never in settings.");
    case 'vertex':
      return vscode.l10n.t("Vertex AI uses your Google Cloud credentials, not a key; a key set here is not used. It is kept in VS Code's secret storage, never in settings.");
    case 'anthropic':
      return vscode.l10n.t("Your Anthropic API key. It is kept in VS Code's secret storage, never in settings.");
  }
}
