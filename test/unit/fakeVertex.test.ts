// The Vertex AI side of the fake server, driven by the real @anthropic-ai/vertex-sdk: it must answer
// what Vertex answers and refuse what Vertex refuses.
import { APIError } from '@anthropic-ai/sdk';
import type { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { PassThroughClient } from 'google-auth-library';
import * as assert from 'node:assert/strict';
import { httpError, textReply, toolUseReply } from '../fake-anthropic/scripts';
import type { FakeAnthropic, RecordedRequest } from '../fake-anthropic/server';
import { VERTEX_API_VERSION } from '../fake-anthropic/vertexRoutes';
import { useFakeVertex, vertexClientFor } from '../support/fakeVertexClient';
import { staticTokenClient } from '../support/vertexCredentials';

const failure = (promise: Promise<unknown>): Promise<APIError> =>
  promise.then(
    () => assert.fail('the request should fail'),
    (e: unknown) => e as APIError,
  );

/** Google's error envelope, as a list (the streaming method) or alone. */
const googleError = (err: APIError): { code?: number; status?: string; message?: string } => {
  const body = err.error as unknown;
  const envelope = (Array.isArray(body) ? body[0] : body) as { error?: { code?: number; status?: string; message?: string } };
  return envelope?.error ?? {};
};

describe('fake Vertex AI, driven by the real Vertex SDK', () => {
  let fake: FakeAnthropic;
  let client: AnthropicVertex;
  const params = { model: 'claude-sonnet-4-5@20250929', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };

  useFakeVertex((f, c) => {
    fake = f;
    client = c;
  });

  it('streams a reply over :streamRawPredict, the model in the URL and anthropic_version in the body', async () => {
    let seen: RecordedRequest | undefined;
    fake.enqueue((request) => ((seen = request), textReply(['Hel', 'lo ', 'Vertex'])));
    const events: string[] = [];
    const deltas: string[] = [];
    const stream = client.messages.stream(params);
    stream.on('streamEvent', (event) => events.push(event.type));
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    assert.deepEqual(deltas, ['Hel', 'lo ', 'Vertex']);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'Hello Vertex');
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
    const [request] = fake.vertex.requests;
    assert.equal(request.path, '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict');
    assert.equal(request.headers.authorization, 'Bearer ya29.static-test-token');
    assert.equal(request.headers['anthropic-version'], undefined, 'Vertex takes the version in the body');
    assert.equal(request.json.anthropic_version, VERTEX_API_VERSION);
    assert.equal('model' in request.json, false);
    assert.equal(request.json.stream, true);
    // Scripts see the request as the Messages API would have: the model from the URL, no version.
    assert.equal(seen?.json.model, 'claude-sonnet-4-5-20250929');
    assert.equal(seen?.json.anthropic_version, undefined);
    assert.equal(fake.messageRequests.length, 0, 'nothing reached /v1/messages');
  });

  it('answers :rawPredict with the whole message as JSON', async () => {
    fake.enqueue(textReply(['One ', 'two']));
    const message = await client.messages.create({ ...params, model: 'claude-sonnet-5-5' });
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'One two');
    assert.match(fake.vertex.requests[0].path, /\/models\/claude-sonnet-5-5:rawPredict$/);
    assert.equal(fake.vertex.requests[0].json.stream, undefined);
  });

  it("refuses the SDK's own anthropic_version (the API's 2026-10-21) with a 400 naming Vertex's", async () => {
    fake.enqueue(textReply(['never sent']));
    const bare = vertexClientFor(fake, { authClient: staticTokenClient(fake), defaultHeaders: {} });
    const err = await failure(bare.messages.create(params));
    assert.equal(err.status, 400);
    assert.equal(fake.vertex.requests[0].json.anthropic_version, '2026-10-21');
    assert.match(err.message, /anthropic_version: Input should be 'vertex-2023-10-16'/);
    fake.vertex.apiVersions = new Set([VERTEX_API_VERSION, '2026-10-21']);
    const message = await bare.messages.create(params); // the script was left for the next request
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'never sent');
  });

  it('refuses a body without anthropic_version or with a model, in the API error shape', async () => {
    const url = `${fake.url}/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-5-5:rawPredict`;
    const post = async (body: unknown) => {
      const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer ya29.static-test-token', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as { type: string; error: { type: string; message: string } } };
    };
    const base = { max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] };
    const missing = await post(base);
    assert.equal(missing.status, 400);
    assert.deepEqual([missing.json.type, missing.json.error.type, missing.json.error.message], ['error', 'invalid_request_error', 'anthropic_version: Field required']);
    const extra = await post({ ...base, anthropic_version: VERTEX_API_VERSION, model: 'claude-sonnet-5-5' });
    assert.deepEqual([extra.status, extra.json.error.message], [400, 'model: Extra inputs are not permitted']);
    const noTokens = await post({ anthropic_version: VERTEX_API_VERSION, messages: base.messages });
    assert.deepEqual([noTokens.status, noTokens.json.error.message], [400, 'max_tokens: Field required']);
    assert.equal(fake.vertex.requests.length, 3);
  });

  it("refuses a model id that is not in Vertex's form with Google's 404", async () => {
    for (const model of ['claude-sonnet-4-5-20250929', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-opus-4-6@latest', 'gpt-4o']) {
      const err = await failure(client.messages.create({ ...params, model }));
      assert.equal(err.status, 404, model);
      assert.equal(googleError(err).status, 'NOT_FOUND');
      assert.match(String(googleError(err).message), /^Publisher Model `projects\/test-project\/locations\/us-east5\/publishers\/anthropic\/models\/.+` was not found or your project does not have access to it\./);
    }
    fake.dropModel('claude-sonnet-5-5');
    assert.equal((await failure(client.messages.create({ ...params, model: 'claude-sonnet-5-5' }))).status, 404);
  });

  it('refuses another project (403) and another region (404), and serves the global endpoint', async () => {
    const elsewhere = await failure(vertexClientFor(fake, { authClient: staticTokenClient(fake), projectId: 'someone-else' }).messages.create(params));
    assert.equal(elsewhere.status, 403);
    assert.equal(googleError(elsewhere).status, 'PERMISSION_DENIED');
    assert.match(String(googleError(elsewhere).message), /^Permission 'aiplatform\.endpoints\.predict' denied on resource '\/\/aiplatform\.googleapis\.com\/projects\/someone-else\/locations\/us-east5\/publishers\/anthropic\/models\/claude-sonnet-4-5@20250929' \(or it may not exist\)\.$/);
    const region = await failure(vertexClientFor(fake, { authClient: staticTokenClient(fake), region: 'europe-west1' }).messages.create(params));
    assert.equal(region.status, 404);
    assert.match(String(googleError(region).message), /locations\/europe-west1\/.* was not found/);
    fake.enqueue(textReply(['global']));
    const global = await vertexClientFor(fake, { authClient: staticTokenClient(fake), region: 'global' }).messages.create(params);
    assert.equal(global.content[0].type === 'text' && global.content[0].text, 'global');
    fake.vertex.globalEndpoint = false;
    assert.equal((await failure(vertexClientFor(fake, { authClient: staticTokenClient(fake), region: 'global' }).messages.create(params))).status, 404);
  });

  it("refuses a request without a token, or with one it did not issue or that expired, with Google's 401", async () => {
    const anonymous = await failure(vertexClientFor(fake, { authClient: new PassThroughClient() }).messages.stream(params).finalMessage());
    assert.equal(anonymous.status, 401);
    assert.equal(fake.vertex.requests[0].headers.authorization, undefined);
    assert.deepEqual(anonymous.error, [
      {
        error: {
          code: 401,
          message: 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          status: 'UNAUTHENTICATED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'CREDENTIALS_MISSING', domain: 'googleapis.com', metadata: { service: 'aiplatform.googleapis.com', method: 'google.cloud.aiplatform.v1.PredictionService.StreamRawPredict' } }],
        },
      },
    ]);
    const forged = vertexClientFor(fake, { authClient: staticTokenClient(fake, 'ya29.forged') });
    fake.vertex.credentials.reset(); // the fake no longer knows the token
    const unknown = await failure(forged.messages.create(params));
    assert.equal(unknown.status, 401);
    assert.match(String(googleError(unknown).message), /^Request had invalid authentication credentials\./);
    const expiring = vertexClientFor(fake, { authClient: staticTokenClient(fake, 'ya29.expiring') });
    fake.vertex.credentials.expireTokens();
    assert.equal((await failure(expiring.messages.create(params))).status, 401);
  });

  it('answers 429 RESOURCE_EXHAUSTED while throttled, before the script is used', async () => {
    fake.enqueue(textReply(['after the quota']));
    fake.vertex.throttle = 1;
    const err = await failure(client.messages.stream(params).finalMessage());
    assert.equal(err.status, 429);
    assert.equal(err.constructor.name, 'RateLimitError');
    assert.equal(googleError(err).status, 'RESOURCE_EXHAUSTED');
    assert.match(String(googleError(err).message), /^Quota exceeded for aiplatform\.googleapis\.com\/online_prediction_requests_per_base_model with base model: anthropic-claude-sonnet-4-5\./);
    fake.vertex.throttle = 1;
    const retrying = vertexClientFor(fake, { authClient: staticTokenClient(fake), maxRetries: 1 });
    const message = await retrying.messages.create(params);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'after the quota');
    assert.equal(fake.vertex.requests.length, 3);
  });

  it("passes scripted HTTP errors through in the API's shape (Claude's own errors on Vertex)", async () => {
    fake.enqueue(httpError(529, 'overloaded_error', 'Overloaded'));
    const err = await failure(client.messages.create(params));
    assert.equal(err.status, 529);
    assert.equal((err.error as { error?: { type?: string } }).error?.type, 'overloaded_error');
  });

  it('validates a tool loop as the API does: a tool_use must be answered by its tool_result', async () => {
    const tools = [{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } } }];
    fake.enqueue(toolUseReply({ id: 'toolu_1', name: 'read_file', jsonChunks: ['{"path":', '"a.ts"}'] }), textReply(['Done.']));
    const first = await client.messages.stream({ ...params, tools }).finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const unanswered = [...params.messages, { role: 'assistant' as const, content: first.content }, { role: 'user' as const, content: 'Go on' }];
    const refused = await failure(client.messages.create({ ...params, tools, messages: unanswered }));
    assert.equal(refused.status, 400);
    assert.match(refused.message, /tool_use.*tool_result/);
    const answered = [...params.messages, { role: 'assistant' as const, content: first.content }, { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: 'export {}' }] }];
    const done = await client.messages.stream({ ...params, tools, messages: answered }).finalMessage();
    assert.equal(done.content[0].type === 'text' && done.content[0].text, 'Done.');
  });

  it('counts tokens at count-tokens:rawPredict, with the model in the body', async () => {
    const counted = await client.messages.countTokens({ model: params.model, messages: params.messages });
    assert.ok(counted.input_tokens > 0);
    const [request] = fake.vertex.requests;
    assert.equal(request.path, '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict');
    assert.equal(request.json.model, params.model);
    assert.equal((await failure(client.messages.countTokens({ model: 'claude-sonnet-4-5-20250929', messages: params.messages }))).status, 404);
  });

  it('refuses an anthropic-beta value Vertex lacks, when told which it has', async () => {
    fake.vertex.betas = new Set(['context-management-2025-06-27']);
    const err = await failure(client.beta.messages.create({ ...params, betas: ['files-api-2025-04-14'] }));
    assert.equal(err.status, 400);
    assert.match(err.message, /Unexpected value\(s\) `files-api-2025-04-14` for the `anthropic-beta` header/);
  });
});
