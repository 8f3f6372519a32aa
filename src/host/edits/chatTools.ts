/**
 * Claude's file tool in this window: the workspace files it may touch, the diff preview, the
 * per-reply backups, whether tools are on (setting and workspace trust), and Revert changes.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/api/errors';
import type { AssistantTurn } from '../../core/conversation/turns';
import { MAX_VIEW_CHARACTERS } from '../../core/engine/chatEngine';
import type { ToolEnvironment } from '../../core/engine/toolRunner';
import { EditorTool } from '../../core/tools/editorTool';
import { ProblemsTool } from '../../core/tools/problemsTool';
import { GlobTool } from '../../core/tools/search/globTool';
import { GrepTool } from '../../core/tools/search/grepTool';
import type { ToolsStatus } from '../../core/protocol/protocol';
import { formatNumber } from '../../core/l10n/format';
import { readSettings } from '../settingsReader';
import { EditorDiagnostics } from '../tools/editorDiagnostics';
import type { ChildShellSessions } from '../tools/shellSessions';
import { bashTool, workspaceShells } from '../tools/workspaceShells';
import { ProposedContent } from './proposedContent';
import { BackupListError, ReplyBackups } from './replyBackups';
import { WorkspaceFileSystem } from './workspaceFileSystem';
import { WorkspaceSearcher } from '../tools/workspaceSearcher';

/** The saved copies could not be read: said before any file is touched, so nothing was changed. */
function unrevertable(err: unknown): undefined {
  const why = err instanceof BackupListError ? err.shown : messageOf(err);
  void vscode.window.showErrorMessage(vscode.l10n.t("Claude Chat: could not revert this reply's changes, no file was changed: {0}.", why));
  return undefined;
}

export class ChatTools implements vscode.Disposable {
  readonly files = new WorkspaceFileSystem();
  readonly backups: ReplyBackups;
  /** ripgrep, or the built-in search without it, for glob and grep. */
  readonly searcher = new WorkspaceSearcher();
  private readonly proposed = new ProposedContent();
  private readonly registration: vscode.Disposable;
  /** One shell per conversation for the bash tool; none in a virtual workspace. */
  readonly shells: ChildShellSessions | undefined;

  /** `secrets`: the credential values in use, kept out of the commands' environment. */
  constructor(backupRoot: string, secrets: () => Promise<readonly string[]> = async () => []) {
    this.backups = new ReplyBackups(backupRoot);
    this.registration = this.proposed.register();
    this.shells = workspaceShells(secrets);
  }

  environment(): ToolEnvironment {
    const diagnostics = new EditorDiagnostics();
    const editor = new EditorTool({
      files: this.files,
      maxCharacters: MAX_VIEW_CHARACTERS,
      backups: this.backups,
      showDiff: (edit) => {
        this.proposed.showDiff(edit).catch((err: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Claude Chat: could not open the diff: {0}', messageOf(err))));
      },
      forget: (id) => this.proposed.forget(id),
      checkEdit: (path) => diagnostics.watchEdit(path),
    });
    const problems = new ProblemsTool({ files: this.files, diagnostics });
    const search = [new GlobTool(this.files, this.searcher), new GrepTool(this.files, this.searcher)];
    // The order is the contract's (editor, bash, glob, grep, problems) and part of the cached prefix.
    // Restricted Mode turns every tool off (status), so bash needs no trust check of its own here.
    const tools = [editor, ...(this.shells ? [bashTool(this.shells)] : []), ...search, problems];
    return { tools, autoApprove: () => readSettings().autoApprove };
  }

  /** Whether the tools are on; when off, the reason is a whole sentence for the chat view, shown as it is. */
  status(): ToolsStatus {
    if (!vscode.workspace.isTrusted) {
      return { enabled: false, reason: vscode.l10n.t('Edits are off in Restricted Mode: Claude cannot read, search or change files, or run commands, until you trust this workspace.') };
    }
    if (!readSettings().toolsEnabled) return { enabled: false, reason: vscode.l10n.t('Edits are off (setting claudeChat.tools.enabled).') };
    if (!vscode.workspace.workspaceFolders?.length) return { enabled: false, reason: vscode.l10n.t('Edits are off: Open a folder to let Claude read and edit files.') };
    return { enabled: true };
  }

  /** Asks, then restores every file the reply touched (deleting the files it created). */
  async revert(conversationId: string, turn: AssistantTurn): Promise<boolean> {
    const touched = await this.backups.touched(conversationId, turn.id).catch(unrevertable);
    if (!touched) return false;
    if (!touched.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Claude Chat: no saved copies of the files this reply changed were found, so nothing was reverted.'));
      return false;
    }
    const list = touched.map((t) => (t.existed ? t.path.display : vscode.l10n.t('{0} (created: will be deleted)', t.path.display))).join('\n');
    const question =
      touched.length === 1 ? vscode.l10n.t('Revert the changes this reply made to 1 file?') : vscode.l10n.t('Revert the changes this reply made to {0} files?', formatNumber(touched.length));
    const revert: vscode.MessageItem = { title: vscode.l10n.t({ message: 'Revert', comment: ["Button of the modal question: put back the files as they were before Claude's reply"] }) };
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail: list }, revert);
    if (answer !== revert) return false;
    const report = await this.backups.restore(conversationId, turn.id, this.files).catch(unrevertable);
    if (!report) return false;
    if (report.failed.length) {
      // The reasons are the workspace file system's, in English: they are also tool results sent to Claude.
      const failed = report.failed.map((f) => vscode.l10n.t({ message: '{0} ({1})', args: [f.path, f.error], comment: ['A file that could not be reverted, then why'] }));
      void vscode.window.showErrorMessage(vscode.l10n.t('Claude Chat: could not revert {0}.', failed.join(', ')));
    }
    return report.restored.length > 0 && report.failed.length === 0;
  }

  dispose(): void {
    this.registration.dispose();
    this.shells?.dispose();
  }
}
