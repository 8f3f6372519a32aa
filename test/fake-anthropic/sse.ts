/**
 * The pieces every scripted reply is made of: the step types the server runs, and the SSE events of
 * the Messages API stream (message_start, content blocks, message_delta, message_stop).
 */

export type Step =
  | { readonly kind: 'event'; readonly name: string; readonly data: unknown }
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'delay'; readonly ms: number }
  /** `reached` is called as the server starts waiting. */
  | { readonly kind: 'wait'; readonly until: Promise<unknown>; readonly reached?: () => void }
  /** Drops the TCP connection: the client sees a network error. */
  | { readonly kind: 'drop' }
  /** Ends the HTTP response normally here (the chunked body properly terminated), whatever the reply had still to send. */
  | { readonly kind: 'end' };

export type Reply =
  | { readonly kind: 'stream'; readonly steps: readonly Step[]; readonly headers?: Record<string, string> }
  | { readonly kind: 'http'; readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> }
  /** Any body as is (an HTML page, a gateway's envelope, text/plain JSON), with this status and content-type. */
  | { readonly kind: 'raw'; readonly status: number; readonly contentType: string; readonly text: string; readonly headers?: Record<string, string> };

/** A promise a test opens when it is ready for the stream to go on. */
export class Gate {
  readonly promise: Promise<void>;
  /** Resolves once the server holds a stream at this gate (everything before it is sent). */
  readonly reached: Promise<void>;
  open!: () => void;
  private arrive!: () => void;
  constructor() {
    this.promise = new Promise<void>((resolve) => (this.open = resolve));
    this.reached = new Promise<void>((resolve) => (this.arrive = resolve));
  }

  /** Holds a request here until the gate opens (`reached` resolves at once). */
  async hold(): Promise<void> {
    this.arrive();
    await this.promise;
  }

  /** The step that holds a stream here until the gate opens. */
  step(): Step {
    return { kind: 'wait', until: this.promise, reached: () => this.arrive() };
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

/** `stop_details` of a refusal, as in SDK 1.12's `RefusalStopDetails`. */
export interface RefusalStopDetails {
  readonly type: 'refusal';
  readonly category: 'cyber' | 'bio' | 'frontier_llm' | 'reasoning_extraction' | 'general_harms' | null;
  readonly explanation: string | null;
}

export const ev = (name: string, data: unknown): Step => ({ kind: 'event', name, data: { type: name, ...(data as object) } });

let ids = 0;

export function messageStart(o: StreamOptions): Step {
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

export function textBlock(index: number, chunks: readonly string[], o: StreamOptions): Step[] {
  const steps: Step[] = [ev('content_block_start', { index, content_block: { type: 'text', text: '' } })];
  chunks.forEach((text, i) => {
    if (i > 0 && o.delayMs) steps.push({ kind: 'delay', ms: o.delayMs });
    if (o.pauseAfter && i === o.pauseAfter.chunks) steps.push(o.pauseAfter.gate.step());
    steps.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text } }));
  });
  steps.push(ev('content_block_stop', { index }));
  return steps;
}

export function toolUseBlock(index: number, id: string, name: string, jsonChunks: readonly string[]): Step[] {
  return [
    ev('content_block_start', { index, content_block: { type: 'tool_use', id, name, input: {} } }),
    ...jsonChunks.map((partial_json) => ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })),
    ev('content_block_stop', { index }),
  ];
}

/** message_delta and message_stop; `stopDetails` is only sent when given (null included). */
export function messageEnd(stopReason: string, outputTokens: number, stopDetails?: RefusalStopDetails | null, stopSequence: string | null = null): Step[] {
  const delta = { stop_reason: stopReason, stop_sequence: stopSequence, ...(stopDetails !== undefined ? { stop_details: stopDetails } : {}) };
  return [ev('message_delta', { delta, usage: { output_tokens: outputTokens } }), ev('message_stop', {})];
}

export const tokensOf = (chunks: readonly string[]) => Math.max(1, Math.ceil(chunks.join('').length / 4));

/** The signature a step hands to the client, if it is a `signature_delta`. */
export function signatureOf(step: Step): string | undefined {
  if (step.kind !== 'event' || step.name !== 'content_block_delta') return undefined;
  const delta = (step.data as { delta?: { type?: string; signature?: unknown } }).delta;
  return delta?.type === 'signature_delta' && typeof delta.signature === 'string' ? delta.signature : undefined;
}
