/**
 * How the client for each provider is built, from the settings, the stored key and the
 * environment. Cloud credentials are never read here: each cloud's SDK finds them the way that
 * cloud's tools do (the AWS chain, Google's Application Default Credentials, an Entra ID sign-in).
 */
import type { Settings } from '../settings/settings';
import { buildClientOptions, type ClientOptions, type Credentials, type Env } from './clientOptions';

export type ProviderOptions =
  | { readonly provider: 'anthropic'; readonly client: ClientOptions }
  | { readonly provider: 'bedrock'; readonly region: string; readonly profile?: string; readonly apiKey?: string }
  | { readonly provider: 'vertex'; readonly region: string; readonly projectId?: string }
  | { readonly provider: 'foundry'; readonly resource?: string; readonly apiKey?: string; readonly entraId: boolean };

/** Options for the provider in the settings; undefined when the Anthropic API has no key (the caller asks for one). */
export function providerOptions(settings: Settings, credentials: Credentials | undefined, env: Env): ProviderOptions | undefined {
  switch (settings.provider) {
    case 'anthropic':
      return credentials && { provider: 'anthropic', client: buildClientOptions(settings, credentials, env) };
    case 'bedrock':
      return {
        provider: 'bedrock',
        region: settings.bedrockRegion || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1',
        ...(settings.bedrockProfile ? { profile: settings.bedrockProfile } : {}),
        // A Bedrock API key, when one is stored (Set API Key); else the AWS credential chain.
        ...(credentials?.source === 'secretStorage' ? { apiKey: credentials.value } : {}),
      };
    case 'vertex':
      return { provider: 'vertex', region: settings.vertexRegion || env.CLOUD_ML_REGION?.trim() || 'global', ...(settings.vertexProjectId ? { projectId: settings.vertexProjectId } : {}) };
    case 'foundry':
      return {
        provider: 'foundry',
        // ANTHROPIC_FOUNDRY_BASE_URL names the endpoint itself: the SDK refuses a resource beside it.
        ...(settings.foundryResource && !env.ANTHROPIC_FOUNDRY_BASE_URL?.trim() ? { resource: settings.foundryResource } : {}),
        ...(settings.foundryAuth === 'apiKey' && credentials?.source === 'secretStorage' ? { apiKey: credentials.value } : {}),
        entraId: settings.foundryAuth === 'entraId',
      };
  }
}

/** The endpoint a provider's requests go to, as uploads and remembered features are keyed. */
export function providerEndpoint(options: Exclude<ProviderOptions, { provider: 'anthropic' }>): string {
  switch (options.provider) {
    case 'bedrock':
      return `bedrock:${options.region}`;
    case 'vertex':
      return `vertex:${options.projectId ?? ''}/${options.region}`;
    case 'foundry':
      return `foundry:${options.resource ?? ''}`;
  }
}
