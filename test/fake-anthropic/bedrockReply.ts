/**
 * The fake's answer to a Messages request, as Bedrock passes it on: the messages answering writes
 * what the API would send to a response this wraps, and the client receives Bedrock's form of it.
 * A stream's SSE events become event-stream `chunk` frames (and `message_stop` gains Bedrock's
 * invocation metrics), the API's error bodies become Bedrock's exceptions, a plain JSON message
 * gains Bedrock's token-count headers, and any other body (an HTML page, say) passes as it is.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { awsErrorOf, sendAwsError } from './bedrockErrors';
import { chunkFrame, exceptionFrame } from './eventStream';

/** The SSE event name a script uses for an exception frame (see bedrockScripts.ts); the API has no such event. */
export const AWS_EXCEPTION_EVENT = 'aws-exception';

/** Data of an {@link AWS_EXCEPTION_EVENT} step. */
export interface AwsExceptionData {
  readonly exceptionType: string;
  readonly body: Readonly<Record<string, unknown>>;
}

type Mode = 'pending' | 'stream' | 'json' | 'error' | 'passThrough';

/** A response for the messages answering to write to: what it writes reaches `res` in Bedrock's form. */
export function bedrockResponse(res: ServerResponse): ServerResponse {
  const reply = new BedrockReply(res);
  const own: Record<PropertyKey, unknown> = { writeHead: reply.writeHead, write: reply.write, end: reply.end };
  return new Proxy(res, {
    get(target, property) {
      if (property in own) return own[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

class BedrockReply {
  private mode: Mode = 'pending';
  private status = 200;
  private headers: Record<string, string> = {};
  private sse = '';
  private readonly started = Date.now();
  private firstByteMs?: number;
  private inputTokens = 0;
  private outputTokens = 0;

  constructor(private readonly res: ServerResponse) {}

  readonly writeHead = (status: number, headers: OutgoingHttpHeaders = {}): ServerResponse => {
    this.status = status;
    this.headers = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
    const { 'content-type': contentType, 'cache-control': _cache, connection: _connection, ...rest } = this.headers;
    if (status === 200 && contentType === 'text/event-stream') {
      this.mode = 'stream';
      this.res.writeHead(200, { ...rest, 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-content-type': 'application/json' });
    } else if (contentType === 'application/json') {
      this.mode = status >= 400 ? 'error' : 'json'; // written at the end, once the body is known
    } else {
      this.mode = 'passThrough';
      this.res.writeHead(status, headers);
    }
    return this.res;
  };

  readonly write = (chunk: string | Buffer, callback?: () => void): boolean => {
    if (this.mode !== 'stream') {
      if (this.mode === 'json' || this.mode === 'error') this.writeHeadOnce(); // a JSON body cut part-way
      return this.res.write(chunk, callback);
    }
    this.sse += chunk.toString();
    let end: number;
    while ((end = this.sse.indexOf('\n\n')) >= 0) {
      this.sendEvent(this.sse.slice(0, end));
      this.sse = this.sse.slice(end + 2);
    }
    callback?.();
    return true;
  };

  readonly end = (chunk?: string | Buffer): ServerResponse => {
    const text = chunk === undefined ? '' : chunk.toString();
    if (this.mode === 'error' && !this.res.headersSent) {
      const { 'content-type': _type, ...rest } = this.headers;
      sendAwsError(this.res, awsErrorOf(this.status, text), rest);
    } else if (this.mode === 'json' && !this.res.headersSent) {
      this.res.writeHead(this.status, { ...this.headers, ...this.tokenHeaders(text) });
      this.res.end(text);
    } else if (this.mode === 'stream') {
      if (this.sse.trim()) this.sendEvent(this.sse);
      this.sse = '';
      this.res.end();
    } else {
      this.res.end(chunk);
    }
    return this.res;
  };

  private writeHeadOnce(): void {
    if (!this.res.headersSent) this.res.writeHead(this.status, this.headers);
  }

  /** One SSE event (`event: …` and `data: …` lines) as its frame; comments and empty events send nothing. */
  private sendEvent(block: string): void {
    const lines = block.split('\n');
    const name = lines.find((line) => line.startsWith('event:'))?.slice('event:'.length).trim();
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice('data:'.length).replace(/^ /, ''))
      .join('\n');
    if (!data) return;
    this.firstByteMs ??= Date.now() - this.started;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return void this.res.write(chunkFrame(data)); // not JSON: the client finds out, as it would
    }
    if (name === AWS_EXCEPTION_EVENT) {
      const { exceptionType, body } = parsed as AwsExceptionData;
      return void this.res.write(exceptionFrame(exceptionType, body));
    }
    this.res.write(chunkFrame(JSON.stringify(this.withMetrics(parsed))));
  }

  /** Counts the tokens a stream reports; `message_stop` carries Bedrock's totals of them. */
  private withMetrics(event: unknown): unknown {
    const e = event as { type?: string; message?: { usage?: { input_tokens?: number } }; usage?: { output_tokens?: number } };
    if (e.type === 'message_start') this.inputTokens = e.message?.usage?.input_tokens ?? 0;
    if (e.type === 'message_delta') this.outputTokens = e.usage?.output_tokens ?? this.outputTokens;
    if (e.type !== 'message_stop') return event;
    const metrics = {
      inputTokenCount: this.inputTokens,
      outputTokenCount: this.outputTokens,
      invocationLatency: Date.now() - this.started,
      firstByteLatency: this.firstByteMs ?? 0,
    };
    return { ...(event as object), 'amazon-bedrock-invocationMetrics': metrics };
  }

  /** The headers InvokeModel adds to a whole message: its token counts and how long it took. */
  private tokenHeaders(text: string): Record<string, string> {
    try {
      const usage = (JSON.parse(text) as { usage?: { input_tokens?: number; output_tokens?: number } }).usage;
      if (!usage) return {};
      return {
        'x-amzn-bedrock-input-token-count': String(usage.input_tokens ?? 0),
        'x-amzn-bedrock-output-token-count': String(usage.output_tokens ?? 0),
        'x-amzn-bedrock-invocation-latency': String(Date.now() - this.started),
      };
    } catch {
      return {};
    }
  }
}
