// The fake server is proven faithful by running the real SDK against every scripted shape.
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { closedAfterStart, closedBeforeMessageStop, closedMidText, closedMidToolUse, dropMidStream, errorMidStream, Gate, httpError, text, textReply, thinkingReply, toolUse, toolUseReply, type Reply } from '../fake-anthropic/scripts';
import { useFakeClient } from '../support/fakeClient';

describe('fake Anthropic server, driven by the real SDK', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;
  const params = { model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

  useFakeClient((f, c) => {
    fake = f;
    client = c;
  });

  it('streams text in the scripted chunks and records the request', async () => {
    fake.enqueue(textReply(['Hel', 'lo ', 'world']));
    const deltas: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    assert.deepEqual(deltas, ['Hel', 'lo ', 'world']);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'Hello world');
    assert.equal(message.stop_reason, 'end_turn');
    const [request] = fake.messageRequests;
    assert.equal(request.headers.authorization, 'Bearer sk-test-key');
    assert.equal(request.headers['anthropic-version'], '2026-10-21');
    assert.equal(request.json.stream, true);
    assert.equal(request.json.model, 'claude-sonnet-5-5');
    assert.equal(request.json.max_tokens, 256);
    assert.match(String(stream.request_id), /^req_fake_\d+$/);
  });

  it('answers a non-streaming call with the assembled message', async () => {
    fake.enqueue(textReply(['One ', 'two']));
    const message = await client.messages.create(params);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'One two');
    assert.equal(message.usage.output_tokens, 2);
  });

  it('streams thinking with its signature before the text', async () => {
    fake.enqueue(thinkingReply(['Let me ', 'think'], 'sig-abc', ['Answer']));
    const thinking: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('thinking', (delta) => thinking.push(delta));
    const message = await stream.finalMessage();
    assert.deepEqual(thinking, ['Let me ', 'think']);
    assert.deepEqual(message.content[0], { type: 'thinking', thinking: 'Let me think', signature: 'sig-abc' });
    assert.equal(message.content[1].type === 'text' && message.content[1].text, 'Answer');
  });

  it('streams tool_use input as input_json_delta chunks', async () => {
    fake.enqueue(toolUseReply({ id: 'toolu_1', name: 'str_replace_based_edit_tool', jsonChunks: ['{"command":', '"view","path"', ':"a.ts"}'] }, ['Looking.']));
    const message = await client.messages.stream(params).finalMessage();
    assert.equal(message.stop_reason, 'tool_use');
    const tool = message.content.find((b) => b.type === 'tool_use');
    assert.deepEqual(tool && tool.type === 'tool_use' && tool.input, { command: 'view', path: 'a.ts' });
  });

  it('sends an event: error mid-stream, which the SDK throws without a status', async () => {
    fake.enqueue(errorMidStream(['Partial ']));
    const deltas: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('text', (d) => deltas.push(d));
    const err = await stream.finalMessage().then(() => undefined, (e: unknown) => e as APIError);
    assert.ok(err, 'the stream should fail');
    assert.equal(err.status, undefined);
    assert.equal((err.error as { error?: { type?: string } })?.error?.type, 'overloaded_error');
    assert.deepEqual(deltas, ['Partial ']);
  });

  it('drops the connection mid-reply', async () => {
    fake.enqueue(dropMidStream(['Some ', 'text']));
    const deltas: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('text', (d) => deltas.push(d));
    await assert.rejects(stream.finalMessage());
    assert.deepEqual(deltas, ['Some ', 'text']);
  });

  it('ends the response cleanly before message_stop (mid-text, mid-tool_use, after message_delta): the SDK raises nothing', async () => {
    const tool = { id: 'toolu_1', name: 'str_replace_based_edit_tool', jsonChunks: ['{"command":"view",', '"pa'] };
    const cases: Array<[Reply, string]> = [
      [closedMidText(['Some ', 'text']), 'text_delta'],
      [closedMidToolUse(['Looking.'], tool), 'input_json_delta'],
      [closedBeforeMessageStop([text('Looking.'), toolUse('toolu_1', tool.name, { command: 'view', path: 'a.ts' })]), 'message_delta'],
      [closedAfterStart(), 'message_start'],
    ];
    for (const [script, last] of cases) {
      fake.reset();
      fake.enqueue(script);
      const stream = client.messages.stream(params);
      const seen: string[] = [];
      let stopReason: string | null = null;
      for await (const event of stream) {
        seen.push(event.type === 'content_block_delta' ? event.delta.type : event.type);
        if (event.type === 'message_delta') stopReason = event.delta.stop_reason;
      }
      await stream.done(); // resolves: the chunked body was terminated properly, no network error
      assert.equal(seen.at(-1), last);
      if (last === 'message_delta') assert.equal(stopReason, 'tool_use');
      assert.equal(fake.messageRequests[0].aborted, false, 'the server ended the response, it did not drop it');
      await assert.rejects(stream.finalMessage(), /stream ended without producing a Message/);
    }
  });

  it('returns HTTP errors with their headers, and the SDK obeys retry-after-ms', async () => {
    fake.enqueue(httpError(429, 'rate_limit_error', 'Slow down', { 'retry-after-ms': '10', 'retry-after': '1' }), textReply(['ok']));
    const retrying = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 1 });
    const message = await retrying.messages.create(params);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'ok');
    assert.equal(fake.messageRequests.length, 2);
  });

  it('honours x-should-retry: false on a 529', async () => {
    fake.enqueue(httpError(529, 'overloaded_error', 'Overloaded', { 'x-should-retry': 'false' }));
    const retrying = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 2 });
    const err = await retrying.messages.create(params).then(() => undefined, (e: unknown) => e as APIError);
    assert.equal(err?.status, 529);
    assert.equal(fake.messageRequests.length, 1);
  });

  it('gives a 401 with the API error body', async () => {
    fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
    const err = await client.messages.create(params).then(() => undefined, (e: unknown) => e as APIError);
    assert.equal(err?.status, 401);
    assert.equal((err?.error as { error?: { type?: string } })?.error?.type, 'authentication_error');
    assert.match(String(err?.requestID), /^req_fake/);
  });

  it('notices when the client aborts mid-stream', async () => {
    const gate = new Gate();
    fake.enqueue(textReply(['a', 'b', 'c'], { pauseAfter: { chunks: 1, gate } }));
    const controller = new AbortController();
    const stream = client.messages.stream(params, { signal: controller.signal });
    const first = new Promise<void>((resolve) => stream.once('text', () => resolve()));
    const settled = stream.finalMessage().then(() => 'done', (e: Error) => e.name);
    await first;
    controller.abort();
    assert.equal(await settled, 'APIUserAbortError');
    const [request] = fake.messageRequests;
    await request.closed;
    assert.equal(request.aborted, true);
    gate.open();
  });

  it('serves count_tokens and the model list', async () => {
    const count = await client.messages.countTokens({ model: 'claude-sonnet-5-5', messages: params.messages });
    assert.ok(count.input_tokens > 0);
    const models = await client.models.list();
    assert.deepEqual(
      models.data.map((m) => m.id),
      ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5', 'claude-opus-4-5'],
      'retired models are listed only when asked for',
    );
  });

  it('routes on the path only and fails loudly when nothing is scripted', async () => {
    const err = await client.messages.create(params).then(() => undefined, (e: unknown) => e as APIError);
    assert.equal(err?.status, 500);
    assert.match(String(err?.message), /no scripted reply/);
  });
});
