/**
 * provideCodeActions in the extension host: 1,000 calls on a file with 200 diagnostics, at places
 * with and without problems, as VS Code makes them when the cursor moves. Baseline in the same
 * process: a provider that only filters the diagnostics it is given.
 */
import * as vscode from 'vscode';
import { actionable, ClaudeCodeActions } from '../../../src/host/codeActions/claudeCodeActions';

export const CODE_ACTION_CALLS = 1000;
const DIAGNOSTICS = 200;

export interface CodeActionTimes {
  readonly diagnostics: number;
  /** µs per call of our provider. */
  readonly provider: number[];
  /** µs per call of the baseline (filter only). */
  readonly baseline: number[];
  /** Calls that offered actions (cursor on a problem). */
  readonly offered: number;
}

export async function codeActionRuns(uri: vscode.Uri): Promise<CodeActionTimes> {
  const document = await vscode.workspace.openTextDocument(uri);
  const lines = document.lineCount;
  const severities = [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint];
  const all = Array.from({ length: DIAGNOSTICS }, (_, i) => {
    const line = Math.floor((i * lines) / DIAGNOSTICS);
    return new vscode.Diagnostic(new vscode.Range(line, 0, line, 10), `bench problem ${i}`, severities[i % severities.length]);
  });
  const provider = new ClaudeCodeActions();
  const baseline = (context: vscode.CodeActionContext) => actionable(context.diagnostics);
  const times: CodeActionTimes = { diagnostics: all.length, provider: [], baseline: [], offered: 0 };
  let offered = 0;
  for (let call = 0; call < CODE_ACTION_CALLS; call++) {
    // Every other call lands on a problem (of each severity in turn), the rest between problems.
    const onProblem = all[(call >> 1) % all.length].range.start.line;
    const line = call % 2 === 0 ? onProblem : Math.min(lines - 1, onProblem + 3);
    const range = new vscode.Range(line, 0, line, 5);
    // What VS Code hands a provider: the diagnostics touching the range.
    const context: vscode.CodeActionContext = { diagnostics: all.filter((d) => d.range.intersection(range)), triggerKind: vscode.CodeActionTriggerKind.Automatic, only: undefined };
    let t = performance.now();
    const actions = provider.provideCodeActions(document, range, context);
    times.provider.push((performance.now() - t) * 1000);
    t = performance.now();
    baseline(context);
    times.baseline.push((performance.now() - t) * 1000);
    if (actions.length) offered++;
  }
  return { ...times, offered };
}
