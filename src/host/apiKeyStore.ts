import * as vscode from 'vscode';
import { checkedApiKey } from '../core/api/apiKey';
import { resolveCredentials, type Credentials } from '../core/api/clientOptions';
import type { Provider } from '../core/settings/providerSettings';
import { readSettings } from './settingsReader';

/** Where each provider's key is kept: the Anthropic API's (as always), a Bedrock API key, a Foundry key. Vertex AI takes none. */
const SECRET_KEYS: Readonly<Record<Provider, string>> = {
  anthropic: 'claudeChat.apiKey',
  bedrock: 'claudeChat.apiKey.bedrock',
  vertex: 'claudeChat.apiKey.vertex',
  foundry: 'claudeChat.apiKey.foundry',
};
const ALL_KEYS: ReadonlySet<string> = new Set(Object.values(SECRET_KEYS));

/** The key of the provider in use, in VS Code's SecretStorage; the Anthropic API's falls back to the environment. */
export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly provider: () => Provider = () => readSettings().provider,
  ) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.changed,
      this.secrets.onDidChange((e) => {
        if (ALL_KEYS.has(e.key)) this.changed.fire();
      }),
    );
  }

  /** The provider in use now. */
  current(): Provider {
    return this.provider();
  }

  async credentials(): Promise<Credentials | undefined> {
    const provider = this.provider();
    const stored = await this.secrets.get(SECRET_KEYS[provider]);
    if (provider === 'anthropic') return resolveCredentials(stored, process.env);
    // A cloud's own variables (AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_FOUNDRY_API_KEY) are read by its SDK.
    return stored?.trim() ? { kind: 'apiKey', value: stored.trim(), source: 'secretStorage' } : undefined;
  }

  /** Every key kept, whichever provider it is for: none of them may reach a command's environment. */
  async allStored(): Promise<string[]> {
    const stored = await Promise.all([...ALL_KEYS].map((key) => this.secrets.get(key)));
    return stored.flatMap((value) => (value?.trim() ? [value.trim()] : []));
  }

  /** True when a request can be made: the Anthropic API needs its key; a cloud finds its credentials itself. */
  async ready(): Promise<boolean> {
    return this.provider() !== 'anthropic' || (await this.credentials()) !== undefined;
  }

  /** Stores the key trimmed; throws (storing nothing) when it has a character a header cannot carry. */
  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEYS[this.provider()], checkedApiKey(key));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEYS[this.provider()]);
  }
}
