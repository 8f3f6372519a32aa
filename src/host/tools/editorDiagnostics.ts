/**
 * The `problems` tool's and the checked edits' view of the editor's diagnostics: errors and
 * warnings of workspace files. A file no tab shows has not been checked (TypeScript checks only
 * files shown in a tab), so it is shown in a preview tab, focus kept, and its first report awaited
 * with the same watch the quick fixes use.
 */
import * as vscode from 'vscode';
import type { Diagnostics, EditCheck, FileCheck, FileProblems } from '../../core/tools/problemReport';
import type { ResolvedPath } from '../../core/tools/workspaceFiles';
import { actionable } from '../codeActions/claudeCodeActions';
import { DiagnosticWatch, shownInTab, showToCheck, toProblem, type SettleTimes } from '../codeActions/diagnosticWatch';

export interface DiagnosticTimes {
  /** A file opened to be checked: its first report (a language server may be loading the project). */
  readonly opened: SettleTimes;
  /** An edited file already shown in a tab: the editor re-checks it within a moment, or finds nothing new to say. */
  readonly edited: SettleTimes;
  /** An edited file that had to be shown first. */
  readonly editedOpened: SettleTimes;
}

export const DIAGNOSTIC_TIMES: DiagnosticTimes = {
  opened: { firstMs: 5000, quietMs: 500, settleMs: 2000 },
  edited: { firstMs: 1500, quietMs: 400, settleMs: 1500 },
  editedOpened: { firstMs: 4000, quietMs: 400, settleMs: 1500 },
};

const errorsOf = (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(toProblem);

export class EditorDiagnostics implements Diagnostics {
  constructor(private readonly times: DiagnosticTimes = DIAGNOSTIC_TIMES) {}

  async ofFile(path: ResolvedPath): Promise<FileCheck> {
    const uri = vscode.Uri.parse(path.key, true);
    const now = () => actionable(vscode.languages.getDiagnostics(uri)).map(toProblem);
    if (now().length || shownInTab(uri)) return { problems: now(), reported: true };
    const watch = new DiagnosticWatch(uri);
    try {
      if (!(await this.show(uri))) return { problems: now(), reported: false };
      const problems = actionable(await watch.settled(this.times.opened)).map(toProblem);
      return { problems, reported: watch.reported, waitedMs: this.times.opened.firstMs };
    } finally {
      watch.dispose();
    }
  }

  async all(): Promise<readonly FileProblems[]> {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const out: FileProblems[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      // Only files inside a workspace folder, and never git's own: the same places the editor tool may read.
      if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) continue;
      const path = vscode.workspace.asRelativePath(uri, multiRoot);
      if (path.split('/').some((part) => part.toLowerCase() === '.git')) continue;
      const problems = actionable(diagnostics).map(toProblem);
      if (problems.length) out.push({ path, problems });
    }
    return out;
  }

  watchEdit(path: ResolvedPath): EditCheck {
    const uri = vscode.Uri.parse(path.key, true);
    const watch = new DiagnosticWatch(uri);
    return {
      errors: async () => {
        const opened = !shownInTab(uri) && (await this.show(uri));
        const diagnostics = await watch.settled(opened ? this.times.editedOpened : this.times.edited);
        return watch.reported ? errorsOf(diagnostics) : undefined;
      },
      dispose: () => watch.dispose(),
    };
  }

  /** Shows the file so that it gets checked; false when it cannot be opened as text (binary, gone). */
  private async show(uri: vscode.Uri): Promise<boolean> {
    try {
      await showToCheck(await vscode.workspace.openTextDocument(uri));
      return true;
    } catch {
      return false;
    }
  }
}
