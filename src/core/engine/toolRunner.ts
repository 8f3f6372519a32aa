/**
 * Runs the tool_use blocks of one round, in order, each by the tool registered under its name
 * (the engine knows no tool itself). Every tool_use gets exactly one tool_result, whatever
 * happens: an unknown tool, a refusal, a rejection, a failure, or Stop (then nothing more runs).
 */
import * as l10n from '@vscode/l10n';
import { messageOf } from '../api/errors';
import type { ToolDefinition, ToolResultBlock, ToolUseBlock } from '../api/wire';
import { STOPPED_RESULT } from '../conversation/history';
import type { HostToWebview } from '../protocol/protocol';
import type { AutoApprove } from '../settings/settings';
import type { AgentTool, ToolAnswer, ToolCall } from '../tools/agentTool';
import { Approvals } from './approvals';
import type { LiveRound } from './liveReply';

export type { ChangeBackups } from '../tools/editorTool';

/** The tools offered to Claude in this window, and what may run without asking. */
export interface ToolEnvironment {
  readonly tools: readonly AgentTool[];
  readonly autoApprove: () => AutoApprove;
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

const result = (use: ToolUseBlock, answer: ToolAnswer): ToolResultBlock => ({ type: 'tool_result', tool_use_id: use.id, content: answer.content, ...(answer.isError ? { is_error: true } : {}) });

export class ToolRunner {
  readonly approvals = new Approvals();
  private readonly byName: ReadonlyMap<string, AgentTool>;

  constructor(
    private readonly env: ToolEnvironment,
    private readonly post: (message: HostToWebview) => void,
  ) {
    this.byName = new Map(env.tools.map((tool) => [tool.name, tool]));
  }

  /** The request's `tools` array, in registration order (stable, so the prompt cache holds). */
  definitions(): ToolDefinition[] {
    return this.env.tools.map((tool) => tool.definition);
  }

  /** Opens the diff editor for a card; false when there is nothing to show. */
  showDiff(cardId: string): boolean {
    return this.env.tools.some((tool) => tool.showDiff?.(cardId) ?? false);
  }

  /** The prefix a waiting card offers to always allow, if any. */
  offeredPrefix(cardId: string): string | undefined {
    if (!this.approvals.isWaiting(cardId)) return undefined;
    for (const tool of this.env.tools) {
      const prefix = tool.offeredPrefix?.(cardId);
      if (prefix) return prefix;
    }
    return undefined;
  }

  decide(cardId: string, accept: boolean): boolean {
    return this.approvals.decide(cardId, accept);
  }

  /** Answers every tool_use of the round; returns true when Stop ended it. */
  async runRound(round: LiveRound, ctx: RoundContext): Promise<boolean> {
    const uses = round.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    for (const use of uses) {
      const answer = ctx.signal.aborted ? { content: STOPPED_RESULT, isError: true } : await this.runOne(use, round, ctx);
      round.results.push(result(use, answer));
      ctx.saved();
    }
    return ctx.signal.aborted;
  }

  private async runOne(use: ToolUseBlock, round: LiveRound, ctx: RoundContext): Promise<ToolAnswer> {
    const call = this.call(use, round, ctx);
    const tool = this.byName.get(use.name);
    if (!tool) {
      const offered = [...this.byName.keys()].join(', ') || 'none';
      call.line(l10n.t('Unknown tool: {0}', use.name), true);
      return { content: `Unknown tool ${use.name}: the tools available are ${offered}.`, isError: true }; // not localized: sent to Claude
    }
    try {
      return await tool.run(call);
    } catch (err) {
      // A tool adapter that threw: Claude is told and the reply goes on.
      call.line(l10n.t('{0} failed: {1}', use.name, messageOf(err)), true);
      return { content: `The tool failed: ${messageOf(err)}`, isError: true }; // not localized: sent to Claude
    }
  }

  private call(use: ToolUseBlock, round: LiveRound, ctx: RoundContext): ToolCall {
    const input = typeof use.input === 'object' && use.input !== null ? (use.input as Record<string, unknown>) : {};
    return {
      id: use.id,
      input,
      conversationId: ctx.conversationId,
      replyId: ctx.replyId,
      signal: ctx.signal,
      autoApprove: this.env.autoApprove(),
      changed: ctx.changed,
      line: (text, isError) => {
        round.tools.push({ kind: 'tool', text, isError });
        this.post({ type: 'toolNote', id: ctx.replyId, text, isError });
      },
      show: (view, message) => {
        round.tools.push(view);
        this.post(message);
      },
      update: (cardId, change, message) => {
        const index = round.tools.findIndex((v) => v.kind !== 'tool' && v.card.id === cardId);
        if (index >= 0) round.tools[index] = change(round.tools[index]);
        this.post(message);
      },
      decision: (cardId) => {
        ctx.saved();
        return this.approvals.wait(cardId, ctx.signal);
      },
    };
  }
}
