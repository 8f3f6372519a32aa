/**
 * What a tool Claude can call is to the engine: its declaration in the request and how one call
 * runs. The engine knows no tool by name: the host registers them (ToolEnvironment.tools), and a
 * new tool adds its definition, its runner and, when it asks the person, its card kind.
 */
import type { ToolDefinition } from '../api/wire';
import type { HostToWebview } from '../protocol/protocol';
import type { ToolView } from '../conversation/turns';
import type { AutoApprove } from '../settings/settings';

/** A decision on a card: Accept/Run, Reject/Skip, or Stop. */
export type Decision = 'accept' | 'reject' | 'stopped';

/** The answer a call sends back to Claude as its tool_result. */
export interface ToolAnswer {
  readonly content: string;
  readonly isError: boolean;
}

/** One tool_use being run, and what it may do in the reply while it runs. */
export interface ToolCall {
  /** The tool_use id; cards of this call use it as their id. */
  readonly id: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly conversationId: string;
  readonly replyId: string;
  /** Aborts on Stop (and when the view closes): nothing more may run or be written. */
  readonly signal: AbortSignal;
  /** What may run without asking (the person's own setting). */
  readonly autoApprove: AutoApprove;
  /** Paths the reply changed (for Revert changes). */
  readonly changed: Set<string>;
  /** A line in the reply ("Read src/a.ts", "Searched for `x`: 3 matches"). */
  line(text: string, isError: boolean): void;
  /** Adds a card to the reply (kept with the conversation) and posts it. */
  show(view: ToolView, message: HostToWebview): void;
  /** Replaces this call's card `cardId` in the reply and posts what changed. */
  update(cardId: string, view: (current: ToolView) => ToolView, message: HostToWebview): void;
  /** Saves the card as it is now, then waits for the person's decision on it, or Stop. */
  decision(cardId: string): Promise<Decision>;
}

export interface AgentTool {
  readonly name: string;
  /** The entry of the request's `tools` array; keep it byte-identical between requests (the prompt cache holds it). */
  readonly definition: ToolDefinition;
  /** Runs one call; a refusal or a failure is an answer with isError, never a throw. */
  run(call: ToolCall): Promise<ToolAnswer>;
  /** The command prefix a waiting card of this tool offers to always allow; only that prefix may be added from the card. */
  offeredPrefix?(cardId: string): string | undefined;
  /** The card's extra action (Show diff on an edit card); false when there is nothing to show. */
  showDiff?(cardId: string): boolean;
}
