/** What the extension knows about models when `GET /v1/models` cannot tell (limits) or never tells (prices). */

export interface ModelInfo {
  readonly id: string;
  readonly label: string;
  readonly contextWindow: number;
  readonly maxOutput: number;
  /** USD per million tokens. */
  readonly inputPrice?: number;
  readonly outputPrice?: number;
  /** Accepts a conversation ending in an assistant turn (the 4.5 generation). */
  readonly prefill: boolean;
  /** Takes `thinking: {type: 'adaptive'}`; older models take a manual budget. */
  readonly adaptiveThinking: boolean;
}

const M = 1_000_000;
const K = 1_000;

export const BUILT_IN_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-5-5', label: 'Claude Opus 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 4, outputPrice: 20, prefill: false, adaptiveThinking: true },
  { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 2, outputPrice: 10, prefill: false, adaptiveThinking: true },
  { id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 0.1, outputPrice: 0.5, prefill: false, adaptiveThinking: true },
  { id: 'claude-fable-5-2', label: 'Claude Fable 5.2', contextWindow: M, maxOutput: 128 * K, inputPrice: 8, outputPrice: 40, prefill: false, adaptiveThinking: true },
  { id: 'claude-opus-4-8', label: 'Claude Opus 4.8', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true },
  { id: 'claude-opus-4-7', label: 'Claude Opus 4.7', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true },
  { id: 'claude-opus-4-6', label: 'Claude Opus 4.6', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true },
  { id: 'claude-sonnet-4-6', label: 'Claude Sonnet 4.6', contextWindow: M, maxOutput: 64 * K, inputPrice: 3, outputPrice: 15, prefill: false, adaptiveThinking: true },
  { id: 'claude-opus-4-5', label: 'Claude Opus 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 5, outputPrice: 25, prefill: true, adaptiveThinking: false },
  { id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 3, outputPrice: 15, prefill: true, adaptiveThinking: false },
  { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 1, outputPrice: 5, prefill: true, adaptiveThinking: false },
];

/** Finds a model by id, also by a dated id (`claude-haiku-4-5-20251001` → `claude-haiku-4-5`). */
export function builtInModel(id: string): ModelInfo | undefined {
  return BUILT_IN_MODELS.find((m) => m.id === id) ?? BUILT_IN_MODELS.find((m) => id.startsWith(`${m.id}-`));
}

/** What `GET /v1/models` says of one model (only the fields used). */
export interface ApiModel {
  readonly id: string;
  readonly display_name?: string;
  readonly max_input_tokens?: number;
  readonly max_tokens?: number;
}

/** Merges the API's list with the built-in facts: the API wins on names and limits. */
export function mergeModels(api: readonly ApiModel[]): ModelInfo[] {
  return api.map((m) => {
    const known = builtInModel(m.id);
    return {
      id: m.id,
      label: m.display_name || known?.label || m.id,
      contextWindow: m.max_input_tokens ?? known?.contextWindow ?? 200 * K,
      maxOutput: m.max_tokens ?? known?.maxOutput ?? 64 * K,
      inputPrice: known?.inputPrice,
      outputPrice: known?.outputPrice,
      prefill: known?.prefill ?? false,
      adaptiveThinking: known?.adaptiveThinking ?? true,
    };
  });
}

/** The model's info, falling back to a conservative guess for unknown ids. */
export function modelInfo(id: string, known: readonly ModelInfo[] = BUILT_IN_MODELS): ModelInfo {
  return (
    known.find((m) => m.id === id) ??
    builtInModel(id) ?? { id, label: id, contextWindow: 200 * K, maxOutput: 64 * K, prefill: false, adaptiveThinking: true }
  );
}
