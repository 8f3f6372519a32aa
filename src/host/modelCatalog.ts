/** The models offered in the picker: from `GET /v1/models` when it answers, else the built-in list. */
import { BUILT_IN_MODELS, mergeModels, modelInfo, type ModelInfo } from '../core/models/models';
import type { ClientOptions } from '../core/api/clientOptions';
import { createClient } from './clientFactory';

export class ModelCatalog {
  private models: readonly ModelInfo[] = BUILT_IN_MODELS;
  private fromApi = false;
  private loading: Promise<boolean> | undefined;
  /** Bumped by reset, so a fetch for the old key or endpoint cannot land after it. */
  private generation = 0;

  /** Known models, with `selected` added when neither the API nor the built-in list has it (a gateway's own id). */
  list(selected?: string): readonly ModelInfo[] {
    if (!selected || this.models.some((m) => m.id === selected)) return this.models;
    return [modelInfo(selected, this.models), ...this.models];
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
      const data: { id: string; display_name?: string; max_input_tokens?: number; max_tokens?: number }[] = [];
      for await (const model of client.models.list({ limit: 100 })) data.push(model as (typeof data)[number]);
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
