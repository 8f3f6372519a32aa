/**
 * Runs the tool_use blocks of one round, in order: reads run at once (or after Allow), edits become
 * review cards and are written only after Accept (or at once with auto-approve `all`, except for
 * the files of ../tools/protectedPaths, which always wait). Every tool_use gets exactly one
 * tool_result, whatever happens: a refusal, a rejection, a failed write, or Stop (then nothing
 * more is run or written).
 */
import { messageOf } from '../api/errors';
import { STOPPED_RESULT } from '../conversation/history';
import type { EditCardView, EditState, HostToWebview } from '../protocol/protocol';
import type { AutoApprove } from '../settings/settings';
import { protectedNote } from '../tools/protectedPaths';
import { editCardView, recheckEdit, runEditorCommand, writeEdit } from '../tools/textEditor';
import { EDITOR_TOOL_NAME, type ProposedEdit } from '../tools/toolTypes';
import type { ResolvedPath, WorkspaceFiles } from '../tools/workspaceFiles';
import type { ToolResultBlock, ToolUseBlock } from '../api/wire';
import { Approvals } from './approvals';
import type { LiveRound } from './liveReply';

/** Keeps what a file held before a reply first changed it (for Revert changes); rejects when it cannot. */
export interface ChangeBackups {
  remember(conversationId: string, replyId: string, path: ResolvedPath, before: string | undefined): Promise<void>;
}

export interface ToolEnvironment {
  readonly files: WorkspaceFiles;
  readonly autoApprove: () => AutoApprove;
  /** The editor tool's max_characters. */
  readonly maxCharacters: number;
  readonly backups?: ChangeBackups;
  readonly showDiff?: (edit: ProposedEdit) => void;
  /** A proposal was decided: its diff preview may let go of its text. */
  readonly forget?: (id: string) => void;
}

export interface RoundContext {
  readonly conversationId: string;
  readonly replyId: string;
  readonly signal: AbortSignal;
  /** Paths the reply changed. */
  readonly changed: Set<string>;
  /** Something worth saving happened (a card, a decision). */
  readonly saved: () => void;
}

const result = (use: ToolUseBlock, content: string, isError: boolean): ToolResultBlock => ({ type: 'tool_result', tool_use_id: use.id, content, ...(isError ? { is_error: true } : {}) });

export class ToolRunner {
  readonly approvals = new Approvals();
  private readonly proposals = new Map<string, ProposedEdit>();

  constructor(
    private readonly env: ToolEnvironment,
    private readonly post: (message: HostToWebview) => void,
  ) {}

  /** Opens the diff editor for a card; false when there is nothing to show. */
  showDiff(cardId: string): boolean {
    const edit = this.proposals.get(cardId);
    if (!edit || !this.env.showDiff) return false;
    this.env.showDiff(edit);
    return true;
  }

  decide(cardId: string, accept: boolean): boolean {
    return this.approvals.decide(cardId, accept);
  }

  /** Answers every tool_use of the round; returns true when Stop ended it. */
  async runRound(round: LiveRound, ctx: RoundContext): Promise<boolean> {
    const uses = round.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    for (const use of uses) {
      if (ctx.signal.aborted) round.results.push(result(use, STOPPED_RESULT, true));
      else round.results.push(await this.runOne(use, round, ctx));
      ctx.saved();
    }
    return ctx.signal.aborted;
  }

  private async runOne(use: ToolUseBlock, round: LiveRound, ctx: RoundContext): Promise<ToolResultBlock> {
    if (use.name !== EDITOR_TOOL_NAME) return this.note(use, round, ctx, `Unknown tool ${use.name}: only ${EDITOR_TOOL_NAME} is available.`, `Unknown tool: ${use.name}`);
    const input = use.input as Record<string, unknown>;
    if (input.command === 'view' && this.env.autoApprove() === 'never') {
      const resolved = await this.env.files.resolve(String(input.path ?? ''));
      if (resolved.ok) {
        const decision = await this.review(editCardView({ id: use.id, command: 'view', path: resolved.path }, 'pending'), round, ctx);
        this.setState(round, use.id, decision === 'accept' ? 'applied' : decision === 'reject' ? 'rejected' : 'notApplied', decision === 'stopped' ? 'stopped before review' : undefined);
        if (decision !== 'accept') return result(use, decision === 'stopped' ? STOPPED_RESULT : `The user denied reading ${resolved.path.display}.`, true);
      }
    }
    const outcome = await runEditorCommand(use.id, input, this.env.files, { maxCharacters: this.env.maxCharacters });
    if (outcome.kind === 'result') return this.note(use, round, ctx, outcome.content, outcome.summary, outcome.isError);
    return this.runEdit(use, outcome.edit, round, ctx);
  }

