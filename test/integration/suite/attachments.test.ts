// PDFs and web images as the extension host takes them in a real VS Code: PDFs read from disk,
// checked and counted; web addresses refused with the reason before anything is fetched; an
// endpoint without a Files API remembered in the extension's global state.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DocumentAttachment } from '../../../src/core/context/attachments';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { AttachmentInput } from '../../../src/host/attachmentInput';
import { textReply } from '../../fake-anthropic/scripts';
import { classicPdf, compressedPdf } from '../../support/pdfFixtures';
import { useFakeEndpoint } from '../fakeEndpoint';

describe('attachments in the extension host: PDFs, web images, uploads', () => {
  const endpoint = useFakeEndpoint('sk-attachments');
  const dir = mkdtempSync(join(tmpdir(), 'claude-attachments-'));
  const posts: HostToWebview[] = [];
  let input: AttachmentInput;
  const errors = () => posts.flatMap((m) => (m.type === 'error' ? [m.message] : []));
  const file = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return vscode.Uri.file(path).toString();
  };
  beforeEach(async () => {
    posts.length = 0;
    endpoint.fake.reset();
    await endpoint.api.session.newChat();
    input = new AttachmentInput(endpoint.api.session, (m) => posts.push(m));
  });

  it('attaches a PDF dropped from the Explorer with its page count, and refuses one over 100 pages, an encrypted one and a PDF in name only', async () => {
    await input.readDropped([file('report.pdf', compressedPdf(12))]);
    const [report] = endpoint.api.session.pending.list as DocumentAttachment[];
    assert.equal(report.kind, 'document');
    assert.equal(report.pages, 12);
    assert.equal(report.name, 'report.pdf');
    await input.readDropped([file('thesis.pdf', classicPdf(150)), file('locked.pdf', classicPdf(2, { encrypt: true })), file('notes.pdf', Buffer.from('just text'))]);
    assert.deepEqual(errors(), [
      'thesis.pdf has 150 pages; Claude reads PDFs of up to 100 pages.',
      'locked.pdf is encrypted or protected by a password, so Claude cannot read it. Attach a copy saved without protection.',
      'notes.pdf is not a PDF file.',
    ]);
    assert.equal(endpoint.api.session.pending.list.length, 1, 'only the good one is attached');
    endpoint.api.session.pending.take();
  });

  it('refuses web images it must not fetch, saying why, before any connection', async () => {
    await input.addImageUrl('http://images.example.com/cat.png');
    await input.addImageUrl('file:///etc/passwd.png');
    await input.addImageUrl('https://127.0.0.1:9/cat.png'); // loopback: only the e2e tests may, and only when they ask
    await input.addImageUrl('https://10.1.2.3/cat.png');
    const said = errors();
    assert.equal(said.length, 4);
    assert.match(said[0], /Only https:\/\/ image addresses can be attached: .* unencrypted/);
    assert.match(said[1], /file: addresses are not fetched: they would give Claude files from this machine/);
    assert.match(said[2], /127\.0\.0\.1 is this computer/);
    assert.match(said[3], /10\.1\.2\.3 is on a private network/);
    assert.equal(endpoint.api.session.pending.list.length, 0);
  });

  it('takes an image’s web address only when the host fetched those bytes from it (never the webview’s word alone)', async () => {
    const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    input.add({ name: 'dot.png', mediaType: 'image/png', data: PNG, width: 1, height: 1, thumbnail: `data:image/png;base64,${PNG}`, url: 'https://user:pw@10.0.0.1/dot.png' });
    const [dot] = endpoint.api.session.pending.list;
    assert.equal(dot.kind, 'image');
    assert.equal(dot.kind === 'image' ? dot.url : 'not an image', undefined, 'sent as its bytes');
    endpoint.api.session.pending.take();
  });

  it('sends a PDF to an endpoint without a Files API as base64, and does not ask that endpoint again', async () => {
    endpoint.fake.filesApi = false;
    await input.readDropped([file('one.pdf', classicPdf(1))]);
    endpoint.fake.enqueue(textReply(['One page.']));
    await endpoint.api.session.send('Summarize');
    const sent = endpoint.fake.messageRequests.at(-1)!.json.messages[0].content;
    assert.equal(sent[0].type, 'document');
    assert.equal(sent[0].source.type, 'base64');
    assert.equal(endpoint.fake.fileUploads.length, 1);

    await endpoint.api.session.newChat();
    await input.readDropped([file('two.pdf', classicPdf(2))]);
    endpoint.fake.enqueue(textReply(['Two pages.']));
    await endpoint.api.session.send('Summarize');
    assert.equal(endpoint.fake.fileUploads.length, 1, 'remembered: not asked again');
    assert.equal(endpoint.fake.messageRequests.at(-1)!.json.messages[0].content[0].source.type, 'base64');
  });
});
