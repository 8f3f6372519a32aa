/**
 * The model identifiers Bedrock takes in `/model/{modelId}/…` for Claude: a foundation model
 * (`anthropic.claude-sonnet-4-5-20250929-v1:0`), a cross-region inference profile
 * (`us.anthropic.claude-…`, `eu.`, `apac.`, `global.` …) or the ARN of either, of an application
 * inference profile or of a provisioned model. Anything else, such as the Anthropic API's
 * `claude-sonnet-5-5`, is refused with "The provided model identifier is invalid."
 */

/** The prefixes of Bedrock's cross-region inference profiles. */
const GEOGRAPHIES = ['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca'];

const FOUNDATION = /^anthropic\.claude-[a-z0-9][a-z0-9.-]*(?::\d+)?$/;
const PROFILE = new RegExp(`^(?:${GEOGRAPHIES.join('|')})\\.anthropic\\.claude-[a-z0-9][a-z0-9.-]*(?::\\d+)?$`);
const ARN = /^arn:aws(?:-us-gov|-cn)?:bedrock:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12})?:([a-z-]+)\/(.+)$/;

/** How Bedrock reads a model identifier. */
export interface BedrockModelId {
  readonly form: 'foundation-model' | 'inference-profile' | 'application-inference-profile' | 'provisioned-model';
  /** The region an ARN names; none for a bare id. */
  readonly region?: string;
  /**
   * The Anthropic API's id the fake answers as (`us.anthropic.claude-sonnet-5-5-v1:0` →
   * `claude-sonnet-5-5`), so its models, context windows and scripts apply; an application
   * inference profile or a provisioned model, which do not name their model, keep their ARN.
   */
  readonly apiModel: string;
}

/** The identifier as Bedrock reads it, or undefined when Bedrock refuses it as invalid. */
export function parseBedrockModelId(id: string): BedrockModelId | undefined {
  if (FOUNDATION.test(id)) return { form: 'foundation-model', apiModel: apiModelOf(id) };
  if (PROFILE.test(id)) return { form: 'inference-profile', apiModel: apiModelOf(id) };
  const arn = ARN.exec(id);
  if (!arn) return undefined;
  const [, region, account, kind, resource] = arn;
  switch (kind) {
    case 'foundation-model':
      // Foundation models belong to no account: their ARN has an empty account field.
      return !account && FOUNDATION.test(resource) ? { form: 'foundation-model', region, apiModel: apiModelOf(resource) } : undefined;
    case 'inference-profile':
      return account && PROFILE.test(resource) ? { form: 'inference-profile', region, apiModel: apiModelOf(resource) } : undefined;
    case 'application-inference-profile':
    case 'provisioned-model':
      return account && /^[a-z0-9]+$/.test(resource) ? { form: kind, region, apiModel: id } : undefined;
    default:
      return undefined;
  }
}

/** `eu.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5`: no geography, vendor, date or version. */
function apiModelOf(id: string): string {
  const parts = id.split('.');
  const name = parts.slice(parts.indexOf('anthropic') + 1).join('.');
  return name.replace(/-v\d+(?::\d+)?$/, '').replace(/-\d{8}$/, '');
}
