// The fake server must answer what the real API rejects with the API's 400, so a request the
// extension builds wrongly fails here and not in production. Each rule is driven with the real SDK,
// next to a valid counterpart that passes.
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { Gate, refusal, reply, text, textReply, thinking, thinkingReply, toolUse, toolUseReply } from '../fake-anthropic/scripts';
import { useFakeClient } from '../support/fakeClient';

type Params = Record<string, unknown>;
const EDITOR = 'str_replace_based_edit_tool';
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const use = (id: string) => ({ type: 'tool_use', id, name: EDITOR, input: { command: 'view', path: 'a.ts' } });
const result = (id: string, content: unknown = 'ok') => ({ type: 'tool_result', tool_use_id: id, content });
const breakpoint = { cache_control: { type: 'ephemeral' } };

describe('fake Anthropic server rejects what the real API rejects (real SDK)', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;
  const base = { model: 'claude-sonnet-5-5', max_tokens: 256 };
  const params = (p: Params) => ({ ...base, ...p }) as unknown as Anthropic.MessageCreateParamsNonStreaming;

  useFakeClient((f, c) => {
    fake = f;
    client = c;
  });

  /** Sends `p` and returns the message of the 400 invalid_request_error it must get. */
  async function rejected(p: Params, stream = false): Promise<string> {
    const call = stream ? client.messages.stream(params(p)).finalMessage() : client.messages.create(params(p));
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof APIError, `expected a 400, got ${String(err)}`);
    assert.equal(err.status, 400);
    const body = err.error as { type?: string; error?: { type?: string; message?: string }; request_id?: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error?.type, 'invalid_request_error');
    assert.match(String(body.request_id), /^req_fake_\d+$/);
    return String(body.error?.message);
  }

  async function accepted(p: Params): Promise<void> {
    fake.enqueue(textReply(['ok']));
    const message = await client.messages.create(params(p));
    assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'ok');
  }

  it('requires model, a positive integer max_tokens and messages that start with a user turn', async () => {
    const hi = [user('Hi')];
    assert.equal(await rejected({ model: undefined, messages: hi }), 'model: Field required');
    assert.equal(await rejected({ max_tokens: 0, messages: hi }), 'max_tokens: Input should be greater than or equal to 1');
    assert.equal(await rejected({ max_tokens: 1.5, messages: hi }), 'max_tokens: Input should be a valid integer');
    assert.equal(await rejected({ messages: [] }), 'messages: List should have at least 1 item after validation, not 0');
    assert.equal(await rejected({ messages: [assistant('Hi')] }), 'messages: first message must use the "user" role');
    assert.equal(await rejected({ messages: [user('Hi'), { role: 'system', content: 'x' }] }), "messages.1.role: Input should be 'user' or 'assistant'");
    await accepted({ messages: [user('Hi'), assistant('Hello'), user('One'), user('Two')] });
    await accepted({ messages: [user('Hi'), assistant('The answer is')] });
  });

  it('passes a full tool loop of three streamed requests that send thinking back unchanged', async () => {
    fake.enqueue(
      reply([
        thinking(['I should ', 'read both.'], 'sig-loop-1'),
        text('Reading.'),
        toolUse('toolu_a', EDITOR, { command: 'view', path: 'a.ts' }),
        toolUse('toolu_b', EDITOR, ['{"command":"view",', '"path":"b.ts"}']),
      ]),
      reply([thinking('One more.', 'sig-loop-2'), toolUse('toolu_c', EDITOR, { command: 'view', path: 'c.ts' })]),
      reply([thinking('Done.', 'sig-loop-3'), text(['All ', 'read.'])]),
    );
    const messages: unknown[] = [user('Read a, b and c.')];
    const tools = [{ type: 'text_editor_20250728', name: EDITOR, max_characters: 10_000, ...breakpoint }];
    const next = () => client.messages.stream(params({ tools, thinking: { type: 'adaptive' }, tool_choice: { type: 'auto' }, messages })).finalMessage();
    let message = await next();
    const turns: Anthropic.ContentBlock[][] = [];
    while (message.stop_reason === 'tool_use') {
      turns.push(message.content);
      messages.push(assistant(message.content));
      const uses = message.content.filter((b) => b.type === 'tool_use');
      messages.push(user(uses.map((b, i) => ({ ...result(b.id, `contents of ${b.id}`), ...(i === uses.length - 1 ? breakpoint : {}) }))));
      message = await next();
    }
    assert.equal(message.content[1]?.type === 'text' && message.content[1].text, 'All read.');
    assert.equal(fake.messageRequests.length, 3);
    const sent = fake.messageRequests[2].json.messages;
    assert.deepEqual(sent[1].content, JSON.parse(JSON.stringify(turns[0])));
    assert.deepEqual(sent[1].content[0], { type: 'thinking', thinking: 'I should read both.', signature: 'sig-loop-1' });
    assert.deepEqual(sent[3].content[0], { type: 'thinking', thinking: 'One more.', signature: 'sig-loop-2' });
    assert.deepEqual([...fake.issuedSignatures], ['sig-loop-1', 'sig-loop-2', 'sig-loop-3']);
  });

  it('rejects tool_use blocks left without their tool_result, also when the last message holds them', async () => {
    const unanswered = (ids: string) =>
      `messages.1: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids}. ` +
      'Each `tool_use` block must have a corresponding `tool_result` block in the next message.';
    const asked = assistant([{ type: 'text', text: 'Looking.' }, use('toolu_1'), use('toolu_2')]);
    assert.equal(await rejected({ messages: [user('Hi'), asked, user('Go on')] }), unanswered('toolu_1, toolu_2'));
    assert.equal(await rejected({ messages: [user('Hi'), asked] }, true), unanswered('toolu_1, toolu_2'));
    assert.equal(await rejected({ messages: [user('Hi'), asked, user([result('toolu_1')])] }), unanswered('toolu_2'));
    assert.equal(await rejected({ messages: [user('Hi'), asked, assistant('More'), user([result('toolu_1'), result('toolu_2')])] }), unanswered('toolu_1, toolu_2'));
    const answered = [user('Hi'), asked, user([result('toolu_1'), result('toolu_2', [{ type: 'text', text: 'b' }]), { type: 'text', text: 'Hurry.' }])];
    assert.equal(await rejected({ messages: answered }), 'Requests which include `tool_use` or `tool_result` blocks must define tools.');
    await accepted({ messages: answered, tools: [{ type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' }] });
  });

  it('rejects a tool_result with no tool_use before it, or placed after other content', async () => {
    const unexpected = (at: string, id: string) =>
      `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
      'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.';
    const asked = assistant([use('toolu_1')]);
    assert.equal(await rejected({ messages: [user('Hi'), asked, user([result('toolu_1'), result('toolu_9')])] }), unexpected('messages.2.content.1', 'toolu_9'));
    assert.equal(await rejected({ messages: [user([result('toolu_1')])] }), unexpected('messages.0.content.0', 'toolu_1'));
    assert.equal(
      await rejected({ messages: [user('Hi'), asked, user([{ type: 'text', text: 'Here:' }, result('toolu_1')])] }),
      'messages.2: Did not find 1 `tool_result` block(s) at the beginning of this message. ' +
        'Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks.',
    );
    assert.equal(await rejected({ messages: [user('Hi'), assistant([result('toolu_1')])] }), 'messages.1.content.0: `tool_result` blocks are only allowed in `user` messages');
  });

  it('rejects a thinking block whose signature was cut short, is empty or missing', async () => {
    fake.enqueue(thinkingReply(['Hmm'], 'sig-complete-0123456789', ['Answer']));
    await client.messages.stream(params({ messages: [user('Hi')] })).finalMessage();
    const history = (block: Params) => ({ messages: [user('Hi'), assistant([block, { type: 'text', text: 'Answer' }]), user('And?')] });
    const signed = (signature?: string) => history({ type: 'thinking', thinking: 'Hmm', ...(signature === undefined ? {} : { signature }) });
    const invalid = 'messages.1.content.0: Invalid `signature` in `thinking` block';
    assert.equal(await rejected(signed('sig-complete-01234')), invalid);
    assert.equal(await rejected(signed('')), invalid);
    assert.equal(await rejected(signed()), invalid);
    assert.equal(await rejected(history({ type: 'redacted_thinking' })), 'messages.1.content.0.redacted_thinking.data: Field required');
    assert.equal(await rejected({ messages: [user([{ type: 'thinking', thinking: 'x', signature: 's' }])] }), 'messages.0.content.0: `thinking` blocks are only allowed in `assistant` messages');
    await accepted(signed('sig-complete-0123456789'));
    await accepted(history({ type: 'redacted_thinking', data: 'opaque' }));
  });

  it('holds a thinking block before its signature, so a Stop leaves it unsigned and unsendable', async () => {
    const stopBefore = new Gate();
    fake.enqueue(reply([thinking(['Weighing ', 'options'], 'sig-never-sent', { stopBefore }), text('Too late')]));
    const controller = new AbortController();
    const stream = client.messages.stream(params({ messages: [user('Hi')] }), { signal: controller.signal });
    const deltas: string[] = [];
    const thought = new Promise<void>((resolve) => stream.on('thinking', (d) => deltas.push(d) === 2 && resolve()));
    const settled = stream.finalMessage().then(() => 'done', (e: Error) => e.name);
    await thought;
    assert.deepEqual(stream.currentMessage?.content[0], { type: 'thinking', thinking: 'Weighing options', signature: '' });
    controller.abort();
    assert.equal(await settled, 'APIUserAbortError');
    await fake.messageRequests[0].closed;
    stopBefore.open();
    assert.equal(fake.issuedSignatures.size, 0);
    const unsigned = { type: 'thinking', thinking: 'Weighing options', signature: '' };
    assert.equal(await rejected({ messages: [user('Hi'), assistant([unsigned]), user('Go on')] }), 'messages.1.content.0: Invalid `signature` in `thinking` block');
  });

  it('rejects empty text blocks in user, assistant, tool_result and system content', async () => {
    const empty = 'messages: text content blocks must be non-empty';
    const emptyMessage = (n: number) => `messages.${n}: all messages must have non-empty content except for the optional final assistant message`;
    assert.equal(await rejected({ messages: [user([{ type: 'text', text: '' }])] }), empty);
    assert.equal(await rejected({ messages: [user('Hi'), assistant([{ type: 'text', text: '' }]), user('Again')] }), empty);
    assert.equal(await rejected({ messages: [user('Hi'), assistant([use('toolu_1')]), user([result('toolu_1', [{ type: 'text', text: '' }])])] }), empty);
    assert.equal(await rejected({ system: [{ type: 'text', text: '' }], messages: [user('Hi')] }), 'system: text content blocks must be non-empty');
    assert.equal(await rejected({ messages: [user('')] }), emptyMessage(0));
    assert.equal(await rejected({ messages: [user('Hi'), assistant(''), user('Again')] }), emptyMessage(1));
    assert.equal(await rejected({ messages: [user('Hi'), assistant([]), user('Again')] }), emptyMessage(1));
    assert.equal(await rejected({ messages: [user([{ type: 'text', text: ' \n' }])] }), 'messages: text content blocks must contain non-whitespace text');
    await accepted({ system: [{ type: 'text', text: 'Be brief.' }], messages: [user('Hi'), assistant('')] });
  });

  it('allows at most 4 cache_control breakpoints, wherever they are', async () => {
    const withBreakpoints = (n: number) => ({
      system: [{ type: 'text', text: 'Be brief.', ...breakpoint }],
      tools: [{ type: 'text_editor_20250728', name: EDITOR, ...breakpoint }],
      messages: [user(Array.from({ length: n - 2 }, (_, i) => ({ type: 'text', text: `part ${i}`, ...breakpoint })))],
    });
    assert.equal(await rejected(withBreakpoints(5)), 'A maximum of 4 blocks with cache_control may be provided. Found 5.');
    await accepted(withBreakpoints(4));
  });

  it('checks tools, and tool_choice when thinking is on', async () => {
    const hi = [user('Hi')];
    const editor = (tool: Params) => ({ tools: [{ type: 'text_editor_20250728', name: EDITOR, ...tool }], messages: hi });
    assert.equal(await rejected(editor({ name: 'str_replace_editor' })), "tools.0.text_editor_20250728.name: Input should be 'str_replace_based_edit_tool'");
    assert.equal(await rejected(editor({ max_characters: 0 })), 'tools.0.text_editor_20250728.max_characters: Input should be greater than or equal to 1');
    assert.equal(await rejected({ tools: [{ type: 'text_editor_20250429', name: 'edit' }], messages: hi }), "tools.0.text_editor_20250429.name: Input should be 'str_replace_based_edit_tool'");
    assert.equal(await rejected({ tools: [{ description: 'x', input_schema: { type: 'object' } }], messages: hi }), 'tools.0.name: Field required');
    assert.equal(await rejected({ tools: [{ name: 'lookup' }], messages: hi }), 'tools.0.custom.input_schema: Field required');
    assert.equal(await rejected({ tools: [{ name: 'lookup', input_schema: { properties: {} } }], messages: hi }), "tools.0.custom.input_schema.type: Input should be 'object'");
    const forced = { ...editor({}), thinking: { type: 'adaptive' }, tool_choice: { type: 'any' } };
    assert.equal(await rejected(forced), 'Thinking may not be enabled when tool_choice forces tool use.');
    await accepted({ ...forced, tool_choice: { type: 'none' } });
    await accepted({ ...editor({}), tool_choice: { type: 'tool', name: EDITOR } });
    await accepted({ tools: [{ type: 'text_editor_20250429', name: EDITOR }, { name: 'lookup', input_schema: { type: 'object' } }], messages: hi });
  });

  it('checks the bash tool: one version, named bash, nothing else', async () => {
    const hi = [user('Hi')];
    const bash = (tool: Params) => ({ tools: [{ type: 'bash_20250124', name: 'bash', ...tool }], messages: hi });
    await accepted(bash({}));
    assert.equal(await rejected(bash({ name: 'shell' })), "tools.0.bash_20250124.name: Input should be 'bash'");
    assert.equal(await rejected(bash({ description: 'Runs commands' })), 'tools.0.bash_20250124.description: Extra inputs are not permitted');
    assert.equal(await rejected(bash({ input_schema: { type: 'object' } })), 'tools.0.bash_20250124.input_schema: Extra inputs are not permitted');
    assert.equal(await rejected({ tools: [{ type: 'bash_20241022', name: 'bash' }], messages: hi }), "tools.0: Input tag 'bash_20241022' found using 'type' does not match any of the expected tags: 'bash_20250124'");
  });

  it('accepts base64 images of the four supported media types only', async () => {
    const image = (media_type: string) => ({
      messages: [user([{ type: 'image', source: { type: 'base64', media_type, data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'What is it?' }])],
    });
    assert.equal(
      await rejected(image('image/bmp')),
      "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    );
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) await accepted(image(type));
  });

  it('keeps the script queue for the next request after a rejection, and can be switched off', async () => {
    fake.enqueue(textReply(['first']));
    await rejected({ messages: [] });
    const message = await client.messages.create(params({ messages: [user('Hi')] }));
    assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'first');
    assert.deepEqual(
      fake.messageRequests.map((r) => r.json.messages.length),
      [0, 1],
    );
    fake.validation = false;
    await accepted({ messages: [] });
    fake.reset();
    assert.equal(fake.validation, true);
  });

  it('scripts several tool_use blocks in one message, and a gate between blocks', async () => {
    const view = (id: string, path: string) => ({ id, name: EDITOR, jsonChunks: [`{"command":"view","path":"${path}"}`] });
    fake.enqueue(toolUseReply([view('toolu_1', 'a.ts'), view('toolu_2', 'b.ts')], ['Both.']));
    const both = await client.messages.stream(params({ messages: [user('Hi')] })).finalMessage();
    assert.deepEqual(both.content.map((b) => (b.type === 'tool_use' ? b.id : b.type)), ['text', 'toolu_1', 'toolu_2']);
    const gate = new Gate();
    fake.enqueue(reply([text('Before'), text('After')], { gate: { beforeBlock: 1, gate } }));
    const stream = client.messages.stream(params({ messages: [user('Hi')] }));
    const texts: string[] = [];
    stream.on('text', (d) => texts.push(d));
    await new Promise<void>((resolve) => stream.once('contentBlock', () => resolve()));
    await gate.reached;
    assert.deepEqual(texts, ['Before']);
    assert.equal(stream.ended, false, 'the server holds the stream at the gate');
    gate.open();
    await stream.finalMessage();
    assert.deepEqual(texts, ['Before', 'After']);
  });

  it('scripts the stop reasons max_tokens, pause_turn, refusal and model_context_window_exceeded, streamed or not', async () => {
    const details = refusal('This request was declined.', 'cyber');
    const cases = [
      { script: reply([text('Cut '), toolUse('toolu_x', EDITOR, ['{"command":"vi'])], { stopReason: 'max_tokens' }), stop: 'max_tokens', details: null },
      { script: reply([text('Searching.')], { stopReason: 'pause_turn' }), stop: 'pause_turn', details: null },
      { script: reply([text('I can not help.')], { stopReason: 'refusal', stopDetails: details }), stop: 'refusal', details },
      { script: reply([], { stopReason: 'model_context_window_exceeded' }), stop: 'model_context_window_exceeded', details: null },
    ];
    for (const c of cases) {
      fake.enqueue(c.script, c.script);
      const streamed = await client.messages.stream(params({ messages: [user('Hi')] })).finalMessage();
      const plain = await client.messages.create(params({ messages: [user('Hi')] }));
      for (const message of [streamed, plain]) {
        assert.equal(message.stop_reason, c.stop);
        assert.deepEqual(message.stop_details, c.details);
        assert.deepEqual(
          message.content.map((b) => b.type),
          streamed.content.map((b) => b.type),
        );
      }
    }
    assert.deepEqual(details, { type: 'refusal', category: 'cyber', explanation: 'This request was declined.' });
  });
});
