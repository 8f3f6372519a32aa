/**
 * Problems (diagnostics) as context for a turn: how they are described to Claude for "Fix with
 * Claude" and "Explain Problem with Claude", and whether a problem is still reported after a fix.
 * The prompt is the person's message as sent to Claude: English, whatever the display language.
 */
import * as l10n from '@vscode/l10n';

export type ProblemSeverity = 'error' | 'warning';

/** A diagnostic, as the editor reported it (lines and columns 1-based). */
export interface Problem {
  readonly message: string;
  readonly severity: ProblemSeverity;
  readonly source?: string;
  readonly code?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Related information: `path:line` and its message. */
  readonly related: readonly { readonly location: string; readonly message: string }[];
}

export type ProblemRequest = 'fix' | 'explain';

function describe(problem: Problem): string {
  const origin = [problem.source, problem.code].filter(Boolean).join(' ');
  const where = problem.line === problem.endLine ? `line ${problem.line}, columns ${problem.column}–${problem.endColumn}` : `lines ${problem.line}–${problem.endLine}`; // not localized: sent to Claude
  const lines = [`- ${problem.severity}${origin ? ` (${origin})` : ''} at ${where}: ${problem.message}`];
  for (const r of problem.related) lines.push(`  - related, ${r.location}: ${r.message}`);
  return lines.join('\n');
}

/** The message sent for a problem request; the code around the problem is attached separately (as `path:start-end`). */
export function problemPrompt(request: ProblemRequest, path: string, problems: readonly Problem[]): string {
  const one = problems.length === 1;
  const head =
    request === 'fix'
      ? `Fix ${one ? 'this problem' : 'these problems'} in ${path} with the smallest change that resolves ${one ? 'it' : 'them'}. ` + // not localized: sent to Claude
        'Edit the file with the text editor tool (view it first if you need more of it), and change nothing else.' // not localized: sent to Claude
      : `Explain ${one ? 'this problem' : 'these problems'} in ${path}: what ${one ? 'it means' : 'they mean'}, why the code causes ${one ? 'it' : 'them'}, and how ${one ? 'it' : 'they'} could be fixed. Do not edit any file.`; // not localized: sent to Claude
  return `${head}\n\nReported by the editor:\n${problems.map(describe).join('\n')}`; // not localized: sent to Claude
}

/** True when two reports are the same problem (its position may have moved with the edit). */
export function sameProblem(a: Problem, b: Problem): boolean {
  return a.message === b.message && (a.source ?? '') === (b.source ?? '') && (a.code ?? '') === (b.code ?? '');
}

/** The first of the original problems still reported now, if any. */
export function stillReported(original: readonly Problem[], now: readonly Problem[]): Problem | undefined {
  return original.find((p) => now.some((q) => sameProblem(p, q)));
}

/** What the chat says after a fix was applied and the editor re-checked the file. */
export function fixOutcome(original: readonly Problem[], now: readonly Problem[]): { readonly resolved: boolean; readonly note: string } {
  const left = stillReported(original, now);
  return left ? { resolved: false, note: l10n.t('Still reported: {0}', left.message) } : { resolved: true, note: l10n.t('Problem resolved.') };
}
