/**
 * The `problems` tool: the errors and warnings the editor reports, for one file, a folder or the
 * whole workspace. A read: it runs without asking unless autoApprove is "never", and paths go
 * through the same confinement as the editor tool (outside the workspace or under .git: refused).
 */
import * as l10n from '@vscode/l10n';
import type { CustomToolDefinition } from '../api/wire';
import { STOPPED_RESULT } from '../conversation/history';
import type { AgentTool, ToolAnswer, ToolCall } from './agentTool';
import { setState, stoppedNote } from './editorTool';
import { editCardView } from './editCard';
import { countLabel, countShown, problemList, unlessStopped, type Diagnostics, type FileProblems } from './problemReport';
import type { ResolvedPath, WorkspaceFiles } from './workspaceFiles';

export const PROBLEMS_TOOL_NAME = 'problems';

/** Declared once: the tools array is part of the cached prefix, so it never changes between requests. */
export const PROBLEMS_TOOL_DEFINITION: CustomToolDefinition = {
  name: PROBLEMS_TOOL_NAME,
  description:
    'Lists the errors and warnings the editor reports (its language servers and linters), one per line as ' + // not localized: sent to Claude
    '`path:line:col severity message [source code]`, lines and columns 1-based, errors first. ' + // not localized: sent to Claude
    'With `path` naming a file: that file (if it is not open, it is opened in the background and its first check awaited). ' + // not localized: sent to Claude
    'With `path` naming a folder, or without `path`: every file under it that the editor has checked, which is usually only the open files. ' + // not localized: sent to Claude
    'Information and hints are left out.', // not localized: sent to Claude
  input_schema: {
    type: 'object',
    properties: { path: { type: 'string', description: 'A file or folder, relative to the workspace folder. Leave it out for the whole workspace.' } }, // not localized: sent to Claude
  },
};

export interface ProblemsToolOptions {
  readonly files: WorkspaceFiles;
  readonly diagnostics: Diagnostics;
}

const answer = (content: string, isError: boolean): ToolAnswer => ({ content, isError });

/** What was asked about: one file, or every checked file under a folder (`.` is the workspace); `shown` names it for Claude. */
type Target = { readonly kind: 'file' | 'folder'; readonly path: ResolvedPath; readonly shown: string; readonly workspace?: true };

export class ProblemsTool implements AgentTool {
  readonly name = PROBLEMS_TOOL_NAME;
  readonly definition = PROBLEMS_TOOL_DEFINITION;

  constructor(private readonly options: ProblemsToolOptions) {}

  async run(call: ToolCall): Promise<ToolAnswer> {
    const target = await this.target(call);
    if ('error' in target) {
      call.line(target.line, true);
      return answer(target.error, true);
    }
    if (call.autoApprove === 'never') {
      const denied = await permission(call, target);
      if (denied) return denied;
    }
    if (target.kind === 'folder') return this.folder(call, target);
    const check = await unlessStopped(this.options.diagnostics.ofFile(target.path), call.signal);
    if (!check) return answer(STOPPED_RESULT, true);
    const list = problemList([{ path: target.shown, problems: check.problems }]);
    const unreported = check.reported
      ? ''
      : `The editor had not reported on ${target.shown} ${check.waitedMs ? `within ${duration(check.waitedMs)} ` : ''}after it was opened: it may have no problems, or nothing checks this kind of file, or its checker is still starting (ask again to look later).`; // not localized: sent to Claude
    return report(call, target, list, unreported);
  }

  private async folder(call: ToolCall, target: Target): Promise<ToolAnswer> {
    const all = await this.options.diagnostics.all();
    const prefix = target.path.display === '.' ? '' : `${target.path.display}/`;
    const under: FileProblems[] = all.filter((f) => !prefix || f.path.startsWith(prefix));
    const note = 'Only files the editor has checked are included (usually the open ones); give the path of a file to check it.'; // not localized: sent to Claude
    return report(call, target, problemList(under), note);
  }

  private async target(call: ToolCall): Promise<Target | { readonly error: string; readonly line: string }> {
    const raw = call.input.path;
    // not localized: the error is sent to Claude
    if (raw !== undefined && typeof raw !== 'string') return { error: 'path must be a string: a file or folder relative to the workspace folder, or left out for the whole workspace.', line: l10n.t('Invalid problems call') };
    const given = raw?.trim() ? raw : '.';
    const { files } = this.options;
    const resolution = await files.resolve(given);
    if (!resolution.ok) return { error: resolution.error, line: l10n.t('Refused: {0}: {1}', given, resolution.shown ?? resolution.error.replace(/^Refused:\s*/, '')) };
    // Without a path: every folder of the workspace ('.' resolves to the first one in a multi-root workspace; it is resolved only to be refused where nothing may be read).
    if (given === '.') return { kind: 'folder', path: { key: resolution.path.key, display: '.' }, shown: 'the workspace', workspace: true }; // not localized: sent to Claude
    const path = resolution.path;
    const stat = await files.stat(path);
    // not localized: the error is sent to Claude
    if (!stat) return { error: `${path.display} does not exist; give the path of a file or folder in the workspace.`, line: l10n.t('No such file: {0}', path.display) };
    return { kind: stat.kind === 'directory' ? 'folder' : 'file', path, shown: path.display };
  }
}

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** The reply line: "Checked problems in src/a.ts: 2 errors, 1 warning" / "No problems reported in the workspace". */
function reportLine(target: Target, errors: number, warnings: number): string {
  const counts = countShown(errors, warnings);
  if (target.workspace) return counts ? l10n.t('Checked problems in the workspace: {0}', counts) : l10n.t('No problems reported in the workspace');
  return counts ? l10n.t('Checked problems in {0}: {1}', target.shown, counts) : l10n.t('No problems reported in {0}', target.shown);
}

/** The answer (for Claude) and the reply line (for the person). */
function report(call: ToolCall, target: Target, list: ReturnType<typeof problemList>, note: string): ToolAnswer {
  const { shown } = target;
  const counts = countLabel(list.errors, list.warnings);
  call.line(reportLine(target, list.errors, list.warnings), false);
  // not localized: sent to Claude
  const head = counts ? `${counts} reported in ${shown}:` : `No errors or warnings are reported in ${shown}.`;
  return answer([head, ...list.lines, ...(note ? ['', note] : [])].join('\n'), false);
}

/** With autoApprove "never" a read waits for Allow, on the same card as the editor's `view`. */
async function permission(call: ToolCall, target: Target): Promise<ToolAnswer | undefined> {
  const display = target.workspace ? l10n.t('Problems in the workspace') : l10n.t('Problems in {0}', target.shown);
  const card = editCardView({ id: call.id, command: 'view', path: { key: target.path.key, display } }, 'pending');
  call.show({ kind: 'edit', card }, { type: 'editCard', id: call.replyId, card });
  const decision = await call.decision(call.id);
  setState(call, decision === 'accept' ? 'applied' : decision === 'reject' ? 'rejected' : 'notApplied', decision === 'stopped' ? stoppedNote() : undefined);
  if (decision === 'accept') return undefined;
  return answer(decision === 'stopped' ? STOPPED_RESULT : `The user denied reading the problems in ${target.shown}.`, true); // not localized: sent to Claude
}
