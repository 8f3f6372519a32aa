/**
 * Select Provider: where the chat's requests go (the Anthropic API, Amazon Bedrock, Google Vertex
 * AI, Microsoft Foundry), written to the person's user settings. Only the quick pick sets it: a
 * command argument could come from any extension.
 */
import * as vscode from 'vscode';
import { PROVIDERS, type Provider } from '../core/settings/providerSettings';
import { CONFIG_SECTION } from '../core/settings/settings';
import { Command } from './commandIds';
import { readSettings } from './settingsReader';

interface ProviderItem extends vscode.QuickPickItem {
  readonly provider: Provider;
}

function providerItem(provider: Provider, current: Provider): ProviderItem {
  const [label, detail] = describe(provider);
  return { provider, label, detail, ...(provider === current ? { description: vscode.l10n.t('current') } : {}) };
}

/** A provider's name and what it signs in with. */
function describe(provider: Provider): [string, string] {
  switch (provider) {
    case 'anthropic':
      return [vscode.l10n.t('Anthropic API'), vscode.l10n.t('With the key from Claude: Set API Key (or a gateway in claudeChat.baseURL).')];
    case 'bedrock':
      return ['Amazon Bedrock', vscode.l10n.t('With your AWS credentials: environment, profile, SSO or instance role.')]; // not localized: a product name
    case 'vertex':
      return ['Google Vertex AI', vscode.l10n.t('With your Application Default Credentials (gcloud auth application-default login).')]; // not localized: a product name
    case 'foundry':
      return ['Microsoft Foundry', vscode.l10n.t('With its API key (Claude: Set API Key) or your Entra ID sign-in.')]; // not localized: a product name
  }
}

export async function selectProvider(): Promise<Provider | undefined> {
  const current = readSettings().provider;
  const picked = await vscode.window.showQuickPick(
    PROVIDERS.map((p) => providerItem(p, current)),
    { title: vscode.l10n.t('Claude: Select Provider'), placeHolder: vscode.l10n.t('Where your chats go (kept in your user settings)') },
  );
  if (!picked) return undefined;
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update('provider', picked.provider, vscode.ConfigurationTarget.Global);
  return picked.provider;
}

export function registerProviderCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(Command.selectProvider, () => selectProvider()));
}
