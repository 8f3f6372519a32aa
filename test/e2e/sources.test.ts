// Images and PDFs from every source the API takes: a web image dragged in or its address pasted
// (sent as its address), a PDF (a chip with its page count, sent as a document), uploads referred
// to by id (uploaded again after the endpoint lost one) and a gateway without a Files API or
// address fetching (the bytes go instead).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { Gate, textReply } from '../fake-anthropic/scripts';
import type { RecordedRequest } from '../fake-anthropic/server';
import { classicPdf } from '../support/pdfFixtures';
import { testCertificate } from '../support/testCertificate';
import { ask, chatWorkbench, openClaudeView, replyDone, runCommand, until } from './workbench';

const DOT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The web server's image for `name`: the dot with the name after its end (decoders stop at IEND), so each has its own bytes. */
const webPng = (name: string) => Buffer.concat([DOT_PNG, Buffer.from(name)]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Block = any;
const sourced = (r: RecordedRequest): Block[] => r.json.messages.flatMap((m: Block) => (typeof m.content === 'string' ? [] : m.content.filter((b: Block) => b.type === 'image' || b.type === 'document')));
const lastSources = (w: { fake: { messageRequests: RecordedRequest[] } }) => sourced(w.fake.messageRequests.at(-1)!).map((b: Block) => b.source);

/** An https server on 127.0.0.1 with a certificate from the test CA, serving PNGs. */
async function imageServer(): Promise<{ server: Server; url: string; caFile: string }> {
  const { ca, key, cert } = testCertificate();
  const caFile = join(mkdtempSync(join(tmpdir(), 'sources-ca-')), 'ca.pem');
  writeFileSync(caFile, ca);
  const server = createServer({ key, cert }, (req, res) => {
    const name = /\/(\w+)\.png/.exec(req.url ?? '')?.[1];
    if (!name) return void res.writeHead(404).end('not here');
    const body = webPng(name);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caFile };
}

/** Drops what a browser gives for an image dragged from a web page: the page's HTML for it, and its address. */
function dropWebImage(chat: Frame, src: string): Promise<void> {
  return chat.evaluate((src) => {
    const data = new DataTransfer();
    data.setData('text/html', `<a href="https://example.com/gallery"><img src="${src}" alt="a cat"></a>`);
    data.setData('text/uri-list', 'https://example.com/gallery');
    document.getElementById('app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, src);
}

function pasteText(chat: Frame, text: string): Promise<void> {
  return chat.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

function pasteFile(chat: Frame, bytes: Buffer, name: string, type: string): Promise<void> {
  return chat.evaluate(
    ([base64, name, type]) => {
      const binary = atob(base64);
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(binary, (c) => c.charCodeAt(0))], name, { type }));
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [bytes.toString('base64'), name, type] as const,
  );
}

describe('image and document sources (e2e)', function () {
  this.timeout(180_000);
  let images: Awaited<ReturnType<typeof imageServer>>;
  let chat: Frame;
  before(async () => {
    images = await imageServer();
  });
  after(() => new Promise<void>((resolve) => images.server.close(() => resolve())));
  // The image server's CA is trusted through Node's own list (NODE_EXTRA_CA_CERTS); VS Code would
  // otherwise hand every request the system's certificates instead, which do not have it.
  const w = chatWorkbench({
    env: () => ({ NODE_EXTRA_CA_CERTS: images.caFile, CLAUDE_CHAT_TEST_LOOPBACK_IMAGES: '1' }),
    settings: () => ({ 'http.systemCertificates': false }),
  });
  before(async () => {
    chat = await openClaudeView(w.page);
  });
  beforeEach(() => {
    w.fake.filesBetaRequired = true;
  });
  /** Asks, holds the reply after its first chunk until `note` shows in it (a note lasts only while the reply streams), then lets it finish. */
  async function askReadingNote(question: string, chunks: string[], note: string): Promise<void> {
    const gate = new Gate();
    w.fake.enqueue(textReply(chunks, { pauseAfter: { chunks: 1, gate } }));
    await ask(chat, question);
    const reply = chat.getByRole('article', { name: 'Claude' }).last();
    await until(async () => (await reply.innerText()).includes(note), 'the note in the reply');
    gate.open();
    await replyDone(chat);
  }
  const attachment = (text: string | RegExp) => chat.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: text });

  it('attaches an image dragged from a web page, with its thumbnail, and sends it as its address', async () => {
    const src = `${images.url}/cat.png`;
    await dropWebImage(chat, src);
    const item = attachment('cat.png');
    await item.waitFor({ timeout: 30_000 });
    assert.match((await item.locator('img.thumb').getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    w.fake.enqueue(textReply(['A cat.']));
    await ask(chat, 'What is this?');
    await replyDone(chat);
    assert.deepEqual(lastSources(w), [{ type: 'url', url: src }]);
    assert.equal(w.fake.fileUploads.length, 0, 'an address is not uploaded');
  });

  it('attaches an image address pasted alone, and says why an http:// one is not fetched', async () => {
    const src = `${images.url}/dog.png?size=small`;
    await pasteText(chat, src);
    await attachment('dog.png').waitFor({ timeout: 30_000 });
    assert.equal(await chat.getByRole('textbox', { name: 'Message Claude' }).inputValue(), '', 'the address became the attachment, not text');
    w.fake.enqueue(textReply(['A dog.']));
    await ask(chat, 'And this?');
    await replyDone(chat);
    assert.deepEqual(lastSources(w).at(-1), { type: 'url', url: src });

    await pasteText(chat, 'http://images.example.com/plain.png');
    const alert = chat.getByRole('alert');
    await until(async () => /unencrypted/.test(await alert.innerText().catch(() => '')), 'the reason');
    assert.equal(await attachment('plain.png').count(), 0);
  });

  it('shows a pasted PDF as a chip with its name and page count, and sends it as a document', async () => {
    await chat.getByRole('button', { name: 'New chat' }).click();
    await pasteFile(chat, classicPdf(3), 'report.pdf', 'application/pdf');
    const item = attachment('report.pdf (3 pages)');
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), /PDF/);
    w.fake.enqueue(textReply(['Three pages about sales.']));
    await ask(chat, 'Summarize this.');
    await replyDone(chat);
    const [file] = [...w.fake.files.values()];
    assert.equal(file?.mimeType, 'application/pdf');
    assert.deepEqual(lastSources(w), [{ type: 'file', file_id: file.id }]);
    assert.deepEqual(sourced(w.fake.messageRequests.at(-1)!)[0].title, 'report.pdf');
  });

  it('uploads a pasted image once, and again after the endpoint lost it', async () => {
    await chat.getByRole('button', { name: 'New chat' }).click();
    await pasteFile(chat, DOT_PNG, 'dot.png', 'image/png');
    await attachment('dot.png').waitFor({ timeout: 30_000 });
    w.fake.enqueue(textReply(['A dot.']));
    await ask(chat, 'What is this?');
    await replyDone(chat);
    const [first] = [...w.fake.files.keys()];
    assert.deepEqual(lastSources(w), [{ type: 'file', file_id: first }]);
    w.fake.forgetFile(first);
    await askReadingNote('What colour?', ['Bl', 'ack.'], 'dot.png was uploaded again: the endpoint no longer had it.');
    assert.equal(w.fake.fileUploads.length, 2);
    const [again] = [...w.fake.files.keys()];
    assert.deepEqual(lastSources(w), [{ type: 'file', file_id: again }]);
    assert.match(await chat.getByRole('article', { name: 'Claude' }).last().innerText(), /Black\./);
    assert.equal(await chat.getByRole('alert').count(), 0, 'no error: the file went again');
  });

  it('deletes a chat’s uploads at the endpoint when the chat is deleted from Show Chat History', async () => {
    await chat.getByRole('button', { name: 'New chat' }).click();
    await pasteFile(chat, webPng('doomed'), 'doomed.png', 'image/png');
    await attachment('doomed.png').waitFor({ timeout: 30_000 });
    w.fake.enqueue(textReply(['Noted.']));
    await ask(chat, 'Delete me later');
    await replyDone(chat);
    const [id] = [...w.fake.files.keys()];
    assert.ok(id, 'uploaded');
    await chat.getByRole('button', { name: 'New chat' }).click();
    await runCommand(w.page, 'Claude: Show Chat History');
    const row = w.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Delete me later' });
    await row.hover();
    await row.getByRole('button', { name: 'Delete chat' }).or(row.locator('[aria-label="Delete chat"]')).first().click();
    await until(async () => w.fake.fileDeletions.length === 1 && !w.fake.files.has(id), 'the upload deleted at the endpoint');
    await w.page.keyboard.press('Escape');
  });

  it('falls back to the bytes on a gateway without a Files API or address fetching, and remembers it', async () => {
    w.fake.filesApi = false;
    w.fake.urlSources = false;
    await chat.getByRole('button', { name: 'New chat' }).click();
    await pasteFile(chat, DOT_PNG, 'dot.png', 'image/png');
    await dropWebImage(chat, `${images.url}/cat.png`);
    await attachment('dot.png').waitFor({ timeout: 30_000 });
    await attachment('cat.png').waitFor({ timeout: 30_000 });
    await askReadingNote('What are these?', ['A dot ', 'and a cat.'], 'The endpoint did not fetch the image from its web address: sent the image itself.');
    const [refused, resent] = w.fake.messageRequests;
    assert.deepEqual(sourced(refused).map((b: Block) => b.source.type), ['base64', 'url']);
    assert.deepEqual(sourced(resent).map((b: Block) => b.source), [
      { type: 'base64', media_type: 'image/png', data: DOT_PNG.toString('base64') },
      { type: 'base64', media_type: 'image/png', data: webPng('cat').toString('base64') },
    ]);
    assert.equal(w.fake.fileUploads.length, 1, 'asked once');
    await pasteFile(chat, DOT_PNG, 'again.png', 'image/png');
    await attachment('again.png').waitFor({ timeout: 30_000 });
    w.fake.enqueue(textReply(['Another dot.']));
    await ask(chat, 'And this?');
    await replyDone(chat);
    assert.equal(w.fake.fileUploads.length, 1, 'the gateway is not asked again');
    assert.ok(lastSources(w).every((s: Block) => s.type === 'base64'));
  });
});
