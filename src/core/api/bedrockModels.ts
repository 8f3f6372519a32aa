/**
 * The Claude models a Bedrock account can use, from its inference profiles (Bedrock's
 * ListInferenceProfiles, which the lazily loaded Bedrock bundle calls): a profile of a built-in
 * model in the region's own geography shows as that model, its Anthropic id kept (requests send
 * the profile through providerModelId; limits and the table still apply); another geography's
 * profile (or the global one) of a model the region's own geography has is left out (and another
 * geography's when a global one has it); any other Claude profile shows by its Bedrock id under
 * the profile's name.
 */
import * as v from 'valibot';
import { lenient, lenientList, text } from '../protocol/fields';
import { BUILT_IN_MODELS, modelInfo, type ModelInfo } from '../models/models';
import { bedrockFoundationId, bedrockGeography, isBedrockModelId, providerModelId } from './providerModels';

const ProfileSchema = v.object({
  inferenceProfileId: text(400),
  inferenceProfileName: lenient(text(400)),
  status: lenient(text(40)),
  type: lenient(text(40)),
});

const PageSchema = v.object({
  inferenceProfileSummaries: lenientList(ProfileSchema),
  nextToken: lenient(v.pipe(text(2048), v.minLength(1))),
});

export type InferenceProfile = v.InferOutput<typeof ProfileSchema>;

export interface ProfilePage {
  readonly profiles: readonly InferenceProfile[];
  readonly nextToken?: string;
}

/** One page of ListInferenceProfiles as read leniently (a bad entry is left out), or undefined when the body is not a page. */
export function readProfilePage(body: unknown): ProfilePage | undefined {
  const parsed = v.safeParse(PageSchema, body);
  if (!parsed.success) return undefined;
  const { inferenceProfileSummaries: profiles, nextToken } = parsed.output;
  return nextToken ? { profiles, nextToken } : { profiles };
}

/** Pages followed at most: an endpoint that keeps sending a `nextToken` cannot keep the picker loading. */
export const MAX_PROFILE_PAGES = 10;
/** The largest page ListInferenceProfiles sends. */
export const PROFILE_PAGE_SIZE = 1000;

/**
 * Bedrock's control plane, which lists the profiles: `https://bedrock.{region}.amazonaws.com`; with
 * ANTHROPIC_BEDROCK_BASE_URL (a private endpoint, a proxy) that address, its `bedrock-runtime` host
 * label made `bedrock` when it has one, else as it is.
 */
export function bedrockControlPlaneUrl(region: string, baseURL: string | undefined): string {
  const given = baseURL?.trim();
  if (!given) return `https://bedrock.${region}.amazonaws.com`;
  try {
    const url = new URL(given);
    url.hostname = url.hostname
      .split('.')
      .map((label) => (label === 'bedrock-runtime' ? 'bedrock' : label))
      .join('.');
    return url.toString().replace(/\/+$/, '');
  } catch {
    return given.replace(/\/+$/, '');
  }
}

/** The address of one page of the account's Claude-capable system-defined profiles (AWS sends the type filter as `type`). */
export function inferenceProfilesUrl(base: string, nextToken?: string): string {
  const url = new URL(`${base}/inference-profiles`);
  url.searchParams.set('maxResults', String(PROFILE_PAGE_SIZE));
  url.searchParams.set('type', 'SYSTEM_DEFINED');
  if (nextToken) url.searchParams.set('nextToken', nextToken);
  return url.toString();
}

/** `us.anthropic.claude-sonnet-4-5-20250929-v1:0` → its geography and its foundation model's id. */
const CLAUDE_PROFILE = /^([a-z]+(?:-[a-z]+)*)\.(anthropic\.claude-[\w.:-]+)$/;

interface ClaudeProfile {
  readonly id: string;
  readonly name: string;
  readonly geography: string;
  readonly foundation: string;
  readonly builtIn?: ModelInfo;
}

function claudeProfile(profile: InferenceProfile): ClaudeProfile | undefined {
  const match = profile.status === 'ACTIVE' ? CLAUDE_PROFILE.exec(profile.inferenceProfileId) : null;
  if (!match) return undefined;
  const [id, geography, foundation] = match;
  const builtIn = BUILT_IN_MODELS.find((m) => bedrockFoundationId(m.id) === foundation);
  return { id, name: profile.inferenceProfileName?.trim() || id, geography, foundation, ...(builtIn ? { builtIn } : {}) };
}

/** The picker's entry for a profile: the built-in model for the region's own geography, else the profile by its id and name. */
function entry(profile: ClaudeProfile, own: string): ModelInfo {
  if (profile.builtIn && profile.geography === own) return { ...profile.builtIn, described: true };
  return { ...(profile.builtIn ?? modelInfo(profile.id)), id: profile.id, label: profile.name, described: true };
}

/** The picker's models from the profiles a region lists: built-in models first, in the table's order, then the others as listed. */
export function bedrockModels(profiles: readonly InferenceProfile[], region: string): ModelInfo[] {
  const own = bedrockGeography(region);
  // Of a model's profiles, the region's own geography's is kept, else the global one, else every other.
  const preference = (p: ClaudeProfile) => (p.geography === own ? 0 : p.geography === 'global' ? 1 : 2);
  const claude = profiles.flatMap((p) => claudeProfile(p) ?? []);
  const best = new Map<string, number>();
  for (const p of claude) best.set(p.foundation, Math.min(best.get(p.foundation) ?? 2, preference(p)));
  const rank = (p: ClaudeProfile) => (p.builtIn ? BUILT_IN_MODELS.indexOf(p.builtIn) : BUILT_IN_MODELS.length);
  const models = new Map<string, ModelInfo>();
  for (const profile of [...claude].sort((a, b) => rank(a) - rank(b))) {
    if (preference(profile) !== best.get(profile.foundation)) continue;
    const model = entry(profile, own);
    if (!models.has(model.id)) models.set(model.id, model);
  }
  return [...models.values()];
}

/**
 * True when the listed `models` have the model `id` names in Bedrock's form (a typed profile id of
 * a listed built-in model), or `id` is an ARN (an application profile or provisioned model, which
 * the list of system-defined profiles never has).
 */
export function bedrockListsModel(id: string, models: readonly ModelInfo[], region: string): boolean {
  if (id.startsWith('arn:')) return true;
  if (!isBedrockModelId(id)) return false;
  const options = { provider: 'bedrock', region } as const;
  return models.some((m) => providerModelId(options, m.id) === id);
}
