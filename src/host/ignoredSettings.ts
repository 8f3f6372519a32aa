import * as vscode from 'vscode';
import { settingName, USER_ONLY_SETTINGS } from '../core/settings/settings';
import { restrictedIn, settingNames } from '../core/settings/workspaceSettings';

/** The `restrictedConfigurations` of a package.json (the one list of what Restricted Mode ignores). */
export function restrictedSettingsOf(packageJSON: unknown): string[] {
  const list = (packageJSON as { capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: unknown } } } | undefined)?.capabilities
    ?.untrustedWorkspaces?.restrictedConfigurations;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * The `claudeChat` settings this workspace sets that are not used: the user-only ones (endpoint,
 * autoApprove) always, and in Restricted Mode the other restricted ones too. Named in the view so
 * that a repository trying to redirect requests is seen to be ignored, not silently.
 */
export class IgnoredWorkspaceSettings implements vscode.Disposable {
  private keys: readonly string[] = [];
  private version = 0;
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly watched: readonly string[];

  constructor(
    restricted: readonly string[],
    private readonly userOnly: readonly string[] = USER_ONLY_SETTINGS.map(settingName),
  ) {
    this.watched = [...new Set([...restricted, ...userOnly])];
    const refresh = () => void this.refresh();
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidChange(refresh),
      watcher.onDidDelete(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => this.watched.some((k) => e.affectsConfiguration(k)) && refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    );
    refresh();
  }

  get current(): readonly string[] {
    return this.keys;
  }

  async refresh(): Promise<void> {
    const version = ++this.version;
    const keys = await this.find(vscode.workspace.isTrusted ? this.userOnly : this.watched);
    if (version !== this.version || keys.join() === this.keys.join()) return;
    this.keys = keys;
    this.changed.fire(keys);
  }

  private async find(ignored: readonly string[]): Promise<string[]> {
    const files: [vscode.Uri, string | undefined][] = (vscode.workspace.workspaceFolders ?? []).map((f) => [vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'), undefined]);
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push([workspaceFile, 'settings']);
    const set = new Set<string>();
    for (const [uri, under] of files) {
      const text = await readText(uri);
      if (text !== undefined) for (const name of settingNames(text, under)) set.add(name);
    }
    // Every one of them is ignored: settingsReader reads these from the user's settings only.
    return restrictedIn(set, ignored);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
