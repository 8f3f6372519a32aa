/**
 * Builds the SDK client. The SDK is imported on the first request only, so activation stays cheap
 * (the build keeps it in dist/sdk.js).
 */
import type { ChatBackend } from '../core/chatSession';
import type { ClientOptions } from '../core/clientOptions';
import type { CreateMessageRequest, StreamEvent } from '../core/wire';

type Sdk = typeof import('@anthropic-ai/sdk');
type AnthropicClient = InstanceType<Sdk['default']>;

/** Loads the SDK on first call (the build points this require at dist/sdk.js). */
function loadSdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@anthropic-ai/sdk') as Sdk;
}

export async function createClient(options: ClientOptions): Promise<AnthropicClient> {
  const { default: Anthropic } = loadSdk();
  return new Anthropic({ ...options, defaultHeaders: { ...options.defaultHeaders } });
}

/** A chat backend over `client.messages.stream`. */
export async function createBackend(options: ClientOptions): Promise<ChatBackend> {
  const client = await createClient(options);
  return {
    stream(request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
      const stream = client.messages.stream(request as Parameters<AnthropicClient['messages']['stream']>[0], { signal });
      return stream as unknown as AsyncIterable<StreamEvent>;
    },
  };
}
