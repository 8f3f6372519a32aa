/**
 * The generic reply builder: any sequence of text, thinking, redacted thinking and tool_use blocks,
 * any stop reason (with `stop_details` for refusals), a gate between blocks, and a gate inside a
 * thinking block just before its signature so a test can Stop while the model is still thinking.
 *
 *   reply([thinking(['Let me look'], 'sig-1'), text('Reading.'), toolUse('toolu_1', 'str_replace_based_edit_tool', { command: 'view', path: 'a.ts' })])
 */
import {
  ev,
  type Gate,
  messageEnd,
  messageStart,
  type RefusalStopDetails,
  type Reply,
  type Step,
  type StreamOptions,
  textBlock,
  tokensOf,
  toolUseBlock,
} from './sse';

export type Block =
  | { readonly type: 'text'; readonly chunks: readonly string[] }
  | { readonly type: 'thinking'; readonly chunks: readonly string[]; readonly signature: string; readonly stopBefore?: Gate }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly jsonChunks: readonly string[] };

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

export interface ReplyOptions extends Omit<StreamOptions, 'stopReason'> {
  /** Defaults to `tool_use` when the reply holds a tool_use block, else `end_turn`. */
  readonly stopReason?: StopReason;
  /** Sent in message_delta; null unless given. */
  readonly stopDetails?: RefusalStopDetails | null;
  readonly stopSequence?: string;
  /** Holds the stream before block `beforeBlock` (`blocks.length`: before message_delta) until the gate opens. */
  readonly gate?: { readonly beforeBlock: number; readonly gate: Gate };
  readonly outputTokens?: number;
}

const chunksOf = (chunks: string | readonly string[]): readonly string[] => (typeof chunks === 'string' ? [chunks] : chunks);

export const text = (chunks: string | readonly string[]): Block => ({ type: 'text', chunks: chunksOf(chunks) });

/** `stopBefore` holds the stream after the thinking deltas, before the signature_delta. */
export const thinking = (chunks: string | readonly string[], signature: string, o: { readonly stopBefore?: Gate } = {}): Block => ({
  type: 'thinking',
  chunks: chunksOf(chunks),
  signature,
  stopBefore: o.stopBefore,
});

export const redactedThinking = (data: string): Block => ({ type: 'redacted_thinking', data });

/** An input object is streamed as one JSON chunk; strings are streamed as the given chunks (they may stay unfinished). */
export const toolUse = (id: string, name: string, input: Readonly<Record<string, unknown>> | readonly string[]): Block => ({
  type: 'tool_use',
  id,
  name,
  jsonChunks: isChunkList(input) ? input : [JSON.stringify(input)],
});

/** `stop_details` for `stopReason: 'refusal'`. */
export const refusal = (explanation: string | null, category: RefusalStopDetails['category'] = null): RefusalStopDetails => ({
  type: 'refusal',
  category,
  explanation,
});

export function reply(blocks: readonly Block[], o: ReplyOptions = {}): Reply {
  const steps: Step[] = [messageStart(o), ev('ping', {})];
  blocks.forEach((block, index) => {
    if (o.gate?.beforeBlock === index) steps.push(o.gate.gate.step());
    steps.push(...blockSteps(block, index, o));
  });
  if (o.gate?.beforeBlock === blocks.length) steps.push(o.gate.gate.step());
  const stopReason = o.stopReason ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const outputTokens = o.outputTokens ?? tokensOf(blocks.flatMap(textOf));
  steps.push(...messageEnd(stopReason, outputTokens, o.stopDetails ?? null, o.stopSequence ?? null));
  return { kind: 'stream', steps };
}

function blockSteps(block: Block, index: number, o: ReplyOptions): Step[] {
  switch (block.type) {
    case 'text':
      return textBlock(index, block.chunks, o);
    case 'tool_use':
      return toolUseBlock(index, block.id, block.name, block.jsonChunks);
    case 'redacted_thinking':
      return [ev('content_block_start', { index, content_block: { type: 'redacted_thinking', data: block.data } }), ev('content_block_stop', { index })];
    case 'thinking':
      return [
        ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
        ...block.chunks.map((t) => ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: t } })),
        ...(block.stopBefore ? [block.stopBefore.step()] : []),
        ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }),
        ev('content_block_stop', { index }),
      ];
  }
}

function textOf(block: Block): readonly string[] {
  if (block.type === 'redacted_thinking') return [];
  return block.type === 'tool_use' ? block.jsonChunks : block.chunks;
}

function isChunkList(input: Readonly<Record<string, unknown>> | readonly string[]): input is readonly string[] {
  return Array.isArray(input);
}
