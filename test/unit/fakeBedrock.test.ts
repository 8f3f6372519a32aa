// The fake's Amazon Bedrock routes, read through the real @anthropic-ai/bedrock-sdk: streamed replies
// in event-stream frames, whole messages, the API's checks behind Bedrock's, and Bedrock's refusals.
import * as assert from 'node:assert/strict';
import type { Middleware } from '@anthropic-ai/sdk';
import { exceptionMidStream, STREAM_THROTTLING_MESSAGE } from '../fake-anthropic/bedrockScripts';
import { errorMidStream, Gate, httpError, textReply, toolUseReply } from '../fake-anthropic/scripts';
import { exceptionOf, failure, useBedrockFake } from '../support/bedrockClient';

const PROFILE_MODEL = 'us.anthropic.claude-sonnet-5-5';
const ask = (text = 'Hi', model = PROFILE_MODEL) => ({ model, max_tokens: 256, messages: [{ role: 'user' as const, content: text }] });

describe('fake Bedrock: InvokeModel through the Bedrock SDK', () => {
  const suite = useBedrockFake();

  it('streams a reply as event-stream frames: the text arrives in order, finalMessage is whole, message_stop has the invocation metrics', async () => {
    suite.fake.enqueue(textReply(['Hello', ' from', ' Bedrock'], { inputTokens: 21 }));
    const stream = suite.client().messages.stream(ask());
    const texts: string[] = [];
    const types: string[] = [];
    let metrics: unknown;
    stream.on('text', (text) => texts.push(text));
    stream.on('streamEvent', (event) => {
      types.push(event.type);
      if (event.type === 'message_stop') metrics = (event as unknown as Record<string, unknown>)['amazon-bedrock-invocationMetrics'];
    });
    const message = await stream.finalMessage();
    assert.deepEqual(texts, ['Hello', ' from', ' Bedrock']);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from Bedrock' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(types.at(-1), 'message_stop');
    assert.deepEqual(Object.keys(metrics as object), ['inputTokenCount', 'outputTokenCount', 'invocationLatency', 'firstByteLatency']);
    assert.equal((metrics as { inputTokenCount: number }).inputTokenCount, 21);

    const [call] = suite.fake.bedrock.calls;
    assert.equal(call.operation, 'InvokeModelWithResponseStream');
    assert.equal(call.modelId, PROFILE_MODEL);
    assert.equal(call.body.model, undefined, 'the model goes in the path, not the body');
    assert.equal(call.body.stream, undefined);
    assert.equal(call.body.anthropic_version, 'bedrock-2023-05-31', 'the version header goes into the body');
    assert.equal(call.auth?.kind, 'sigv4');
    const [request] = suite.fake.messageRequests;
    assert.equal(request.fullPath, `/model/${PROFILE_MODEL}/invoke-with-response-stream`);
    assert.deepEqual([request.json.model, request.json.stream], ['claude-sonnet-5-5', true], 'logged in the API shape');
  });

  it('answers a create that does not stream on /invoke with the whole message and the token-count headers', async () => {
    suite.fake.enqueue(textReply(['Whole', ' answer'], { inputTokens: 9 }));
    const { data, response } = await suite.client().messages.create(ask()).withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: 'Whole answer' }]);
    assert.equal(response.headers.get('x-amzn-bedrock-input-token-count'), '9');
    assert.ok(response.headers.get('x-amzn-requestid'));
    assert.equal(suite.fake.bedrock.calls[0].operation, 'InvokeModel');
    assert.equal(suite.fake.messageRequests[0].fullPath, `/model/${PROFILE_MODEL}/invoke`);
  });

  it('runs a tool loop: the request carrying the tool result is checked as the API checks it', async () => {
    const tools = [{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } } }];
    suite.fake.enqueue(toolUseReply({ id: 'toolu_1', name: 'read_file', jsonChunks: ['{"path":', '"a.ts"}'] }, ['Reading.']), textReply(['It exports one function.']));
    const client = suite.client();
    const first = await client.messages.stream({ ...ask('What is in a.ts?'), tools }).finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    assert.deepEqual(toolUse?.input, { path: 'a.ts' });
    const messages = [
      { role: 'user' as const, content: 'What is in a.ts?' },
      { role: 'assistant' as const, content: first.content },
      { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: 'export function f() {}' }] },
    ];

    const withoutTools = await failure(client.messages.stream({ ...ask(), messages }).finalMessage());
    assert.equal(withoutTools.status, 400);
    assert.match(withoutTools.message, /Requests which include `tool_use` or `tool_result` blocks must define tools\./);
    assert.equal(exceptionOf(withoutTools), 'ValidationException');

    const second = await client.messages.stream({ ...ask(), messages, tools }).finalMessage();
    assert.deepEqual(second.content, [{ type: 'text', text: 'It exports one function.' }]);
    assert.equal(suite.fake.messageRequests.at(-1)!.json.messages[2].content[0].type, 'tool_result');
  });

  it('takes foundation model ids, inference profiles and ARNs, and refuses an Anthropic API id as Bedrock does', async () => {
    const taken = [
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'anthropic.claude-sonnet-5-5',
      'eu.anthropic.claude-opus-4-6-v1',
      'global.anthropic.claude-haiku-4-5-20251001-v1:0',
      'apac.anthropic.claude-sonnet-5-5',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-5-5',
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-5-5',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    ];
    const client = suite.client();
    for (const model of taken) {
      suite.fake.enqueue(textReply(['ok']));
      const message = await client.messages.create(ask('Hi', model));
      assert.equal(message.content[0].type, 'text', model);
    }
    assert.equal(suite.fake.bedrock.calls[5].modelId, taken[5], "an ARN's `/` arrives encoded and is read back");
    assert.equal(suite.fake.messageRequests[0].json.model, 'claude-sonnet-4-5', 'answered as the model it names');

    for (const model of ['claude-sonnet-5-5', 'sonnet', 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-5-5']) {
      const refused = await failure(client.messages.create(ask('Hi', model)));
      assert.equal(refused.status, 400, model);
      assert.match(refused.message, /^400 The provided model identifier is invalid\./, model);
    }
  });

  it("refuses a body without anthropic_version, with an unknown one, or with the API's `model` and `stream` in it", async () => {
    const noVersion = await failure(suite.client({ defaultHeaders: { 'anthropic-version': null } }).messages.create(ask()));
    assert.equal(noVersion.status, 400);
    assert.match(noVersion.message, /anthropic_version: Field required/);

    const unknown = await failure(suite.client({ defaultHeaders: { 'anthropic-version': '2023-01-01' } }).messages.create(ask()));
    assert.match(unknown.message, /Invalid API version: 2023-01-01/);
    // The SDK on its own copies the Messages API's version: Bedrock documents only its own.
    const apiVersion = await failure(suite.client({ defaultHeaders: {} }).messages.create(ask()));
    assert.match(apiVersion.message, /Invalid API version: (?!bedrock-)/);

    // Middleware that sends to Bedrock's route itself keeps the API's body; the SDK still signs it.
    const apiBody: Middleware = (request, next) => next({ ...request, url: request.url.replace('/v1/messages', `/model/${PROFILE_MODEL}/invoke-with-response-stream`) });
    const withModel = await failure(suite.client({ middleware: [apiBody] }).messages.stream(ask()).finalMessage());
    assert.equal(withModel.status, 400);
    assert.match(withModel.message, /model: Extra inputs are not permitted/);
    assert.equal(suite.fake.bedrock.calls.at(-1)!.body.stream, true);
    assert.equal(suite.fake.bedrock.calls.at(-1)!.auth?.kind, 'sigv4', 'refused for the body, not the signature');
    assert.equal(suite.fake.bedrock.calls.length, 4);
  });

  it('refuses the fields listed in refusedFields, and a model the account may not use', async () => {
    suite.fake.bedrock.refusedFields.add('output_config.effort');
    const effort = await failure(suite.client().messages.create({ ...ask(), output_config: { effort: 'high' } } as never));
    assert.match(effort.message, /^400 output_config\.effort: Extra inputs are not permitted/);

    suite.fake.bedrock.deniedModels.add(PROFILE_MODEL);
    const denied = await failure(suite.client().messages.create(ask()));
    assert.equal(denied.status, 403);
    assert.match(denied.message, /You don't have access to the model with the specified model ID\./);
  });

  it('surfaces an exception frame mid-stream as an error, after the text that came before it', async () => {
    suite.fake.enqueue(exceptionMidStream(['Half an '], 'throttlingException', STREAM_THROTTLING_MESSAGE));
    const stream = suite.client().messages.stream(ask());
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const error = await failure(stream.finalMessage());
    assert.deepEqual(texts, ['Half an ']);
    assert.equal(error.status, undefined, 'it comes after HTTP 200');
    assert.deepEqual(error.error, { type: 'error', error: { type: 'throttlingException', message: STREAM_THROTTLING_MESSAGE } });

    suite.fake.enqueue(exceptionMidStream(['Half'], 'modelStreamErrorException', 'The model stream was interrupted.'));
    const streamError = await failure(suite.client().messages.stream(ask()).finalMessage());
    assert.deepEqual(streamError.error, { type: 'error', error: { type: 'modelStreamErrorException', message: 'The model stream was interrupted.' } });
  });

  it("passes the API's own errors on in Bedrock's form: an overload mid-stream, and an HTTP error as its exception", async () => {
    suite.fake.enqueue(errorMidStream(['Half an ']));
    const overloaded = await failure(suite.client().messages.stream(ask()).finalMessage());
    assert.deepEqual(overloaded.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });

    suite.fake.enqueue(httpError(529, 'overloaded_error', 'Overloaded', { 'x-should-retry': 'false' }));
    const unavailable = await failure(suite.client().messages.stream(ask()).finalMessage());
    assert.equal(unavailable.status, 503);
    assert.equal(exceptionOf(unavailable), 'ServiceUnavailableException');
    assert.match(unavailable.message, /^503 Overloaded/);
  });

  it('answers what Bedrock does not serve (the model list, the Files API) with 404 UnknownOperationException', async () => {
    const client = suite.client();
    // AnthropicBedrock has no `models`; a raw GET is what listing through it would send.
    for (const attempt of [() => client.get('/v1/models'), () => client.beta.files.list()]) {
      const refused = await failure(attempt());
      assert.deepEqual([refused.status, exceptionOf(refused)], [404, 'UnknownOperationException']);
    }
    assert.deepEqual(
      suite.fake.requests.map((r) => r.fullPath),
      ['/v1/models', '/v1/files'],
    );
  });

  it('sees the client hang up when the stream is aborted (Stop)', async () => {
    const gate = new Gate();
    suite.fake.enqueue(textReply(['one ', 'two ', 'three'], { pauseAfter: { chunks: 1, gate } }));
    const stream = suite.client().messages.stream(ask());
    const request = await suite.fake.waitForMessageRequests(1);
    await gate.reached;
    stream.abort();
    await request.closed;
    assert.equal(request.aborted, true);
    gate.open();
  });
});
