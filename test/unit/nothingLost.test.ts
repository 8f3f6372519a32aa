// Failures lose nothing: a Retry keeps the answer it replaces until the new one shows something,
// and a failure before a reply starts gives the message and its attachments back.
import * as assert from 'node:assert/strict';
import { Gate, httpError, reply, text } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';

const selection = { kind: 'selection' as const, id: 'sel1', path: 'src/a.ts', startLine: 1, endLine: 2, language: 'typescript', code: 'export const a = 1;\n' };

describe('nothing lost', () => {
  const h = useEngineHarness();

  it('Retry that gets a 400 keeps the old answer, shown and stored', async () => {
    h.fake.enqueue(reply([text('The first answer.')]), httpError(400, 'invalid_request_error', 'prompt is too long'));
    const chat = h.engine();
    await chat.send('Question');
    const oldId = h.ofType('replyEnd')[0].id;
    await chat.retry();
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'The first answer.']);
    assert.equal(h.ofType('removeMessage').some((m) => m.id === oldId), false, 'the old answer never left the view');
    assert.match(h.ofType('error')[0].message, /prompt is too long/);
    assert.equal(h.ofType('error')[0].replyId, oldId, 'the error shows on the answer that stays');
    const stored = chat.conversation().turns;
    assert.deepEqual([stored.length, stored[1].id], [2, oldId]);
    assert.equal(h.fake.messageRequests[1].json.messages.length, 1, 'the retried request leaves the old answer out');
  });

  it('Retry stopped before any text keeps the old answer', async () => {
    const gate = new Gate();
    h.fake.enqueue(reply([text('Keep me.')]), reply([text('never shown')], { gate: { beforeBlock: 0, gate } }));
    const chat = h.engine();
    await chat.send('Question');
    const retried = chat.retry();
    await h.fake.waitForMessageRequests(2);
    chat.stop();
    await retried;
    gate.open();
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'Keep me.']);
    assert.equal(h.ofType('error').length, 0);
  });

  it('Retry replaces the old answer as soon as the new one has text', async () => {
    const gate = new Gate();
    h.fake.enqueue(reply([text('Old.')]), reply([text(['New', ' answer.'])], { gate: { beforeBlock: 0, gate } }));
    const chat = h.engine();
    await chat.send('Question');
    const oldId = h.ofType('replyEnd')[0].id;
    const retried = chat.retry();
    await h.fake.waitForMessageRequests(2);
    assert.equal(h.ofType('removeMessage').length, 0, 'the old answer stays while the new one has nothing');
    gate.open();
    await h.until('removeMessage', (m) => m.id === oldId);
    await retried;
    assert.deepEqual(chat.transcript().map((e) => e.text), ['Question', 'New answer.']);
  });

  it('a failure while preparing the request gives the text and attachments back with a message', async () => {
    const chat = h.engine({
      backend: async () => {
        throw new Error('The OS keyring is locked');
      },
    });
    chat.pending.add(selection);
    await chat.send('Explain this');
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Explain this']);
    assert.match(h.ofType('error')[0].message, /OS keyring is locked/);
    assert.deepEqual(chat.pending.list.map((a) => a.id), ['sel1'], 'the attachment is still waiting');
    assert.equal(chat.transcript().length, 0);
    assert.equal(chat.busy, false);
  });

  it("a failed Explain or quick-fix turn does not put its generated prompt into the person's box", async () => {
    h.fake.enqueue(httpError(400, 'invalid_request_error', 'prompt is too long'));
    const chat = h.engine();
    chat.pending.add({ ...selection, id: 'mine' });
    await chat.send('Explain this problem in src/a.ts', [selection]);
    assert.equal(h.ofType('restoreComposer').length, 0);
    assert.deepEqual(chat.pending.list.map((a) => a.id), ['mine'], "the person's own attachment stays, the command's does not join it");
    assert.match(h.ofType('error')[0].message, /prompt is too long/);
  });
});
