/**
 * Builds the Messages API request for the next reply. Prompt caching: the system block and the
 * last two user turns carry `cache_control` (at most 4 breakpoints in all), and earlier turns are
 * sent exactly as stored, so each request's prefix up to the previous turn matches the previous
 * request and is read from the cache.
 */
import { flattenToolBlocks } from '../conversation/history';
import type { ModelInfo } from '../models/models';
import type { Settings } from '../settings/settings';
import { FILES_BETA, usesFiles } from '../context/sources';
import type { CacheControl, ContextManagement, CreateMessageRequest, MessageParam, RequestBlock, TextBlock, ThinkingParam, ToolDefinition } from './wire';

export const MAX_CACHE_BREAKPOINTS = 4;
const EPHEMERAL: CacheControl = { type: 'ephemeral' };
/** User turns (from the end) that carry a breakpoint: this turn, and the previous one (the last request's write). */
const MESSAGE_BREAKPOINTS = 2;

export interface RequestContext {
  readonly settings: Settings;
  readonly model: ModelInfo;
  /** System text blocks in their fixed order (empty strings are left out). */
  readonly system?: readonly string[];
  /** The start of Claude's reply (assistant prefill), for models that accept it. */
  readonly prefill?: string;
  /** Tools to declare; the same array (byte for byte) on every request of a conversation, so the cached prefix holds. */
  readonly tools?: readonly ToolDefinition[];
  /** No extended thinking for this request (a prefilled reply keeps it off in every iteration). */
  readonly noThinking?: boolean;
  /** No `cache_control` breakpoints (an endpoint that refuses prompt caching for the model). */
  readonly noCache?: boolean;
  /** Server-side context management and the betas it needs; without it, compaction blocks of an earlier model go as text. */
  readonly management?: { readonly context_management: ContextManagement; readonly betas: readonly string[] };
}

/** Server compaction blocks as text, for a model or endpoint that does not take them back (a null one says nothing and goes). */
function compactionAsText(messages: readonly MessageParam[]): MessageParam[] {
  return messages.map((m) => {
    if (typeof m.content === 'string' || !m.content.some((b) => b.type === 'compaction')) return m;
    const content = m.content.flatMap((b): RequestBlock[] => (b.type !== 'compaction' ? [b] : b.content ? [{ type: 'text', text: `Summary of the earlier conversation:\n${b.content}` }] : [])); // not localized: sent to Claude
    return { role: m.role, content: content.length ? content : [{ type: 'text', text: '(earlier conversation summarized)' }] }; // not localized: sent to Claude
  });
}

/**
 * Thinking as the model takes it: adaptive where listed, else a manual budget where `enabled` is
 * listed, else none. Where the endpoint did not list types, the table's `adaptiveThinking` decides.
 */
function thinkingParam(settings: Settings, model: ModelInfo, maxTokens: number): ThinkingParam | undefined {
  if (settings.thinking === 'off') return undefined;
  const types = model.thinkingTypes ?? [model.adaptiveThinking ? 'adaptive' : 'enabled'];
  if (types.includes('adaptive')) return { type: 'adaptive', display: settings.thinking };
  if (!types.includes('enabled')) return undefined;
  if (maxTokens <= 1024) return undefined; // a manual budget must be ≥ 1024 and below max_tokens
  return { type: 'enabled', budget_tokens: Math.min(Math.max(1024, Math.floor(maxTokens / 2)), maxTokens - 1) };
}

/** The effort setting goes unless the model's listed levels leave it out (unknown levels: sent as today). */
function effortSent(settings: Settings, model: ModelInfo): boolean {
  if (settings.effort === 'default') return false;
  return model.effortLevels?.includes(settings.effort) ?? true;
}

function withBreakpoint(blocks: readonly RequestBlock[]): RequestBlock[] {
  const out = [...blocks];
  const last = out.length - 1;
  out[last] = { ...out[last], cache_control: EPHEMERAL } as RequestBlock;
  return out;
}

/** User text as a block array (always the same form, so a turn's bytes never change). */
function userBlocks(content: MessageParam['content']): readonly RequestBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** The messages with breakpoints on the last MESSAGE_BREAKPOINTS user turns. */
export function withCacheBreakpoints(history: readonly MessageParam[], breakpoints = MESSAGE_BREAKPOINTS): MessageParam[] {
  const userIndexes = breakpoints > 0 ? history.flatMap((m, i) => (m.role === 'user' ? [i] : [])).slice(-breakpoints) : [];
  return history.map((m, i) => {
    if (m.role !== 'user') return m;
    const blocks = userBlocks(m.content);
    return { role: 'user', content: userIndexes.includes(i) && blocks.length ? withBreakpoint(blocks) : blocks };
  });
}

/** The request for a reply to `history`, which ends with the user's turn. */
export function buildRequest(ctx: RequestContext, history: readonly MessageParam[]): CreateMessageRequest {
  const { settings, model } = ctx;
  const maxTokens = Math.min(settings.maxTokens, model.maxOutput);
  const systemTexts = (ctx.system ?? []).filter((t) => t.trim());
  const system: TextBlock[] = systemTexts.map((text, i) => (i === systemTexts.length - 1 && !ctx.noCache ? { type: 'text', text, cache_control: EPHEMERAL } : { type: 'text', text }));
  const prefill = ctx.prefill?.trimEnd(); // the API refuses a final assistant turn ending in white space
  // Prefill never goes with extended thinking.
  const thinking = prefill || ctx.noThinking ? undefined : thinkingParam(settings, model, maxTokens);
  // Without tool definitions the API refuses tool blocks, so earlier tool use goes as text.
  const sendable = ctx.management ? history : compactionAsText(history);
  const messages = withCacheBreakpoints(ctx.tools?.length ? sendable : flattenToolBlocks(sendable), ctx.noCache ? 0 : MESSAGE_BREAKPOINTS);
  if (prefill) messages.push({ role: 'assistant', content: prefill });
  const betas = [...(ctx.management?.betas ?? []), ...(usesFiles(messages) ? [FILES_BETA] : [])];
  return {
    model: model.id,
    max_tokens: maxTokens,
    ...(ctx.tools?.length ? { tools: ctx.tools } : {}),
    ...(system.length ? { system } : {}),
    messages,
    ...(thinking ? { thinking } : {}),
    ...(effortSent(settings, model) ? { output_config: { effort: settings.effort } } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== undefined ? { top_p: settings.topP } : {}),
    ...(settings.topK !== undefined ? { top_k: settings.topK } : {}),
    ...(ctx.management ? { context_management: ctx.management.context_management } : {}),
    ...(betas.length ? { betas } : {}),
  };
}

/** Counts `cache_control` markers anywhere in a request body. */
export function countBreakpoints(request: unknown): number {
  if (Array.isArray(request)) return request.reduce((n: number, v) => n + countBreakpoints(v), 0);
  if (typeof request !== 'object' || request === null) return 0;
  return Object.entries(request).reduce((n, [k, v]) => n + (k === 'cache_control' ? 1 : countBreakpoints(v)), 0);
}
