/**
 * The fake's `GET /v1/models`: each known model with its capabilities and lifecycle as the API
 * describes them, or only ids as a gateway lists them.
 */
const supported = (yes: boolean) => ({ supported: yes });

export interface FakeCapabilities {
  readonly thinking: { readonly supported: boolean; readonly types: Readonly<Record<'adaptive' | 'enabled' | 'disabled' | 'between_tools', { supported: boolean }>> };
  readonly effort: { readonly supported: boolean } & Readonly<Record<'low' | 'medium' | 'high' | 'max', { supported: boolean }>> & { readonly xhigh: { supported: boolean } | null };
  readonly image_input: { supported: boolean };
  readonly pdf_input: { supported: boolean };
  readonly context_management: Readonly<Record<'clear_tool_uses_20250919' | 'clear_thinking_20251015' | 'compact_20260112', { supported: boolean } | null>>;
}

export interface FakeModel {
  readonly id: string;
  readonly display_name: string;
  readonly max_input_tokens: number;
  readonly max_tokens: number;
  readonly lifecycle?: 'active' | 'deprecated' | 'retired';
  readonly retires_at?: string | null;
  readonly capabilities?: FakeCapabilities | null;
}

/** Capabilities of a model of one generation: adaptive thinking and every effort level, or a manual budget and no effort. */
export function capabilities(generation: 'current' | 'older'): FakeCapabilities {
  const current = generation === 'current';
  return {
    thinking: { supported: true, types: { adaptive: supported(current), enabled: supported(!current), disabled: supported(true), between_tools: supported(current) } },
    effort: { supported: current, low: supported(current), medium: supported(current), high: supported(current), max: supported(current), xhigh: current ? supported(true) : null },
    image_input: supported(true),
    pdf_input: supported(true),
    context_management: {
      clear_tool_uses_20250919: supported(true),
      clear_thinking_20251015: supported(true),
      compact_20260112: current ? supported(true) : null,
    },
  };
}

const active = { lifecycle: 'active', retires_at: null } as const;

/** The fake's own list (its dates are test data, not the API's schedule). */
export const DEFAULT_MODELS: readonly FakeModel[] = [
  { id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5', max_input_tokens: 1_000_000, max_tokens: 128_000, ...active, capabilities: capabilities('current') },
  { id: 'claude-opus-5-5', display_name: 'Claude Opus 5.5', max_input_tokens: 1_000_000, max_tokens: 128_000, ...active, capabilities: capabilities('current') },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', max_input_tokens: 200_000, max_tokens: 64_000, ...active, capabilities: capabilities('older') },
  { id: 'claude-opus-4-5', display_name: 'Claude Opus 4.5', max_input_tokens: 200_000, max_tokens: 64_000, lifecycle: 'deprecated', retires_at: '2027-03-01T00:00:00Z', capabilities: capabilities('older') },
  { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', max_input_tokens: 200_000, max_tokens: 64_000, lifecycle: 'retired', retires_at: '2026-11-30T00:00:00Z', capabilities: capabilities('older') },
];

/**
 * `models` with model `id`'s `max_input_tokens` set to `tokens`; a model not on the list is added,
 * described like the first one.
 */
export function withWindow(models: readonly FakeModel[], id: string, tokens: number): FakeModel[] {
  const known = models.some((m) => m.id === id);
  const base = known ? models : [...models, { ...(models[0] ?? DEFAULT_MODELS[0]), id, display_name: id }];
  return base.map((m) => (m.id === id ? { ...m, max_input_tokens: tokens } : m));
}

export type ModelsMode = 'api' | 'gateway';

/**
 * The page for a list request. The API lists retired models only when `lifecycle` asks for them;
 * a gateway lists ids (and names) only, and ignores the filter.
 */
export function modelsPage(models: readonly FakeModel[], mode: ModelsMode, query: URLSearchParams) {
  const asked = [...query.getAll('lifecycle'), ...query.getAll('lifecycle[]')].flatMap((v) => v.split(','));
  const stages = asked.length ? asked : ['active', 'deprecated'];
  const data =
    mode === 'gateway'
      ? models.map((m) => ({ type: 'model', id: m.id, display_name: m.display_name }))
      : models.filter((m) => stages.includes(m.lifecycle ?? 'active')).map((m) => ({ type: 'model', created_at: '2026-10-01T00:00:00Z', ...m }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
