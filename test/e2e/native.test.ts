// The chat feels native: it follows a streaming reply, says what it is doing, recalls and edits
// messages, and shows one notice per failure, in a real VS Code (code-server) and a real browser.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { transcriptOf } from '../support/wire';
import { dropMidStream, Gate, reply, text, textReply, thinking } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, runCommand, saveScreenshot, until } from './workbench';

/** Lines of a long reply: enough to fill the view several times over. */
const longLines = (count: number, word: string) => Array.from({ length: count }, (_, i) => `${word} line ${i + 1} of a long answer.\n\n`);

/** How far the log is from its end, in pixels. */
function distanceFromEnd(chat: Frame): Promise<number> {
  return chat.getByRole('log', { name: 'Conversation' }).evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight);
}

/** Whether `element`'s box lies inside the log's visible box. */
function inView(chat: Frame, name: 'You' | 'Claude') {
  return lastMessage(chat, name).evaluate((article) => {
    const log = article.closest('[role="log"]')!.getBoundingClientRect();
    const box = article.getBoundingClientRect();
    return box.bottom <= log.bottom + 2 && box.bottom >= log.top;
  });
}

describe('a chat that feels native (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();
  let chat: Frame;
  before(async () => {
    chat = await openClaudeView(w.page);
  });

  it('an empty chat welcomes with example prompts and the shortcuts; the box grows with its text', async () => {
    const welcome = chat.getByRole('region', { name: 'Welcome' });
    await welcome.waitFor();
    const examples = welcome.getByRole('list', { name: 'Example prompts' }).getByRole('button');
    assert.equal(await examples.count(), 3);
    await saveScreenshot(w.page, 'native welcome');
    const shortcuts = await welcome.getByRole('list', { name: 'Shortcuts' }).innerText();
    assert.match(shortcuts, /Ctrl\+Alt\+E\s+Explain Selection/);
    assert.match(shortcuts, /Ctrl\+Alt\+L\s+Add Selection to Chat/);
    const input = chat.getByRole('textbox', { name: 'Message Claude' });
    const example = await examples.first().innerText();
    await examples.first().click();
    assert.equal(await input.inputValue(), example, 'the example is in the box');
    assert.equal(await input.evaluate((e) => e === e.ownerDocument.activeElement), true, 'ready to edit or send');

    const oneLine = await input.evaluate((e) => e.clientHeight);
    await input.fill('one\ntwo\nthree\nfour');
    const fourLines = await input.evaluate((e) => e.clientHeight);
    assert.ok(fourLines > oneLine * 2, `the box grew (${oneLine} → ${fourLines} px)`);
    await input.fill(Array.from({ length: 80 }, (_, i) => `line ${i}`).join('\n'));
    const { height, view } = await input.evaluate((e) => ({ height: e.getBoundingClientRect().height, view: window.innerHeight }));
    assert.ok(height <= view * 0.41, `the box stops at about 40 % of the view (${height} of ${view} px)`);
    await input.fill('');
  });

  it('shows a status while waiting for the first token (its spinner still with reduced motion), then the model, and "Thinking · N s" once thinking ends', async () => {
    const gate = new Gate();
    w.fake.enqueue(reply([text('At last.')], { gate: { beforeBlock: 0, gate } }));
    await ask(chat, 'Take a moment first');
    const status = lastMessage(chat, 'Claude').getByRole('status');
    await until(async () => /Waiting for Claude/.test(await status.innerText()), 'the waiting status');
    const animations = () => status.evaluate((e) => [...e.querySelectorAll('*')].map((c) => getComputedStyle(c).animationName).filter((n) => n !== 'none'));
    assert.equal((await animations()).length, 1, 'a spinner turns');
    await w.page.emulateMedia({ reducedMotion: 'reduce' });
    await until(async () => (await animations()).length === 0, 'no motion when the person asks for less');
    await w.page.emulateMedia({ reducedMotion: null });
    await until(async () => /Waiting for Claude…\s*[3-9] s/.test(await status.innerText()), 'the status to count the seconds up to 3 s');
    await saveScreenshot(w.page, 'native waiting');
    assert.equal(await lastMessage(chat, 'Claude').getAttribute('aria-busy'), 'true');
    gate.open();
    await replyDone(chat);
    assert.equal(await status.isVisible(), false, 'no status once the reply is done');
    assert.match(await lastMessage(chat, 'Claude').innerText(), /^Claude\s*·?\s*Sonnet 5\.5/, 'the model is named on the reply');
    assert.equal(await lastMessage(chat, 'Claude').getAttribute('aria-description'), 'Written by Claude Sonnet 5.5');

    const thought = new Gate();
    w.fake.enqueue(reply([thinking(['Weighing ', 'it up.'], 'sig-native', { stopBefore: thought }), text('Decided.')]));
    await ask(chat, 'Think about it');
    await until(async () => /Thinking…/.test(await lastMessage(chat, 'Claude').getByRole('status').innerText().catch(() => '')), 'the thinking status');
    // Thinking for a second at least, so its duration reads "1 sec" or more once it ends.
    await until(async () => /Thinking…\s*[1-9]\d* sec/.test(await lastMessage(chat, 'Claude').getByRole('status').innerText()), 'the thinking status to count a second');
    thought.open();
    await replyDone(chat);
    const summary = lastMessage(chat, 'Claude').locator('details summary');
    assert.equal(await summary.innerText(), 'Thinking');
    assert.match((await summary.getAttribute('data-duration')) ?? '', /^[1-9]\d* sec$/, 'the duration shows once thinking has ended');
  });

  it('keeps the end of a streaming reply in view, stays put when scrolled up, and "Jump to latest" brings it back', async () => {
    await newChat(chat);
    const gate = new Gate();
    w.fake.enqueue(textReply([...longLines(40, 'First'), ...longLines(40, 'Second')], { delayMs: 15, pauseAfter: { chunks: 40, gate } }));
    await ask(chat, 'Write a lot');
    const reply = lastMessage(chat, 'Claude');
    await until(async () => /First line 40 of/.test(await reply.innerText()), 'the first half');
    assert.ok((await distanceFromEnd(chat)) <= 30, 'the view followed the stream to its end');
    assert.equal(await chat.getByRole('button', { name: 'Jump to latest' }).isVisible(), false);

    // A small move up is enough to say "stop following", even still near the end.
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.hover();
    const before = await log.evaluate((e) => e.scrollTop);
    // A wheel scrolls smoothly: take the place where its scroll ends (the log's `scrollend`).
    type Log = HTMLElement & { endedAt?: number };
    await log.evaluate((e: Log) => e.addEventListener('scrollend', () => (e.endedAt = e.scrollTop)));
    await w.page.mouse.wheel(0, -15);
    await until(async () => (await log.evaluate((e) => e.scrollTop)) < before, 'the view moved up');
    const jump = chat.getByRole('button', { name: 'Jump to latest' });
    const { kept } = await until(() => log.evaluate((e: Log, from) => (e.endedAt !== undefined && e.endedAt < from ? { kept: e.endedAt } : undefined), before), 'the scroll up to end');
    gate.open();
    // Not replyDone: it scrolls the reply into view, as a person would.
    await until(async () => (await reply.getAttribute('aria-busy')) === 'false', 'the end of the reply');
    assert.ok(Math.abs((await log.evaluate((e) => e.scrollTop)) - kept) <= 2, 'the view stayed where the person put it');
    assert.ok((await distanceFromEnd(chat)) > 300, 'the rest of the reply is below the view');
    await jump.waitFor();
    await saveScreenshot(w.page, 'native scrolled up');

    await jump.click();
    await until(async () => (await distanceFromEnd(chat)) <= 30, 'the end of the chat');
    assert.match(await reply.innerText(), /Second line 40 of/);
    assert.equal(await jump.isVisible(), false);
    assert.equal(await inView(chat, 'Claude'), true, 'the reply footer (usage, Retry) is in view');
  });

  it('reopens a chat at its latest turn after a reload', async () => {
    w.fake.enqueue(textReply(longLines(30, 'Third')));
    await ask(chat, 'And one more');
    await replyDone(chat);
    await w.page.reload();
    await w.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    chat = await openClaudeView(w.page);
    await until(async () => (await chat.getByRole('article').count()) === 4, 'the restored conversation');
    await until(async () => (await distanceFromEnd(chat)) <= 30 && (await inView(chat, 'Claude')), 'the latest turn in view');
    assert.match(await lastMessage(chat, 'Claude').innerText(), /Third line 30 of/);
  });

  it('ArrowUp in an empty box recalls the last message; Edit last message resends it in place of the last turn', async () => {
    const input = chat.getByRole('textbox', { name: 'Message Claude' });
    await input.fill('');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'And one more');
    await input.fill('');

    await lastMessage(chat, 'You').hover();
    await lastMessage(chat, 'You').getByRole('button', { name: 'Edit last message' }).click();
    const box = chat.getByRole('textbox', { name: 'Edit message' });
    await box.fill('And one more, but shorter');
    w.fake.enqueue(textReply(['Shorter ', 'it is.']));
    await box.press('Enter');
    await until(async () => /Shorter it is\./.test(await lastMessage(chat, 'Claude').innerText()), 'the new reply');
    await replyDone(chat);
    assert.equal(await chat.getByRole('article', { name: 'You' }).count(), 2, 'the edited message replaced the old one');
    assert.equal(await chat.getByRole('article', { name: 'Claude' }).count(), 2);
    assert.equal(await chat.getByText('Third line 30 of').count(), 0, 'the old reply is gone');
    const sent = transcriptOf(w.fake.messageRequests.at(-1)!.json);
    assert.deepEqual(sent.at(-1), ['user', 'And one more, but shorter']);
    assert.equal(sent.length, 3, 'the request left the replaced turn out');
  });

  it('a dropped connection shows one notice, on the reply, with one Retry; clearing the key takes it away', async () => {
    await newChat(chat);
    w.fake.enqueue(dropMidStream(['Half of ']));
    await ask(chat, 'Will this drop?');
    await replyDone(chat);
    const reply = lastMessage(chat, 'Claude');
    const alert = chat.getByRole('alert');
    await until(async () => (await alert.count()) === 1, 'one alert');
    assert.equal(await reply.getByRole('alert').count(), 1, 'the notice sits on the failed reply');
    assert.equal(await chat.getByRole('button', { name: 'Retry' }).count(), 1, 'one Retry');
    assert.match(await reply.innerText(), /Half of/);
    await runCommand(w.page, 'Claude: Clear API Key');
    await until(async () => (await alert.count()) === 0, 'the stale notice to go');
  });

  it('Stop keeps focus in the message box; the whole reply goes to the clipboard as markdown', async () => {
    await newChat(chat);
    const gate = new Gate();
    w.fake.enqueue(textReply(['**Bold** start, ', 'never finished'], { pauseAfter: { chunks: 1, gate } }));
    const input = await ask(chat, 'Stop me with the button');
    await until(async () => /Bold start/.test(await lastMessage(chat, 'Claude').innerText()), 'the partial reply');
    await chat.getByRole('button', { name: 'Stop' }).click();
    await replyDone(chat);
    gate.open();
    assert.equal(await input.evaluate((e) => e === e.ownerDocument.activeElement), true, 'focus stayed in the box');

    await w.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.server.url });
    await lastMessage(chat, 'Claude').hover();
    await lastMessage(chat, 'Claude').getByRole('button', { name: 'Whole reply to clipboard' }).click();
    await until(async () => (await w.page.evaluate(() => navigator.clipboard.readText()).catch(() => '')) === '**Bold** start,', 'the reply on the clipboard');
  });
});
