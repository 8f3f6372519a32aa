// Gateways: wrapped JSON, errors in the same envelope (also with HTTP 200 and for streamed requests),
// and proxies' HTML pages. The real SDK reads them through our fetch from the fake server.
import * as assert from 'node:assert/strict';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { classifyError } from '../../src/core/api/errors';
import { htmlText, looksLikeDocument, planFor, rewriteBody } from '../../src/core/api/gateway';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import type { StreamEvent } from '../../src/core/api/wire';
import { createBackend, createClient } from '../../src/host/clientFactory';
import { ModelCatalog } from '../../src/host/modelCatalog';
import { FakeAnthropic } from '../fake-anthropic/server';
import { Gate, rawBody, textReply } from '../fake-anthropic/scripts';

const PROXY_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body { color: red }</style>
<script>var tracking = "<b>never shown</b>";</script></head>
<body><!-- upstream: 10.0.0.7 --><center><h1>502   Bad
 Gateway</h1></center><hr><center>nginx/1.25.3 &amp; friends</center></body></html>`;

const ctx = { aborted: false, model: 'claude-sonnet-5-5', partial: false };

describe('gateway bodies (pure)', () => {
  it('turns an error envelope into an API error with its code and words, whatever the HTTP status', () => {
    for (const http of [200, 403, 500]) {
      const out = rewriteBody(http, 'application/json', '{"code":403,"msg":"余额不足"}');
      assert.equal(out.status, 403);
      assert.equal(out.contentType, 'application/json');
      const body = JSON.parse(out.text);
      assert.deepEqual(body.error, { type: 'permission_error', message: '余额不足' });
      assert.deepEqual(body.gateway, { source: 'envelope', status: http });
    }
    assert.equal(JSON.parse(rewriteBody(200, 'text/plain', '{"code":"401","message":"bad key"}').text).error.type, 'authentication_error');
  });

  it('unwraps {code:200,data} after leading white space, and leaves API bodies alone', () => {
    assert.equal(rewriteBody(200, 'application/json', '\n  \uFEFF{"code":200,"data":{"id":"m"}}').text, '{"id":"m"}');
    const apiError = '{"type":"error","error":{"type":"rate_limit_error","message":"slow"}}';
    assert.deepEqual(rewriteBody(429, 'application/json', apiError), { status: 429, contentType: 'application/json', text: apiError });
    const message = '{"type":"message","content":[]}';
    assert.equal(rewriteBody(200, 'application/json', message).text, message);
  });

  it('reads a bare {message} with an error status as the endpoint\'s words', () => {
    const out = rewriteBody(401, 'application/json', '{"message":"Invalid token"}');
    assert.equal(out.status, 401);
    assert.equal(JSON.parse(out.text).error.message, 'Invalid token');
  });

  it('reduces an HTML page to at most 300 characters of its visible text', () => {
    assert.equal(htmlText(PROXY_PAGE), '502 Bad Gateway nginx/1.25.3 & friends');
    const out = rewriteBody(502, 'text/html', PROXY_PAGE);
    assert.equal(out.status, 502);
    assert.equal(JSON.parse(out.text).error.message, 'The endpoint answered with an HTML page (502): 502 Bad Gateway nginx/1.25.3 & friends');
    const long = htmlText(`<p>${'word '.repeat(200)}</p>`);
    assert.ok(long.length <= 300 && long.endsWith('…'), long);
    assert.equal(htmlText('<html><head><title>Only a title</title></head><body></body></html>'), 'Only a title');
    // A page with no content-type, and one sent with 200, still fail as pages.
    assert.equal(rewriteBody(200, '', '  <html><body>Sign in</body></html>').status, 502);
  });

  it('streams pass unread; other bodies are read whole or peeked at', () => {
    assert.equal(planFor(200, 'text/event-stream; charset=utf-8'), 'pass');
    assert.equal(planFor(200, 'application/json'), 'read');
    assert.equal(planFor(401, 'text/event-stream'), 'read');
    assert.equal(planFor(200, 'text/plain'), 'peek');
    assert.equal(looksLikeDocument('\n {"code'), true);
    assert.equal(looksLikeDocument('event: message_start'), false);
  });
});

describe('gateway tolerance', () => {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const options = () => buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: fake.url }, { kind: 'apiKey', value: 'k', source: 'env' }, {});
  const gatewayOptions = () =>
    buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: `${fake.url}/gw`, authHeader: 'x-api-key', apiVersion: '2023-06-01' }, { kind: 'apiKey', value: 'gw-key', source: 'env' }, {});
  const request = { model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };

  /** What a streamed chat request through the real backend throws. */
  async function streamError(): Promise<unknown> {
    const backend = await createBackend(gatewayOptions());
    try {
      for await (const event of backend.stream(request, new AbortController().signal)) void event;
    } catch (err) {
      return err;
    }
    assert.fail('the stream did not fail');
  }

  async function createError(): Promise<unknown> {
    const client = await createClient({ ...gatewayOptions(), maxRetries: 0 });
    return client.messages.create(request).then(
      () => assert.fail('the request did not fail'),
      (err: unknown) => err,
    );
  }

  it('reads a wrapped model list and a wrapped non-streaming message', async () => {
    fake.wrapJson = true;
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh({ provider: 'anthropic', client: options() }), true);
    assert.deepEqual(catalog.list().map((m) => m.id), ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5', 'claude-opus-4-5']);
    fake.enqueue(textReply(['unwrapped']));
    const client = await createClient(options());
    const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'unwrapped');
  });

  it('keeps the built-in model list when the endpoint has none', async () => {
    fake.models = [];
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh({ provider: 'anthropic', client: options() }), false);
    assert.ok(catalog.list().some((m) => m.id === 'claude-opus-5-5'));
    assert.equal(catalog.list('my-gateway-model')[0].id, 'my-gateway-model', 'a configured id the list lacks is still offered');
  });

  it('sends to the prefixed path with x-api-key and 2023-06-01', async () => {
    fake.wrapJson = true;
    fake.enqueue(textReply(['ok']));
    const client = await createClient(gatewayOptions());
    await client.messages.create(request);
    const [sent] = fake.messageRequests;
    assert.equal(sent.fullPath, '/gw/v1/messages');
    assert.equal(sent.headers['x-api-key'], 'gw-key');
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent.headers.authorization, undefined);
  });

  it('a {code:403,msg} with HTTP 200 fails as a 403 with the gateway\'s words and offers Set API Key', async () => {
    fake.enqueue(rawBody(200, 'application/json', '{"code":403,"msg":"余额不足"}'));
    const err = (await createError()) as { status?: number };
    assert.equal(err.status, 403);
    const shown = classifyError(err, ctx);
    assert.equal(shown.kind, 'permission');
    assert.equal(shown.message, 'The endpoint refused the request (403): 余额不足');
    assert.deepEqual(shown.actions, ['setApiKey']);
  });

  it('a streamed request answered with an envelope instead of SSE fails with its status (application/json and text/plain)', async () => {
    fake.enqueue(rawBody(200, 'text/plain; charset=utf-8', '\n  {"code":401,"message":"bad key"}'));
    const unauthorized = await streamError();
    assert.equal((unauthorized as { status?: number }).status, 401);
    const auth = classifyError(unauthorized, ctx);
    assert.equal(auth.message, 'The endpoint rejected the API key (401: bad key). Set a valid key to continue.');
    assert.deepEqual(auth.actions, ['setApiKey']);

    fake.enqueue(rawBody(403, 'application/json', '{"code":403,"msg":"Region not supported"}'));
    const region = classifyError(await streamError(), ctx);
    assert.match(region.message, /\(403\): Region not supported/);
    assert.deepEqual(region.actions, [], 'a new key does not help here');
  });

  it('a proxy\'s 502 page becomes a short message without markup, streamed or not', async () => {
    fake.enqueue(rawBody(502, 'text/html', PROXY_PAGE, { 'x-should-retry': 'false' }), rawBody(502, 'text/plain', PROXY_PAGE));
    for (const err of [await streamError(), await createError()]) {
      assert.equal((err as { status?: number }).status, 502);
      const shown = classifyError(err, ctx);
      assert.equal(shown.message, 'The endpoint answered with an HTML page (502): 502 Bad Gateway nginx/1.25.3 & friends');
      assert.equal(shown.transient, true, 'a 502 may pass: the session retries it');
    }
  });

  it('an SSE stream sent as text/plain still streams (it is not read whole first)', async () => {
    const gate = new Gate();
    const stream = textReply(['first ', 'second'], { pauseAfter: { chunks: 1, gate } });
    fake.enqueue({ ...stream, headers: { 'content-type': 'text/plain' } });
    const backend = await createBackend(gatewayOptions());
    let text = '';
    for await (const event of backend.stream(request, new AbortController().signal) as AsyncIterable<StreamEvent & { delta?: { text?: string } }>) {
      if (event.type === 'content_block_delta') text += event.delta?.text ?? '';
      if (text === 'first ') gate.open(); // reached only while the server still holds the rest
    }
    assert.equal(text, 'first second');
  });
});
