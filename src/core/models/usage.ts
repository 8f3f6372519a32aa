/** Token usage and its cost in dollars. */
import type { UsageSummary } from '../protocol/views';
import type { ModelInfo } from './models';
import type { Usage } from '../api/wire';

export type { UsageSummary };

export const ZERO_USAGE: UsageSummary = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, cost: 0 };

/** Cache writes (5-minute) cost 1.25× the input price, cache reads 0.1×. */
export function summarizeUsage(usage: Usage, model: ModelInfo): UsageSummary {
  const input = usage.input_tokens ?? 0;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  const { inputPrice, outputPrice } = model;
  const cost =
    inputPrice === undefined || outputPrice === undefined
      ? undefined
      : (input * inputPrice + cacheWrite * inputPrice * 1.25 + cacheRead * inputPrice * 0.1 + output * outputPrice) / 1_000_000;
  return { input, cacheRead, cacheWrite, output, cost };
}

export function addUsage(a: UsageSummary, b: UsageSummary): UsageSummary {
  return {
    input: a.input + b.input,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    output: a.output + b.output,
    cost: a.cost === undefined || b.cost === undefined ? undefined : a.cost + b.cost,
  };
}

/** Tokens the request's prompt took (what counts against the context window). */
export function promptTokens(u: UsageSummary): number {
  return u.input + u.cacheRead + u.cacheWrite;
}

/** A cost in dollars in the display language's number format ($0.0123 below a cent, $1.23 above; "$?" when unknown). */
export { formatCost } from '../l10n/format';
