/** What the extension knows about models when `GET /v1/models` cannot tell (limits) or never tells (prices). */
import * as l10n from '@vscode/l10n';
import type { Effort } from '../settings/settings';
import { formatDay } from '../l10n/format';

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
  /** What `GET /v1/models` said (undefined where it did not: the table's guess stands). */
  readonly thinkingTypes?: readonly string[];
  /** Effort levels the model takes; undefined when unknown (the setting is sent as it is). */
  readonly effortLevels?: readonly Effort[];
  readonly imageInput?: boolean;
  readonly pdfInput?: boolean;
  /** Supported `context_management` strategies. */
  readonly contextManagement?: readonly string[];
  readonly lifecycle?: 'active' | 'deprecated' | 'retired';
  /** RFC 3339 date of retirement, when announced. */
  readonly retiresAt?: string;
  /** True: the endpoint's list has it; false: the endpoint listed its models without it; undefined: no list (the table's). */
  readonly described?: boolean;
}

export const FALLBACK_CONTEXT_WINDOW = 200_000;
export const FALLBACK_MAX_OUTPUT = 64_000;

const M = 1_000_000;
const K = 1_000;

export const BUILT_IN_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-5-5', label: 'Claude Opus 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 4, outputPrice: 20, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-sonnet-5-5', label: 'Claude Sonnet 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 2, outputPrice: 10, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5', contextWindow: M, maxOutput: 128 * K, inputPrice: 0.1, outputPrice: 0.5, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-fable-5-2', label: 'Claude Fable 5.2', contextWindow: M, maxOutput: 128 * K, inputPrice: 8, outputPrice: 40, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-opus-4-8', label: 'Claude Opus 4.8', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-opus-4-7', label: 'Claude Opus 4.7', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-opus-4-6', label: 'Claude Opus 4.6', contextWindow: M, maxOutput: 128 * K, inputPrice: 5, outputPrice: 25, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-sonnet-4-6', label: 'Claude Sonnet 4.6', contextWindow: M, maxOutput: 64 * K, inputPrice: 3, outputPrice: 15, prefill: false, adaptiveThinking: true }, // not localized: product name
  { id: 'claude-opus-4-5', label: 'Claude Opus 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 5, outputPrice: 25, prefill: true, adaptiveThinking: false }, // not localized: product name
  { id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 3, outputPrice: 15, prefill: true, adaptiveThinking: false }, // not localized: product name
  { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5', contextWindow: 200 * K, maxOutput: 64 * K, inputPrice: 1, outputPrice: 5, prefill: true, adaptiveThinking: false }, // not localized: product name
];

/** Finds a model by id, also by a dated id (`claude-haiku-4-5-20251001` → `claude-haiku-4-5`). */
export function builtInModel(id: string): ModelInfo | undefined {
  return BUILT_IN_MODELS.find((m) => m.id === id) ?? BUILT_IN_MODELS.find((m) => id.startsWith(`${m.id}-`));
}

/**
 * The entry for `id` in a list: its own, or a dated one when `id` is its alias (`claude-haiku-4-5`
 * for a listed `claude-haiku-4-5-20251001`), keeping the id as chosen so requests send it unchanged.
 */
export function listedAs(id: string, known: readonly ModelInfo[]): ModelInfo | undefined {
  const own = known.find((m) => m.id === id);
  if (own) return own;
  const dated = known.find((m) => m.id.startsWith(`${id}-`) && /^\d{8}$/.test(m.id.slice(id.length + 1)));
  return dated && { ...dated, id };
}

/** The model's info, falling back to a conservative guess for unknown ids. */
export function modelInfo(id: string, known: readonly ModelInfo[] = BUILT_IN_MODELS): ModelInfo {
  return (
    listedAs(id, known) ??
    builtInModel(id) ?? { id, label: id, contextWindow: FALLBACK_CONTEXT_WINDOW, maxOutput: FALLBACK_MAX_OUTPUT, prefill: false, adaptiveThinking: true }
  );
}

/** The model without its prices when they are not known to hold (a cloud's differ by region and contract): no cost rather than a wrong one. */
export function priced(model: ModelInfo, known: boolean): ModelInfo {
  if (known || (model.inputPrice === undefined && model.outputPrice === undefined)) return model;
  const { inputPrice: _input, outputPrice: _output, ...rest } = model;
  return rest;
}

/** The retirement date as `YYYY-MM-DD`, when there is one. */
export function retirementDay(model: ModelInfo): string | undefined {
  return model.retiresAt?.slice(0, 10);
}

/** Deprecated models are still offered, marked with the day they stop answering; the current model says when the endpoint no longer lists it. */
export function modelMark(model: ModelInfo): string {
  const mark = (text: string) => ` · ${text}`;
  if (model.described === false) return mark(l10n.t("not in the endpoint's list"));
  if (model.lifecycle === 'retired') return mark(l10n.t({ message: 'retired', comment: ['After a model name in the model list: it no longer answers'] }));
  if (model.lifecycle !== 'deprecated') return '';
  const day = retirementDay(model);
  return mark(day ? l10n.t('deprecated, retires {0}', formatDay(day)) : l10n.t({ message: 'deprecated', comment: ['After a model name in the model list: it will be retired'] }));
}

/** Why a request on this model cannot succeed, or undefined: a retired model no longer answers. */
export function unavailableReason(model: ModelInfo): string | undefined {
  if (model.lifecycle !== 'retired') return undefined;
  const day = retirementDay(model);
  return day
    ? l10n.t('{0} ({1}) is retired since {2} and no longer answers. Select another model to continue this chat.', model.label, model.id, formatDay(day))
    : l10n.t('{0} ({1}) is retired and no longer answers. Select another model to continue this chat.', model.label, model.id);
}

/** What to tell a chat about its model once the endpoint's list is known, or undefined when all is well. */
export function modelNote(model: ModelInfo, unlisted: boolean): string | undefined {
  const retired = unavailableReason(model);
  if (retired) return retired;
  if (!unlisted) return undefined;
  return l10n.t('{0} is not in the list of models this endpoint offers: it may have been removed. Select another model if replies fail.', model.id);
}
