// The fake server keeps the context window, emulates the prompt cache's usage and answers the
// clearing edits of context_management as the API does; every request goes through the real SDK.
import * as assert from 'node:assert/strict';
import { textReply } from '../fake-anthropic/scripts';
import { PromptCache } from '../fake-anthropic/promptCache';
import { estimateTokens } from '../fake-anthropic/server';
import { assistant, COMPACT_BETA, CONTEXT_BETA, long, useContextHarness, user } from './fakeContextHarness';

const breakpoint = { cache_control: { type: 'ephemeral' } };
/** Tokens of a run of prompt blocks: their JSON without cache_control, four characters a token. */
const blockTokens = (blocks: readonly unknown[]) =>
  Math.ceil(blocks.reduce((n: number, b) => n + JSON.stringify(b, (key, v: unknown) => (key === 'cache_control' ? undefined : v)).length, 0) / 4);
const textOf = (message: { content: ReadonlyArray<{ type: string; text?: string }> }) => message.content.find((b) => b.type === 'text')?.text;

describe('fake Anthropic server: context window, prompt cache usage, clearing edits (real SDK)', () => {
  const h = useContextHarness();

  it('rejects a prompt over the window with the API 400, leaves the script queued, and reset() lifts the override', async () => {
    h.fake.contextWindow = 100;
    const messages = [user(long('Hello', 1000))];
    const tokens = estimateTokens({ messages });
    assert.ok(tokens > 100);
    h.fake.enqueue(textReply(['kept for the next request']));
    assert.equal(await h.rejected({ messages }), `prompt is too long: ${tokens} tokens > 100 maximum`);
    assert.equal(textOf(await h.stream({ messages: [user('Hi')] })), 'kept for the next request');
    h.fake.reset();
    assert.equal(h.fake.contextWindow, undefined);
    h.fake.enqueue(textReply(['fits again']));
    assert.equal(textOf(await h.stream({ messages })), 'fits again');
  });

  it("takes the window from the model's max_input_tokens, which setWindow changes (and /v1/models reports)", async () => {
    h.fake.setWindow('claude-haiku-4-5', 50);
    const messages = [user(long('Hello', 400))];
    const tokens = estimateTokens({ messages });
    assert.equal(await h.rejected({ model: 'claude-haiku-4-5', messages }), `prompt is too long: ${tokens} tokens > 50 maximum`);
    h.fake.enqueue(textReply(['a bigger window']), textReply(['an unknown model has no limit']));
    assert.equal(textOf(await h.stream({ messages })), 'a bigger window');
    assert.equal(textOf(await h.stream({ model: 'claude-unknown-9', messages })), 'an unknown model has no limit');
    const listed = await (await fetch(`${h.fake.url}/v1/models`)).json();
    assert.equal(listed.data.find((m: { id: string }) => m.id === 'claude-haiku-4-5').max_input_tokens, 50);
  });

  it('counts the tools and the system prompt, not cache_control', () => {
    const tools = [{ name: 'read_file', input_schema: { type: 'object' }, ...breakpoint }];
    const system = [{ type: 'text', text: 'Be brief.', ...breakpoint }];
    const messages = [user([{ type: 'text', text: 'Hi', ...breakpoint }])];
    const bare = { tools: [{ name: 'read_file', input_schema: { type: 'object' } }], system: [{ type: 'text', text: 'Be brief.' }], messages: [user([{ type: 'text', text: 'Hi' }])] };
    assert.equal(estimateTokens({ model: 'm', max_tokens: 9, tools, system, messages }), Math.ceil(JSON.stringify(bare).length / 4));
  });

  it('emulates the prompt cache over three growing requests: each reads what the previous one wrote', async () => {
    h.fake.emulateUsage = true;
    const turn = (n: number, cached: boolean) => ({ type: 'text', text: long(`Question ${n}`, 5000), ...(cached ? breakpoint : {}) });
    const requests = [
      [user([turn(1, true)])],
      [user([turn(1, true)]), assistant('Answer 1'), user([turn(2, true)])],
      [user([turn(1, false)]), assistant('Answer 1'), user([turn(2, true)]), assistant('Answer 2'), user([turn(3, true)])],
    ];
    const usages = [];
    for (const messages of requests) {
      h.fake.enqueue(textReply(['ok'], { inputTokens: 7 }));
      usages.push((await h.stream({ messages })).usage);
    }
    const upTo = [[turn(1, false)], [turn(1, false), 'Answer 1', turn(2, false)], [turn(1, false), 'Answer 1', turn(2, false), 'Answer 2', turn(3, false)]].map(blockTokens);
    assert.ok(upTo[0] >= 1024, 'the first prefix is long enough to be cached');
    const expected = requests.map((messages, i) => ({
      cache_read_input_tokens: i ? upTo[i - 1] : 0,
      cache_creation_input_tokens: upTo[i] - (i ? upTo[i - 1] : 0),
      input_tokens: estimateTokens({ messages }) - upTo[i],
    }));
    assert.deepEqual(
      usages.map((u) => ({ cache_read_input_tokens: u.cache_read_input_tokens, cache_creation_input_tokens: u.cache_creation_input_tokens, input_tokens: u.input_tokens })),
      expected,
    );
    assert.deepEqual(h.fake.emulatedUsages, expected);
    const totals = { input: expected.reduce((n, u) => n + u.input_tokens, 0), cacheRead: upTo[0] + upTo[1], cacheWrite: upTo[2] };
    assert.deepEqual(h.fake.usageTotals, totals);
    assert.equal(h.fake.cacheReadShare, totals.cacheRead / (totals.input + totals.cacheRead + totals.cacheWrite));
    h.fake.reset();
    assert.deepEqual([h.fake.emulateUsage, h.fake.emulatedUsages.length, h.fake.usageTotals], [false, 0, { input: 0, cacheRead: 0, cacheWrite: 0 }]);
  });

  it('reads a cached prefix only within 20 blocks before a breakpoint, as the API looks back', () => {
    const cache = new PromptCache();
    const big = (cached: boolean) => user([{ type: 'text', text: long('Context', 5000), ...(cached ? breakpoint : {}) }]);
    const filler = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? user(`u${i}`) : assistant(`a${i}`)));
    const ending = user([{ type: 'text', text: 'Now?', ...breakpoint }]);
    const written = cache.use('m', { messages: [big(true)] }).cache_creation_input_tokens;
    assert.ok(written >= 1024);
    // The filler makes the new breakpoint 20 blocks after the cached one, then 21.
    assert.equal(cache.use('m', { messages: [big(false), ...filler(19), ending] }).cache_read_input_tokens, written);
    assert.equal(cache.use('m', { messages: [big(false), ...filler(20), ending] }).cache_read_input_tokens, 0);
    assert.equal(cache.use('other-model', { messages: [big(true)] }).cache_read_input_tokens, 0, 'each model has its own cache');
  });

  it('caches no prefix under 1,024 tokens, and keeps the scripted numbers when emulation is off', async () => {
    const messages = [user([{ type: 'text', text: 'A short question', ...breakpoint }])];
    h.fake.enqueue(textReply(['scripted'], { inputTokens: 77, cacheReadTokens: 5 }), textReply(['emulated']));
    const scripted = await h.create({ messages });
    assert.deepEqual([scripted.usage.input_tokens, scripted.usage.cache_read_input_tokens], [77, 5]);
    h.fake.emulateUsage = true;
    const emulated = await h.create({ messages });
    const { input_tokens, cache_read_input_tokens, cache_creation_input_tokens } = emulated.usage;
    assert.deepEqual({ input_tokens, cache_read_input_tokens, cache_creation_input_tokens }, { input_tokens: estimateTokens({ messages }), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it('rejects an unknown strategy, a strategy without its beta, and one the model does not support, keeping the script', async () => {
    const messages = [user('Hi')];
    const edits = (type: string) => ({ edits: [{ type }] });
    h.fake.enqueue(textReply(['still queued']));
    assert.equal(
      await h.rejected({ messages, context_management: edits('compact_20990101') }),
      "context_management.edits.0.type: Input tag 'compact_20990101' found using 'type' does not match any of the expected tags: 'clear_tool_uses_20250919', 'clear_thinking_20251015', 'compact_20260112'",
    );
    assert.equal(
      await h.rejected({ messages, betas: [CONTEXT_BETA], context_management: edits('compact_20260112') }),
      "context_management.edits.0: the 'compact_20260112' strategy requires the beta header `anthropic-beta: compact-2026-01-12`",
    );
    assert.equal(
      await h.rejected({ messages, betas: [COMPACT_BETA], context_management: edits('clear_tool_uses_20250919') }),
      "context_management.edits.0: the 'clear_tool_uses_20250919' strategy requires the beta header `anthropic-beta: context-management-2025-06-27`",
    );
    assert.equal(
      await h.rejected({ model: 'claude-haiku-4-5', messages, context_management: edits('compact_20260112') }),
      "context_management.edits.0: the model 'claude-haiku-4-5' does not support the 'compact_20260112' strategy",
    );
    assert.equal(
      await h.rejected({ messages, context_management: { edits: [{ type: 'compact_20260112', trigger: { type: 'tool_uses', value: 3 } }] } }),
      "context_management.edits.0.compact_20260112.trigger: Input tag 'tool_uses' found using 'type' does not match any of the expected tags: 'input_tokens'",
    );
    assert.equal(textOf(await h.stream({ messages, context_management: edits('clear_thinking_20251015') })), 'still queued');
  });

  describe('clear_tool_uses_20250919', () => {
    const tool = (name: string) => ({ name, description: `The ${name} tool`, input_schema: { type: 'object', properties: { path: { type: 'string' } } } });
    const tools = [tool('read_file'), tool('search')];
    const use = (i: number) => ({ type: 'tool_use', id: `toolu_${i}`, name: i === 1 ? 'search' : 'read_file', input: { path: `f${i}.ts` } });
    const result = (i: number, cleared = false) => ({ type: 'tool_result', tool_use_id: `toolu_${i}`, ...(cleared ? {} : { content: long(`file ${i}`, 2000) }) });
    /** Five tool uses (the first a `search`), with the results of `cleared` emptied. */
    const conversation = (cleared: readonly number[] = []) => [
      user('Read the files.'),
      ...[1, 2, 3, 4, 5].flatMap((i) => [assistant([use(i)]), user([result(i, cleared.includes(i))])]),
    ];
    const edit = (more: Record<string, unknown> = {}) => ({ edits: [{ type: 'clear_tool_uses_20250919', trigger: { type: 'input_tokens', value: 1000 }, keep: { type: 'tool_uses', value: 2 }, ...more }] });
    const tokens = (cleared: readonly number[] = []) => estimateTokens({ tools, messages: conversation(cleared) });

    it('clears the oldest results beyond `keep`, reports applied_edits in the stream, and counts the prompt without them', async () => {
      h.fake.contextWindow = tokens([1, 2, 3]) + 10;
      const messages = conversation();
      assert.match(await h.rejected({ tools, messages }), /^prompt is too long: /);
      h.fake.enqueue(textReply(['Read them.']));
      const message = await h.stream({ tools, messages, context_management: edit() });
      assert.equal(textOf(message), 'Read them.');
      assert.deepEqual(message.context_management, {
        applied_edits: [{ type: 'clear_tool_uses_20250919', cleared_tool_uses: 3, cleared_input_tokens: tokens() - tokens([1, 2, 3]) }],
      });
    });

    it('spares `exclude_tools`, answers a plain request the same way, and reports no edit below the trigger', async () => {
      h.fake.enqueue(textReply(['one']), textReply(['two']));
      const excluded = await h.create({ tools, messages: conversation(), context_management: edit({ exclude_tools: ['search'] }) });
      assert.deepEqual(excluded.context_management?.applied_edits, [
        { type: 'clear_tool_uses_20250919', cleared_tool_uses: 2, cleared_input_tokens: tokens() - tokens([2, 3]) },
      ]);
      const untouched = await h.stream({ tools, messages: conversation(), context_management: edit({ trigger: { type: 'input_tokens', value: 1_000_000 } }) });
      assert.deepEqual(untouched.context_management, { applied_edits: [] });
    });
  });
});
