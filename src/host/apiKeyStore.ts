import * as vscode from 'vscode';
import { checkedApiKey } from '../core/api/apiKey';
import { resolveCredentials, type Credentials } from '../core/api/clientOptions';

const SECRET_KEY = 'claudeChat.apiKey';

/** The API key in VS Code's SecretStorage, with the environment as fallback. */
export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.changed,
      this.secrets.onDidChange((e) => {
        if (e.key === SECRET_KEY) this.changed.fire();
      }),
    );
  }

  async credentials(): Promise<Credentials | undefined> {
    return resolveCredentials(await this.secrets.get(SECRET_KEY), process.env);
  }

  /** Stores the key trimmed; throws (storing nothing) when it has a character a header cannot carry. */
  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, checkedApiKey(key));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
}
