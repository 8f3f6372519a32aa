/**
 * "Fix with Claude" and "Explain Problem with Claude" in the quick-fix menu, where an error or a
 * warning touches the cursor or selection: one pair of actions, whatever the number of
 * diagnostics. Offering them costs nothing: no I/O and no network until one is chosen.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, SettingKey } from '../../core/settings/settings';
import { Command } from '../commandIds';

export const FIX_KIND = vscode.CodeActionKind.QuickFix.append('claude');
export const EXPLAIN_KIND = FIX_KIND.append('explain');

/** The diagnostics worth a quick fix: errors and warnings. */
export function actionable(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
}

export class ClaudeCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [FIX_KIND, EXPLAIN_KIND] };
  /** Read once and on change, so providing actions never reads settings. */
  private enabled = true;
  private toolsEnabled = true;

  constructor() {
    this.settingsChanged();
  }

  settingsChanged(): void {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    this.enabled = config.get(SettingKey.codeActionsEnabled) !== false;
    this.toolsEnabled = config.get(SettingKey.toolsEnabled) !== false;
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.enabled) return [];
    if (context.only && !FIX_KIND.intersects(context.only)) return [];
    const diagnostics = actionable(context.diagnostics);
    if (!diagnostics.length) return [];
    const args = [document.uri, range];
    const actions: vscode.CodeAction[] = [];
    // Fixing means editing files with the file tool: trusted workspaces, files on disk, tools on.
    if (vscode.workspace.isTrusted && this.toolsEnabled && document.uri.scheme === 'file') {
      const title = vscode.l10n.t('Fix with Claude');
      const fix = new vscode.CodeAction(title, FIX_KIND);
      fix.command = { command: Command.fixDiagnostic, title, arguments: args };
      fix.diagnostics = diagnostics;
      actions.push(fix);
    }
    const title = vscode.l10n.t('Explain Problem with Claude');
    const explain = new vscode.CodeAction(title, EXPLAIN_KIND);
    explain.command = { command: Command.explainDiagnostic, title, arguments: args };
    explain.diagnostics = diagnostics;
    actions.push(explain);
    return actions;
  }
}
