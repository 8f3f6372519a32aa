// The fake server compacts a long prompt as the API's compact_20260112 edit does, and takes the
// compaction block back only unchanged; every request goes through the real SDK.
import * as assert from 'node:assert/strict';
import { reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { estimateTokens } from '../fake-anthropic/server';
import { assistant, CONTEXT_BETA, long, useContextHarness, user } from './fakeContextHarness';

const TASK = 'Fix the login bug in auth.ts';
const history = [user(long(TASK, 6000)), assistant('I will look at auth.ts.'), user('Go on.')];
const compact = (more: Record<string, unknown> = {}) => ({ edits: [{ type: 'compact_20260112', trigger: { type: 'input_tokens', value: 1000 }, ...more }] });
const summaryOf = (task: string, instructions = 'default') => `Summary of the earlier conversation.\nTask: ${task}\nInstructions followed: ${instructions}`;

interface Block {
  readonly type: string;
  readonly content?: unknown;
  readonly encrypted_content?: unknown;
  readonly text?: string;
  readonly input?: unknown;
}

describe('fake Anthropic server: compaction (real SDK)', () => {
  const h = useContextHarness();

  /** Compacts `history` and returns the reply's content: the compaction block, then the scripted text. */
  async function compacted(): Promise<Block[]> {
    h.fake.enqueue(reply([text('Fixed.')]));
    return (await h.stream({ messages: history, context_management: compact() })).content as Block[];
  }

  it('streams a compaction block first once the trigger is passed, the scripted blocks after it, and both iterations', async () => {
    h.fake.enqueue(reply([text('Fixed.')]));
    const message = await h.stream({ messages: history, context_management: compact({ instructions: 'Keep the file names.' }) });
    const [block, answer] = message.content as Block[];
    assert.equal(block.type, 'compaction');
    assert.equal(block.content, summaryOf(TASK, 'Keep the file names.'));
    assert.match(String(block.encrypted_content), /^cmp_fake_\d+_/);
    assert.deepEqual(answer, { type: 'text', text: 'Fixed.' });
    assert.equal(message.stop_reason, 'end_turn');
    const after = estimateTokens({ messages: [assistant([block])] });
    assert.equal(message.usage.input_tokens, after, 'the reply is sampled from the compacted prompt');
    assert.deepEqual(message.usage.iterations, [
      { type: 'compaction', input_tokens: estimateTokens({ messages: history }), output_tokens: Math.ceil(String(block.content).length / 4), cache_read_input_tokens: 0, cache_creation_input_tokens: 0, cache_creation: null },
      { type: 'message', input_tokens: after, output_tokens: 2, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, cache_creation: null, model: 'claude-sonnet-5-5' },
    ]);
    assert.deepEqual(message.context_management, { applied_edits: [] });
  });

  it('puts the block in a plain answer too, shifting the scripted blocks (tool input included) by one', async () => {
    h.fake.enqueue(reply([text('Reading.'), toolUse('toolu_1', 'read_file', { path: 'auth.ts' })]));
    const message = await h.create({ messages: history, context_management: compact() });
    const content = message.content as Block[];
    assert.deepEqual(content.map((b) => b.type), ['compaction', 'text', 'tool_use']);
    assert.equal(content[0].content, summaryOf(TASK));
    assert.deepEqual(content[2].input, { path: 'auth.ts' });
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('does not compact below the trigger (150,000 tokens by default)', async () => {
    h.fake.enqueue(textReply(['Plain.']));
    const message = await h.stream({ messages: history, context_management: { edits: [{ type: 'compact_20260112' }] } });
    assert.deepEqual((message.content as Block[]).map((b) => b.type), ['text']);
  });

  it('counts a request from the compaction block sent back unchanged: too long without it, fits with it', async () => {
    const [block, answer] = await compacted();
    h.fake.contextWindow = estimateTokens({ messages: history }) - 1;
    const next = user('Thanks. Now add a test.');
    assert.match(await h.rejected({ messages: [...history, assistant([answer]), next] }), /^prompt is too long: /);
    h.fake.enqueue(textReply(['Test added.']));
    const message = await h.stream({ messages: [...history, assistant([block, answer]), next] });
    assert.equal((message.content[0] as Block).text, 'Test added.');
    assert.equal(h.fake.messageRequests.length, 3);
  });

  it('carries the task of an earlier summary into the next compaction', async () => {
    const [block, answer] = await compacted();
    h.fake.enqueue(textReply(['Done again.']));
    const message = await h.stream({ messages: [...history, assistant([block, answer]), user(long('More logs to read', 6000))], context_management: compact() });
    assert.equal((message.content[0] as Block).content, summaryOf(TASK));
    assert.notEqual((message.content[0] as Block).encrypted_content, block.encrypted_content);
  });

  it('rejects a modified, empty, unknown or misplaced compaction block and one sent without the beta; accepts null content', async () => {
    const [block, answer] = await compacted();
    const sentBack = (b: unknown, role = 'assistant') => ({ messages: [...history, { role, content: [b, answer] }, user('Next.')] });
    h.fake.enqueue(textReply(['null content is a no-op']));
    assert.equal(await h.rejected(sentBack({ ...block, content: `${String(block.content)} (edited)` })), 'messages.3.content.0: Invalid compaction block');
    assert.equal(await h.rejected(sentBack({ ...block, encrypted_content: 'cmp_fake_0_forged' })), 'messages.3.content.0: Invalid compaction block');
    assert.equal(await h.rejected(sentBack({ ...block, content: '' })), 'messages.3.content.0.compaction.content: String should have at least 1 character');
    assert.equal(
      await h.rejected({ messages: [...history.slice(0, 2), user([block])] }),
      'messages.2.content.0: `compaction` blocks are only allowed in `assistant` messages',
    );
    assert.equal(
      await h.rejected({ ...sentBack(block), betas: [CONTEXT_BETA] }),
      'messages.3.content.0: `compaction` blocks require the beta header `anthropic-beta: compact-2026-01-12`',
    );
    const failed = await h.stream(sentBack({ type: 'compaction', content: null, encrypted_content: null }));
    assert.equal((failed.content[0] as Block).text, 'null content is a no-op');
  });

  it('with pause_after_compaction, stops after the block (stop_reason compaction) and keeps the script for the next request', async () => {
    h.fake.enqueue(textReply(['Resumed.']));
    const paused = await h.stream({ messages: history, context_management: compact({ pause_after_compaction: true }) });
    const [block] = paused.content as Block[];
    assert.deepEqual([paused.content.length, block.type, block.content], [1, 'compaction', summaryOf(TASK)]);
    assert.equal(paused.stop_reason, 'compaction');
    assert.deepEqual(paused.usage.iterations?.map((i) => i.type), ['compaction']);
    assert.equal(paused.usage.input_tokens, 0, 'nothing was sampled');
    const resumed = await h.stream({ messages: [...history, assistant([block])] });
    assert.equal((resumed.content[0] as Block).text, 'Resumed.');
  });
});
