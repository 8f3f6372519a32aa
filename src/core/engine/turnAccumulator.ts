/**
 * Folds the stream events of one request into its content blocks, and says what changed for the
 * UI. Work per event is proportional to the event, not to the reply so far: text is kept as chunks
 * and joined only when the content is read. A block counts as finished only at its
 * `content_block_stop`: a thinking block cut off before it keeps an empty signature (so it is never
 * sent back) and a tool_use cut off before it is left out (its input is incomplete).
 */
import type { CompactionBlock, ContentBlock, StopDetails, StopReason, StreamEvent, Usage, UsageIteration } from '../api/wire';

/** What a stream event changed that the UI shows. */
export type TurnUpdate =
  | { readonly kind: 'text'; readonly delta: string }
  | { readonly kind: 'thinking'; readonly delta: string }
  /** The server summarized the conversation before this reply. */
  | { readonly kind: 'compaction'; readonly summary: string | null };

type BlockState = { done: boolean } & (
  | { type: 'text'; chunks: string[] }
  | { type: 'thinking'; chunks: string[]; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string[] }
  /** Kept as the server sent it (its keys and order), with what its delta carried. */
  | { type: 'compaction'; block: CompactionBlock }
);

export class TurnAccumulator {
  private readonly blocks: BlockState[] = [];
  private usageSoFar: Usage = { input_tokens: 0, output_tokens: 0 };
  private compactionCost: Usage | undefined;
  private stop: StopReason | null = null;
  private details: StopDetails | null = null;
  private textLength = 0;
  private finished = false;
  model = '';

  /** Applies one event; returns the visible change, if any. */
  apply(event: StreamEvent): TurnUpdate | undefined {
    switch (event.type) {
      case 'message_start':
        this.model = event.message.model;
        this.usageSoFar = { ...this.usageSoFar, ...numbersOf(event.message.usage) };
        return undefined;
      case 'content_block_start':
        this.blocks[event.index] = this.startBlock(event.content_block);
        return undefined;
      case 'content_block_delta':
        return this.applyDelta(event.index, event.delta);
      case 'content_block_stop': {
        const block = this.blocks[event.index];
        if (!block || block.done) return undefined;
        block.done = true;
        return block.type === 'compaction' ? { kind: 'compaction', summary: block.block.content } : undefined;
      }
      case 'message_delta':
        this.stop = event.delta.stop_reason;
        this.details = event.delta.stop_details ?? null;
        this.usageSoFar = { ...this.usageSoFar, ...numbersOf(event.usage) };
        this.compactionCost = compactionTokens(event.usage.iterations) ?? this.compactionCost;
        return undefined;
      case 'message_stop':
        this.finished = true;
        return undefined;
      default:
        return undefined;
    }
  }

  private startBlock(block: ContentBlock): BlockState {
    switch (block.type) {
      case 'text':
        this.textLength += block.text.length;
        return { type: 'text', chunks: block.text ? [block.text] : [], done: false };
      case 'thinking':
        return { type: 'thinking', chunks: block.thinking ? [block.thinking] : [], signature: block.signature ?? '', done: false };
      case 'redacted_thinking':
        return { type: 'redacted_thinking', data: block.data, done: false };
      case 'tool_use':
        return { type: 'tool_use', id: block.id, name: block.name, json: [], done: false };
      case 'compaction':
        return { type: 'compaction', block: { ...block }, done: false };
    }
  }

  private applyDelta(index: number, delta: Extract<StreamEvent, { type: 'content_block_delta' }>['delta']): TurnUpdate | undefined {
    const block = this.blocks[index];
    if (!block || block.done) return undefined;
    switch (delta.type) {
      case 'text_delta':
        if (block.type !== 'text') return undefined;
        block.chunks.push(delta.text);
        this.textLength += delta.text.length;
        return { kind: 'text', delta: delta.text };
      case 'thinking_delta':
        if (block.type !== 'thinking') return undefined;
        block.chunks.push(delta.thinking);
        return { kind: 'thinking', delta: delta.thinking };
      case 'signature_delta':
        if (block.type === 'thinking') block.signature += delta.signature;
        return undefined;
      case 'input_json_delta':
        if (block.type === 'tool_use') block.json.push(delta.partial_json);
        return undefined;
      case 'compaction_delta':
        // The delta carries the block's final value (the SDK's own accumulator assigns it too).
        if (block.type === 'compaction') block.block = { ...block.block, content: delta.content, ...('encrypted_content' in delta ? { encrypted_content: delta.encrypted_content ?? null } : {}) };
        return undefined;
      default:
        return undefined;
    }
  }

  /** True once any visible text arrived. */
  get hasText(): boolean {
    return this.textLength > 0;
  }

  /** True when the stream ended with `message_stop`. */
  get complete(): boolean {
    return this.finished;
  }

  get stopReason(): StopReason | null {
    return this.stop;
  }

  get stopDetails(): StopDetails | null {
    return this.details;
  }

  get usage(): Usage {
    return this.usageSoFar;
  }

  /** What a server-side compaction in this request cost (reported apart from the request's own usage). */
  get compactionUsage(): Usage | undefined {
    return this.compactionCost;
  }

  /** The request's blocks so far; unfinished thinking keeps no signature, unfinished tool_use is left out. */
  content(): ContentBlock[] {
    const out: ContentBlock[] = [];
    for (const block of this.blocks) {
      if (!block) continue;
      switch (block.type) {
        case 'text':
          out.push({ type: 'text', text: block.chunks.join('') });
          break;
        case 'thinking':
          out.push({ type: 'thinking', thinking: block.chunks.join(''), signature: block.done ? block.signature : '' });
          break;
        case 'redacted_thinking':
          if (block.done) out.push({ type: 'redacted_thinking', data: block.data });
          break;
        case 'tool_use':
          if (block.done) out.push({ type: 'tool_use', id: block.id, name: block.name, input: parseInput(block.json.join('')) });
          break;
        case 'compaction':
          if (block.done) out.push(block.block);
          break;
      }
    }
    return out;
  }
}

function parseInput(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function numbersOf(usage: Partial<Usage>): Partial<Usage> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(usage)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out as Partial<Usage>;
}

/** The tokens of the `compaction` entries of `usage.iterations`, summed; undefined when there are none. */
function compactionTokens(iterations: readonly UsageIteration[] | null | undefined): Usage | undefined {
  const entries = (iterations ?? []).filter((i) => i.type === 'compaction').map(numbersOf);
  if (!entries.length) return undefined;
  const sum = (key: keyof Usage) => entries.reduce((n, e) => n + (e[key] ?? 0), 0);
  return { input_tokens: sum('input_tokens'), output_tokens: sum('output_tokens'), cache_creation_input_tokens: sum('cache_creation_input_tokens'), cache_read_input_tokens: sum('cache_read_input_tokens') };
}
