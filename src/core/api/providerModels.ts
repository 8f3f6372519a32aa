/**
 * Model ids as each cloud names them. The chat keeps the Anthropic id (the model table, prices,
 * capabilities); the request carries the cloud's. An id already in a cloud's form (a Bedrock
 * inference profile or ARN, a Vertex id with its `@version`) goes as typed.
 */
import type { ProviderOptions } from './providerOptions';

/** Snapshot dates of the models whose cloud ids carry one (Bedrock `…-YYYYMMDD-v1:0`, Vertex `…@YYYYMMDD`). */
const SNAPSHOTS: Readonly<Record<string, string>> = {
  'claude-opus-4-5': '20251101',
  'claude-sonnet-4-5': '20250929',
  'claude-haiku-4-5': '20251001',
};

/** The geography of the Bedrock inference profiles a region serves (`us-east-1` → `us`): its area's, else the global one. */
const GEOGRAPHIES: Readonly<Record<string, string>> = { us: 'us', ca: 'us', sa: 'us', eu: 'eu', ap: 'apac' };
export const bedrockGeography = (region: string): string => GEOGRAPHIES[region.split('-')[0]] ?? 'global';

/** The Bedrock foundation model id of the Anthropic model `id` (`anthropic.claude-sonnet-4-5-20250929-v1:0`): a profile's id after its geography. */
export function bedrockFoundationId(id: string): string {
  const snapshot = SNAPSHOTS[id];
  return `anthropic.${id}${snapshot ? `-${snapshot}` : ''}-v1:0`;
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
      // Claude models are served through cross-region inference profiles (`us.anthropic.…-v1:0`).
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
