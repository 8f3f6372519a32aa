// A gateway-style endpoint (a path prefix, x-api-key, API version 2023-06-01, JSON wrapped as
// {code,data}): its errors reach the person in its own words, and what they typed is kept.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { rawBody, textReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, openClaudeView, replyDone, until } from './workbench';

const PROXY_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title>
<style>body { font-family: sans-serif }</style><script>console.log("<b>hidden</b>")</script></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>openresty</center>${'<p>padding</p>\n'.repeat(400)}</body></html>`;

describe('gateway endpoint (e2e)', function () {
  this.timeout(180_000);
  // Endpoint settings count only in the person's own settings: a folder's .vscode/settings.json cannot move the key.
  const w = chatWorkbench({
    settings: (fakeUrl) => ({ 'claudeChat.baseURL': `${fakeUrl}/gw`, 'claudeChat.authHeader': 'x-api-key', 'claudeChat.apiVersion': '2023-06-01' }),
  });
  let chat: Frame;
  before(async () => {
    chat = await openClaudeView(w.page);
  });
  beforeEach(() => {
    w.fake.wrapJson = true;
  });

  /** Sends `text`, waits for the alert matching `shown`, and checks the text came back to the box. Returns the alert. */
  async function failedSend(text: string, shown: RegExp) {
    const input = await ask(chat, text);
    const alert = chat.getByRole('alert');
    const message = await until(async () => {
      const said = (await alert.count()) === 1 ? await alert.locator('p').innerText() : '';
      return shown.test(said) ? said : undefined;
    }, `an alert matching ${shown}`);
    await until(async () => (await input.inputValue()) === text, 'the typed text back in the box');
    return { alert, message, input };
  }

  async function cleanUp(alert: ReturnType<Frame['getByRole']>, input: ReturnType<Frame['getByRole']>) {
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await input.fill('');
  }

  it('streams a reply through the prefixed path with x-api-key and 2023-06-01', async () => {
    w.fake.enqueue(textReply(['Through ', 'the gateway.']));
    await ask(chat, 'Hello gateway');
    await replyDone(chat);
    assert.match(await lastMessage(chat, 'Claude').innerText(), /Through the gateway\./);
    const [sent] = w.fake.messageRequests;
    assert.equal(sent.fullPath, '/gw/v1/messages');
    assert.equal(sent.headers['x-api-key'], 'sk-e2e-env-key');
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent.headers.authorization, undefined);
  });

  it('a {code:403,msg} answer shows the gateway\'s message and keeps the typed text', async () => {
    w.fake.enqueue(rawBody(200, 'application/json', '{"code":403,"msg":"余额不足，请充值"}'));
    const { alert, message, input } = await failedSend('Will my balance matter?', /余额不足/);
    assert.equal(message, 'The endpoint refused the request (403): 余额不足，请充值');
    assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).isVisible(), true, 'a balance problem is fixed with another key');
    await cleanUp(alert, input);
  });

  it('a 502 HTML page shows a short message without markup', async () => {
    // The session retries a 502 by itself (four attempts, about 5 s); every attempt meets the same page.
    const page = () => rawBody(502, 'text/html; charset=utf-8', PROXY_PAGE);
    w.fake.enqueue(page(), page(), page(), page());
    const { alert, message, input } = await failedSend('Is the proxy up?', /HTML page/);
    assert.match(message, /^The endpoint answered with an HTML page \(502\): 502 Bad Gateway openresty padding/);
    assert.ok(message.length < 400, `short: ${message.length} characters`);
    assert.equal(message.includes('<'), false, message);
    assert.equal(/hidden|font-family/.test(message), false, 'no script or style text');
    assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).count(), 0);
    assert.ok(w.fake.messageRequests.every((r) => r.fullPath === '/gw/v1/messages'));
    await cleanUp(alert, input);
  });

  it('a {code:401} answer offers Set API Key and keeps the typed text', async () => {
    w.fake.enqueue(rawBody(200, 'application/json', '{"code":401,"msg":"invalid token"}'));
    const { alert, message, input } = await failedSend('Is my key fine?', /rejected the API key/);
    assert.equal(message, 'The endpoint rejected the API key (401: invalid token). Set a valid key to continue.');
    assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).isVisible(), true);
    assert.equal(await alert.getByRole('button', { name: 'Retry' }).count(), 0);
    await cleanUp(alert, input);
  });
});
