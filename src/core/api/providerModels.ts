/**
 * Model ids as each cloud names them. The chat keeps the Anthropic id (the model table, prices,
 * capabilities); the request carries the cloud's. An id already in a cloud's form (a Bedrock
 * inference profile or ARN, a Vertex id with its `@version`) goes as typed.
 */
import type { ProviderOptions } from './providerOptions';

/** Snapshot dates of the models whose Vertex AI ids carry one (`…@YYYYMMDD`). */
const SNAPSHOTS: Readonly<Record<string, string>> = {
  'claude-opus-4-5': '20251101',
  'claude-sonnet-4-5': '20250929',
  'claude-haiku-4-5': '20251001',
};

/**
 * Bedrock's own ids of the Claude models whose id there is not the Anthropic one as it is: the 4.5
 * generation carries its snapshot and `-v1:0`, Opus 4.6 `-v1`; later models go by their plain id
 * (`anthropic.claude-opus-5-5`).
 */
const BEDROCK_IDS: Readonly<Record<string, string>> = {
  'claude-opus-4-5': 'claude-opus-4-5-20251101-v1:0',
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929-v1:0',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001-v1:0',
  'claude-opus-4-6': 'claude-opus-4-6-v1',
};

/** Regions whose inference profiles have a geography of their own, ahead of their area's. */
const REGION_GEOGRAPHIES: Readonly<Record<string, string>> = { 'ap-northeast-1': 'jp', 'ap-northeast-3': 'jp', 'ap-southeast-2': 'au', 'ap-southeast-4': 'au' };
/** The geography of an area's regions (`us-east-1` → `us`). */
const AREA_GEOGRAPHIES: Readonly<Record<string, string>> = { us: 'us', ca: 'us', sa: 'us', eu: 'eu', ap: 'apac' };

/** The geography of the Bedrock inference profiles a region serves: its own, its area's, else the global one. */
export function bedrockGeography(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  return REGION_GEOGRAPHIES[region] ?? AREA_GEOGRAPHIES[region.split('-')[0]] ?? 'global';
}

/** The Bedrock foundation model id of the Anthropic model `id` (`anthropic.claude-sonnet-4-5-20250929-v1:0`): a profile's id after its geography. */
export function bedrockFoundationId(id: string): string {
  return `anthropic.${BEDROCK_IDS[id] ?? id}`;
}

export function isBedrockModelId(id: string): boolean {
  return id.startsWith('arn:') || /(^|\.)anthropic\.claude-/.test(id);
}

export function isVertexModelId(id: string): boolean {
  return /^claude-[\w.-]+@[\w-]+$/.test(id);
}

/** The id `options`' provider takes for the Anthropic model `id`. */
export function providerModelId(options: ProviderOptions, id: string): string {
  switch (options.provider) {
    case 'bedrock': {
      if (isBedrockModelId(id)) return id;
      // Claude models are served through cross-region inference profiles (`us.anthropic.claude-opus-5-5`).
      return `${bedrockGeography(options.region)}.${bedrockFoundationId(id)}`;
    }
    case 'vertex': {
      if (isVertexModelId(id)) return id;
      const snapshot = SNAPSHOTS[id];
      return snapshot ? `${id}@${snapshot}` : id;
    }
    case 'anthropic':
    case 'foundry':
      return id;
  }
}
