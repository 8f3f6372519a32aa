/**
 * Builds the SDK client. The SDK is imported on the first request only, so activation stays cheap
 * (the build makes `./sdkEntry` dist/lazy/sdk.mjs, see esbuild.mjs).
 */
import type { ChatBackend, FileUploads } from '../core/engine/replyStream';
import { NoFilesApi, UploadRefused } from '../core/engine/endpointFeatures';
import { endpointKey, FILES_BETA } from '../core/context/sources';
import type { ClientOptions } from '../core/api/clientOptions';
import { canDecide, looksLikeDocument, planFor, rewriteBody } from '../core/api/gateway';
import type { CreateMessageRequest, StreamEvent } from '../core/api/wire';
import type { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { BetaMessageStream } from '@anthropic-ai/sdk/lib/BetaMessageStream';

type Sdk = typeof import('./sdkEntry');
type AnthropicClient = InstanceType<Sdk['default']>;

/**
 * Loads the SDK on first call. Always through this import() of the entry: the build points it at
 * dist/lazy/sdk.mjs (an ES module, whose core the clouds' SDKs share); the test build bundles the
 * entry, which requires the SDK from node_modules.
 */
const loadSdk = (): Promise<Sdk> => import('./sdkEntry');

/** The chunks already read, then the rest of `reader`. */
function replay(chunks: readonly Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function withBody(response: Response, body: ConstructorParameters<typeof Response>[0], status: number, contentType: string): Response {
  const headers = new Headers(response.headers);
  // fetch has decoded the body already; the old length no longer holds.
  headers.delete('content-length');
  headers.delete('content-encoding');
  if (contentType) headers.set('content-type', contentType);
  const statusText = status === response.status ? response.statusText : '';
  return new Response(body, { status, statusText, headers });
}

/**
 * fetch that lets the SDK read what gateways send (see core/api/gateway): wrapped JSON, errors in an
 * envelope or an HTML page. A real SSE stream passes through unread.
 */
export const gatewayTolerantFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const contentType = response.headers.get('content-type') ?? '';
  const plan = planFor(response.status, contentType);
  if (plan === 'pass' || !response.body) return response;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let head = '';
  if (plan === 'peek') {
    const decoder = new TextDecoder();
    while (!canDecide(head)) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      head += decoder.decode(value, { stream: true });
    }
    if (!looksLikeDocument(head)) return withBody(response, replay(chunks, reader), response.status, contentType);
  }
  const text = await new Response(replay(chunks, reader)).text();
  const rewritten = rewriteBody(response.status, contentType, text);
  return withBody(response, rewritten.text, rewritten.status, rewritten.contentType);
};

export async function createClient(options: ClientOptions): Promise<AnthropicClient> {
  const { default: Anthropic } = await loadSdk();
  return new Anthropic({ ...options, defaultHeaders: { ...options.defaultHeaders }, fetch: gatewayTolerantFetch });
}

/** What `eventsOf` needs of the SDK's MessageStream (plain or beta): its events, and `done()`, which rejects with its error. */
export type SdkMessageStream = Pick<MessageStream | BetaMessageStream, typeof Symbol.asyncIterator | 'done'>;

/**
 * The stream's events, then its error if it failed. The SDK's iterator (1.12 to 1.17 alike) hands an
 * error only to a `next()` already waiting: one that arrives while the reader is busy with an event
 * ends the iteration as if the reply were done. `done()` still holds it (and rejects with nothing
 * new when the iterator did throw: the loop has left by then).
 */
export async function* eventsOf(stream: SdkMessageStream): AsyncGenerator<StreamEvent> {
  for await (const event of stream) yield event as StreamEvent;
  await stream.done();
}

/** What a chat needs of a client, the Anthropic API's or a cloud's (Bedrock, Vertex AI, Foundry): the same streams. */
export type StreamingClient = Pick<AnthropicClient, 'messages'> & { readonly beta: Pick<AnthropicClient['beta'], 'messages'> };

/** Streams requests through `client`. */
export function streamsOf(client: StreamingClient): ChatBackend['stream'] {
  return (request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent> => {
    // The session retries rate limits, overloads and drops itself, visibly, so the SDK does not
    // resend here (1.17 never resends a stream it has handed over; this also covers the request
    // before it, such as a refused connection or a 529 answer).
    const options = { signal, maxRetries: 0 };
    // Betas (context management) go through the beta endpoint, which sends them as the anthropic-beta header.
    if (request.betas?.length) return eventsOf(client.beta.messages.stream(request as Parameters<AnthropicClient['beta']['messages']['stream']>[0], options));
    return eventsOf(client.messages.stream(request as Parameters<AnthropicClient['messages']['stream']>[0], options));
  };
}

/** A chat backend over `client.messages.stream`, with the endpoint's Files API. */
export async function createBackend(options: ClientOptions): Promise<ChatBackend> {
  const client = await createClient(options);
  return { endpoint: endpointKey(client.baseURL), files: filesOf(client), stream: streamsOf(client) };
}

/** Statuses of an endpoint without a Files API (a gateway's own 404, a method it does not route). */
const NO_FILES_API = new Set([404, 405, 501]);
/** 4xx statuses that say nothing about the file: tried again later. */
const TRANSIENT = new Set([408, 409, 429]);
/**
 * Uploads expire after this long (the API keeps them for good otherwise): one left behind by a chat
 * deleted at another endpoint, or a message that never went, does not stay. A chat that comes back
 * later uploads its files again when the API answers 404.
 */
const UPLOAD_LIFETIME_SECONDS = 30 * 24 * 3600;

/** Uploads through the Files API beta; an endpoint without one throws NoFilesApi. */
function filesOf(client: AnthropicClient): FileUploads {
  return {
    async upload(file, signal) {
      const { toFile, APIError } = await loadSdk();
      const body = await toFile(Buffer.from(file.data, 'base64'), file.name, { type: file.mediaType });
      try {
        const uploaded = await client.beta.files.upload({ file: body, expires_in_seconds: UPLOAD_LIFETIME_SECONDS, betas: [FILES_BETA] }, { signal, maxRetries: 1 });
        return uploaded.id;
      } catch (err) {
        const status = err instanceof APIError ? err.status : undefined;
        if (status !== undefined && NO_FILES_API.has(status)) throw new NoFilesApi(err instanceof Error ? err.message : '', { cause: err });
        if (status !== undefined && status >= 400 && status < 500 && !TRANSIENT.has(status)) throw new UploadRefused(err instanceof Error ? err.message : '', { cause: err });
        throw err;
      }
    },
    async delete(fileId) {
      await client.beta.files.delete(fileId, { betas: [FILES_BETA] }, { maxRetries: 1 }).catch(() => undefined);
    },
  };
}
