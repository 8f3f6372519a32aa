/**
 * Builders for scripted replies of the fake server: each returns the exact SSE event sequence the
 * Messages API sends (message_start … message_stop), with optional delays, gates, a mid-stream
 * `event: error` or a dropped connection.
 */

export type Step =
  | { readonly kind: 'event'; readonly name: string; readonly data: unknown }
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'wait'; readonly until: Promise<unknown> }
  | { readonly kind: 'drop' };

export type Reply =
  | { readonly kind: 'stream'; readonly steps: readonly Step[]; readonly headers?: Record<string, string> }
  | { readonly kind: 'http'; readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };

/** A promise a test opens when it is ready for the stream to go on. */
export class Gate {
  readonly promise: Promise<void>;
  open!: () => void;
  constructor() {
    this.promise = new Promise<void>((resolve) => (this.open = resolve));
  }
}

export interface StreamOptions {
  readonly model?: string;
  readonly messageId?: string;
  /** Pause between chunks. */
  readonly delayMs?: number;
  /** Stop after this many text chunks until the gate opens. */
  readonly pauseAfter?: { readonly chunks: number; readonly gate: Gate };
  readonly inputTokens?: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly stopReason?: string;
}

const ev = (name: string, data: unknown): Step => ({ kind: 'event', name, data: { type: name, ...(data as object) } });

let ids = 0;

function messageStart(o: StreamOptions): Step {
  return ev('message_start', {
    message: {
      id: o.messageId ?? `msg_fake_${++ids}`,
      type: 'message',
      role: 'assistant',
      model: o.model ?? 'claude-sonnet-5-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: o.inputTokens ?? 12,
        cache_creation_input_tokens: o.cacheWriteTokens ?? 0,
        cache_read_input_tokens: o.cacheReadTokens ?? 0,
        output_tokens: 1,
      },
    },
  });
}

function textBlock(index: number, chunks: readonly string[], o: StreamOptions): Step[] {
  const steps: Step[] = [ev('content_block_start', { index, content_block: { type: 'text', text: '' } })];
  chunks.forEach((text, i) => {
    if (i > 0 && o.delayMs) steps.push({ kind: 'delay', ms: o.delayMs });
    if (o.pauseAfter && i === o.pauseAfter.chunks) steps.push({ kind: 'wait', until: o.pauseAfter.gate.promise });
    steps.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text } }));
  });
  steps.push(ev('content_block_stop', { index }));
  return steps;
}

function messageEnd(stopReason: string, outputTokens: number): Step[] {
  return [
    ev('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } }),
    ev('message_stop', {}),
  ];
}

const tokensOf = (chunks: readonly string[]) => Math.max(1, Math.ceil(chunks.join('').length / 4));

/** A plain text reply streamed in the given chunks. */
export function textReply(chunks: readonly string[], o: StreamOptions = {}): Reply {
  return {
    kind: 'stream',
    steps: [messageStart(o), ev('ping', {}), ...textBlock(0, chunks, o), ...messageEnd(o.stopReason ?? 'end_turn', tokensOf(chunks))],
  };
}

/** A thinking block (with signature) followed by text. */
export function thinkingReply(thinking: readonly string[], signature: string, text: readonly string[], o: StreamOptions = {}): Reply {
  const thinkingSteps: Step[] = [
    ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    ...thinking.map((t) => ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: t } })),
    ev('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature } }),
    ev('content_block_stop', { index: 0 }),
  ];
  return {
    kind: 'stream',
    steps: [messageStart(o), ...thinkingSteps, ...textBlock(1, text, o), ...messageEnd('end_turn', tokensOf([...thinking, ...text]))],
  };
}

/** Optional text, then a tool_use block whose input arrives as input_json_delta chunks. */
export function toolUseReply(tool: { id: string; name: string; jsonChunks: readonly string[] }, text: readonly string[] = [], o: StreamOptions = {}): Reply {
  const index = text.length ? 1 : 0;
  const toolSteps: Step[] = [
    ev('content_block_start', { index, content_block: { type: 'tool_use', id: tool.id, name: tool.name, input: {} } }),
    ...tool.jsonChunks.map((partial_json) => ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })),
    ev('content_block_stop', { index }),
  ];
  return {
    kind: 'stream',
    steps: [messageStart(o), ...(text.length ? textBlock(0, text, o) : []), ...toolSteps, ...messageEnd('tool_use', 20)],
  };
}

/** Streams `chunks`, then an `event: error` (after HTTP 200), as the API does when it overloads mid-reply. */
export function errorMidStream(chunks: readonly string[], type = 'overloaded_error', message = 'Overloaded', o: StreamOptions = {}): Reply {
  const block = textBlock(0, chunks, o).slice(0, -1); // the block never closes
  return {
    kind: 'stream',
    steps: [messageStart(o), ...block, { kind: 'event', name: 'error', data: { type: 'error', error: { type, message } } }],
  };
}

/** Streams `chunks`, then drops the TCP connection without finishing the reply. */
export function dropMidStream(chunks: readonly string[], o: StreamOptions = {}): Reply {
  const block = textBlock(0, chunks, o).slice(0, -1);
  return { kind: 'stream', steps: [messageStart(o), ...block, { kind: 'delay', ms: 20 }, { kind: 'drop' }] };
}

/** An HTTP error with the API's error body. */
export function httpError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'http', status, body: { type: 'error', error: { type, message }, request_id: 'req_fake_error' }, headers };
}

/** Builds the non-streaming Message JSON from a scripted event sequence. */
export function assembleMessage(steps: readonly Step[]): unknown {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let message: any;
  const json: Record<number, string> = {};
  for (const step of steps) {
    if (step.kind !== 'event') continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data = step.data as any;
    switch (step.name) {
      case 'message_start':
        message = structuredClone(data.message);
        break;
      case 'content_block_start':
        message.content[data.index] = structuredClone(data.content_block);
        break;
      case 'content_block_delta': {
        const block = message.content[data.index];
        const d = data.delta;
        if (d.type === 'text_delta') block.text += d.text;
        else if (d.type === 'thinking_delta') block.thinking += d.thinking;
        else if (d.type === 'signature_delta') block.signature += d.signature;
        else if (d.type === 'input_json_delta') json[data.index] = (json[data.index] ?? '') + d.partial_json;
        break;
      }
      case 'content_block_stop':
        if (json[data.index] !== undefined) message.content[data.index].input = JSON.parse(json[data.index]);
        break;
      case 'message_delta':
        message.stop_reason = data.delta.stop_reason;
        message.stop_sequence = data.delta.stop_sequence ?? null;
        message.usage = { ...message.usage, ...data.usage };
        break;
    }
  }
  return message;
}
