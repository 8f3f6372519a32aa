// The SDK's MessageStream iterator (1.12 to 1.17 alike) hands an error only to a `next()` that is already waiting: one
// that comes while the reader is still busy with an event ends the iteration quietly, as if the
// reply were done. The engine reads the stream through `eventsOf`, which must still throw it.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { buildClientOptions, type ClientOptions } from '../../src/core/api/clientOptions';
import { classifyError } from '../../src/core/api/errors';
import type { CreateMessageRequest, StreamEvent } from '../../src/core/api/wire';
import { COMPACT_BETA } from '../../src/core/context/compaction';
import { isPromptTooLong } from '../../src/core/engine/replyStream';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { createBackend, createClient, eventsOf } from '../../src/host/clientFactory';
import { MODEL_LIST_RETRIES, ModelCatalog } from '../../src/host/modelCatalog';
import { FakeAnthropic } from '../fake-anthropic/server';
import { closedMidText, dropMidStream, errorMidStream, httpError, textReply, type Reply } from '../fake-anthropic/scripts';
import { ev, messageEnd, messageStart } from '../fake-anthropic/sse';

describe('errors of the SDK stream reach the engine', () => {
  let fake: FakeAnthropic;
  const params = { model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  /** Reads the stream as the engine does, but after the first event waits until the SDK has ended: whatever failed, failed while no `next()` waited. */
  async function readBusy(script: Reply): Promise<{ events: string[]; error?: unknown }> {
    fake.enqueue(script);
    const client = await createClient(buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: fake.url }, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {}));
    const stream = client.messages.stream(params, { maxRetries: 0 });
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    const events: string[] = [];
    try {
      for await (const event of eventsOf(stream)) {
        events.push(event.type);
        await ended;
      }
      return { events };
    } catch (error) {
      return { events, error };
    }
  }

  const classify = (error: unknown) => classifyError(error, { aborted: false, model: params.model, partial: true });

  it('an `event: error` (overloaded) that comes while the reader is busy is still thrown, and retried as an overload', async () => {
    const { events, error } = await readBusy(errorMidStream(['Half an ']));
    assert.ok(error, `the stream ended quietly after ${events.join(', ')}`);
    assert.deepEqual([classify(error).kind, classify(error).transient], ['overloaded', true]);
    assert.ok(events.includes('content_block_delta'), 'the events before the error are read first');
  });

  it('a dropped connection that comes while the reader is busy is still thrown, as a dropped connection', async () => {
    const { events, error } = await readBusy(dropMidStream(['Half an ']));
    assert.ok(error, `the stream ended quietly after ${events.join(', ')}`);
    assert.equal(classify(error).kind, 'connection');
    assert.match(classify(error).message, /^The connection dropped mid-reply\. The partial reply is kept\./);
  });

  it('a response that ends cleanly before message_stop throws nothing: only the missing message_stop tells', async () => {
    const { events, error } = await readBusy(closedMidText(['Half an ']));
    assert.equal(error, undefined);
    assert.equal(events.includes('message_stop'), false);
  });
});

