/**
 * What `GET /v1/models` says of each model, read leniently (SDK 1.12's types lag the API, and
 * gateways send only `id`, perhaps `display_name`), and merged with the built-in table: the API's
 * word wins field by field, the table fills what it does not say.
 */
import * as v from 'valibot';
import { count, lenient, text } from '../protocol/fields';
import type { Effort } from '../settings/settings';
import { builtInModel, FALLBACK_CONTEXT_WINDOW, FALLBACK_MAX_OUTPUT, type ModelInfo } from './models';

const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const satisfies readonly Effort[];
const THINKING_TYPES = ['adaptive', 'enabled'] as const;
const STRATEGIES = ['clear_tool_uses_20250919', 'clear_thinking_20251015', 'compact_20260112'] as const;

/** `{ supported: boolean }`, the shape of every capability; anything else counts as not said. */
const Support = lenient(v.object({ supported: v.boolean() }));
const supportMap = <K extends string>(keys: readonly K[]) => lenient(v.object(Object.fromEntries(keys.map((k) => [k, Support])) as Record<K, typeof Support>));

const CapabilitiesSchema = v.object({
  thinking: lenient(v.object({ supported: lenient(v.boolean()), types: supportMap(THINKING_TYPES) })),
  effort: lenient(v.object({ supported: lenient(v.boolean()), ...Object.fromEntries(EFFORT_LEVELS.map((k) => [k, Support])) })),
  image_input: Support,
  pdf_input: Support,
  context_management: supportMap(STRATEGIES),
});

export const ApiModelSchema = v.object({
  id: text(200),
  display_name: lenient(text(200)),
  max_input_tokens: lenient(v.pipe(count(), v.integer(), v.minValue(1))),
  max_tokens: lenient(v.pipe(count(), v.integer(), v.minValue(1))),
  lifecycle: lenient(v.picklist(['active', 'deprecated', 'retired'])),
  retires_at: lenient(text(40)),
  capabilities: lenient(CapabilitiesSchema),
});
export type ApiModel = v.InferOutput<typeof ApiModelSchema>;

/** The API's entry, or undefined when it is not one (no id). */
export function readApiModel(raw: unknown): ApiModel | undefined {
  const parsed = v.safeParse(ApiModelSchema, raw);
  return parsed.success ? parsed.output : undefined;
}

type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;
type SupportMap = Readonly<Record<string, { supported: boolean } | undefined>> | undefined;

/** The keys the map marks supported; undefined when the map is missing (the API did not say). */
function supportedKeys<K extends string>(map: SupportMap, keys: readonly K[]): K[] | undefined {
  return map ? keys.filter((k) => map[k]?.supported) : undefined;
}

function thinkingTypes(c: Capabilities): readonly string[] | undefined {
  if (c.thinking?.supported === false) return [];
  return supportedKeys(c.thinking?.types, THINKING_TYPES);
}

function effortLevels(c: Capabilities): readonly Effort[] | undefined {
  if (c.effort?.supported === false) return [];
  return supportedKeys(c.effort as SupportMap, EFFORT_LEVELS);
}

/** One model: each field from the API when it says, else from the table, else a conservative guess. */
export function mergeModel(m: ApiModel): ModelInfo {
  const known = builtInModel(m.id);
  const caps = m.capabilities;
  const thinking = caps ? thinkingTypes(caps) : undefined;
  return {
    id: m.id,
    label: m.display_name || known?.label || m.id,
    contextWindow: m.max_input_tokens ?? known?.contextWindow ?? FALLBACK_CONTEXT_WINDOW,
    maxOutput: m.max_tokens ?? known?.maxOutput ?? FALLBACK_MAX_OUTPUT,
    inputPrice: known?.inputPrice,
    outputPrice: known?.outputPrice,
    prefill: known?.prefill ?? false,
    adaptiveThinking: thinking ? thinking.includes('adaptive') : (known?.adaptiveThinking ?? true),
    thinkingTypes: thinking,
    effortLevels: caps ? effortLevels(caps) : undefined,
    imageInput: caps?.image_input?.supported,
    pdfInput: caps?.pdf_input?.supported,
    contextManagement: caps ? supportedKeys(caps.context_management, STRATEGIES) : undefined,
    lifecycle: m.lifecycle,
    retiresAt: m.retires_at,
    described: true,
  };
}

/** The API's list merged with the table; entries that are not models (no id) are left out. */
export function mergeModels(raw: readonly unknown[]): ModelInfo[] {
  return raw.flatMap((entry) => {
    const m = readApiModel(entry);
    return m ? [mergeModel(m)] : [];
  });
}
