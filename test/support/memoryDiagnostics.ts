/**
 * An in-memory Diagnostics for unit tests, standing in for VS Code's (which cannot run in Node) and
 * behaving like it: a checker reports only on files it has checked (open ones); a file that is not
 * open gets its first report a moment after it is opened; an edited file is re-checked a moment
 * after the edit; a kind of file no checker handles is never reported, and the waits give up.
 */
import type { Problem } from '../../src/core/context/problems';
import type { Diagnostics, EditCheck, FileCheck, FileProblems } from '../../src/core/tools/problemReport';
import type { ResolvedPath } from '../../src/core/tools/workspaceFiles';
import type { MemoryFiles } from './memoryFiles';

/** A language server in miniature: the problems of a file's text, or undefined when it does not check that kind of file. */
export type Checker = (path: string, text: string) => Problem[] | undefined;

export const problem = (severity: Problem['severity'], line: number, column: number, message: string, source?: string, code?: string): Problem => ({
  message,
  severity,
  line,
  column,
  endLine: line,
  endColumn: column + 1,
  related: [],
  ...(source ? { source } : {}),
  ...(code ? { code } : {}),
});

/** Checks `.ts` files: an error where `nope` is used, a warning on each `var`. */
export const tsChecker: Checker = (path, text) => {
  if (!path.endsWith('.ts')) return undefined;
  const found: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    const nope = line.indexOf('nope');
    if (nope >= 0) found.push(problem('error', i + 1, nope + 1, "Cannot find name 'nope'.", 'ts', '2304'));
    const v = line.indexOf('var ');
    if (v >= 0) found.push(problem('warning', i + 1, v + 1, 'Unexpected var, use let or const instead.', 'eslint', 'no-var'));
  });
  return found;
};

export class MemoryDiagnostics implements Diagnostics {
  /** What the checker reported, by display path: only files it has checked. */
  readonly published = new Map<string, Problem[]>();
  /** Files opened so that they get checked, in order. */
  readonly opened: string[] = [];

  constructor(
    private readonly files: MemoryFiles,
    private readonly checker: Checker = tsChecker,
    /** How long a wait for a report lasts before it gives up. */
    private readonly waitMs = 50,
  ) {}

  /** Checks a file now, as if it had been open all along. */
  checkNow(path: string): void {
    const found = this.checker(path, this.files.text(path) ?? '');
    if (found) this.published.set(path, found);
  }

  async ofFile(path: ResolvedPath): Promise<FileCheck> {
    const already = this.published.get(path.display);
    if (already) return { problems: already, reported: true };
    this.opened.push(path.display);
    const reported = await this.recheck(path.display);
    return { problems: this.published.get(path.display) ?? [], reported, waitedMs: this.waitMs };
  }

  async all(): Promise<readonly FileProblems[]> {
    return [...this.published].filter(([, problems]) => problems.length).map(([path, problems]) => ({ path, problems }));
  }

  watchEdit(path: ResolvedPath): EditCheck {
    return {
      errors: async () => {
        if (!this.published.has(path.display)) this.opened.push(path.display);
        return (await this.recheck(path.display)) ? (this.published.get(path.display) ?? []).filter((p) => p.severity === 'error') : undefined;
      },
      dispose: () => undefined,
    };
  }

  /** The checker runs a moment later (never at once, like a language server); true when it reported before the wait gave up. */
  private recheck(path: string): Promise<boolean> {
    return new Promise((resolve) => {
      setImmediate(() => {
        const found = this.checker(path, this.files.text(path) ?? '');
        if (found) {
          this.published.set(path, found);
          resolve(true);
        } else setTimeout(() => resolve(false), this.waitMs);
      });
    });
  }
}