  private note(use: ToolUseBlock, round: LiveRound, ctx: RoundContext, content: string, summary: string, isError = true): ToolResultBlock {
    round.tools.push({ kind: 'tool', text: summary, isError });
    this.post({ type: 'toolNote', id: ctx.replyId, text: summary, isError });
    return result(use, content, isError);
  }

  private async runEdit(use: ToolUseBlock, edit: ProposedEdit, round: LiveRound, ctx: RoundContext): Promise<ToolResultBlock> {
    this.proposals.set(edit.id, edit);
    try {
      const guarded = protectedNote(edit.path);
      const card = editCardView(edit, 'pending', guarded);
      const approved = this.env.autoApprove() === 'all' && !guarded ? this.show(card, round, ctx) : await this.review(card, round, ctx);
      const decision = ctx.signal.aborted ? 'stopped' : approved; // Stop wins over an auto-approval or a late Accept
      if (decision === 'stopped') {
        this.setState(round, edit.id, 'notApplied', 'stopped before review');
        return result(use, STOPPED_RESULT, true);
      }
      if (decision === 'reject') {
        this.setState(round, edit.id, 'rejected');
        return result(use, `The user rejected this edit; ${edit.path.display} is unchanged.`, true);
      }
      const error = await this.write(edit, ctx);
      if (error) {
        this.setState(round, edit.id, 'notApplied', error);
        return result(use, `The edit was not applied: ${error}`, true);
      }
      ctx.changed.add(edit.path.display);
      this.setState(round, edit.id, 'applied');
      return result(use, edit.resultText, false);
    } finally {
      this.proposals.delete(edit.id);
      this.env.forget?.(edit.id);
    }
  }

  /** Re-checks the edit against the document as it is now, keeps a backup, then writes. */
  private async write(edit: ProposedEdit, ctx: RoundContext): Promise<string | undefined> {
    const checked = await recheckEdit(edit, this.env.files);
    if (!checked.ok) return checked.error;
    // Without its copy the edit could not be reverted: it is not made, and the card says why.
    const unkept = await this.env.backups?.remember(ctx.conversationId, ctx.replyId, checked.edit.path, checked.edit.before).then(
      () => undefined,
      (err: unknown) => `${messageOf(err)}. The file was not changed.`,
    );
    if (unkept) return unkept;
    const written = await writeEdit(checked.edit, this.env.files);
    return written.ok ? undefined : written.error;
  }

  private show(card: EditCardView, round: LiveRound, ctx: RoundContext): 'accept' {
    round.tools.push({ kind: 'edit', card });
    this.post({ type: 'editCard', id: ctx.replyId, card });
    return 'accept';
  }

  private async review(card: EditCardView, round: LiveRound, ctx: RoundContext) {
    this.show(card, round, ctx);
    ctx.saved();
    return this.approvals.wait(card.id, ctx.signal);
  }

  private setState(round: LiveRound, cardId: string, state: EditState, note?: string): void {
    const index = round.tools.findIndex((v) => v.kind === 'edit' && v.card.id === cardId);
    const view = round.tools[index];
    if (view?.kind === 'edit') {
      // A decided card shows its outcome, not the pending card's "always reviewed" note (as the view does).
      const { note: _pending, ...card } = view.card;
      round.tools[index] = { kind: 'edit', card: { ...card, state, ...(note ? { note } : {}) } };
    }
    this.post({ type: 'editState', cardId, state, ...(note ? { note } : {}) });
  }
}
