/** The models offered in the picker: from `GET /v1/models` when it answers, else the built-in list. */
import { mergeModels } from '../core/models/apiModels';
import { BUILT_IN_MODELS, listedAs, modelInfo, type ModelInfo } from '../core/models/models';
import type { ClientOptions } from '../core/api/clientOptions';
import type Anthropic from '@anthropic-ai/sdk';
import { createClient } from './clientFactory';

export class ModelCatalog {
  private models: readonly ModelInfo[] = BUILT_IN_MODELS;
  private fromApi = false;
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
    return this.fromApi && !listedAs(id, this.models);
  }

  get loadedFromApi(): boolean {
    return this.fromApi;
  }

  /**
   * Fetches the list once per key and endpoint; keeps the built-in list when the call fails. A
   * failed fetch is not remembered: the next call (a new key, the picker opening) tries again.
   */
  refresh(options: ClientOptions): Promise<boolean> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.fetch(options).then((data) => {
      const current = generation === this.generation;
      if (current && data) {
        this.models = mergeModels(data);
        this.fromApi = true;
      }
      if (current && !data && this.loading === loading) this.loading = undefined;
      return current && data !== undefined;
    });
    this.loading = loading;
    return loading;
  }

  private async fetch(options: ClientOptions) {
    try {
      const client = await createClient(options);
      // Retired models are listed only when asked for: they are needed to say a chat's model retired.
      const data = await listAll(client, { limit: 100, lifecycle: ['active', 'deprecated', 'retired'] }).catch(() => listAll(client, { limit: 100 }));
      return data.length ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Forget the fetched list (the endpoint or key changed). */
  reset(): void {
    this.generation++;
    this.models = BUILT_IN_MODELS;
    this.fromApi = false;
    this.loading = undefined;
  }
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
