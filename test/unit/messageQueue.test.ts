// Messages sent while a reply runs, end to end in Node: ChatEngine + the real SDK + the fake server.
// They wait, go out as one turn when the reply ends normally, and otherwise come back to the box.
import * as assert from 'node:assert/strict';
import type { ChatEngine } from '../../src/core/engine/chatEngine';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import { errorMidStream, Gate, reply, refusal, text, textReply, toolUse, type Reply } from '../fake-anthropic/scripts';
import { transcriptOf } from '../support/wire';
import { useEngineHarness } from '../support/engineHarness';

const selection = { kind: 'selection' as const, id: 'sel1', path: 'src/a.ts', startLine: 1, endLine: 2, language: 'typescript', code: 'export const a = 1;\n' };

describe('queued messages', () => {
  const h = useEngineHarness();
  /** What the person sees queued now (the last `queue` message). */
  const queued = () => h.ofType('queue').at(-1)?.items.map((m) => m.text) ?? [];
  const boxTexts = () => h.ofType('restoreComposer').map((m) => m.text);

  /** Starts a reply held open by a gate after its first words, and waits until they show. */
  async function streaming(chat: ChatEngine, first: Reply | undefined = undefined): Promise<{ gate: Gate; sent: Promise<unknown> }> {
    const gate = new Gate();
    h.fake.enqueue(first ?? textReply(['Working ', 'on it.'], { pauseAfter: { chunks: 1, gate } }));
    const sent = chat.send('First question');
    await h.until('replyDelta');
    return { gate, sent };
  }

  it('wait while a reply streams, then go out in order as one turn with the pending attachments, and get their own reply', async () => {
    const chat = h.engine();
    const { gate, sent } = await streaming(chat);
    await chat.send('Second');
    await chat.send('Third');
    chat.pending.add(selection);
    assert.deepEqual(queued(), ['Second', 'Third']);
    assert.equal(h.fake.messageRequests.length, 1, 'the reply was not stopped and nothing else went out');
    h.fake.enqueue(textReply(['Both answered.']));
    gate.open();
    await sent;
    await chat.idle();
    assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['done', 'done'], 'the first reply ended normally, the queued turn got its own');
    assert.deepEqual(queued(), []);
    assert.deepEqual(h.ofType('userMessage').map((m) => [m.text, m.attachments]), [['First question', undefined], ['Second\n\nThird', ['src/a.ts:1-2']]]);
    const second = transcriptOf(h.fake.messageRequests[1].json);
    assert.deepEqual(second.slice(0, 2), [['user', 'First question'], ['assistant', 'Working on it.']]);
    assert.match(second[2][1], /src\/a\.ts[\s\S]*export const a = 1;[\s\S]*Second\n\nThird/);
    assert.deepEqual(chat.pending.list, [], 'the attachments went with it');
    assert.deepEqual(boxTexts(), []);
  });

  it('Stop with queued messages: the reply stops and their text goes back to the box, nothing is sent', async () => {
    const chat = h.engine();
    const { gate, sent } = await streaming(chat);
    await chat.send('Then this');
    await chat.send('And this');
    await chat.handle({ type: 'stop' });
    await sent;
    await chat.idle();
    gate.open();
    assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['stopped']);
    assert.deepEqual(h.ofType('restoreComposer'), [{ type: 'restoreComposer', text: 'Then this\n\nAnd this', append: true }]);
    assert.deepEqual(queued(), []);
    assert.equal(h.fake.messageRequests.length, 1);
    assert.equal(h.saves.at(-1)?.conversation.queued, undefined, 'the saved chat no longer holds them');
  });

  for (const [what, first, status] of [
    ['fails mid-stream', errorMidStream(['Half an answer'], 'billing_error', 'Credit balance too low'), 'error'],
    ['is cut off at the token limit (Continue waits for the person)', reply([text('Cut')], { stopReason: 'max_tokens' }), 'done'],
    ['is refused', reply([text('No')], { stopReason: 'refusal', stopDetails: refusal('Not this.', 'cyber') }), 'done'],
  ] as const) {
    it(`a reply that ${what}: the queued text goes back to the box`, async () => {
      const chat = h.engine();
      h.fake.enqueue(first);
      const sent = chat.send('First question');
      await chat.send('Queued behind it'); // the engine is busy from the first instant: this one waits
      await sent;
      await chat.idle();
      assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), [status]);
      assert.deepEqual(boxTexts(), ['Queued behind it']);
      assert.deepEqual(queued(), []);
      assert.equal(h.fake.messageRequests.length, 1, 'nothing was sent behind the person back');
    });
  }

  it('a reply that fails before anything arrives gives back both its own message and the queued ones, in the order typed', async () => {
    const chat = h.engine();
    h.credentials = undefined; // no key: the send fails at once, after the message was queued behind it
    const sent = chat.send('First question');
    await chat.send('Second');
    await sent;
    await chat.idle();
    assert.deepEqual(boxTexts(), ['First question', 'Second']);
    assert.equal(h.ofType('restoreComposer')[1].append, true, 'the queued text goes after what is in the box');
  });

  it('stays queued while a card waits for review, and goes out once the reply ends', async () => {
    const chat = h.engine();
    const edit = toolUse('toolu_1', 'str_replace_based_edit_tool', { command: 'str_replace', path: 'src/a.ts', old_str: 'a = 1', new_str: 'a = 2' });
    h.fake.enqueue(reply([edit]), reply([text('Changed.')]), textReply(['Queued one answered.']));
    const sent = chat.send('Change a');
    await h.until('editCard');
    await chat.send('Meanwhile: what about b?');
    assert.deepEqual(queued(), ['Meanwhile: what about b?']);
    assert.equal(h.fake.messageRequests.length, 1, 'it waits for the card');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: true });
    await sent;
    await chat.idle();
    assert.equal(h.files.text('src/a.ts')?.startsWith('export const a = 2;'), true);
    assert.equal(h.fake.messageRequests.length, 3);
    assert.deepEqual(transcriptOf(h.fake.messageRequests[2].json).at(-1), ['user', 'Meanwhile: what about b?']);
    assert.deepEqual(boxTexts(), []);
  });

  it('Remove drops one message; Edit puts its text back in the box; the rest still goes out', async () => {
    const chat = h.engine();
    const { gate, sent } = await streaming(chat);
    await chat.send('Drop me');
    await chat.send('Edit me');
    await chat.send('Keep me');
    const [drop, edit] = h.ofType('queue').at(-1)!.items;
    await chat.handle({ type: 'removeQueued', id: drop.id });
    await chat.handle({ type: 'editQueued', id: edit.id });
    assert.deepEqual(queued(), ['Keep me']);
    assert.deepEqual(h.ofType('restoreComposer'), [{ type: 'restoreComposer', text: 'Edit me', append: true }]);
    h.fake.enqueue(textReply(['Kept.']));
    gate.open();
    await sent;
    await chat.idle();
    assert.deepEqual(transcriptOf(h.fake.messageRequests[1].json).at(-1), ['user', 'Keep me']);
  });

  it('New chat with a queued message: back in the box, nothing sent', async () => {
    const chat = h.engine();
    const { gate } = await streaming(chat);
    await chat.send('Not yet sent');
    await chat.handle({ type: 'newChat' });
    gate.open();
    assert.deepEqual(boxTexts(), ['Not yet sent']);
    assert.deepEqual(queued(), []);
    assert.equal(h.fake.messageRequests.length, 1);
    assert.deepEqual(chat.transcript(), []);
  });

  it('the snapshot and the saved chat carry the queue; a chat reopened with one (a reload mid-reply) puts it back in the box', async () => {
    const chat = h.engine();
    const { gate, sent } = await streaming(chat);
    await chat.send('Waiting for you');
    const snapshot = chat.snapshot(true);
    assert.ok(snapshot.type === 'init');
    assert.deepEqual(snapshot.queue.map((m) => m.text), ['Waiting for you']);
    const saved = parseConversation(JSON.stringify(chat.conversation()));
    assert.deepEqual(saved.queued, ['Waiting for you']);
    await chat.handle({ type: 'stop' });
    gate.open();
    await sent;

    h.posted.length = 0;
    const reopened = h.engine();
    await reopened.load(saved);
    assert.deepEqual(h.ofType('restoreComposer'), [{ type: 'restoreComposer', text: 'Waiting for you', append: true }]);
    assert.equal(h.saves.at(-1)?.conversation.queued, undefined, 'given back once: the saved chat no longer holds it');
    const again = reopened.snapshot(true);
    assert.ok(again.type === 'init');
    assert.deepEqual(again.queue, [], 'nothing is shown queued: no reply runs');
  });
});
