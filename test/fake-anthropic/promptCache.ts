/**
 * The prompt cache, emulated on byte-identical prefixes. A request is a sequence of blocks in the
 * API's order (each tool, each system block, then each message's content blocks; string content is
 * one block); every block with `cache_control` is a breakpoint. A request reads the longest stored
 * prefix it reaches and writes the prefix of each breakpoint.
 */
import { createHash } from 'node:crypto';
import { promptJson, viewTokens, type ModelView } from './contextWindow';
import { isObj } from './validateBlocks';

/** The input side of a reply's `usage`, as the emulated cache accounts for it. */
export interface EmulatedUsage {
  readonly input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly cache_creation_input_tokens: number;
}

/** Running sums over every emulated reply. */
export interface UsageTotals {
  input: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Shorter prefixes are not cached (the API's minimum for Sonnet and Opus). */
export const MIN_CACHEABLE_TOKENS = 1024;
/** How far before a breakpoint the API looks for an earlier cached prefix. */
export const LOOKBACK_BLOCKS = 20;

interface Prefix {
  readonly hash: string;
  readonly tokens: number;
  readonly breakpoint: boolean;
}

export class PromptCache {
  /** One entry per emulated reply, in order. */
  readonly usages: EmulatedUsage[] = [];
  readonly totals: UsageTotals = { input: 0, cacheRead: 0, cacheWrite: 0 };
  private readonly stored = new Set<string>();

  /** The usage of a request for `model` that shows the model `view`; writes what it caches and adds it to the totals. */
  use(model: string, view: ModelView): EmulatedUsage {
    const prefixes = prefixesOf(model, view);
    const breakpoints = prefixes.flatMap((p, i) => (p.breakpoint ? [i] : []));
    const read = this.longestStored(prefixes, breakpoints);
    const last = breakpoints.length ? prefixes[breakpoints[breakpoints.length - 1]].tokens : 0;
    for (const i of breakpoints) if (prefixes[i].tokens >= MIN_CACHEABLE_TOKENS) this.stored.add(prefixes[i].hash);
    const creation = last >= MIN_CACHEABLE_TOKENS ? Math.max(0, last - read) : 0;
    const usage = {
      input_tokens: Math.max(0, viewTokens(view) - read - creation),
      cache_read_input_tokens: read,
      cache_creation_input_tokens: creation,
    };
    this.usages.push(usage);
    this.totals.input += usage.input_tokens;
    this.totals.cacheRead += usage.cache_read_input_tokens;
    this.totals.cacheWrite += usage.cache_creation_input_tokens;
    return usage;
  }

  /** The share of all input tokens that was read from the cache (0 before any request). */
  get readShare(): number {
    const { input, cacheRead, cacheWrite } = this.totals;
    const all = input + cacheRead + cacheWrite;
    return all ? cacheRead / all : 0;
  }

  /** Forgets every cached prefix and every recorded usage. */
  clear(): void {
    this.stored.clear();
    this.usages.length = 0;
    Object.assign(this.totals, { input: 0, cacheRead: 0, cacheWrite: 0 });
  }

  private longestStored(prefixes: readonly Prefix[], breakpoints: readonly number[]): number {
    let best = 0;
    for (const b of breakpoints) {
      for (let i = b; i >= Math.max(0, b - LOOKBACK_BLOCKS); i--) {
        if (this.stored.has(prefixes[i].hash)) {
          best = Math.max(best, prefixes[i].tokens);
          break;
        }
      }
    }
    return best;
  }
}

// The hash chains each block after a tag for its place (tool, system, the role and whether it opens
// a message), so equal blocks in different places never make equal prefixes.
function prefixesOf(model: string, view: ModelView): Prefix[] {
  const blocks: Array<{ tag: string; block: unknown }> = [
    ...(view.tools ?? []).map((block) => ({ tag: 'tool', block })),
    ...(Array.isArray(view.system) ? view.system : view.system === undefined ? [] : [view.system]).map((block) => ({ tag: 'system', block })),
    ...view.messages.flatMap((message) => {
      const content = Array.isArray(message.content) ? message.content : [message.content];
      return content.map((block, i) => ({ tag: `${String(message.role)}${i === 0 ? '+' : ''}`, block }));
    }),
  ];
  let hash = model;
  let chars = 0;
  return blocks.map(({ tag, block }) => {
    const json = promptJson(block);
    hash = createHash('sha256').update(`${hash}\n${tag}\n${json}`).digest('hex');
    chars += json.length;
    return { hash, tokens: Math.ceil(chars / 4), breakpoint: hasBreakpoint(block) };
  });
}

function hasBreakpoint(block: unknown): boolean {
  if (!isObj(block)) return false;
  if (block.cache_control != null) return true;
  return block.type === 'tool_result' && Array.isArray(block.content) && block.content.some((item) => isObj(item) && item.cache_control != null);
}
