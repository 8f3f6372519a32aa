/**
 * Builders for scripted replies of the fake server: each returns the exact SSE event sequence the
 * Messages API sends (message_start … message_stop), with optional delays, gates, a mid-stream
 * `event: error`, a dropped connection or a response that ends cleanly before `message_stop`.
 */

import { reply, type Block, type ReplyOptions } from './reply';
import { errorObject, type ErrorDetails } from './respond';
import { ev, Gate, messageEnd, messageStart, type StreamOptions, textBlock, tokensOf, toolUseBlock, type Reply, type Step } from './sse';

export { Gate };
export type { RefusalStopDetails, Reply, Step, StreamOptions } from './sse';
export type { ErrorDetails } from './respond';
export * from './reply';

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

export interface ToolSpec {
  readonly id: string;
  readonly name: string;
  readonly jsonChunks: readonly string[];
}

/** Optional text, then one or more tool_use blocks whose input arrives as input_json_delta chunks. */
export function toolUseReply(tools: ToolSpec | readonly ToolSpec[], text: readonly string[] = [], o: StreamOptions = {}): Reply {
  const list: readonly ToolSpec[] = 'id' in tools ? [tools] : tools;
  const first = text.length ? 1 : 0;
  return {
    kind: 'stream',
    steps: [
      messageStart(o),
      ...(text.length ? textBlock(0, text, o) : []),
      ...list.flatMap((tool, i) => toolUseBlock(first + i, tool.id, tool.name, tool.jsonChunks)),
      ...messageEnd('tool_use', 20),
    ],
  };
}

/** Streams `chunks`, then an `event: error` (after HTTP 200), as the API does when it overloads mid-reply. */
export function errorMidStream(chunks: readonly string[], type = 'overloaded_error', message = 'Overloaded', o: StreamOptions = {}, details?: ErrorDetails): Reply {
  const block = textBlock(0, chunks, o).slice(0, -1); // the block never closes
  return {
    kind: 'stream',
    steps: [messageStart(o), ...block, { kind: 'event', name: 'error', data: { type: 'error', error: errorObject(type, message, details) } }],
  };
}

/** Streams `chunks`, then drops the TCP connection without finishing the reply. */
export function dropMidStream(chunks: readonly string[], o: StreamOptions = {}): Reply {
  const block = textBlock(0, chunks, o).slice(0, -1);
  return { kind: 'stream', steps: [messageStart(o), ...block, { kind: 'delay', ms: 20 }, { kind: 'drop' }] };
}

/**
 * `full` up to its first `event` (of block `index`, when given), then the HTTP response ends
 * normally, without `message_stop`: what a proxy or gateway that closes the connection cleanly
 * mid-reply sends. No SDK version reports this as an error.
 */
export function closedBefore(full: Reply, event: string, index?: number): Reply {
  if (full.kind !== 'stream') throw new Error('closedBefore cuts a streamed reply');
  const at = full.steps.findIndex((s) => s.kind === 'event' && s.name === event && (index === undefined || (s.data as { index?: number }).index === index));
  if (at < 0) throw new Error(`closedBefore: the reply has no ${event}${index === undefined ? '' : ` for block ${index}`}`);
  return { ...full, steps: [...full.steps.slice(0, at), { kind: 'end' }] };
}

/** Streams `chunks` and closes cleanly with the text block still open. */
export function closedMidText(chunks: readonly string[], o: StreamOptions = {}): Reply {
  return closedBefore(textReply(chunks, o), 'content_block_stop', 0);
}

/** Streams `text`, then part of a tool_use's input (`jsonChunks`, unfinished JSON), and closes cleanly. */
export function closedMidToolUse(text: readonly string[], tool: ToolSpec): Reply {
  const full = toolUseReply(tool, text);
  return closedBefore(full, 'content_block_stop', text.length ? 1 : 0);
}

/** Streams the whole reply, `message_delta` (its stop reason) included, and closes cleanly before `message_stop`. */
export function closedBeforeMessageStop(blocks: readonly Block[], o: ReplyOptions = {}): Reply {
  return closedBefore(reply(blocks, o), 'message_stop');
}

/** Sends `message_start` only, then closes cleanly: nothing of the reply has arrived. */
export function closedAfterStart(o: StreamOptions = {}): Reply {
  return closedBefore(textReply(['never sent'], o), 'content_block_start');
}

/** An HTTP error with the API's error body; `details` (an `error_code`) as the API adds it for some causes. */
export function httpError(status: number, type: string, message: string, headers: Record<string, string> = {}, details?: ErrorDetails): Reply {
  return { kind: 'http', status, body: { type: 'error', error: errorObject(type, message, details), request_id: 'req_fake_error' }, headers };
}

/** A body sent exactly as given, as gateways and proxies do: `rawBody(502, 'text/html', '<html>…')`. */
export function rawBody(status: number, contentType: string, text: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'raw', status, contentType, text, headers };
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
        else if (d.type === 'compaction_delta') Object.assign(block, { content: d.content, encrypted_content: d.encrypted_content });
        break;
      }
      case 'content_block_stop':
        if (json[data.index] !== undefined) message.content[data.index].input = parseOr(json[data.index], {});
        break;
      case 'message_delta':
        message.stop_reason = data.delta.stop_reason;
        message.stop_sequence = data.delta.stop_sequence ?? null;
        if ('stop_details' in data.delta) message.stop_details = data.delta.stop_details;
        message.usage = { ...message.usage, ...data.usage };
        if (data.context_management) message.context_management = data.context_management;
        break;
    }
  }
  return message;
}

// A tool_use cut off by max_tokens has unfinished JSON; the streamed SDK parses it partially, and
// keeping the block's `{}` start value is what lets the plain JSON answer still be built.
function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
