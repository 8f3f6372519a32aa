/**
 * Watches one file's diagnostics, to tell after a fix whether the editor still reports the problem.
 * Language servers re-check a file some time after it changes, often in steps (syntax first, then
 * types), so the answer waits for an update that came after the last edit, then for the updates to
 * settle, within a time limit.
 */
import * as vscode from 'vscode';
import type { Problem } from '../../core/context/problems';

export interface SettleTimes {
  /** Longest wait for the first update after the last edit. */
  readonly firstMs: number;
  /** Quiet time that counts as settled. */
  readonly quietMs: number;
  /** Longest wait for the updates to settle. */
  readonly settleMs: number;
}

export const DEFAULT_SETTLE: SettleTimes = { firstMs: 8000, quietMs: 700, settleMs: 4000 };

export class DiagnosticWatch implements vscode.Disposable {
  private updates = 0;
  private updatesAtEdit = 0;
  private lastUpdate = 0;
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly uri: vscode.Uri) {
    const key = uri.toString();
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (!e.uris.some((u) => u.toString() === key)) return;
        this.updates++;
        this.lastUpdate = Date.now();
        for (const wake of this.wakers) wake();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.contentChanges.length) this.updatesAtEdit = this.updates;
      }),
    ];
  }

  /** Whether the editor reported on the file since the last edit (or since the watch began). */
  get reported(): boolean {
    return this.updates > this.updatesAtEdit;
  }

  /** The file's diagnostics once the editor has re-checked it after the last edit (or the time limit passed). */
  async settled(times: SettleTimes = DEFAULT_SETTLE): Promise<vscode.Diagnostic[]> {
    await this.until(() => this.updates > this.updatesAtEdit, times.firstMs);
    const deadline = Date.now() + times.settleMs;
    while (Date.now() < deadline && this.updates > this.updatesAtEdit) {
      const quietFor = Date.now() - this.lastUpdate;
      if (quietFor >= times.quietMs) break;
      await delay(times.quietMs - quietFor);
    }
    return vscode.languages.getDiagnostics(this.uri);
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakers.delete(check);
        resolve();
      };
      const check = () => done() && finish();
      const timer = setTimeout(finish, timeoutMs);
      this.wakers.add(check);
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.wakers.clear();
  }
}

/** Whether a tab shows the file: TypeScript (and other language servers) check only the files shown in a tab. */
export function shownInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
}

/** Shows a file in a preview tab without taking the focus, so that its language server checks it. */
export async function showToCheck(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
}

/** A diagnostic as core describes it (lines and columns 1-based); callers keep only errors and warnings. */
export function toProblem(d: vscode.Diagnostic): Problem {
  const code = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
  return {
    message: d.message,
    severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
    ...(d.source ? { source: d.source } : {}),
    ...(code ? { code } : {}),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    related: (d.relatedInformation ?? []).map((r) => ({ location: `${vscode.workspace.asRelativePath(r.location.uri)}:${r.location.range.start.line + 1}`, message: r.message })),
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `check()` once it finds something, waiting up to `timeoutMs` for the file's diagnostics to change. */
export function reported<T>(uri: vscode.Uri, check: () => T[], timeoutMs: number): Promise<T[]> {
  const key = uri.toString();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(check());
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key) && check().length) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}
