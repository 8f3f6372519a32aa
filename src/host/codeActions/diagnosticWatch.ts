/**
 * Watches one file's diagnostics, to tell after a fix whether the editor still reports the problem.
 * Language servers re-check a file some time after it changes, often in steps (syntax first, then
 * types), so the answer waits for an update that came after the last edit, then for the updates to
 * settle, within a time limit.
 */
import * as vscode from 'vscode';

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
