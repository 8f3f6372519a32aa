// Input methods (Japanese, Chinese, Korean): the Enter that commits a composition never sends, in
// the message box and in Edit last message, neither while composing nor on the first keydown
// Chromium reports as key code 229 right after the composition ends. Composition runs through
// Chromium's own input method path (DevTools protocol Input.imeSetComposition / insertText), so
// the page sees the real compositionstart/update/end and isComposing.
import * as assert from 'node:assert/strict';
import type { CDPSession, Frame, Locator } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, until } from './workbench';

describe('input methods (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();
  let chat: Frame;
  let cdp: CDPSession;
  const box = () => chat.getByRole('textbox', { name: 'Message Claude' });

  before(async () => {
    cdp = await w.page.context().newCDPSession(w.page);
  });

  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
    await box().fill('');
  });

  /** What the page saw of a composition: its events, and isComposing on every keydown. */
  async function watchComposition(target: Locator): Promise<void> {
    await target.evaluate((node) => {
      const seen: string[] = [];
      (window as unknown as { imeSeen: string[] }).imeSeen = seen;
      for (const type of ['compositionstart', 'compositionend']) node.addEventListener(type, () => seen.push(type));
      node.addEventListener('keydown', (e) => seen.push(`keydown ${(e as KeyboardEvent).key} ${(e as KeyboardEvent).keyCode} ${(e as KeyboardEvent).isComposing}`), { capture: true });
    });
  }
  const seen = (target: Locator) => target.evaluate(() => (window as unknown as { imeSeen: string[] }).imeSeen);

  /** Enter as Chromium sends it to a page while an input method owns the key: key code 229. */
  async function imeEnter(): Promise<void> {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  }

  /** Types `reading` through the input method, presses Enter while it composes, and commits `text` with it. */
  async function compose(reading: string, text: string): Promise<void> {
    await cdp.send('Input.imeSetComposition', { text: reading, selectionStart: reading.length, selectionEnd: reading.length });
    await imeEnter(); // the Enter that picks the candidate: isComposing is true
    await cdp.send('Input.insertText', { text }); // the commit: compositionend
    await imeEnter(); // Chromium's keydown 229 right after the composition ended
  }

  it('the message box: Enter while composing and the key-229 Enter after it do not send; the next Enter does', async () => {
    await box().click();
    await watchComposition(box());
    await compose('にほんご', '日本語');
    await until(async () => (await box().inputValue()) === '日本語', 'the committed text in the box');
    const events = await seen(box());
    assert.ok(events.includes('compositionstart') && events.includes('compositionend'), `the page saw a real composition: ${events.join(', ')}`);
    assert.ok(events.some((e) => e === 'keydown Enter 229 true'), `an Enter arrived while composing: ${events.join(', ')}`);
    await new Promise((r) => setTimeout(r, 300)); // what is tested is that nothing happens: give a send time to show
    assert.equal(w.fake.messageRequests.length, 0, 'nothing was sent while the input method had the Enter key');
    assert.equal(await chat.getByRole('article', { name: 'You' }).count(), 0);

    w.fake.enqueue(textReply(['はい。']));
    await box().press('Enter');
    await replyDone(chat);
    assert.match(await lastMessage(chat, 'You').innerText(), /日本語/);
    assert.equal(w.fake.messageRequests.length, 1);
  });

  it('Edit last message: Enter while composing does not resend; the next Enter does', async () => {
    w.fake.enqueue(textReply(['First answer.']));
    await ask(chat, 'First question');
    await replyDone(chat);
    const you = lastMessage(chat, 'You');
    await you.hover();
    await you.getByRole('button', { name: 'Edit last message' }).click();
    const editor = chat.getByRole('textbox', { name: 'Edit message' });
    await editor.waitFor();
    await watchComposition(editor);
    await compose('かんじ', '漢字');
    await until(async () => (await editor.inputValue()) === 'First question漢字', 'the committed text in the edit box');
    await new Promise((r) => setTimeout(r, 300)); // what is tested is that nothing happens: give a resend time to show
    assert.equal(w.fake.messageRequests.length, 1, 'nothing was resent while the input method had the Enter key');
    assert.equal(await editor.isVisible(), true);

    w.fake.enqueue(textReply(['Second answer.']));
    await editor.press('Enter');
    await until(async () => w.fake.messageRequests.length === 2, 'the edited message to go out');
    await replyDone(chat);
    assert.match(await lastMessage(chat, 'You').innerText(), /First question漢字/);
  });
});
