/**
 * The models offered in the picker: listed by the provider where it can list them (the Anthropic
 * API's `GET /v1/models`, Bedrock's inference profiles), else the built-in list (Vertex AI and
 * Foundry have no list, and a failed listing keeps it too).
 */
import { mergeModels } from '../core/models/apiModels';
import { bedrockListsModel, bedrockModels } from '../core/api/bedrockModels';
import { BUILT_IN_MODELS, listedAs, modelInfo, type ModelInfo } from '../core/models/models';
import type { ClientOptions } from '../core/api/clientOptions';
import type { ProviderOptions } from '../core/api/providerOptions';
import type Anthropic from '@anthropic-ai/sdk';
import { createClient } from './clientFactory';
import { loadBedrock } from './providers/providerBackend';

/** A provider's list: its models, and the ids it has under another name (a Bedrock profile id of a listed model). */
interface Listing {
  readonly models: readonly ModelInfo[];
  readonly alsoListed?: (id: string) => boolean;
}

export class ModelCatalog {
  private models: readonly ModelInfo[] = BUILT_IN_MODELS;
  private fromApi = false;
  private alsoListed: ((id: string) => boolean) | undefined;
  private loading: Promise<boolean> | undefined;
  /** Bumped by reset, so a fetch for the old key or endpoint cannot land after it. */
  private generation = 0;

  /**
   * The models to offer: retired ones are left out, except `selected` (so the chat can say it is
   * retired), which is added when neither the API nor the built-in list has it (a gateway's own id).
   */
  list(selected?: string): readonly ModelInfo[] {
    const offered = this.models.filter((m) => m.lifecycle !== 'retired' || m.id === selected);
    if (!selected || offered.some((m) => m.id === selected)) return offered;
    // Marked when the endpoint listed its models without it, so the picker can say so.
    const info = modelInfo(selected, this.models);
    return [this.unlisted(selected) ? { ...info, described: false } : info, ...offered];
  }

  /** The endpoint listed its models and `id` is not among them (removed, or a gateway's unlisted id). */
  unlisted(id: string): boolean {
    return this.fromApi && !listedAs(id, this.models) && !this.alsoListed?.(id);
  }

  get loadedFromApi(): boolean {
    return this.fromApi;
  }

  /**
   * Fetches the provider's list once per provider, key and endpoint (the caller resets the catalog
   * when one changes); keeps the built-in list when the provider has none or the call fails. A
   * failed fetch is not remembered: the next call (a new key, the picker opening) tries again.
   */
  refresh(options: ProviderOptions): Promise<boolean> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.fetch(options).then((listing) => {
      const current = generation === this.generation;
      if (current && listing) {
        this.models = listing.models;
        this.alsoListed = listing.alsoListed;
        this.fromApi = true;
      }
      if (current && !listing && this.loading === loading) this.loading = undefined;
      return current && listing !== undefined;
    });
    this.loading = loading;
    return loading;
  }

  private async fetch(options: ProviderOptions): Promise<Listing | undefined> {
    try {
      switch (options.provider) {
        case 'anthropic':
          return await anthropicListing(options.client);
        case 'bedrock':
          return await bedrockListing(options);
        case 'vertex':
        case 'foundry':
          return undefined; // no models endpoint: the built-in list
      }
    } catch {
      return undefined;
    }
  }

  /** Forget the fetched list (the endpoint or key changed). */
  reset(): void {
    this.generation++;
    this.models = BUILT_IN_MODELS;
    this.fromApi = false;
    this.alsoListed = undefined;
    this.loading = undefined;
  }
}

async function anthropicListing(options: ClientOptions): Promise<Listing | undefined> {
  const client = await createClient(options);
  // Retired models are listed only when asked for: they are needed to say a chat's model retired.
  const data = await listAll(client, { limit: 100, lifecycle: ['active', 'deprecated', 'retired'] }).catch(() => listAll(client, { limit: 100 }));
  return data.length ? { models: mergeModels(data) } : undefined;
}

/** The Claude models of the account's inference profiles, with the chat's credentials (the Bedrock bundle is loaded for it). */
async function bedrockListing(options: Extract<ProviderOptions, { provider: 'bedrock' }>): Promise<Listing | undefined> {
  const { listInferenceProfiles } = await loadBedrock();
  const env = (name: string) => process.env[name]?.trim() || undefined;
  // As the chat's client: a stored key, else AWS_BEARER_TOKEN_BEDROCK, else the credential chain.
  const apiKey = options.apiKey ?? env('AWS_BEARER_TOKEN_BEDROCK');
  const baseURL = env('ANTHROPIC_BEDROCK_BASE_URL');
  const profiles = await listInferenceProfiles({ region: options.region, ...(options.profile ? { profile: options.profile } : {}), ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}) });
  const models = bedrockModels(profiles, options.region);
  return models.length ? { models, alsoListed: (id) => bedrockListsModel(id, models, options.region) } : undefined;
}

/**
 * Retries of each page request. Listing is a GET, so sending it again is safe: after a refused
 * connection, a 429 or 5xx, or a connection that drops part-way through the page (our fetch reads
 * JSON bodies whole, so the SDK sees a failed connection; 1.17 also resends such a drop by itself).
 * Set here, not taken from the client's default, so a change there cannot change it.
 */
export const MODEL_LIST_RETRIES = 2;

/** Every entry of every page, as the endpoint sent it (read by the schema in mergeModels). */
async function listAll(client: Awaited<ReturnType<typeof createClient>>, params: Parameters<Anthropic['models']['list']>[0]): Promise<unknown[]> {
  const data: unknown[] = [];
  for await (const model of client.models.list(params, { maxRetries: MODEL_LIST_RETRIES })) data.push(model);
  return data;
}