// SDK 1.17 changed what a dropped connection raises, resends a request that is not a stream after a
// drop, and puts the error code, request id, path and type into error messages. Each place that
// reads SDK errors or streams is re-checked here through the real SDK against the fake server.
describe('what SDK 1.17 changed, through the real SDK', function () {
  this.timeout(10_000);
  let fake: FakeAnthropic;
  const params = { model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };
  const options = (over: Partial<ClientOptions> = {}): ClientOptions => ({
    ...buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: fake.url }, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {}),
    ...over,
  });
  const classify = (error: unknown, partial = false) => classifyError(error, { aborted: false, model: params.model, partial });
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  /** Reads a backend stream to its end; its error, if it failed. */
  async function streamError(request: CreateMessageRequest, over: Partial<ClientOptions> = {}): Promise<{ events: StreamEvent[]; error?: unknown }> {
    const backend = await createBackend(options(over));
    const events: StreamEvent[] = [];
    try {
      for await (const event of backend.stream(request, new AbortController().signal)) events.push(event);
      return { events };
    } catch (error) {
      return { events, error };
    }
  }

  it('a mid-stream drop is an APIConnectionError with the runtime error as its cause; the message names that cause', async () => {
    fake.enqueue(dropMidStream(['Half an ']));
    const { error } = await streamError(params);
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.equal((error.cause as Error | undefined)?.name, 'TypeError');
    const classified = classify(error, true);
    assert.equal(classified.kind, 'connection');
    assert.doesNotMatch(classified.message, /Connection error\./, 'the SDK\'s own words say nothing');
    assert.match(classified.message, /^The connection dropped mid-reply\. The partial reply is kept\. \(.+\)$/);
  });

  it('a stream the SDK has handed over is never sent again, even by a client that allows retries', async () => {
    fake.enqueue(dropMidStream(['Half an ']));
    const client = await createClient(options({ maxRetries: 2 }));
    const error = await client.messages.stream(params).done().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof APIConnectionError);
    assert.equal(fake.messageRequests.length, 1);
  });

  it('a plain (not streamed) POST cut part-way is sent again only when retries are allowed: the client default allows none', async () => {
    fake.enqueue(dropMidStream(['Half an ']), textReply(['Whole.']));
    const retrying = await createClient(options({ maxRetries: 1 }));
    const message = await retrying.messages.create(params);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Whole.' }]);
    assert.equal(fake.messageRequests.length, 2, 'the cut POST was repeated');

    fake.reset();
    fake.enqueue(dropMidStream(['Half an ']), textReply(['Whole.']));
    const error = await (await createClient(options())).messages.create(params).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.equal(classify(error).kind, 'connection');
    assert.equal(fake.messageRequests.length, 1, 'the default client never repeats a request');
  });

  it('the model list (a GET) is fetched again after a page cut part-way, on purpose', async () => {
    fake.cutModelLists = 1;
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh({ provider: 'anthropic', client: options() }), true, 'the list came from the endpoint');
    const lists = fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models');
    assert.equal(lists.length, 2);
    assert.ok(MODEL_LIST_RETRIES >= 1);
    assert.ok(catalog.list().some((m) => m.id === 'claude-opus-4-5' && m.lifecycle === 'deprecated'), 'read from the API');
  });

  it('an HTTP error is shown in the API\'s words only: the code, request id, path and type that 1.17 adds to its message are not repeated', async () => {
    fake.enqueue(httpError(400, 'invalid_request_error', 'prompt is too long: 300000 tokens > 200000 maximum'));
    const { error } = await streamError(params);
    assert.ok(error instanceof APIError);
    assert.match(error.message, /\(request_id: req_fake_\d+, path: \/v1\/messages, type: invalid_request_error\)$/, 'the SDK\'s message');
    assert.deepEqual(error.request, { method: 'post', url: `${fake.url}/v1/messages` });
    const classified = classify(error);
    assert.equal(classified.message, 'The API rejected the request (400): prompt is too long: 300000 tokens > 200000 maximum');
    assert.equal(isPromptTooLong(classified), true);
  });

  it('a 429 whose error_code is a spend limit is not retried by itself; other 429 codes still are', async () => {
    fake.enqueue(
      httpError(429, 'rate_limit_error', 'Monthly usage threshold reached', { 'retry-after': '30' }, { error_code: 'enforced_spend_limit_reached' }),
      httpError(429, 'rate_limit_error', 'Slow down', { 'retry-after': '3' }, { error_code: 'ramp_limit_exceeded' }),
    );
    const spend = classify((await streamError(params)).error);
    assert.deepEqual([spend.kind, spend.transient, spend.actions], ['billing', undefined, []]);
    assert.equal(spend.message, 'The organization has reached its spend limit (429): Monthly usage threshold reached. Retrying will not help until the limit is raised.');
    const ramp = classify((await streamError(params)).error);
    assert.deepEqual([ramp.kind, ramp.transient, ramp.retryAfterMs], ['rateLimit', true, 3000]);
  });

  it('a refused connection is shown with the runtime\'s reason, not the SDK\'s "Connection to … failed"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { error } = await streamError(params, { baseURL: `http://127.0.0.1:${port}` });
    assert.ok(error instanceof APIConnectionError);
    assert.match(error.message, new RegExp(`^Connection to 127\\.0\\.0\\.1:${port} failed`), 'the SDK\'s message');
    const classified = classify(error);
    assert.equal(classified.kind, 'connection');
    assert.match(classified.message, new RegExp(`^Could not reach the API\\. \\(.*ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`));
  });

  it('betas still go through the beta stream as the anthropic-beta header, and its compaction_delta arrives', async () => {
    fake.enqueue({
      kind: 'stream',
      steps: [
        messageStart({}),
        ev('content_block_start', { index: 0, content_block: { type: 'compaction', content: null, encrypted_content: null } }),
        ev('content_block_delta', { index: 0, delta: { type: 'compaction_delta', content: 'The summary.', encrypted_content: 'enc-1' } }),
        ev('content_block_stop', { index: 0 }),
        ...messageEnd('end_turn', 5),
      ],
    });
    const { events, error } = await streamError({ ...params, betas: [COMPACT_BETA] } as CreateMessageRequest);
    assert.equal(error, undefined);
    const [sent] = fake.messageRequests;
    assert.equal(sent.headers['anthropic-beta'], COMPACT_BETA);
    assert.equal('betas' in sent.json, false);
    const delta = events.find((e) => e.type === 'content_block_delta');
    assert.deepEqual((delta as { delta?: unknown } | undefined)?.delta, { type: 'compaction_delta', content: 'The summary.', encrypted_content: 'enc-1' });
    assert.equal(events.at(-1)?.type, 'message_stop');
  });
});
