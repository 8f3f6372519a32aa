/**
 * What `glob` and `grep` share: reading the input, confining `path` through WorkspaceFiles (a
 * refusal is answered without asking), permission under autoApprove "never" (the read card the
 * editor's `view` uses), and the line shown in the reply.
 */
import * as l10n from '@vscode/l10n';
import { STOPPED_RESULT } from '../../conversation/history';
import { formatNumber } from '../../l10n/format';
import type { EditState } from '../../protocol/protocol';
import type { ToolAnswer, ToolCall } from '../agentTool';
import type { ResolvedPath, WorkspaceFiles } from '../workspaceFiles';

/** A checked input, or the answer that refuses it (already shown as a line). */
export type Checked<T> = { readonly ok: true; readonly value: T } | Refused;
export interface Refused {
  readonly ok: false;
  readonly answer: ToolAnswer;
}

const PATTERN_IN_LINE = 60;

/** A pattern as the reply line shows it: in backticks, long ones shortened. */
export function shown(pattern: string): string {
  const short = pattern.length > PATTERN_IN_LINE ? `${pattern.slice(0, PATTERN_IN_LINE - 1)}…` : pattern;
  return `\`${short.replace(/\s+/g, ' ')}\``;
}

/** Shows `line` as an error in the reply and answers Claude with `content`. */
export function refuse(call: ToolCall, line: string, content: string): Refused {
  call.line(line, true);
  return { ok: false, answer: { content, isError: true } };
}

/** `input[field]` as a non-empty string, or a refusal that says what to send. */
export function requiredString(call: ToolCall, tool: string, field: string, example: string): Checked<string> {
  const value = call.input[field];
  if (typeof value === 'string' && value.length > 0) return { ok: true, value };
  const missing = value === undefined || value === '';
  const line = missing ? l10n.t('{0}: the {1} is missing', tool, field) : l10n.t('{0}: the {1} must be a string, not {2}', tool, field, JSON.stringify(value));
  // not localized: sent to Claude
  const problem = missing ? `is missing` : `must be a string, not ${JSON.stringify(value)}`;
  // not localized: sent to Claude
  return refuse(call, line, `The ${field} ${problem}. Call ${tool} again with ${field} set, for example ${example}.`);
}

/** `input[field]` as an optional string (absent or empty is undefined). */
export function optionalString(call: ToolCall, tool: string, field: string): Checked<string | undefined> {
  const value = call.input[field];
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value };
  // not localized: the second text is sent to Claude
  return refuse(call, l10n.t('{0}: the {1} must be a string', tool, field), `The ${field} must be a string, not ${JSON.stringify(value)}.`);
}

/**
 * The folder (or, for grep, file) to search: undefined for the whole workspace, else the path
 * confined like the editor tool's (outside the workspace and under .git/ refused) and present.
 */
export async function searchRoot(call: ToolCall, files: WorkspaceFiles, tool: string, path: string | undefined, filesAllowed: boolean): Promise<Checked<ResolvedPath | undefined>> {
  if (path === undefined) return { ok: true, value: undefined };
  const resolved = await files.resolve(path);
  if (!resolved.ok) return refuse(call, l10n.t('{0} refused: {1}', tool, path), resolved.error);
  const stat = await files.stat(resolved.path);
  const display = resolved.path.display;
  // not localized: the second text is sent to Claude
  if (!stat) return refuse(call, l10n.t('{0}: {1} does not exist', tool, display), `${display} does not exist. Give a folder inside the workspace, or leave path out to search all of it.`);
  // not localized: the second text is sent to Claude
  if (stat.kind === 'file' && !filesAllowed) return refuse(call, l10n.t('{0}: {1} is a file', tool, display), `${display} is a file; path must be a folder. Leave it out to search the whole workspace.`);
  return { ok: true, value: resolved.path };
}

/** A search as its read card and Claude name it: the tool, the pattern and where. */
export interface SearchAsked {
  readonly tool: string;
  readonly pattern: string;
  /** The folder or file searched; undefined for the whole workspace. */
  readonly within?: string;
}

/**
 * Under autoApprove "never", waits for Allow on a read card describing the search; undefined
 * once allowed, else the answer for a denial or Stop.
 */
export async function permission(call: ToolCall, asked: SearchAsked): Promise<ToolAnswer | undefined> {
  if (call.autoApprove !== 'never') return undefined;
  const what = `${asked.tool} ${asked.pattern}${asked.within ? ` in ${asked.within}` : ''}`; // not localized: sent to Claude
  const shownAs = asked.within
    ? l10n.t({ message: '{0} {1} in {2}', args: [asked.tool, asked.pattern, asked.within], comment: ['A search on a card: the tool (glob or grep), its pattern, and the folder or file it searches'] })
    : `${asked.tool} ${asked.pattern}`;
  const card = { id: call.id, command: 'view' as const, path: shownAs, added: 0, removed: 0, lines: [], omitted: 0, state: 'pending' as const };
  call.show({ kind: 'edit', card }, { type: 'editCard', id: call.replyId, card });
  const decision = await call.decision(call.id);
  const state: EditState = decision === 'accept' ? 'applied' : decision === 'reject' ? 'rejected' : 'notApplied';
  const note = decision === 'stopped' ? l10n.t('stopped before review') : undefined;
  call.update(
    call.id,
    (view) => (view.kind === 'edit' ? { kind: 'edit', card: { ...view.card, state, ...(note ? { note } : {}) } } : view),
    { type: 'editState', cardId: call.id, state, ...(note ? { note } : {}) },
  );
  if (decision === 'accept' && !call.signal.aborted) return undefined;
  return { content: decision === 'reject' ? `The user denied this search (${what}).` : STOPPED_RESULT, isError: true }; // not localized: sent to Claude
}

/** After a search: Stop wins over whatever the searcher answered. */
export const stopped = (call: ToolCall): ToolAnswer | undefined => (call.signal.aborted ? { content: STOPPED_RESULT, isError: true } : undefined);

/** A count in text for Claude (English, whatever the display language). */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "1 file" / "12 files", for the person. */
export const filesShown = (n: number) => (n === 1 ? l10n.t('1 file') : l10n.t('{0} files', formatNumber(n)));

/** A pattern and, when the search was narrowed, where: "`*.ts` in src" (for the person). */
export function searchedShown(pattern: string, within: string | undefined): string {
  return within ? l10n.t({ message: '{0} in {1}', args: [shown(pattern), within], comment: ['A search pattern and the folder or file it searched'] }) : shown(pattern);
}
