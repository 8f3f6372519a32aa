// The chat engine end to end in Node: ChatEngine + the real SDK (through the host's client
// factory) + the fake server over HTTP.
import * as assert from 'node:assert/strict';
import { noKeyMessage } from '../../src/core/engine/chatEngine';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import { dropMidStream, errorMidStream, Gate, httpError, textReply, thinkingReply, type Reply } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';

describe('ChatEngine with the real SDK against the fake server', () => {
  const h = useEngineHarness();

  it('streams a reply as deltas only, and sends model, max_tokens and the key', async () => {
    h.fake.enqueue(textReply(['The ', 'answer ', 'is 42.']));
    const chat = h.engine();
    await chat.send('What is the answer?');
    assert.deepEqual(
      h.ofType('replyDelta').map((m) => m.text),
      ['The ', 'answer ', 'is 42.'],
    );
    assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['done']);
    const [request] = h.fake.messageRequests;
    assert.equal(request.json.model, 'claude-sonnet-5-5');
    assert.equal(request.json.max_tokens, 1000);
    assert.deepEqual(request.json.messages, [{ role: 'user', content: [{ type: 'text', text: 'What is the answer?', cache_control: { type: 'ephemeral' } }] }]);
    assert.equal(request.headers.authorization, 'Bearer sk-unit');
    assert.equal('temperature' in request.json || 'top_p' in request.json || 'top_k' in request.json || 'thinking' in request.json, false);
    assert.deepEqual(chat.transcript().map((e) => [e.role, e.text, e.status]), [
      ['user', 'What is the answer?', undefined],
      ['assistant', 'The answer is 42.', 'done'],
    ]);
  });

  it('sends the whole history on later turns', async () => {
    h.fake.enqueue(textReply(['One.']), textReply(['Two.']), textReply(['Three.']));
    const chat = h.engine();
    await chat.send('first');
    await chat.send('second');
    await chat.send('third');
    const third = h.fake.messageRequests[2].json.messages.map((m: { role: string; content: Array<{ text: string }> }) => [m.role, m.content.map((b) => b.text).join('')]);
    assert.deepEqual(third, [['user', 'first'], ['assistant', 'One.'], ['user', 'second'], ['assistant', 'Two.'], ['user', 'third']]);
  });

  it('reports usage and cost per reply and for the conversation', async () => {
    h.fake.enqueue(textReply(['Hi'], { inputTokens: 1000, cacheReadTokens: 2000, cacheWriteTokens: 400 }));
    const chat = h.engine();
    await chat.send('hello');
    const [end] = h.ofType('replyEnd');
    assert.deepEqual({ ...end.usage, cost: undefined }, { input: 1000, cacheRead: 2000, cacheWrite: 400, output: 1, cost: undefined });
    // Sonnet 5.5: $2 in, $10 out per million; cache write 1.25x, read 0.1x.
    const expected = (1000 * 2 + 400 * 2.5 + 2000 * 0.2 + 1 * 10) / 1e6;
    assert.ok(Math.abs((end.usage?.cost ?? 0) - expected) < 1e-12);
    const usage = h.ofType('usage').at(-1)!.usage;
    assert.equal(usage.contextUsed, 1000 + 2000 + 400 + 1);
    assert.equal(usage.contextLimit, 1_000_000);
  });

  it('with no key, says so, offers Set API Key and gives the text back', async () => {
    h.credentials = undefined;
    const chat = h.engine();
    await chat.send('hello?');
    assert.deepEqual(h.ofType('error'), [{ type: 'error', message: noKeyMessage(), actions: ['setApiKey'] }]);
    assert.deepEqual(h.ofType('restoreComposer'), [{ type: 'restoreComposer', text: 'hello?' }]);
    assert.equal(h.fake.requests.length, 0);
    await chat.handle({ type: 'setApiKey' });
    assert.equal(h.keyRequests, 1);
  });

  it('on a 401, offers Set API Key, removes the turn and restores the composer', async () => {
    h.fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
    const chat = h.engine();
    await chat.send('my question');
    const [error] = h.ofType('error');
    assert.match(error.message, /rejected the API key/);
    assert.deepEqual(error.actions, ['setApiKey']);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['my question']);
    assert.equal(h.ofType('removeMessage').length, 2);
    assert.deepEqual(chat.transcript(), []);
  });

  it('a first message taken back (the send failed before anything arrived) is saved away too: a reload does not bring it back beside the box', async () => {
    h.fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
    const chat = h.engine();
    await chat.send('my question');
    assert.ok(h.saves.some((s) => s.conversation.turns.length === 1), 'the message was saved while it was sent');
    assert.deepEqual(h.saves.at(-1)?.conversation.turns, [], 'the last save is the chat as it is now: empty');
  });

  it('on a 404, names the model and offers to pick another', async () => {
    h.fake.enqueue(httpError(404, 'not_found_error', 'model: claude-nope'));
    h.settings = { ...h.settings, model: 'claude-nope' };
    await h.engine().send('hi');
    const [error] = h.ofType('error');
    assert.match(error.message, /"claude-nope" was not found/);
    assert.deepEqual(error.actions, ['pickModel']);
  });

  it('on a 403, and on any 400, shows the API message', async () => {
    h.fake.enqueue(httpError(403, 'permission_error', 'Your key cannot use this model'), httpError(400, 'invalid_request_error', 'messages: text content blocks must be non-empty'));
    const chat = h.engine();
    await chat.send('a');
    await chat.send('b');
    const [forbidden, invalid] = h.ofType('error');
    assert.match(forbidden.message, /403.*Your key cannot use this model/);
    assert.match(invalid.message, /400.*text content blocks must be non-empty/);
  });

  it('explains the apiVersion interplay when a 400 is about temperature', async () => {
    h.settings = { ...h.settings, temperature: 0.2 };
    h.fake.enqueue(httpError(400, 'invalid_request_error', 'temperature: Extra inputs are not permitted'));
    await h.engine().send('hi');
    assert.equal(h.fake.messageRequests[0].json.temperature, 0.2, 'sent because it is set');
    assert.match(h.ofType('error')[0].message, /apiVersion.*2023-06-01/);
  });

  it('retries a mid-stream overload by itself, starting the reply over', async () => {
    h.fake.enqueue(errorMidStream(['Half an ']), textReply(['A whole answer.']));
    const chat = h.engine();
    await chat.send('question');
    assert.equal(h.ofType('error').length, 0);
    assert.equal(h.ofType('replyReset').length, 1);
    assert.match(h.ofType('replyStatus')[0].text, /overloaded.*Retrying in 1 s \(attempt 2 of 3\)/i);
    assert.deepEqual(h.waits, [1000]);
    assert.deepEqual(chat.transcript().map((e) => e.text), ['question', 'A whole answer.']);
    assert.equal(h.fake.messageRequests.length, 2);
    assert.equal(h.fake.messageRequests[1].body, h.fake.messageRequests[0].body, 'the retry sends the same request');
  });

  it('after the last automatic retry, keeps the partial reply and offers Retry, which regenerates it', async () => {
    h.fake.enqueue(httpError(529, 'overloaded_error', 'Overloaded'), httpError(529, 'overloaded_error', 'Overloaded'), errorMidStream(['Partial']), textReply(['Fine now.']));
    const chat = h.engine();
    await chat.send('question');
    assert.deepEqual(h.waits, [1000, 2000]);
    const [error] = h.ofType('error');
    assert.match(error.message, /overloaded.*partial reply is kept/i);
    assert.deepEqual(error.actions, ['retry']);
    assert.equal(chat.transcript()[1].text, 'Partial');
    assert.equal(chat.transcript()[1].status, 'error');
    await chat.handle({ type: 'retry' });
    assert.deepEqual(chat.transcript().map((e) => e.text), ['question', 'Fine now.']);
  });

  it('on a 429, shows the wait from retry-after and retries', async () => {
    h.fake.enqueue(httpError(429, 'rate_limit_error', 'Too many requests', { 'retry-after': '7' }), textReply(['ok']));
    const chat = h.engine();
    await chat.send('q');
    assert.deepEqual(h.waits, [7000]);
    assert.match(h.ofType('replyStatus')[0].text, /Rate limited by the API \(429\)\. Retrying in 7 s/);
    assert.equal(chat.transcript()[1].text, 'ok');
  });

  it('does not sit silently through a long retry-after: it says how long and gives the text back', async () => {
    h.fake.enqueue(httpError(429, 'rate_limit_error', 'Too many requests', { 'retry-after': '600' }));
    await h.engine().send('q');
    assert.deepEqual(h.waits, []);
    assert.match(h.ofType('error')[0].message, /wait 600 s/);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['q']);
  });

  it('keeps the partial reply when the connection drops', async () => {
    h.fake.enqueue(dropMidStream(['Partial ', 'text']));
    const chat = h.engine();
    await chat.send('question');
    const [error] = h.ofType('error');
    assert.match(error.message, /connection dropped mid-reply/i);
    assert.deepEqual(error.actions, ['retry']);
    assert.equal(chat.transcript()[1].text, 'Partial text');
    assert.deepEqual(h.waits, [], 'a dropped connection is not retried by itself');
  });

  it('Stop aborts the HTTP request and keeps the partial reply marked stopped', async () => {
    const gate = new Gate();
    h.fake.enqueue(textReply(['Before stop. ', 'after'], { pauseAfter: { chunks: 1, gate } }));
    const chat = h.engine();
    const sending = chat.send('go');
    await h.until('replyDelta');
    await chat.handle({ type: 'stop' });
    await sending;
    const [request] = h.fake.messageRequests;
    await request.closed;
    assert.equal(request.aborted, true, 'the fake server saw the connection close');
    assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['stopped']);
    assert.equal(chat.transcript()[1].text, 'Before stop. ');
    assert.equal(h.ofType('error').length, 0);
    gate.open();
  });

  it('sends thinking settings, streams thinking, and sends thinking blocks back unchanged', async () => {
    h.settings = { ...h.settings, thinking: 'summarized', effort: 'high' };
    h.fake.enqueue(thinkingReply(['Consider ', 'this.'], 'sig-123', ['Answer.']), textReply(['Second.']));
    const chat = h.engine();
    await chat.send('one');
    await chat.send('two');
    const [first, second] = h.fake.messageRequests;
    assert.deepEqual(first.json.thinking, { type: 'adaptive', display: 'summarized' });
    assert.deepEqual(first.json.output_config, { effort: 'high' });
    assert.deepEqual(h.ofType('thinkingDelta').map((m) => m.text), ['Consider ', 'this.']);
    assert.deepEqual(second.json.messages[1], { role: 'assistant', content: [{ type: 'thinking', thinking: 'Consider this.', signature: 'sig-123' }, { type: 'text', text: 'Answer.' }] });
    assert.equal(chat.transcript()[1].thinking, 'Consider this.');
  });

  it('uses a manual thinking budget for models without adaptive thinking', async () => {
    h.settings = { ...h.settings, model: 'claude-haiku-4-5', thinking: 'summarized', maxTokens: 4000 };
    h.fake.enqueue(textReply(['ok']));
    await h.engine().send('q');
    assert.deepEqual(h.fake.messageRequests[0].json.thinking, { type: 'enabled', budget_tokens: 2000 });
  });

  it('sends gateway headers: x-api-key, a pinned anthropic-version and custom headers', async () => {
    h.settings = { ...h.settings, authHeader: 'x-api-key', apiVersion: '2023-06-01', customHeaders: { 'X-Team': 'blue' }, topK: 5 };
    h.fake.enqueue(textReply(['ok']));
    await h.engine().send('q');
    const { headers, json } = h.fake.messageRequests[0];
    assert.equal(headers['x-api-key'], 'sk-unit');
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['anthropic-version'], '2023-06-01');
    assert.equal(headers['x-team'], 'blue');
    assert.equal(json.top_k, 5);
  });

  it('saves while streaming; a reply cut off by a closing window reloads as interrupted', async () => {
    const gate = new Gate();
    h.fake.enqueue(textReply(['kept ', 'lost'], { pauseAfter: { chunks: 1, gate } }));
    const chat = h.engine();
    const sending = chat.send('q');
    await h.until('replyDelta');
    const saved = JSON.stringify(chat.conversation()); // what deactivate writes
    const reloaded = parseConversation(saved);
    assert.equal(reloaded.turns[1].role === 'assistant' && reloaded.turns[1].status, 'interrupted');
    const fresh = h.engine();
    await fresh.load(reloaded);
    assert.deepEqual(fresh.transcript().map((e) => [e.text, e.status]), [['q', undefined], ['kept ', 'interrupted']]);
    gate.open();
    await sending;
    assert.equal(h.saves.at(-1)?.streaming, false);
    assert.equal(h.saves.at(-1)?.conversation.turns.length, 2);
  });

  it('New chat starts a new conversation', async () => {
    h.fake.enqueue(textReply(['Hi.']), textReply(['Fresh.']));
    const chat = h.engine();
    await chat.send('one');
    const firstId = chat.conversationId;
    await chat.handle({ type: 'newChat' });
    assert.equal(h.ofType('cleared').length, 1);
    assert.notEqual(chat.conversationId, firstId);
    await chat.send('two');
    assert.equal(h.fake.messageRequests[1].json.messages.length, 1);
  });

  it('the snapshot holds a reply that is still streaming', async () => {
    const gate = new Gate();
    h.fake.enqueue(textReply(['so ', 'far', ' and more'], { pauseAfter: { chunks: 2, gate } }));
    const chat = h.engine();
    const sending = chat.send('q');
    await h.until('replyDelta', (m) => m.text === 'far');
    const snapshot = chat.snapshot(true);
    assert.equal(snapshot.type, 'init');
    assert.deepEqual(snapshot.type === 'init' && snapshot.transcript[1], { id: h.ofType('replyStart')[0].id, role: 'assistant', text: 'so far', thinking: undefined, parts: [{ kind: 'text', text: 'so far' }], model: 'Claude Sonnet 5.5' });
    gate.open();
    await sending;
  });

});

