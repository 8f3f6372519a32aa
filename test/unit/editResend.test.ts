// Edit and resend: the last message, changed, replaces itself and its reply once the new reply
// shows something; a failure keeps the old pair and gives the edited text back.
import * as assert from 'node:assert/strict';
import { Gate, httpError, reply, text } from '../fake-anthropic/scripts';
import { transcriptOf } from '../support/wire';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { createBackend } from '../../src/host/clientFactory';
import { useEngineHarness } from '../support/engineHarness';

describe('edit and resend', () => {
  const h = useEngineHarness();

  it('replaces the last message and its reply; the request leaves them out', async () => {
    const gate = new Gate();
    h.fake.enqueue(reply([text('Paris.')]), reply([text('Lyon is second.')]), reply([text(['Second city: ', 'Lyon.'])], { gate: { beforeBlock: 0, gate } }));
    const chat = h.engine();
    await chat.send('Capital of France?');
    await chat.send('Largest city?');
    const [, , oldUser, oldReply] = chat.conversation().turns.map((t) => t.id);
    const resent = chat.editLast('Second largest city?');
    await h.fake.waitForMessageRequests(3);
    assert.deepEqual(chat.transcript().map((e) => e.text).slice(2, 4), ['Largest city?', 'Lyon is second.'], 'the old pair stays while the new reply has nothing');
    gate.open();
    await resent;
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Capital of France?', 'Paris.', 'Second largest city?', 'Second city: Lyon.']);
    assert.deepEqual(transcriptOf(h.fake.messageRequests[2].json), [
      ['user', 'Capital of France?'],
      ['assistant', 'Paris.'],
      ['user', 'Second largest city?'],
    ]);
    const removed = h.ofType('removeMessage').map((m) => m.id);
    assert.deepEqual(removed.sort(), [oldUser, oldReply].sort());
    assert.equal(chat.conversation().turns.length, 4, 'stored without the replaced pair');
  });

  it('a failure keeps the old pair, shown and stored, and gives the edited text back', async () => {
    h.fake.enqueue(reply([text('First answer.')]), httpError(401, 'authentication_error', 'invalid x-api-key'));
    const chat = h.engine();
    await chat.send('Question');
    await chat.editLast('Question, edited');
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'First answer.']);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Question, edited']);
    assert.match(h.ofType('error')[0].message, /API key/);
    assert.equal(chat.conversation().turns.length, 2);
    assert.equal(chat.busy, false);
  });

  it('without a key, gives the edited text back and keeps the pair', async () => {
    h.fake.enqueue(reply([text('First answer.')]));
    let key = true;
    const chat = h.engine({ backend: async () => (key ? createBackend(buildClientOptions(h.settings, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {})) : undefined) });
    await chat.send('Question');
    key = false;
    await chat.editLast('Question, edited');
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Question, edited']);
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'First answer.']);
  });

  it('is refused while a reply streams (the text comes back), and for an empty text', async () => {
    const gate = new Gate();
    h.fake.enqueue(reply([text('Slow.')], { gate: { beforeBlock: 0, gate } }));
    const chat = h.engine();
    const sent = chat.send('Question');
    await h.fake.waitForMessageRequests(1);
    await chat.editLast('Changed my mind');
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Changed my mind']);
    gate.open();
    await sent;
    await chat.editLast('   ');
    assert.equal(h.fake.messageRequests.length, 1, 'nothing else was sent');
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'Slow.']);
  });
});
