/**
 * Anthropic's text editor tool (`str_replace_based_edit_tool`): runs a tool_use against the
 * workspace. Views answer at once; edits come back as proposals that are re-checked and written
 * only once accepted.
 */
import * as l10n from '@vscode/l10n';
import { EDITOR_TOOL_NAME, EDITOR_TOOL_TYPE } from './toolTypes';
import type { EditCommand, EditorInput, EditorToolDefinition, ProposedEdit, ToolOutcome } from './toolTypes';
import type { ResolvedPath, WorkspaceFiles } from './workspaceFiles';
import { minimalChange } from './editorText';
import { proposeEdit, type CurrentFile } from './proposeEdit';
import { viewPath } from './viewPath';

export { editCardView } from './editCard';

const EDIT_COMMANDS: readonly string[] = ['str_replace', 'insert', 'create'] satisfies EditCommand[];

/** Options of the editor tool. */
export interface EditorOptions {
  /** Caps the text a `view` returns (the tool's `max_characters`). */
  readonly maxCharacters?: number;
}

/** What applying an edit did: the edit as written (re-computed when the file had changed), or why nothing was written. */
export type ApplyResult = { readonly ok: true; readonly edit: ProposedEdit } | { readonly ok: false; readonly error: string; readonly shown?: string };

/** The tool entry for a request's `tools` array; keep it identical between requests (it is part of the cached prefix). */
export function editorToolDefinition(maxCharacters?: number): EditorToolDefinition {
  return maxCharacters === undefined
    ? { type: EDITOR_TOOL_TYPE, name: EDITOR_TOOL_NAME }
    : { type: EDITOR_TOOL_TYPE, name: EDITOR_TOOL_NAME, max_characters: maxCharacters };
}

/**
 * Runs one editor tool_use. The path is resolved before anything else; a refused path, a bad
 * input or a failed check comes back as an `is_error` result, an edit as a proposal (nothing is
 * written here).
 */
export async function runEditorCommand(
  toolUseId: string,
  input: EditorInput,
  files: WorkspaceFiles,
  options: EditorOptions = {},
): Promise<ToolOutcome> {
  const command = input.command;
  if (command !== 'view' && (typeof command !== 'string' || !EDIT_COMMANDS.includes(command))) {
    const got = command === undefined ? 'no command was given' : `got ${JSON.stringify(command)}`; // not localized: sent to Claude
    // not localized: the first text is sent to Claude
    return error(`Unknown command: ${got}. Expected one of: view, create, str_replace, insert.`, l10n.t('Invalid editor tool call'));
  }
  if (typeof input.path !== 'string' || input.path.trim() === '') {
    // not localized: the first text is sent to Claude
    return error(`Missing parameter path: ${command} needs the path of a file or directory in the workspace.`, l10n.t('Invalid editor tool call'));
  }
  const resolution = await files.resolve(input.path);
  if (!resolution.ok) {
    // Adapters word refusals for the model ("Refused: …"); the chat line says it once.
    return error(resolution.error, l10n.t('Refused: {0}: {1}', input.path, resolution.shown ?? resolution.error.replace(/^Refused:\s*/, '')));
  }
  if (command === 'view') return viewPath(resolution.path, input, files, options.maxCharacters);

  const editCommand = command as EditCommand;
  const proposal = proposeEdit(toolUseId, editCommand, resolution.path, input, await readCurrent(resolution.path, files));
  if (!proposal.ok) return error(proposal.error, editCommand === 'create' ? l10n.t('Could not create {0}', resolution.path.display) : l10n.t('Could not edit {0}', resolution.path.display));
  return { kind: 'edit', edit: proposal.edit };
}

/**
 * Re-reads the file right before an edit is applied. Unchanged: the edit, at the current version.
 * Changed: the same command computed again against the current text, or why it no longer applies.
 */
export async function recheckEdit(edit: ProposedEdit, files: WorkspaceFiles): Promise<ApplyResult> {
  const current = await readCurrent(edit.path, files);
  if (edit.before === undefined && current.kind === 'missing') return { ok: true, edit };
  if (edit.before !== undefined && current.kind === 'file' && current.text === edit.before) {
    return { ok: true, edit: { ...edit, version: current.version } };
  }
  const changed = `The file ${edit.path.display} changed since the edit was proposed`; // not localized: sent to Claude
  // Only a str_replace is anchored to the text it replaces; an insert (a line number) or a create
  // (a whole file) computed again would write something other than what was reviewed.
  // not localized: sent to Claude (the card says changedNote)
  if (edit.command !== 'str_replace') return { ok: false, error: `${changed}; nothing was written. View it again and propose the change anew.` };
  const again = proposeEdit(edit.id, edit.command, edit.path, edit.input, current);
  if (again.ok) return again;
  return { ok: false, error: `${changed}, and the edit no longer applies. ${again.error}` }; // not localized: sent to Claude
}

/** What the card says when recheckEdit refused `edit` (the tool_result gives Claude the details). */
export function changedNote(edit: ProposedEdit): string {
  return edit.command === 'str_replace'
    ? l10n.t('The file {0} changed since the edit was proposed, and the edit no longer applies.', edit.path.display)
    : l10n.t('The file {0} changed since the edit was proposed; nothing was written.', edit.path.display);
}

/**
 * Writes an accepted edit: re-checked first, then the smallest replace of an existing file (at the
 * version it was checked at, so a document that moves on in between is refused) or a new file.
 */
export async function applyEdit(edit: ProposedEdit, files: WorkspaceFiles): Promise<ApplyResult> {
  const checked = await recheckEdit(edit, files);
  return checked.ok ? writeEdit(checked.edit, files) : checked;
}

/** Writes an edit that `recheckEdit` just returned; the adapter refuses it if the document moved on since. */
export async function writeEdit(checked: ProposedEdit, files: WorkspaceFiles): Promise<ApplyResult> {
  const { before, after, version, path } = checked;
  if (before === undefined) {
    const written = await files.write(path, { kind: 'create', text: after });
    return written.ok ? { ok: true, edit: checked } : written;
  }
  if (before === after) return { ok: true, edit: checked };
  // not localized: sent to Claude (and shown on the card as it is: it never happens after a view)
  if (version === undefined) return { ok: false, error: `The version of ${path.display} is unknown; view the file and try again.` };
  const written = await files.write(path, { kind: 'replace', ...minimalChange(before, after), version });
  return written.ok ? { ok: true, edit: checked } : written;
}

async function readCurrent(path: ResolvedPath, files: WorkspaceFiles): Promise<CurrentFile> {
  const stat = await files.stat(path);
  if (!stat) return { kind: 'missing' };
  if (stat.kind === 'directory') return { kind: 'directory' };
  const read = await files.readText(path);
  return 'error' in read ? { kind: 'unreadable', error: read.error } : { kind: 'file', text: read.text, version: read.version };
}

function error(content: string, summary: string): ToolOutcome {
  return { kind: 'result', isError: true, content, summary };
}
