// Images pasted into the chat: sized as the API wants, refused clearly when they cannot be.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, openClaudeView, replyDone, until } from './workbench';

/** Pastes an image made in the page (a canvas of width×height, or `bytes` of junk) into the message box. */
function paste(chat: Frame, image: { width: number; height: number } | { junkBytes: number }, name: string): Promise<string> {
  return chat.evaluate(
    async ([image, name]) => {
      let blob: Blob;
      if ('junkBytes' in image) blob = new Blob([new Uint8Array(image.junkBytes)], { type: 'image/png' });
      else {
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext('2d')!;
        const gradient = ctx.createLinearGradient(0, 0, image.width, image.height);
        gradient.addColorStop(0, 'rgb(200, 40, 40)');
        gradient.addColorStop(1, 'rgb(40, 40, 200)');
        ctx.fillStyle = gradient;
        ctx.fillRect(0, 0, image.width, image.height);
        blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      }
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type: 'image/png' }));
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length && i < 1_000_000; i++) binary += String.fromCharCode(bytes[i]);
      return btoa(binary);
    },
    [image, name] as const,
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(base64: string): { width: number; height: number } {
  const buf = Buffer.from(base64, 'base64');
  assert.equal(buf.toString('ascii', 1, 4), 'PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('images (e2e)', function () {
  this.timeout(180_000);
  const DOT_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  let dot = '';
  const w = chatWorkbench({
    workspace: () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'images-')), 'pictures');
      mkdirSync(dir, { recursive: true });
      dot = join(dir, 'dot.png');
      writeFileSync(dot, Buffer.from(DOT_PNG, 'base64'));
      return dir;
    },
  });
  let chat: Frame;
  before(async () => {
    chat = await openClaudeView(w.page);
  });
  // The bytes as sent are what these tests look at: the endpoint plays a gateway without a Files API (sources.test.ts covers uploads).
  beforeEach(() => {
    w.fake.filesApi = false;
  });

  const lastImages = () => (w.fake.messageRequests.at(-1)!.json.messages.at(-1).content as Array<{ type: string; source?: { media_type: string; data: string } }>).filter((b) => b.type === 'image');

  it('downscales a pasted 4000×3000 PNG to a long edge of at most 1568 px, and shows its token estimate', async () => {
    await paste(chat, { width: 4000, height: 3000 }, 'screenshot.png');
    const item = chat.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: 'screenshot.png' });
    await item.waitFor({ timeout: 60_000 });
    assert.match(await item.innerText(), /≈[\d,]+ tokens/);
    w.fake.enqueue(textReply(['A gradient.']));
    await ask(chat, 'What is in this image?');
    await replyDone(chat);
    const images = lastImages();
    assert.equal(images.length, 1);
    assert.equal(images[0].source!.media_type, 'image/png');
    const size = pngSize(images[0].source!.data);
    assert.ok(Math.max(size.width, size.height) <= 1568, `${size.width}×${size.height}`);
    assert.ok(size.width * size.height <= 1_150_000);
    assert.ok(Math.abs(size.width / size.height - 4 / 3) < 0.01, 'aspect ratio kept');
  });

  it('sends a 10×10 image unchanged', async () => {
    const original = await paste(chat, { width: 10, height: 10 }, 'tiny.png');
    await chat.getByRole('listitem').filter({ hasText: 'tiny.png' }).waitFor();
    w.fake.enqueue(textReply(['Tiny.']));
    await ask(chat, 'And this one?');
    await replyDone(chat);
    const [image] = lastImages();
    assert.equal(image.source!.data, original, 'the same bytes, not re-encoded');
    assert.deepEqual(pngSize(image.source!.data), { width: 10, height: 10 });
    const history = w.fake.messageRequests.at(-1)!.json.messages;
    assert.ok(history.some((m: { role: string; content: Array<{ type: string }> }) => m.role === 'user' && m.content.some((b) => b.type === 'image') && m !== history.at(-1)), 'earlier images are sent again in later turns');
  });

  it('refuses a 30 MB image with a message, and the next question still works', async () => {
    await paste(chat, { junkBytes: 30 * 1024 * 1024 }, 'huge.png');
    const alert = chat.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /huge\.png is 30 MB/);
    assert.equal(await chat.getByRole('listitem').filter({ hasText: 'huge.png' }).count(), 0);
    w.fake.enqueue(textReply(['Still here.']));
    await ask(chat, 'Still working?');
    await replyDone(chat);
    assert.equal(lastImages().length, 0);
    await until(async () => (await chat.getByRole('article', { name: 'Claude' }).last().innerText()).includes('Still here.'), 'the reply');
  });

  it('attaches an image dropped from the Explorer (a file URI), read by the host', async () => {
    const uri = pathToFileURL(dot).href;
    await chat.evaluate((uri) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', uri);
      document.getElementById('app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, uri);
    const item = chat.getByRole('listitem').filter({ hasText: 'dot.png (1×1)' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Remove attachment' }).click();
    await item.waitFor({ state: 'detached' });
  });

  it('refuses a format it cannot read (SVG) with a clear message', async () => {
    await chat.evaluate(() => {
      const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'], 'logo.svg', { type: 'image/svg+xml' });
      const data = new DataTransfer();
      data.items.add(svg);
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const alert = chat.getByRole('alert');
    await until(async () => /logo\.svg could not be read as an image.*PNG, JPEG, GIF and WebP/.test(await alert.innerText().catch(() => '')), 'the message');
  });

  it("offers \"Start Claude's reply with\" only for models that accept prefill, and sends it", async () => {
    const model = chat.getByRole('combobox', { name: 'Model' });
    const options = chat.getByText('Reply options');
    const prefill = chat.getByRole('textbox', { name: "Start Claude's reply with" });
    await model.selectOption('claude-opus-5-5');
    await until(async () => !(await options.isVisible()), '"Reply options" hidden for a model without prefill');
    await model.selectOption('claude-haiku-4-5');
    await options.click();
    await prefill.waitFor();
    await prefill.fill('Sure, in one word:');
    w.fake.enqueue(textReply([' Blue.']));
    await ask(chat, 'Favourite colour?');
    await replyDone(chat);
    const request = w.fake.messageRequests.at(-1)!.json;
    assert.equal(request.model, 'claude-haiku-4-5');
    assert.deepEqual(request.messages.at(-1), { role: 'assistant', content: 'Sure, in one word:' });
    assert.match(await chat.getByRole('article', { name: 'Claude' }).last().innerText(), /Sure, in one word: Blue\./);
    await model.selectOption('claude-sonnet-5-5');
  });
});
