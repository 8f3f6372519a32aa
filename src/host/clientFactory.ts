/**
 * Builds the SDK client. The SDK is imported on the first request only, so activation stays cheap
 * (the build keeps it in dist/sdk.js).
 */
import type { ChatBackend } from '../core/engine/replyStream';
import type { ClientOptions } from '../core/clientOptions';
import { unwrapGatewayJson } from '../core/gateway';
import type { CreateMessageRequest, StreamEvent } from '../core/wire';

type Sdk = typeof import('@anthropic-ai/sdk');
type AnthropicClient = InstanceType<Sdk['default']>;

/** Loads the SDK on first call (the build points this require at dist/sdk.js). */
function loadSdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@anthropic-ai/sdk') as Sdk;
}

/** fetch that unwraps gateway-wrapped JSON bodies; streams (text/event-stream) pass through untouched. */
export const gatewayTolerantFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(unwrapGatewayJson(text), { status: response.status, statusText: response.statusText, headers });
};

export async function createClient(options: ClientOptions): Promise<AnthropicClient> {
  const { default: Anthropic } = loadSdk();
  return new Anthropic({ ...options, defaultHeaders: { ...options.defaultHeaders }, fetch: gatewayTolerantFetch });
}

/** A chat backend over `client.messages.stream`. */
export async function createBackend(options: ClientOptions): Promise<ChatBackend> {
  const client = await createClient(options);
  return {
    stream(request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
      // The session retries rate limits and overloads itself, visibly, so the SDK does not retry here.
      const stream = client.messages.stream(request as Parameters<AnthropicClient['messages']['stream']>[0], { signal, maxRetries: 0 });
      return stream as unknown as AsyncIterable<StreamEvent>;
    },
  };
}
