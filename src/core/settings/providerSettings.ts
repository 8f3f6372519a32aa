/**
 * Where requests go: the Anthropic API (or a gateway through `claudeChat.baseURL`), Amazon Bedrock,
 * Google Vertex AI or Microsoft Foundry, and each cloud's own settings. All are read from the
 * user's (or the remote machine's) settings only: a workspace cannot switch the provider or its
 * account.
 */

export const PROVIDERS = ['anthropic', 'bedrock', 'vertex', 'foundry'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const FOUNDRY_AUTH = ['apiKey', 'entraId'] as const;
export type FoundryAuth = (typeof FOUNDRY_AUTH)[number];

export const ProviderSettingKey = {
  provider: 'provider',
  bedrockRegion: 'bedrock.region',
  bedrockProfile: 'bedrock.profile',
  vertexProjectId: 'vertex.projectId',
  vertexRegion: 'vertex.region',
  foundryResource: 'foundry.resource',
  foundryAuth: 'foundry.auth',
} as const;
export type ProviderSettingKey = (typeof ProviderSettingKey)[keyof typeof ProviderSettingKey];

export interface ProviderSettings {
  readonly provider: Provider;
  /** Empty: AWS_REGION (then AWS_DEFAULT_REGION) from the environment. */
  readonly bedrockRegion: string;
  /** Empty: AWS_PROFILE, else the default profile. */
  readonly bedrockProfile: string;
  /** Empty: ANTHROPIC_VERTEX_PROJECT_ID, else the project of the Application Default Credentials. */
  readonly vertexProjectId: string;
  /** Empty: CLOUD_ML_REGION, else `global`. */
  readonly vertexRegion: string;
  /** The Foundry resource name (`https://{resource}.services.ai.azure.com/anthropic`). */
  readonly foundryResource: string;
  readonly foundryAuth: FoundryAuth;
}

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = {
  provider: 'anthropic',
  bedrockRegion: '',
  bedrockProfile: '',
  vertexProjectId: '',
  vertexRegion: '',
  foundryResource: '',
  foundryAuth: 'apiKey',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const oneOf = <T extends string>(value: unknown, options: readonly T[], fallback: T): T => (options.includes(value as T) ? (value as T) : fallback);

/** Parses the provider settings; a value of the wrong kind is the default. Names and regions are kept to what the clouds allow. */
export function parseProviderSettings(read: (key: ProviderSettingKey) => unknown): ProviderSettings {
  const name = (key: ProviderSettingKey, shape: RegExp) => {
    const value = text(read(key));
    return shape.test(value) ? value : '';
  };
  return {
    provider: oneOf(read(ProviderSettingKey.provider), PROVIDERS, 'anthropic'),
    bedrockRegion: name(ProviderSettingKey.bedrockRegion, /^[a-z]{2}(-[a-z]+)+-\d$/),
    bedrockProfile: name(ProviderSettingKey.bedrockProfile, /^[\w.@+-]{1,128}$/),
    vertexProjectId: name(ProviderSettingKey.vertexProjectId, /^[a-z][a-z0-9-]{4,61}[a-z0-9]$|^[\w.:-]{1,100}$/),
    vertexRegion: name(ProviderSettingKey.vertexRegion, /^(global|[a-z]+(-[a-z]+)*\d*(-[a-z0-9]+)*)$/),
    foundryResource: name(ProviderSettingKey.foundryResource, /^[a-z0-9][a-z0-9-]{0,62}$/i),
    foundryAuth: oneOf(read(ProviderSettingKey.foundryAuth), FOUNDRY_AUTH, 'apiKey'),
  };
}
