// Compact now: the button near the context meter summarizes the earlier conversation; the summary
// shows collapsed in the chat as "Earlier conversation summarized", the meter says what it freed,
// and the next question goes out with the summary in place of what it replaced.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { SUMMARY_REQUEST } from '../../src/core/context/compaction';
import { textReply } from '../fake-anthropic/scripts';
import { messageText } from '../support/wire';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, until } from './workbench';

describe('Compact now (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();
  let chat: Frame;

  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
  });

  it('summarizes the earlier conversation, shows the summary collapsed and what it freed, and sends it with the next question', async () => {
    w.fake.enqueue(textReply(['The parser lives in src/parse.ts. '.repeat(40)]));
    await ask(chat, 'Where is the parser? Our task: make it accept trailing commas.');
    await replyDone(chat);
    w.fake.enqueue(textReply(['It splits on commas first. '.repeat(40)]));
    await ask(chat, 'How does it split the input?');
    await replyDone(chat);

    w.fake.enqueue(textReply(['Task: make the parser in src/parse.ts accept trailing commas. Found: it splits on commas first.']));
    const compact = chat.getByRole('button', { name: 'Compact now' });
    await compact.click();
    const summary = lastMessage(chat, 'Claude').locator('details', { hasText: 'Earlier conversation summarized' });
    await summary.waitFor();
    assert.equal(await summary.evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed until opened');
    await summary.locator('summary').click();
    assert.match(await summary.innerText(), /Task: make the parser in src\/parse\.ts accept trailing commas/);
    const request = w.fake.messageRequests.at(-1)?.json;
    assert.match(messageText(request.messages.at(-1)), new RegExp(SUMMARY_REQUEST.slice(0, 40)));
    await until(async () => /freed/.test(await chat.locator('.meter').innerText()), 'the meter saying what the summary freed');
    await until(async () => (await compact.getAttribute('aria-disabled')) === 'false', 'Compact now ready again');

    w.fake.enqueue(textReply(['Done.']));
    await ask(chat, 'Now fix it.');
    await replyDone(chat);
    const next = w.fake.messageRequests.at(-1)?.json;
    assert.match(messageText(next.messages[0]), /<summary>\nTask: make the parser/);
    assert.equal(messageText(next.messages.at(-1)), 'Now fix it.');
    assert.equal(JSON.stringify(next).includes('Where is the parser?'), false, 'the first question went into the summary');
    assert.equal(await chat.getByRole('article', { name: 'You' }).count(), 3, 'the chat itself stays whole');
  });

  it('a request the API finds too long is summarized and sent again: the reply comes, the summary shows, nothing is lost', async () => {
    const long = (topic: string) => textReply([`${topic}: ${'a long explanation of the module and its callers. '.repeat(200)}`]);
    w.fake.enqueue(long('Parser'), long('Lexer'));
    await ask(chat, 'Explain the parser. Our task: add trailing commas.');
    await replyDone(chat);
    await ask(chat, 'Explain the lexer.');
    await replyDone(chat);
    w.fake.contextWindow = 6_000; // a gateway that allows less than the model's window
    try {
      w.fake.enqueue(textReply(['Task: add trailing commas to the parser. Explained so far: the parser and the lexer.']), textReply(['Short answer.']));
      const before = w.fake.messageRequests.length;
      await ask(chat, 'Which one do I change?');
      await replyDone(chat);
      assert.match(await lastMessage(chat, 'Claude').innerText(), /Short answer\./);
      assert.equal(await chat.getByRole('alert').count(), 0, 'no error: the refusal was recovered');
      await chat.locator('details', { hasText: 'Earlier conversation summarized' }).first().waitFor();
      const sent = w.fake.messageRequests.slice(before);
      assert.equal(sent.length, 3, 'the refused request, the summary request, the request again');
      assert.match(messageText(sent[2].json.messages[0]), /<summary>\nTask: add trailing commas/);
      assert.equal(await chat.getByRole('article', { name: 'You' }).count(), 3, 'every message stays in the chat');
    } finally {
      w.fake.contextWindow = undefined;
    }
  });
});
