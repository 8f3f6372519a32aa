// npm start's short address: `/` sends the browser to the workbench, whose page gets the
// developmentOptions that load the extension from source on every VS Code version; everything
// else passes through untouched. Real HTTP on 127.0.0.1, with a stand-in for code-server's page.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenShortUrl, withDevelopmentOptions, type ShortUrl } from '../support/shortUrl';

const configuration = (settings: object) =>
  `<meta id="vscode-workbench-web-configuration" data-settings="${JSON.stringify(settings).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
const settingsOf = (html: string) =>
  JSON.parse(/data-settings="([^"]*)"/.exec(html)![1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

describe('npm start: the short address', () => {
  const options = { extensions: [{ scheme: 'vscode-remote', authority: '127.0.0.1:3790', path: '/work/claude-chat' }] };
  let upstream: Server;
  let short: ShortUrl | undefined;

  before(async () => {
    upstream = createServer((req, res) => {
      if (req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!DOCTYPE html><html><head>${configuration({ folderUri: { path: '/w & "q"' }, developmentOptions: { logLevel: 1 } })}</head></html>`);
      } else {
        res.writeHead(200, { 'content-type': 'application/javascript' });
        res.end('data-settings="untouched"');
      }
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await short?.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('adds the developmentOptions to the workbench configuration and keeps the rest of it, quotes and ampersands included', () => {
    const page = `<head>${configuration({ folderUri: { path: '/a & "b" <c>' }, developmentOptions: { logLevel: 1 } })}</head>`;
    const settings = settingsOf(withDevelopmentOptions(page, options));
    assert.deepEqual(settings, { folderUri: { path: '/a & "b" <c>' }, developmentOptions: { logLevel: 1, ...options } });
    assert.equal(withDevelopmentOptions('<head><meta name="x"></head>', options), '<head><meta name="x"></head>', 'another page is left alone');
  });

  it('sends / to the workbench, serves the workbench page with the extension to load, and passes other requests through', async () => {
    short = await listenShortUrl(0);
    const base = `http://127.0.0.1:${short.port}`;
    const starting = await fetch(`${base}/`, { redirect: 'manual' });
    assert.equal(starting.status, 503, 'before code-server is up');
    short.target = { port: (upstream.address() as AddressInfo).port, landing: `${base}/?folder=%2Fw`, developmentOptions: options };

    const landing = await fetch(`${base}/`, { redirect: 'manual' });
    assert.equal(landing.status, 302);
    assert.equal(landing.headers.get('location'), `${base}/?folder=%2Fw`);
    const page = await fetch(`${base}/?folder=%2Fw`);
    const html = await page.text();
    assert.equal(Number(page.headers.get('content-length')), Buffer.byteLength(html), 'the length of the page as rewritten');
    assert.deepEqual(settingsOf(html), { folderUri: { path: '/w & "q"' }, developmentOptions: { logLevel: 1, ...options } });
    assert.equal(await (await fetch(`${base}/static/workbench.js`)).text(), 'data-settings="untouched"');
  });
});
