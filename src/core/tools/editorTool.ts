/**
 * Anthropic's text editor tool as Claude calls it: reads run at once (or after Allow with
 * autoApprove "never"), edits become review cards and are written only after Accept (or at once
 * with autoApprove "all", except for the files of ./protectedPaths, which always wait). A stopped,
 * rejected or failed edit never changes a file.
 */
import * as l10n from '@vscode/l10n';
import { messageOf } from '../api/errors';
import { STOPPED_RESULT } from '../conversation/history';
import type { EditState } from '../protocol/protocol';
import type { AgentTool, ToolAnswer, ToolCall } from './agentTool';
import { editCheckNote, unlessStopped, type EditCheck } from './problemReport';
import { protectedNote } from './protectedPaths';
import { changedNote, editCardView, editorToolDefinition, recheckEdit, runEditorCommand, writeEdit } from './textEditor';
import { EDITOR_TOOL_NAME, type ProposedEdit } from './toolTypes';
import type { ResolvedPath, WorkspaceFiles } from './workspaceFiles';

/** Keeps what a file held before a reply first changed it (for Revert changes); rejects when it cannot. */
export interface ChangeBackups {
  remember(conversationId: string, replyId: string, path: ResolvedPath, before: string | undefined): Promise<void>;
}

export interface EditorToolOptions {
  readonly files: WorkspaceFiles;
  /** The tool's max_characters for a view. */
  readonly maxCharacters: number;
  readonly backups?: ChangeBackups;
  readonly showDiff?: (edit: ProposedEdit) => void;
  /** A proposal was decided: its diff preview may let go of its text. */
  readonly forget?: (id: string) => void;
  /** Watches the editor's report on a file from before an edit is written, so the result names the errors it reports afterwards. */
  readonly checkEdit?: (path: ResolvedPath) => EditCheck;
}

const answer = (content: string, isError: boolean): ToolAnswer => ({ content, isError });

export class EditorTool implements AgentTool {
  readonly name = EDITOR_TOOL_NAME;
  readonly definition;
  private readonly proposals = new Map<string, ProposedEdit>();

  constructor(private readonly options: EditorToolOptions) {
    this.definition = editorToolDefinition(options.maxCharacters);
  }

  showDiff(cardId: string): boolean {
    const edit = this.proposals.get(cardId);
    if (!edit || !this.options.showDiff) return false;
    this.options.showDiff(edit);
    return true;
  }

  async run(call: ToolCall): Promise<ToolAnswer> {
    const { files, maxCharacters } = this.options;
    if (call.input.command === 'view' && call.autoApprove === 'never') {
      const resolved = await files.resolve(String(call.input.path ?? ''));
      if (resolved.ok) {
        const card = editCardView({ id: call.id, command: 'view', path: resolved.path }, 'pending');
        call.show({ kind: 'edit', card }, { type: 'editCard', id: call.replyId, card });
        const decision = await call.decision(call.id);
        setState(call, decision === 'accept' ? 'applied' : decision === 'reject' ? 'rejected' : 'notApplied', decision === 'stopped' ? stoppedNote() : undefined);
        if (decision !== 'accept') return answer(decision === 'stopped' ? STOPPED_RESULT : `The user denied reading ${resolved.path.display}.`, true); // not localized: sent to Claude
      }
    }
    const outcome = await runEditorCommand(call.id, call.input, files, { maxCharacters });
    if (outcome.kind === 'result') {
      call.line(outcome.summary, outcome.isError);
      return answer(outcome.content, outcome.isError);
    }
    return this.runEdit(outcome.edit, call);
  }

  private async runEdit(edit: ProposedEdit, call: ToolCall): Promise<ToolAnswer> {
    this.proposals.set(edit.id, edit);
    let check: EditCheck | undefined;
    try {
      const guarded = protectedNote(edit.path);
      const card = editCardView(edit, 'pending', guarded);
      call.show({ kind: 'edit', card }, { type: 'editCard', id: call.replyId, card });
      const approved = call.autoApprove === 'all' && !guarded ? 'accept' : await call.decision(edit.id);
      const decision = call.signal.aborted ? 'stopped' : approved; // Stop wins over an auto-approval or a late Accept
      if (decision === 'stopped') {
        setState(call, 'notApplied', stoppedNote());
        return answer(STOPPED_RESULT, true);
      }
      if (decision === 'reject') {
        setState(call, 'rejected');
        return answer(`The user rejected this edit; ${edit.path.display} is unchanged.`, true); // not localized: sent to Claude
      }
      check = this.options.checkEdit?.(edit.path);
      const failed = await this.write(edit, call);
      if (failed) {
        setState(call, 'notApplied', failed.shown);
        return answer(`The edit was not applied: ${failed.error}`, true); // not localized: sent to Claude
      }
      call.changed.add(edit.path.display);
      setState(call, 'applied');
      // The edit is written: a check that fails only leaves its note out.
      const errors = check && (await unlessStopped(check.errors().catch(() => undefined), call.signal));
      return answer(edit.resultText + editCheckNote(edit.path.display, errors), false);
    } finally {
      check?.dispose();
      this.proposals.delete(edit.id);
      this.options.forget?.(edit.id);
    }
  }

  /** Re-checks the edit against the document as it is now, keeps a backup, then writes; why not, for Claude (`error`) and for the card (`shown`). */
  private async write(edit: ProposedEdit, call: ToolCall): Promise<{ error: string; shown: string } | undefined> {
    const checked = await recheckEdit(edit, this.options.files);
    if (!checked.ok) return { error: checked.error, shown: changedNote(edit) };
    // Without its copy the edit could not be reverted: it is not made, and the card says why.
    const unkept = await this.options.backups?.remember(call.conversationId, call.replyId, checked.edit.path, checked.edit.before).then(
      () => undefined,
      (err: unknown) => ({ error: `${messageOf(err)}. The file was not changed.`, shown: l10n.t('{0}. The file was not changed.', messageOf(err)) }), // not localized: `error` is sent to Claude
    );
    if (unkept) return unkept;
    const written = await writeEdit(checked.edit, this.options.files);
    // The workspace's own refusal: in English for Claude, in the display language on the card (see WorkspaceFiles.write).
    return written.ok ? undefined : { error: written.error, shown: written.shown ?? written.error };
  }
}

/** A card's note when Stop came before the person decided. */
export const stoppedNote = () => l10n.t('stopped before review');

/** The card's decision or outcome; a decided card shows its outcome, not the pending card's "always reviewed" note. */
export function setState(call: ToolCall, state: EditState, note?: string): void {
  call.update(
    call.id,
    (view) => {
      if (view.kind !== 'edit') return view;
      const { note: _pending, ...card } = view.card;
      return { kind: 'edit', card: { ...card, state, ...(note ? { note } : {}) } };
    },
    { type: 'editState', cardId: call.id, state, ...(note ? { note } : {}) },
  );
}
