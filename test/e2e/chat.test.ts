// A person's path through the chat view, in a real VS Code (code-server) and a real browser.
import * as assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, startCodeServer, type CodeServer } from '../support/codeServer';
import { FakeAnthropic } from '../fake-anthropic/server';
import { Gate, httpError, textReply } from '../fake-anthropic/scripts';
import { lastMessage, openClaudeView, until } from './workbench';

describe('chat view (e2e)', function () {
  this.timeout(180_000);
  let fake: FakeAnthropic;
  let browser: Browser;

  before(async () => {
    fake = await FakeAnthropic.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  describe('with ANTHROPIC_API_KEY set', () => {
    let server: CodeServer;
    let page: Page;
    let chat: Frame;

    before(async () => {
      server = await startCodeServer({ env: { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'sk-e2e-env-key', ANTHROPIC_AUTH_TOKEN: undefined } });
      page = await openWorkbench(browser, server);
      chat = await openClaudeView(page);
    });
    after(async () => {
      await page?.close();
      await server?.stop();
    });

    it('streams a reply into the "Claude" article while the server is still sending', async () => {
      const gate = new Gate();
      const chunks = ['Streaming ', 'works ', 'in ', 'the ', 'real ', 'webview.'];
      fake.enqueue(textReply(chunks, { delayMs: 20, pauseAfter: { chunks: 3, gate } }));
      const input = chat.getByRole('textbox', { name: 'Message Claude' });
      await input.fill('Does streaming work?');
      await input.press('Enter');

      const reply = lastMessage(chat, 'Claude');
      await until(async () => (await reply.getAttribute('aria-busy')) === 'true' && (await reply.innerText()).includes('Streaming works in'), 'the partial reply');
      assert.equal(await reply.innerText().then((t) => t.includes('webview.')), false, 'the rest has not been sent yet');
      assert.equal(await chat.getByRole('button', { name: 'Stop' }).isVisible(), true, 'Stop is offered while streaming');
      assert.equal(await lastMessage(chat, 'You').innerText().then((t) => t.includes('Does streaming work?')), true);

      gate.open();
      await until(async () => (await reply.getAttribute('aria-busy')) === 'false', 'the end of the reply');
      assert.match(await reply.innerText(), /Streaming works in the real webview\./);
      assert.equal(await chat.getByRole('button', { name: 'Send' }).isVisible(), true);

      const [request] = fake.messageRequests;
      assert.deepEqual(request.json.messages, [{ role: 'user', content: 'Does streaming work?' }]);
      assert.equal(request.json.model, 'claude-sonnet-5-5');
      assert.equal(request.json.max_tokens, 8192);
      assert.equal(request.json.stream, true);
      assert.equal(request.headers.authorization, 'Bearer sk-e2e-env-key');
    });

    it('on a 401, shows an alert with Set API Key and gives the text back', async () => {
      fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
      const input = chat.getByRole('textbox', { name: 'Message Claude' });
      await input.fill('Will this be lost?');
      await input.press('Enter');
      const alert = chat.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /rejected the API key/);
      assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).isVisible(), true);
      await until(async () => (await input.inputValue()) === 'Will this be lost?', 'the text back in the composer');
    });
  });

  describe('with no key anywhere', () => {
    let server: CodeServer;
    let page: Page;

    before(async () => {
      server = await startCodeServer({ env: { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined } });
      page = await openWorkbench(browser, server);
    });
    after(async () => {
      await page?.close();
      await server?.stop();
    });

    it('says so, and Set API Key stores a key that the next request uses', async () => {
      const chat = await openClaudeView(page);
      const banner = chat.getByRole('region', { name: 'API key needed' });
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Set API Key' }).click();
      const box = page.locator('.quick-input-widget input');
      await box.waitFor();
      await box.fill('sk-typed-by-a-person');
      await box.press('Enter');
      await banner.waitFor({ state: 'hidden' });

      fake.enqueue(textReply(['Key ', 'accepted.']));
      const input = chat.getByRole('textbox', { name: 'Message Claude' });
      await input.fill('hello');
      await input.press('Enter');
      const reply = lastMessage(chat, 'Claude');
      await until(async () => (await reply.getAttribute('aria-busy')) === 'false', 'the reply');
      assert.equal(await reply.innerText().then((t) => t.includes('Key accepted.')), true);
      assert.equal(fake.messageRequests[0].headers.authorization, 'Bearer sk-typed-by-a-person');
    });
  });
});
