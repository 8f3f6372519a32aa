/**
 * Builds the SDK client. The SDK is imported on the first request only, so activation stays cheap
 * (the build keeps it in dist/sdk.js).
 */
import type { ChatBackend } from '../core/chatSession';
import type { ClientOptions } from '../core/clientOptions';
import type { CreateMessageRequest, StreamEvent } from '../core/wire';

type Sdk = typeof import('@anthropic-ai/sdk');
type AnthropicClient = InstanceType<Sdk['default']>;

let sdk: Promise<Sdk> | undefined;

function loadSdk(): Promise<Sdk> {
  sdk ??= import('@anthropic-ai/sdk');
  return sdk;
}

export async function createClient(options: ClientOptions): Promise<AnthropicClient> {
  const { default: Anthropic } = await loadSdk();
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
