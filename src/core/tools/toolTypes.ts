/** Tool requests, outcomes and proposed edits shared by the editor tool, the turn loop and the review UI. */
import type { ResolvedPath } from './workspaceFiles';

export const EDITOR_TOOL_NAME = 'str_replace_based_edit_tool';
export const EDITOR_TOOL_TYPE = 'text_editor_20250728';

export type EditCommand = 'str_replace' | 'insert' | 'create';

/** The editor tool's input as the model sends it (not yet checked). */
export type EditorInput = Readonly<Record<string, unknown>>;

/** A change the model asked for, computed against the file as it is now; nothing written yet. */
export interface ProposedEdit {
  /** The tool_use id the edit answers. */
  readonly id: string;
  readonly command: EditCommand;
  readonly path: ResolvedPath;
  /** The input, kept to re-check the edit against a document that changed before it is applied. */
  readonly input: EditorInput;
  /** The file's text when the edit was computed; undefined when the file does not exist. */
  readonly before: string | undefined;
  readonly after: string;
  /** The document version `before` was read at (undefined for a new file). */
  readonly version: number | undefined;
  /** What the tool_result says when the edit is applied (a numbered snippet around it). */
  readonly resultText: string;
}

/** What running one tool_use produced. */
export type ToolOutcome =
  /** Done (a view, or a refusal): the tool_result to send. `summary` is the line shown in the chat. */
  | { readonly kind: 'result'; readonly content: string; readonly isError: boolean; readonly summary: string }
  /** A change that waits for review (or auto-approval) before anything is written. */
  | { readonly kind: 'edit'; readonly edit: ProposedEdit };

/** The editor tool as declared in a request's `tools` array (no schema: the model is trained on it). */
export interface EditorToolDefinition {
  readonly type: typeof EDITOR_TOOL_TYPE;
  readonly name: typeof EDITOR_TOOL_NAME;
  /** Caps what a `view` returns, in characters. */
  readonly max_characters?: number;
}

/** A `view` that waits for permission before anything is read (its review card has no lines). */
export interface ViewRequest {
  readonly id: string;
  readonly command: 'view';
  readonly path: ResolvedPath;
}
