/**
 * PDFs as attachments (refused for a model without PDF input, or past the pages one request takes),
 * how each attachment's source is settled for an endpoint, how PDFs count in the context estimate,
 * and what an imported chat keeps of them.
 */
import * as assert from 'node:assert/strict';
import type { DocumentAttachment, ImageAttachment } from '../../src/core/context/attachments';
import { attachmentView, userContent } from '../../src/core/context/attachments';
import { sizeOf } from '../../src/core/context/compaction';
import { documentAttachment, pdfPages } from '../../src/core/context/documents';
import { checkImportedImages, imageHash } from '../../src/core/context/imageCheck';
import { pdfTokens } from '../../src/core/context/pdf';
import { turnsForEndpoint, uploadsOf, usesFiles } from '../../src/core/context/sources';
import { STORAGE_VERSION, type Conversation, type Turn } from '../../src/core/conversation/turns';
import { classicPdf } from '../support/pdfFixtures';

const READS_PDFS = { label: 'Sonnet 5.5', pdfInput: true };

function pdf(pages: number, name = 'report.pdf'): DocumentAttachment {
  const made = documentAttachment(name, classicPdf(pages), READS_PDFS);
  assert.ok(!('reason' in made), 'reason' in made ? made.reason : '');
  return made;
}

function image(extra: Partial<ImageAttachment> = {}): ImageAttachment {
  const data = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
  return { kind: 'image', id: 'img-1', name: 'cat.png', mediaType: 'image/png', width: 10, height: 10, sha256: imageHash(data), data, ...extra };
}

const user = (attachments: (ImageAttachment | DocumentAttachment)[]): Turn => ({ id: 'u1', role: 'user', text: 'Look', attachments });

describe('PDF attachments and sources', () => {
  it('makes a PDF attachment named with its page count, and refuses one for a model that does not read PDFs', () => {
    const report = pdf(3);
    assert.equal(report.pages, 3);
    assert.equal(report.mediaType, 'application/pdf');
    assert.deepEqual(attachmentView(report), { id: report.id, kind: 'document', label: 'report.pdf (3 pages)', tokens: pdfTokens(3) });
    assert.equal(report.data, classicPdf(3).toString('base64'));
    const refused = documentAttachment('report.pdf', classicPdf(3), { label: 'Old Model', pdfInput: false });
    assert.deepEqual(refused, { reason: 'report.pdf cannot be attached: Old Model does not read PDFs. Pick another model to attach it.' });
    assert.ok(!('reason' in documentAttachment('report.pdf', classicPdf(3), { label: 'From a gateway' })), 'a model whose endpoint says nothing is taken to read PDFs');
  });

  it('counts the pages already in the chat: past 100 in one request, a PDF is refused with the reason', () => {
    assert.equal(pdfPages([pdf(60), pdf(30), image()]), 90);
    const refused = documentAttachment('more.pdf', classicPdf(20), READS_PDFS, 90);
    assert.ok('reason' in refused);
    assert.equal(refused.reason, 'more.pdf has 20 pages; with the 90 pages of the PDFs already in this chat, that is more than the 100 pages Claude reads in one request. Start a new chat to attach it.');
    assert.ok(!('reason' in documentAttachment('fits.pdf', classicPdf(10), READS_PDFS, 90)));
  });

  it('sends each attachment from its upload, its address or its bytes, as the endpoint takes them', () => {
    const here = 'https://api.example.com';
    const uploaded = image({ upload: { fileId: 'file_here', endpoint: here } });
    const elsewhere = pdf(2);
    const fromWeb = image({ id: 'img-2', url: 'https://images.example.com/cat.png' });
    const turns = [user([uploaded, { ...elsewhere, upload: { fileId: 'file_there', endpoint: 'https://gateway.example.com' } }, fromWeb])];
    const blocks = (ts: readonly Turn[]) => {
      const t = ts[0];
      return t.role === 'user' ? userContent(t.text, t.attachments ?? []).filter((b) => b.type !== 'text') : [];
    };
    assert.deepEqual(blocks(turnsForEndpoint(turns, { endpoint: here, urls: true })), [
      { type: 'image', source: { type: 'file', file_id: 'file_here' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: elsewhere.data }, title: 'report.pdf' },
      { type: 'image', source: { type: 'url', url: 'https://images.example.com/cat.png' } },
    ]);
    const noUrls = blocks(turnsForEndpoint(turns, { endpoint: here, urls: false }));
    assert.deepEqual(noUrls[2], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: fromWeb.data } });
    assert.ok(usesFiles([{ content: noUrls }]));
    assert.ok(!usesFiles([{ content: blocks(turnsForEndpoint(turns, { endpoint: 'https://other.example.com', urls: true })) }]));
    assert.deepEqual(uploadsOf(turns), [
      { fileId: 'file_here', endpoint: here },
      { fileId: 'file_there', endpoint: 'https://gateway.example.com' },
    ]);
  });

  it('counts a PDF in the context estimate by its pages, not its base64 or its id', () => {
    const small = userContent('Read', [pdf(1)]);
    const large = userContent('Read', [pdf(40)]);
    const byId = userContent('Read', [{ ...pdf(40), upload: { fileId: 'file_1', endpoint: 'x' } }]);
    assert.ok(sizeOf(large) > sizeOf(small) * 20, `${sizeOf(large)} vs ${sizeOf(small)}`);
    assert.equal(sizeOf(byId), sizeOf(large), 'an upload counts as its pages, as its bytes would');
  });

  it('checks the PDFs of an imported chat again, drops a bad one by name, and leaves uploads behind', () => {
    const good = { ...pdf(2, 'good.pdf'), upload: { fileId: 'file_theirs', endpoint: 'https://api.example.com' } };
    const fake = { ...pdf(2, 'fake.pdf'), data: Buffer.from('<html>not a pdf</html>').toString('base64') };
    const fakeHashed = { ...fake, sha256: imageHash(fake.data) };
    const lying = { ...pdf(2, 'lying.pdf'), pages: 1 };
    const conversation: Conversation = { version: STORAGE_VERSION, id: 'c', title: 't', createdAt: 1, updatedAt: 2, turns: [user([good, fakeHashed, lying])] };
    const { conversation: imported, dropped } = checkImportedImages(conversation);
    assert.deepEqual(dropped, ['fake.pdf: fake.pdf is not a PDF file.']);
    const kept = imported.turns[0].role === 'user' ? (imported.turns[0].attachments as DocumentAttachment[]) : [];
    assert.deepEqual(kept.map((a) => [a.name, a.pages, a.upload]), [
      ['good.pdf', 2, undefined],
      ['lying.pdf', 2, undefined],
    ]);
  });
});