describe('prefill ("Start Claude\'s reply with…")', () => {
  const h = useEngineHarness();

  const run = async (model: string, reply: Reply) => {
    h.settings = { ...h.settings, model, thinking: 'summarized' };
    const chat = h.engine();
    h.fake.enqueue(reply);
    await chat.handle({ type: 'send', text: 'List three colours as JSON.', prefill: '{"colours": [ ' });
    return { chat, request: h.fake.messageRequests[0] };
  };

  it('ends the request with the assistant prefix (without thinking) and keeps it as the start of the reply', async () => {
    const { chat, request } = await run('claude-haiku-4-5', textReply(['"red", "green", "blue"]}']));
    assert.deepEqual(request.json.messages.at(-1), { role: 'assistant', content: '{"colours": [' });
    assert.equal(request.json.thinking, undefined);
    assert.equal(chat.transcript()[1].text, '{"colours": ["red", "green", "blue"]}');
    assert.equal(h.ofType('replyDelta').map((m) => m.text).join(''), '{"colours": ["red", "green", "blue"]}');
  });

  it("explains the API's refusal in plain words when a model does not accept it", async () => {
    await run('claude-opus-5-5', httpError(400, 'invalid_request_error', 'This model does not support assistant message prefill. The conversation must end with a user message.'));
    assert.match(h.ofType('error')[0]?.message ?? '', /does not accept a prefilled reply \(only the Claude 4\.5 models do\)/);
  });
});
