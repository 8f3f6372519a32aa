/**
 * The chat backend for the provider in the settings. The Anthropic API's client is built as
 * before; a cloud's SDK (Bedrock, Vertex AI, Foundry) is bundled apart (dist/lazy/bedrock.mjs,
 * vertex.mjs, foundry.mjs, which share the SDK core with sdk.mjs) and loaded the first time that
 * cloud is used, so activation and the Anthropic API never pay for it. The clouds have no Files
 * API and do not fetch image addresses: their attachments go as bytes.
 */
import { providerEndpoint, type ProviderOptions } from '../../core/api/providerOptions';
import { providerSetupProblem } from '../../core/api/providerErrors';
import { providerModelId } from '../../core/api/providerModels';
import type { CreateMessageRequest, StreamEvent } from '../../core/api/wire';
import type { ChatBackend } from '../../core/engine/replyStream';
import { createBackend, streamsOf, type StreamingClient } from '../clientFactory';

type CloudOptions = Exclude<ProviderOptions, { provider: 'anthropic' }>;

// Each cloud's SDK is imported on first use, as clientFactory's loadSdk does (the build points these at dist/lazy/<cloud>.mjs).
export const loadBedrock = () => import('./bedrockEntry');
const loadVertex = () => import('./vertexEntry');
const loadFoundry = () => import('./foundryEntry');

/** A Microsoft Entra ID access token for Foundry (VS Code's Microsoft sign-in). */
export type EntraToken = () => Promise<string>;

/** The `anthropic_version` each cloud documents: their SDKs would copy the API's own version header into the body. */
const VERTEX_VERSION = 'vertex-2023-10-16';
const BEDROCK_VERSION = 'bedrock-2023-05-31';

async function cloudClient(options: CloudOptions, entraToken: EntraToken | undefined): Promise<StreamingClient> {
  switch (options.provider) {
    case 'bedrock': {
      const { AnthropicBedrock, awsCredentialChain } = await loadBedrock();
      return new AnthropicBedrock({
        awsRegion: options.region,
        defaultHeaders: { 'anthropic-version': BEDROCK_VERSION },
        maxRetries: 0,
        ...(options.apiKey ? { apiKey: options.apiKey } : { providerChainResolver: async () => awsCredentialChain(options.profile) }),
      }) as unknown as StreamingClient;
    }
    case 'vertex': {
      const { AnthropicVertex, GoogleAuth } = await loadVertex();
      const project = options.projectId ? { projectId: options.projectId } : {};
      // Application Default Credentials, found before the client is built: missing ones are said as their fix, not retried as a connection error.
      const authClient = await new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform', ...project }).getClient();
      return new AnthropicVertex({ region: options.region, ...project, authClient, defaultHeaders: { 'anthropic-version': VERTEX_VERSION }, maxRetries: 0 }) as unknown as StreamingClient;
    }
    case 'foundry': {
      const { AnthropicFoundry } = await loadFoundry();
      // With Entra ID, no key at all: the SDK would take ANTHROPIC_FOUNDRY_API_KEY by itself, and refuses a key beside a token.
      const auth = options.entraId && entraToken ? { azureADTokenProvider: entraToken, apiKey: null as unknown as undefined } : options.apiKey ? { apiKey: options.apiKey } : {};
      return new AnthropicFoundry({ ...(options.resource ? { resource: options.resource } : {}), ...auth, maxRetries: 0 }) as unknown as StreamingClient;
    }
  }
}

/** The cloud's errors about credentials and settings, said as their fix; others as they are. */
async function* mended(events: () => AsyncIterable<StreamEvent>, options: CloudOptions): AsyncGenerator<StreamEvent> {
  try {
    yield* events();
  } catch (err) {
    throw providerSetupProblem(err, options) ?? err;
  }
}

export async function createChatBackend(options: ProviderOptions, entraToken?: EntraToken): Promise<ChatBackend> {
  if (options.provider === 'anthropic') return createBackend(options.client);
  let client: StreamingClient;
  try {
    client = await cloudClient(options, entraToken);
  } catch (err) {
    throw providerSetupProblem(err, options) ?? err;
  }
  const stream = streamsOf(client);
  return {
    endpoint: providerEndpoint(options),
    urlSources: false,
    // The chat names models as the Anthropic API does; the cloud gets its own id for them.
    stream: (request: CreateMessageRequest, signal: AbortSignal) => mended(() => stream({ ...request, model: providerModelId(options, request.model) }, signal), options),
  };
}
