/**
 * The model identifiers Bedrock takes in `/model/{modelId}/…` for Claude: a foundation model
 * (`anthropic.claude-opus-5-5`, `anthropic.claude-sonnet-4-5-20250929-v1:0`), a cross-region
 * inference profile of one (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `global.` …) or the ARN of either,
 * of an application inference profile or of a provisioned model. Only the ids Bedrock has are
 * taken: the Anthropic API's `claude-sonnet-5-5`, or `anthropic.claude-opus-5-5` (a form the
 * newer models do not have), is refused with "The provided model identifier is invalid."
 */

/** The prefixes of Bedrock's cross-region inference profiles. */
const GEOGRAPHIES = ['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca'];

/** Claude's foundation models on Bedrock, as Bedrock names them: id, name, and the Anthropic API's id the fake answers as. */
export const CLAUDE_FOUNDATIONS: readonly (readonly [string, string, string])[] = [
  ['anthropic.claude-opus-5-5', 'Anthropic Claude Opus 5.5', 'claude-opus-5-5'],
  ['anthropic.claude-sonnet-5-5', 'Anthropic Claude Sonnet 5.5', 'claude-sonnet-5-5'],
  ['anthropic.claude-haiku-5-5', 'Anthropic Claude Haiku 5.5', 'claude-haiku-5-5'],
  ['anthropic.claude-fable-5-2', 'Anthropic Claude Fable 5.2', 'claude-fable-5-2'],
  ['anthropic.claude-opus-4-8', 'Anthropic Claude Opus 4.8', 'claude-opus-4-8'],
  ['anthropic.claude-opus-4-7', 'Anthropic Claude Opus 4.7', 'claude-opus-4-7'],
  ['anthropic.claude-opus-4-6-v1', 'Anthropic Claude Opus 4.6', 'claude-opus-4-6'],
  ['anthropic.claude-sonnet-4-6', 'Anthropic Claude Sonnet 4.6', 'claude-sonnet-4-6'],
  ['anthropic.claude-opus-4-5-20251101-v1:0', 'Anthropic Claude Opus 4.5', 'claude-opus-4-5'],
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'Anthropic Claude Sonnet 4.5', 'claude-sonnet-4-5'],
  ['anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5', 'claude-haiku-4-5'],
];
const API_MODELS: ReadonlyMap<string, string> = new Map(CLAUDE_FOUNDATIONS.map(([id, , api]) => [id, api]));

const PROFILE = new RegExp(`^(${GEOGRAPHIES.join('|')})\\.(.+)$`);
const ARN = /^arn:aws(?:-us-gov|-cn)?:bedrock:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12})?:([a-z-]+)\/(.+)$/;

/** How Bedrock reads a model identifier. */
export interface BedrockModelId {
  readonly form: 'foundation-model' | 'inference-profile' | 'application-inference-profile' | 'provisioned-model';
  /** The region an ARN names; none for a bare id. */
  readonly region?: string;
  /**
   * The Anthropic API's id the fake answers as (`us.anthropic.claude-sonnet-5-5` →
   * `claude-sonnet-5-5`), so its models, context windows and scripts apply; an application
   * inference profile or a provisioned model, which do not name their model, keep their ARN.
   */
  readonly apiModel: string;
}

/**
 * The identifier as Bedrock reads it, or undefined when Bedrock refuses it as invalid. `listed`:
 * foundation ids of the account's listed profiles (`fake.bedrock.profiles`), which Bedrock has too.
 */
export function parseBedrockModelId(id: string, listed: ReadonlySet<string> = new Set()): BedrockModelId | undefined {
  const known = (foundation: string) => API_MODELS.has(foundation) || (listed.has(foundation) && foundation.startsWith('anthropic.claude-'));
  const profile = (resource: string) => {
    const match = PROFILE.exec(resource);
    return match !== null && known(match[2]) ? match[2] : undefined;
  };
  if (known(id)) return { form: 'foundation-model', apiModel: apiModelOf(id) };
  const profiled = profile(id);
  if (profiled) return { form: 'inference-profile', apiModel: apiModelOf(profiled) };
  const arn = ARN.exec(id);
  if (!arn) return undefined;
  const [, region, account, kind, resource] = arn;
  switch (kind) {
    case 'foundation-model':
      // Foundation models belong to no account: their ARN has an empty account field.
      return !account && known(resource) ? { form: 'foundation-model', region, apiModel: apiModelOf(resource) } : undefined;
    case 'inference-profile': {
      const foundation = account ? profile(resource) : undefined;
      return foundation ? { form: 'inference-profile', region, apiModel: apiModelOf(foundation) } : undefined;
    }
    case 'application-inference-profile':
    case 'provisioned-model':
      return account && /^[a-z0-9]+$/.test(resource) ? { form: kind, region, apiModel: id } : undefined;
    default:
      return undefined;
  }
}

/** `anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5` (a listed model the table lacks: no vendor, date or version). */
function apiModelOf(foundation: string): string {
  return API_MODELS.get(foundation) ?? foundation.replace(/^anthropic\./, '').replace(/-v\d+(?::\d+)?$/, '').replace(/-\d{8}$/, '');
}
