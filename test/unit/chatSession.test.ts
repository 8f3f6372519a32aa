// The chat engine end to end in Node: ChatSession + the real SDK (through the host's client
// factory) + the fake server over HTTP.
import * as assert from 'node:assert/strict';
import { ChatSession, NO_KEY_MESSAGE } from '../../src/core/chatSession';
import { buildClientOptions, type Credentials } from '../../src/core/clientOptions';
import type { HostToWebview } from '../../src/core/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { createBackend } from '../../src/host/clientFactory';
import { FakeAnthropic } from '../fake-anthropic/server';
import { dropMidStream, errorMidStream, Gate, httpError, textReply } from '../fake-anthropic/scripts';

describe('ChatSession with the real SDK against the fake server', () => {
  let fake: FakeAnthropic;
  let posted: HostToWebview[];
  let credentials: Credentials | undefined;
  let keyRequests: number;
  let settings: Settings;

  const session = () =>
    new ChatSession({
      settings: () => settings,
      backend: async () => credentials && createBackend({ ...buildClientOptions(settings, credentials, {}), maxRetries: 0 }),
      post: (m) => posted.push(m),
      requestApiKey: () => keyRequests++,
    });
  const ofType = <T extends HostToWebview['type']>(type: T) => posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type);

  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    posted = [];
    keyRequests = 0;
    credentials = { kind: 'apiKey', value: 'sk-unit', source: 'env' };
    settings = { ...DEFAULT_SETTINGS, baseURL: fake.url, model: 'claude-sonnet-5-5', maxTokens: 1000 };
  });

  it('streams a reply as deltas only, and sends model, max_tokens and the key', async () => {
    fake.enqueue(textReply(['The ', 'answer ', 'is 42.']));
    const chat = session();
    await chat.send('What is the answer?');
    assert.deepEqual(
      ofType('replyDelta').map((m) => m.text),
      ['The ', 'answer ', 'is 42.'],
    );
    assert.deepEqual(ofType('replyEnd').map((m) => m.status), ['done']);
    const [request] = fake.messageRequests;
    assert.equal(request.json.model, 'claude-sonnet-5-5');
    assert.equal(request.json.max_tokens, 1000);
    assert.deepEqual(request.json.messages, [{ role: 'user', content: 'What is the answer?' }]);
    assert.equal(request.headers.authorization, 'Bearer sk-unit');
    assert.deepEqual(chat.transcript().map((e) => [e.role, e.text, e.status]), [
      ['user', 'What is the answer?', undefined],
      ['assistant', 'The answer is 42.', 'done'],
    ]);
  });

  it('sends the whole history on later turns', async () => {
    fake.enqueue(textReply(['One.']), textReply(['Two.']), textReply(['Three.']));
    const chat = session();
    await chat.send('first');
    await chat.send('second');
    await chat.send('third');
    const third = fake.messageRequests[2].json.messages;
    assert.deepEqual(third, [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: [{ type: 'text', text: 'One.' }] },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: [{ type: 'text', text: 'Two.' }] },
      { role: 'user', content: 'third' },
    ]);
  });

  it('with no key, says so, offers Set API Key and gives the text back', async () => {
    credentials = undefined;
    const chat = session();
    await chat.send('hello?');
    assert.deepEqual(ofType('error'), [{ type: 'error', message: NO_KEY_MESSAGE, actions: ['setApiKey'] }]);
    assert.deepEqual(ofType('restoreComposer'), [{ type: 'restoreComposer', text: 'hello?' }]);
    assert.equal(fake.requests.length, 0);
    await chat.handle({ type: 'setApiKey' });
    assert.equal(keyRequests, 1);
  });

  it('on a 401, offers Set API Key, removes the turn and restores the composer', async () => {
    fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
    const chat = session();
    await chat.send('my question');
    const [error] = ofType('error');
    assert.match(error.message, /rejected the API key/);
    assert.deepEqual(error.actions, ['setApiKey']);
    assert.deepEqual(ofType('restoreComposer').map((m) => m.text), ['my question']);
    assert.equal(ofType('removeMessage').length, 2);
    assert.deepEqual(chat.transcript(), []);
  });

  it('keeps the partial reply when the API overloads mid-stream, and Retry regenerates it', async () => {
    fake.enqueue(errorMidStream(['Half an ']), textReply(['A whole answer.']));
    const chat = session();
    await chat.send('question');
    const [error] = ofType('error');
    assert.match(error.message, /overloaded/i);
    assert.deepEqual(error.actions, ['retry']);
    assert.equal(chat.transcript()[1].text, 'Half an ');
    assert.equal(chat.transcript()[1].status, 'error');
    await chat.handle({ type: 'retry' });
    assert.deepEqual(chat.transcript().map((e) => e.text), ['question', 'A whole answer.']);
    assert.deepEqual(fake.messageRequests[1].json.messages, [{ role: 'user', content: 'question' }]);
  });

  it('keeps the partial reply when the connection drops', async () => {
    fake.enqueue(dropMidStream(['Partial ', 'text']));
    const chat = session();
    await chat.send('question');
    const [error] = ofType('error');
    assert.match(error.message, /connection dropped mid-reply/i);
    assert.deepEqual(error.actions, ['retry']);
    assert.equal(chat.transcript()[1].text, 'Partial text');
  });

  it('Stop aborts the HTTP request and keeps the partial reply marked stopped', async () => {
    const gate = new Gate();
    fake.enqueue(textReply(['Before stop. ', 'after'], { pauseAfter: { chunks: 1, gate } }));
    const chat = session();
    const sending = chat.send('go');
    while (ofType('replyDelta').length === 0) await new Promise((r) => setTimeout(r, 5));
    await chat.handle({ type: 'stop' });
    await sending;
    const [request] = fake.messageRequests;
    await request.closed;
    assert.equal(request.aborted, true, 'the fake server saw the connection close');
    assert.deepEqual(ofType('replyEnd').map((m) => m.status), ['stopped']);
    assert.equal(chat.transcript()[1].text, 'Before stop. ');
    assert.equal(ofType('error').length, 0);
    gate.open();
  });

  it('New chat clears the conversation', async () => {
    fake.enqueue(textReply(['Hi.']), textReply(['Fresh.']));
    const chat = session();
    await chat.send('one');
    await chat.handle({ type: 'newChat' });
    assert.equal(ofType('cleared').length, 1);
    await chat.send('two');
    assert.deepEqual(fake.messageRequests[1].json.messages, [{ role: 'user', content: 'two' }]);
  });

  it('the snapshot holds a reply that is still streaming', async () => {
    const gate = new Gate();
    fake.enqueue(textReply(['so ', 'far', ' and more'], { pauseAfter: { chunks: 2, gate } }));
    const chat = session();
    const sending = chat.send('q');
    while (ofType('replyDelta').length < 2) await new Promise((r) => setTimeout(r, 5));
    const snapshot = chat.snapshot(true);
    assert.equal(snapshot.type, 'init');
    assert.deepEqual(snapshot.type === 'init' && snapshot.transcript[1], { id: ofType('replyStart')[0].id, role: 'assistant', text: 'so far', status: undefined });
    gate.open();
    await sending;
  });
});
