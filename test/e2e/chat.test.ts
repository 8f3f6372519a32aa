// A person's path through the chat view, in a real VS Code (code-server) and a real browser.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { transcriptOf } from '../support/wire';
import { errorMidStream, Gate, httpError, textReply, thinkingReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, pickRow, replyDone, runCommand, until } from './workbench';

describe('chat view (e2e)', function () {
  this.timeout(180_000);

  describe('with ANTHROPIC_API_KEY set', () => {
    const w = chatWorkbench();
    let chat: Frame;
    before(async () => {
      chat = await openClaudeView(w.page);
    });

    it('streams a reply into the "Claude" article while the server is still sending', async () => {
      const gate = new Gate();
      const chunks = ['Streaming ', 'works ', 'in ', 'the ', 'real ', 'webview.'];
      w.fake.enqueue(textReply(chunks, { delayMs: 20, pauseAfter: { chunks: 3, gate } }));
      await ask(chat, 'Does streaming work?');

      const reply = lastMessage(chat, 'Claude');
      await until(async () => (await reply.getAttribute('aria-busy')) === 'true' && (await reply.innerText()).includes('Streaming works in'), 'the partial reply');
      assert.equal(await reply.innerText().then((t) => t.includes('webview.')), false, 'the rest has not been sent yet');
      assert.equal(await chat.getByRole('button', { name: 'Stop' }).isVisible(), true, 'Stop is offered while streaming');
      assert.equal(await lastMessage(chat, 'You').innerText().then((t) => t.includes('Does streaming work?')), true);

      gate.open();
      await replyDone(chat);
      assert.match(await reply.innerText(), /Streaming works in the real webview\./);
      assert.equal(await chat.getByRole('button', { name: 'Send' }).isVisible(), true);

      const [request] = w.fake.messageRequests;
      assert.deepEqual(transcriptOf(request.json), [['user', 'Does streaming work?']]);
      assert.equal(request.json.model, 'claude-sonnet-5-5');
      assert.equal(request.json.max_tokens, 8192);
      assert.equal(request.json.stream, true);
      assert.equal(request.headers.authorization, 'Bearer sk-e2e-env-key');
    });

    it('holds a 3-turn conversation whose third request carries all earlier turns', async () => {
      await newChat(chat);
      w.fake.enqueue(textReply(['Paris.']), textReply(['About 2.1 million.']), textReply(['The Seine.']));
      for (const question of ['Capital of France?', 'Population?', 'Its river?']) {
        await ask(chat, question);
        await replyDone(chat);
      }
      assert.equal(await chat.getByRole('article', { name: 'Claude' }).count(), 3);
      assert.deepEqual(transcriptOf(w.fake.messageRequests[2].json), [
        ['user', 'Capital of France?'],
        ['assistant', 'Paris.'],
        ['user', 'Population?'],
        ['assistant', 'About 2.1 million.'],
        ['user', 'Its river?'],
      ]);
      const usage = lastMessage(chat, 'Claude').getByRole('note', { name: 'Usage' });
      assert.match(await usage.innerText(), /^\d+ in · \d+ out · <?\$[\d.]+$/, 'zero fields are left out of the line');
      assert.match((await usage.getAttribute('title')) ?? '', /in · 0 cache read · 0 cache write · .* out · <?\$/, 'every field on hover');
      assert.equal(await usage.evaluate((e) => e.scrollHeight <= e.clientHeight + 1 && e.getClientRects().length === 1), true, 'one line');
    });

    it('Stop ends the reply: the connection closes and the partial text stays, marked stopped', async () => {
      const gate = new Gate();
      w.fake.enqueue(textReply(['Partial ', 'answer ', 'never sent'], { pauseAfter: { chunks: 2, gate } }));
      await ask(chat, 'Take your time');
      const reply = lastMessage(chat, 'Claude');
      await until(async () => (await reply.innerText()).includes('Partial answer'), 'the partial reply');
      await chat.getByRole('button', { name: 'Stop' }).click();
      await replyDone(chat);
      const request = w.fake.messageRequests.at(-1)!;
      await request.closed;
      assert.equal(request.aborted, true, 'the fake server saw the client close the connection');
      const text = await reply.innerText();
      assert.match(text, /Partial answer/);
      assert.match(text, /Stopped/);
      assert.equal(text.includes('never sent'), false);
      gate.open();
    });

    it('Escape in the message box stops a reply too', async () => {
      const gate = new Gate();
      w.fake.enqueue(textReply(['Stop me ', 'please'], { pauseAfter: { chunks: 1, gate } }));
      const input = await ask(chat, 'Long answer please');
      const reply = lastMessage(chat, 'Claude');
      await until(async () => (await reply.innerText()).includes('Stop me'), 'the partial reply');
      await input.press('Escape');
      await replyDone(chat);
      assert.match(await reply.innerText(), /Stopped/);
      gate.open();
    });

    it('Show Chat History reopens an earlier chat', async () => {
      await newChat(chat);
      w.fake.enqueue(textReply(['Kept in history.']));
      await ask(chat, 'Remember this chat');
      await replyDone(chat);
      await newChat(chat);
      await runCommand(w.page, 'Claude: Show Chat History');
      await pickRow(w.page, 'Remember this chat');
      await until(async () => (await chat.getByRole('article').count()) === 2, 'the reopened chat');
      const reopened = lastMessage(chat, 'Claude');
      await reopened.scrollIntoViewIfNeeded(); // look at it, as a person would: blocks off screen skip rendering (content-visibility)
      assert.match(await reopened.innerText(), /Kept in history\./);
    });

    it('retries by itself after a mid-stream overloaded error, then shows the whole reply', async () => {
      w.fake.enqueue(errorMidStream(['Half a ']), textReply(['Complete ', 'reply after retry.']));
      await ask(chat, 'Are you busy?');
      await replyDone(chat);
      assert.equal(w.fake.messageRequests.length, 2);
      const reply = lastMessage(chat, 'Claude');
      const text = await until(async () => {
        const shown = await reply.innerText();
        return /Complete reply after retry\./.test(shown) ? shown : undefined;
      }, 'the retried reply', 5000);
      assert.equal(text.includes('Half a'), false, 'the broken attempt was replaced');
      assert.equal(await chat.getByRole('alert').count(), 0);
    });

    it('renders markdown with highlighted code, and model HTML inert', async () => {
      const reply = [
        '## Heading\n\nSome **bold** text and a [bad link](javascript:alert(1)) and a [good one](https://example.com).\n\n',
        '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>\n\n',
        '```ts\nconst answer: number = 42;\n```\n\nDone.',
      ];
      w.fake.enqueue(textReply(reply));
      await ask(chat, 'Format something');
      await replyDone(chat);
      const message = lastMessage(chat, 'Claude');
      assert.equal(await message.getByRole('heading', { name: 'Heading' }).count(), 1);
      assert.equal(await message.locator('strong').innerText(), 'bold');
      assert.equal(await message.locator('img, script, iframe').count(), 0, 'no live HTML from the model');
      assert.match(await message.innerText(), /<img src=x onerror=/, 'raw HTML shows as text');
      assert.equal(await message.locator('a[href^="javascript"]').count(), 0);
      assert.equal(await message.getByRole('link', { name: 'good one' }).getAttribute('href'), 'https://example.com');
      assert.equal(await chat.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
      assert.ok((await message.locator('code .hljs-keyword').count()) > 0, 'code is highlighted');
      assert.equal(await message.getByRole('button', { name: 'Copy', exact: true }).count(), 1);
      assert.equal(await message.getByRole('button', { name: 'Insert at cursor' }).count(), 1);
    });

    it('shows thinking as a collapsed "Thinking" details', async () => {
      w.fake.enqueue(thinkingReply(['Let me ', 'think it through.'], 'sig', ['Answer.']));
      await ask(chat, 'Think first');
      await replyDone(chat);
      const details = lastMessage(chat, 'Claude').locator('details');
      assert.equal(await details.locator('summary').innerText(), 'Thinking');
      assert.equal(await details.getAttribute('open'), null);
    });

    it('fills the Model combobox from GET /v1/models and uses the choice', async () => {
      const model = chat.getByRole('combobox', { name: 'Model' });
      await until(async () => (await model.locator('option').allInnerTexts()).includes('Claude Opus 5.5'), 'the model list');
      await model.selectOption('claude-opus-5-5');
      await until(async () => (await model.inputValue()) === 'claude-opus-5-5', 'the setting to apply');
      w.fake.enqueue(textReply(['From Opus.']));
      await ask(chat, 'Which model?');
      await replyDone(chat);
      assert.equal(w.fake.messageRequests.at(-1)!.json.model, 'claude-opus-5-5');
      await model.selectOption('claude-sonnet-5-5');
    });

    it('on a 401, shows an alert with Set API Key and gives the text back', async () => {
      w.fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
      const input = await ask(chat, 'Will this be lost?');
      const alert = chat.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /rejected the API key/);
      assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).isVisible(), true);
      await until(async () => (await input.inputValue()) === 'Will this be lost?', 'the text back in the composer');
      await input.fill('');
    });

    it('brings the conversation back after a window reload', async () => {
      await newChat(chat);
      w.fake.enqueue(textReply(['Remember ', 'me.']));
      await ask(chat, 'Will you survive a reload?');
      await replyDone(chat);
      await w.page.reload();
      await w.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      chat = await openClaudeView(w.page);
      await until(async () => (await chat.getByRole('article').count()) === 2, 'the restored conversation');
      assert.match(await lastMessage(chat, 'You').innerText(), /Will you survive a reload\?/);
      assert.match(await lastMessage(chat, 'Claude').innerText(), /Remember me\./);
    });

    it('Retry that gets a 400 keeps the old answer, also after a reload', async () => {
      // Looked at as a person would: scrolled to, as a block off screen skips rendering (content-visibility) until then.
      const firstAnswerShown = () =>
        until(async () => {
          const answer = lastMessage(chat, 'Claude');
          await answer.scrollIntoViewIfNeeded();
          return /The first answer\./.test(await answer.innerText());
        }, 'the first answer, shown');
      await newChat(chat);
      w.fake.enqueue(textReply(['The first ', 'answer.']));
      await ask(chat, 'Answer me once');
      await replyDone(chat);
      w.fake.enqueue(httpError(400, 'invalid_request_error', 'prompt is too long: 1000001 tokens > 1000000 maximum'));
      await lastMessage(chat, 'Claude').getByRole('button', { name: 'Retry' }).click();
      const alert = chat.getByRole('alert').filter({ hasText: 'prompt is too long' });
      await alert.waitFor();
      assert.equal(await chat.getByRole('article', { name: 'Claude' }).count(), 1);
      await firstAnswerShown();
      await w.page.reload();
      await w.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      chat = await openClaudeView(w.page);
      await until(async () => (await chat.getByRole('article').count()) === 2, 'the restored conversation');
      await firstAnswerShown();
    });
  });

  describe('with no key anywhere', () => {
    const w = chatWorkbench({ key: null });

    it('says so, and Set API Key stores a key that the next request uses', async () => {
      const chat = await openClaudeView(w.page);
      const banner = chat.getByRole('region', { name: 'API key needed' });
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Set API Key' }).click();
      const box = w.page.locator('.quick-input-widget input');
      await box.waitFor();
      await box.fill('sk-typed-by-a-person');
      await box.press('Enter');
      await banner.waitFor({ state: 'hidden' });

      w.fake.enqueue(textReply(['Key ', 'accepted.']));
      await ask(chat, 'hello');
      await replyDone(chat);
      assert.equal(await lastMessage(chat, 'Claude').innerText().then((t) => t.includes('Key accepted.')), true);
      assert.equal(w.fake.messageRequests[0].headers.authorization, 'Bearer sk-typed-by-a-person');
    });
  });
});
