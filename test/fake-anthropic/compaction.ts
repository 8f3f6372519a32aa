/**
 * The `compact_20260112` edit: once the prompt reaches the trigger, the reply opens with a
 * `compaction` block whose summary stands for everything the model saw, and later requests that send
 * the block back are counted from it. The fake's summary is deterministic and carries the task
 * forward, so tests can check what survived a compaction.
 */
import { createHash } from 'node:crypto';
import { isSummary, type ModelView } from './contextWindow';
import { ev, type Step, tokensOf } from './sse';
import { isObj, type Obj } from './validateBlocks';

/** The beta header value the edit and compaction blocks need. */
export const COMPACT_BETA = 'compact-2026-01-12';
const DEFAULT_TRIGGER = 150_000;
const TASK_CHARS = 200;
const INSTRUCTION_CHARS = 200;

/** A compaction the fake performs for one request. */
export interface Compaction {
  readonly summary: string;
  /** The opaque value the client must send back with the summary. */
  readonly encrypted: string;
  /** Tokens of the prompt that was compacted. */
  readonly tokensBefore: number;
  readonly pause: boolean;
}

let issued = 0;

/** The compaction `edit` causes for a prompt of `tokens` tokens, if it reaches the trigger. */
export function compactionFor(view: ModelView, edit: Obj, tokens: number): Compaction | undefined {
  const trigger = isObj(edit.trigger) && typeof edit.trigger.value === 'number' ? edit.trigger.value : DEFAULT_TRIGGER;
  if (tokens < trigger) return undefined;
  const instructions = typeof edit.instructions === 'string' && edit.instructions.trim() ? edit.instructions.slice(0, INSTRUCTION_CHARS) : 'default';
  const summary = `Summary of the earlier conversation.\nTask: ${taskOf(view.messages)}\nInstructions followed: ${instructions}`;
  const encrypted = `cmp_fake_${++issued}_${createHash('sha256').update(summary).digest('base64url').slice(0, 24)}`;
  return { summary, encrypted, tokensBefore: tokens, pause: edit.pause_after_compaction === true };
}

/** The block as the client receives it (and must send it back). */
export const compactionBlock = (c: Compaction) => ({ type: 'compaction', content: c.summary, encrypted_content: c.encrypted });

/** What the model sees once the prompt is compacted: tools, system and the new block. */
export const compactedView = (view: ModelView, c: Compaction): ModelView => ({
  tools: view.tools,
  system: view.system,
  messages: [{ role: 'assistant', content: [compactionBlock(c)] }],
});

/** Output tokens of writing the summary. */
export const summaryTokens = (c: Compaction): number => tokensOf([c.summary]);

/** The compaction block's events at index 0: an empty start, one `compaction_delta` with its final value, the stop. */
export function compactionSteps(c: Compaction): Step[] {
  return [
    ev('content_block_start', { index: 0, content_block: { type: 'compaction', content: null, encrypted_content: null } }),
    ev('content_block_delta', { index: 0, delta: { type: 'compaction_delta', content: c.summary, encrypted_content: c.encrypted } }),
    ev('content_block_stop', { index: 0 }),
  ];
}

/** The `usage.iterations` entry of the compaction itself. */
export const compactionIteration = (c: Compaction) => ({
  type: 'compaction',
  input_tokens: c.tokensBefore,
  output_tokens: summaryTokens(c),
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_creation: null,
});

/** The summary and encrypted content a step hands to the client, if it is a `compaction_delta`. */
export function compactionOf(step: Step): { readonly content: string; readonly encrypted: string } | undefined {
  if (step.kind !== 'event' || step.name !== 'content_block_delta') return undefined;
  const delta = (step.data as { delta?: Obj }).delta;
  if (delta?.type !== 'compaction_delta' || typeof delta.content !== 'string' || typeof delta.encrypted_content !== 'string') return undefined;
  return { content: delta.content, encrypted: delta.encrypted_content };
}

// A range that opens with an earlier summary carries that summary's task on; otherwise the task is
// the first line of the first thing the user wrote.
function taskOf(messages: readonly Obj[]): string {
  const first = Array.isArray(messages[0]?.content) ? messages[0].content[0] : undefined;
  if (isSummary(first)) {
    const line = String((first as Obj).content).split('\n').find((l) => l.startsWith('Task: '));
    if (line) return line.slice('Task: '.length);
  }
  for (const message of messages) {
    if (message.role !== 'user') continue;
    const content = message.content;
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.find((b) => isObj(b) && b.type === 'text')?.text : undefined;
    if (typeof text === 'string') return text.split('\n')[0].slice(0, TASK_CHARS);
  }
  return '(none)';
}
