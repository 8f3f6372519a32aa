// Messages typed while Claude answers: Enter queues them (it never stops the reply), they wait at the
// end of the conversation with Remove and Edit, and go out when the reply ends. Stop or a reload
// puts their text back in the message box.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { Gate, reply, text, textReply } from '../fake-anthropic/scripts';
import { transcriptOf } from '../support/wire';
import { editCard, editorUse } from './editing';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, until } from './workbench';

describe('queued messages (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();
  let chat: Frame;
  const box = () => chat.getByRole('textbox', { name: 'Message Claude' });
  const queuedGroup = () => chat.getByRole('group', { name: 'Queued messages' });
  const queued = (text: string) => queuedGroup().getByRole('article', { name: 'You' }).filter({ hasText: text });

  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
    await box().fill('');
  });

  /** Asks a question whose reply stops after its first words until `gate` opens; resolves once they show. */
  async function askAndHold(question: string, gate: Gate, words: string[]) {
    w.fake.enqueue(textReply(words, { pauseAfter: { chunks: 1, gate } }));
    await ask(chat, question);
    const reply = lastMessage(chat, 'Claude');
    await until(async () => (await reply.getAttribute('aria-busy')) === 'true' && (await reply.innerText()).includes(words[0].trim()), 'the first words of the reply');
    return reply;
  }

  /** Types into the message box and presses Enter while the reply streams, as a person would. */
  async function queue(text: string) {
    await box().fill(text);
    await box().press('Enter');
    await queued(text).waitFor();
  }

  it('Enter while a reply streams queues the message; the reply goes on, and the message goes out when it ends and gets its own reply', async () => {
    const gate = new Gate();
    const reply = await askAndHold('Write a long answer', gate, ['The long ', 'answer, finished.']);
    await queue('And a follow-up');

    const message = queued('And a follow-up');
    await message.scrollIntoViewIfNeeded(); // look at it, as a person would: blocks off screen skip rendering (content-visibility)
    assert.match(await message.innerText(), /Queued/);
    assert.equal(await message.getByRole('button', { name: 'Remove', exact: true }).isVisible(), true);
    assert.equal(await message.getByRole('button', { name: 'Edit', exact: true }).isVisible(), true);
    assert.equal(await box().inputValue(), '', 'the box is free for the next message');
    assert.equal(await reply.getAttribute('aria-busy'), 'true', 'the reply was not stopped');
    assert.equal(await chat.getByRole('button', { name: 'Stop' }).isVisible(), true, 'Stop is still there');
    assert.equal(w.fake.messageRequests.length, 1);

    w.fake.enqueue(textReply(['Follow-up ', 'answered.']));
    gate.open();
    const replies = chat.getByRole('article', { name: 'Claude' });
    await until(async () => (await replies.count()) === 2 && (await replies.last().getAttribute('aria-busy')) === 'false', 'the reply to the queued message');
    assert.match(await replies.first().innerText(), /The long answer, finished\./);
    assert.equal(/Stopped/.test(await replies.first().innerText()), false);
    assert.match(await replies.last().innerText(), /Follow-up answered\./);
    assert.equal(await queuedGroup().isVisible(), false, 'nothing waits any more');
    assert.match(await lastMessage(chat, 'You').innerText(), /And a follow-up/);
    assert.deepEqual(transcriptOf(w.fake.messageRequests[1].json), [
      ['user', 'Write a long answer'],
      ['assistant', 'The long answer, finished.'],
      ['user', 'And a follow-up'],
    ]);
  });

  it('Stop with a queued message stops the reply and puts the message back in the box', async () => {
    const gate = new Gate();
    const reply = await askAndHold('Another long answer', gate, ['Going ', 'on and on.']);
    await queue('Do not send me yet');
    await chat.getByRole('button', { name: 'Stop' }).click();
    await until(async () => (await reply.getAttribute('aria-busy')) === 'false', 'the reply to stop');
    gate.open();
    assert.match(await reply.innerText(), /Stopped/);
    await until(async () => (await box().inputValue()) === 'Do not send me yet', 'the queued text back in the box');
    assert.equal(await queuedGroup().isVisible(), false);
    assert.equal(w.fake.messageRequests.length, 1, 'nothing was sent');
  });

  it('Remove drops a queued message and Edit takes one back to the box; only what is left goes out', async () => {
    const gate = new Gate();
    await askAndHold('Answer slowly', gate, ['Slow ', 'answer.']);
    await queue('Forget this one');
    await queue('Change this one');
    await queue('Send this one');
    await queued('Forget this one').getByRole('button', { name: 'Remove', exact: true }).click();
    await until(async () => (await queued('Forget this one').count()) === 0, 'the removed message to go');
    await queued('Change this one').getByRole('button', { name: 'Edit', exact: true }).click();
    await until(async () => (await box().inputValue()) === 'Change this one', 'the edited text in the box');
    assert.equal(await queued('Change this one').count(), 0, 'it left the queue');

    w.fake.enqueue(textReply(['Sent.']));
    gate.open();
    const replies = chat.getByRole('article', { name: 'Claude' });
    await until(async () => (await replies.count()) === 2 && (await replies.last().getAttribute('aria-busy')) === 'false', 'the reply to what was left');
    assert.deepEqual(transcriptOf(w.fake.messageRequests[1].json).at(-1), ['user', 'Send this one']);
    assert.equal(await box().inputValue(), 'Change this one', 'the text being edited stays in the box');
  });

  it('a message queued while a card waits for review stays queued until the reply ends, then goes out', async () => {
    const create = editorUse('toolu_queue', { command: 'create', path: 'notes.txt', file_text: 'remember\n' });
    w.fake.enqueue(reply([text('I will write it down.'), create]), textReply(['Written.']), textReply(['And here is the rest.']));
    await ask(chat, 'Write a note');
    const card = editCard(chat, 'notes.txt');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await queue('What else should I note?');
    assert.equal(w.fake.messageRequests.length, 1, 'nothing goes out while the card waits');
    await card.getByRole('button', { name: 'Accept' }).click();
    const replies = chat.getByRole('article', { name: 'Claude' });
    await until(async () => (await replies.count()) === 2 && (await replies.last().getAttribute('aria-busy')) === 'false', 'the reply to the queued message');
    // Looked at as a person would: scrolled to, and read once its text has rendered (blocks off screen skip rendering).
    for (const [reply, said] of [[replies.first(), /Written\./], [replies.last(), /And here is the rest\./]] as const) {
      await reply.scrollIntoViewIfNeeded();
      await until(async () => said.test(await reply.innerText()), `the reply saying ${said.source}`);
    }
    const [role, sent] = transcriptOf(w.fake.messageRequests[2].json).at(-1) ?? [];
    assert.equal(role, 'user');
    assert.match(sent ?? '', /What else should I note\?$/, 'the queued message, after the active editor line a normal send carries');
  });
});
