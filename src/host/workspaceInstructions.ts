/** CLAUDE.md / AGENTS.md at the workspace roots, read only when the setting is on and the workspace is trusted. */
import * as vscode from 'vscode';
import { INSTRUCTION_FILES, type InstructionFile } from '../core/settings/systemPrompt';
import { readSettings } from './settingsReader';

export class WorkspaceInstructions implements vscode.Disposable {
  private files: InstructionFile[] = [];
  private loading: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`{${INSTRUCTION_FILES.join(',')}}`);
    const reload = () => void this.reload();
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidGrantWorkspaceTrust(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
    );
  }

  /** The files in use, in the fixed order: workspace folders in order, CLAUDE.md before AGENTS.md. */
  current(): readonly InstructionFile[] {
    return this.files;
  }

  /** Loads once (later changes reload by themselves). */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  reload(): Promise<void> {
    this.loading = this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const files: InstructionFile[] = [];
    if (vscode.workspace.isTrusted && readSettings().useWorkspaceInstructions) {
      const folders = vscode.workspace.workspaceFolders ?? [];
      for (const folder of folders) {
        for (const name of INSTRUCTION_FILES) {
          try {
            const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name));
            files.push({ path: folders.length > 1 ? `${folder.name}/${name}` : name, text: Buffer.from(bytes).toString('utf8') });
          } catch {
            // not there
          }
        }
      }
    }
    const before = JSON.stringify(this.files);
    this.files = files;
    if (JSON.stringify(files) !== before) this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
