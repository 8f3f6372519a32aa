/**
 * Folds the stream events of one reply into its content blocks, and says what changed for the UI.
 * Work per event is proportional to the event, not to the reply so far: text is kept as chunks
 * and joined only when the content is read.
 */
import type { ContentBlock, StopReason, StreamEvent, Usage } from './wire';

/** What a stream event changed that the UI shows. */
export type TurnUpdate =
  | { readonly kind: 'text'; readonly delta: string }
  | { readonly kind: 'thinking'; readonly delta: string };

type BlockState =
  | { type: 'text'; chunks: string[] }
  | { type: 'thinking'; chunks: string[]; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string[] };

export class TurnAccumulator {
  private readonly blocks: BlockState[] = [];
  private usageSoFar: Usage = { input_tokens: 0, output_tokens: 0 };
  private stop: StopReason | null = null;
  private textLength = 0;
  model = '';

  /** Applies one event; returns the visible change, if any. */
  apply(event: StreamEvent): TurnUpdate | undefined {
    switch (event.type) {
      case 'message_start':
        this.model = event.message.model;
        this.usageSoFar = { ...event.message.usage };
        return undefined;
      case 'content_block_start':
        this.blocks[event.index] = this.startBlock(event.content_block);
        return undefined;
      case 'content_block_delta':
        return this.applyDelta(event.index, event.delta);
      case 'message_delta':
        this.stop = event.delta.stop_reason;
        this.usageSoFar = { ...this.usageSoFar, ...stripNulls(event.usage) };
        return undefined;
      case 'content_block_stop':
      case 'message_stop':
      case 'ping':
        return undefined;
      default:
        return undefined;
    }
  }

  private startBlock(block: ContentBlock): BlockState {
    switch (block.type) {
      case 'text':
        this.textLength += block.text.length;
        return { type: 'text', chunks: block.text ? [block.text] : [] };
      case 'thinking':
        return { type: 'thinking', chunks: block.thinking ? [block.thinking] : [], signature: block.signature ?? '' };
      case 'redacted_thinking':
        return { type: 'redacted_thinking', data: block.data };
      case 'tool_use':
        return { type: 'tool_use', id: block.id, name: block.name, json: [] };
    }
  }

  private applyDelta(index: number, delta: Extract<StreamEvent, { type: 'content_block_delta' }>['delta']): TurnUpdate | undefined {
    const block = this.blocks[index];
    if (!block) return undefined;
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
      case 'citations_delta':
        return undefined;
    }
  }

  /** True once any visible text arrived. */
  get hasText(): boolean {
    return this.textLength > 0;
  }

  get stopReason(): StopReason | null {
    return this.stop;
  }

  get usage(): Usage {
    return this.usageSoFar;
  }

  /** The reply's blocks so far (a partial reply when the stream broke off). */
  content(): ContentBlock[] {
    const out: ContentBlock[] = [];
    for (const block of this.blocks) {
      if (!block) continue;
      switch (block.type) {
        case 'text':
          out.push({ type: 'text', text: block.chunks.join('') });
          break;
        case 'thinking':
          out.push({ type: 'thinking', thinking: block.chunks.join(''), signature: block.signature });
          break;
        case 'redacted_thinking':
          out.push({ type: 'redacted_thinking', data: block.data });
          break;
        case 'tool_use':
          out.push({ type: 'tool_use', id: block.id, name: block.name, input: parseJson(block.json.join('')) });
          break;
      }
    }
    return out;
  }

  /** The visible text so far. */
  text(): string {
    return this.content()
      .map((b) => (b.type === 'text' ? b.text : ''))
      .join('');
  }
}

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function stripNulls(usage: Partial<Usage>): Partial<Usage> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(usage)) if (typeof v === 'number') out[k] = v;
  return out as Partial<Usage>;
}
