import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { MAX_PDF_BYTES, MAX_PDF_PAGES, PDF_MEDIA_TYPE, pdfInfo, pdfTokens, type PdfInfo } from '../../src/core/context/pdf';
import { setDisplayLocale } from '../../src/core/l10n/format';
import { classicPdf, compressedPdf, withPagesRemoved } from '../support/pdfFixtures';

const FIXTURES = join(resolve(__dirname, '..', '..', '..'), 'test', 'fixtures', 'pdf');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const latin1 = (text: string) => Buffer.from(text, 'latin1');

function reason(info: PdfInfo): string {
  assert.ok('reason' in info, `expected a refusal, got ${JSON.stringify(info)}`);
  return info.reason;
}

/** A small seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pdf attachments: page count and refusals', () => {
  before(() => setDisplayLocale('en'));

  it('counts the pages of a classic file (cross-reference table), with a flat or a two-level page tree', () => {
    assert.equal(PDF_MEDIA_TYPE, 'application/pdf');
    assert.deepEqual(pdfInfo(classicPdf(1), 'one.pdf'), { pages: 1 });
    assert.deepEqual(pdfInfo(classicPdf(3), 'three.pdf'), { pages: 3 });
    assert.deepEqual(pdfInfo(classicPdf(57, { fanOut: 8 }), 'tree.pdf'), { pages: 57 });
    assert.deepEqual(pdfInfo(classicPdf(MAX_PDF_PAGES), 'hundred.pdf'), { pages: 100 }, 'the limit itself is allowed');
  });

  it('counts the pages of a PDF 1.5 file whose page tree is in a compressed object stream (cross-reference stream, no trailer)', () => {
    assert.deepEqual(pdfInfo(compressedPdf(7), 'seven.pdf'), { pages: 7 });
    assert.deepEqual(pdfInfo(compressedPdf(42, { predictor: true }), 'predicted.pdf'), { pages: 42 });
    assert.deepEqual(pdfInfo(compressedPdf(99, { fanOut: 4 }), 'deep.pdf'), { pages: 99 });
  });

  it('counts the pages of files from real writers: Ghostscript, and qpdf with object streams and linearized', () => {
    assert.deepEqual(pdfInfo(fixture('gs-12-pages.pdf'), 'gs.pdf'), { pages: 12 });
    assert.deepEqual(pdfInfo(fixture('qpdf-12-pages-object-streams.pdf'), 'objstm.pdf'), { pages: 12 });
    assert.deepEqual(pdfInfo(fixture('qpdf-12-pages-linearized.pdf'), 'web.pdf'), { pages: 12 });
    assert.match(reason(pdfInfo(fixture('qpdf-120-pages-object-streams.pdf'), 'book.pdf')), /^book\.pdf has 120 pages; Claude reads PDFs of up to 100 pages\.$/);
  });

  it('takes the newest page tree of a file saved with incremental updates (pages deleted in an editor)', () => {
    assert.deepEqual(pdfInfo(withPagesRemoved(classicPdf(5), 2), 'edited.pdf'), { pages: 2 });
  });

  it('reads a PDF that lies inside a larger buffer (a view with an offset)', () => {
    const pdf = compressedPdf(4);
    const inside = Buffer.concat([Buffer.alloc(1000, 0x41), pdf, Buffer.alloc(1000, 0x42)]);
    assert.deepEqual(pdfInfo(new Uint8Array(inside.buffer, inside.byteOffset + 1000, pdf.length), 'view.pdf'), { pages: 4 });
  });

  it('refuses a file that is not a PDF, naming it', () => {
    for (const bytes of [latin1('<!doctype html><p>hello'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), new Uint8Array(), latin1('%PDF')]) {
      assert.equal(reason(pdfInfo(bytes, 'report.pdf')), 'report.pdf is not a PDF file.');
    }
    assert.deepEqual(pdfInfo(Buffer.concat([latin1('junk before the header\n'), classicPdf(2)]), 'a.pdf'), { pages: 2 }, 'readers allow a little junk before %PDF-');
  });

  it('refuses an encrypted or password-protected PDF: Claude cannot read it', () => {
    const expected = 'secret.pdf is encrypted or protected by a password, so Claude cannot read it. Attach a copy saved without protection.';
    assert.equal(reason(pdfInfo(classicPdf(2, { encrypt: true }), 'secret.pdf')), expected);
    assert.equal(reason(pdfInfo(compressedPdf(2, { encrypt: true }), 'secret.pdf')), expected);
    assert.equal(reason(pdfInfo(fixture('qpdf-12-pages-aes256-password.pdf'), 'secret.pdf')), expected);
    assert.equal(reason(pdfInfo(fixture('qpdf-12-pages-aes128-no-user-password.pdf'), 'secret.pdf')), expected, 'encrypted even when it opens without a password');
  });

  it('refuses a damaged PDF whose page count cannot be found: cut short, missing its catalog, garbage', () => {
    const expected = 'broken.pdf seems damaged: its page count cannot be found.';
    for (const pdf of [classicPdf(5), compressedPdf(5)]) {
      for (const keep of [0.25, 0.5, 0.75, 0.9]) assert.equal(reason(pdfInfo(pdf.subarray(0, Math.floor(pdf.length * keep)), 'broken.pdf')), expected, `cut at ${keep}`);
    }
    assert.equal(reason(pdfInfo(latin1('%PDF-1.7\n'), 'broken.pdf')), expected);
    assert.equal(reason(pdfInfo(latin1('%PDF-1.4\ntrailer << /Root 9 0 R >>\n%%EOF'), 'broken.pdf')), expected, 'the catalog is missing');
    assert.equal(reason(pdfInfo(latin1('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>'), 'broken.pdf')), expected, 'a catalog that is its own page tree');
    assert.equal(reason(pdfInfo(latin1('%PDF-1.4\n1 0 obj << /Pages 2 0 R >> endobj\n2 0 obj << /Count 3 0 R >> endobj\n3 0 obj 3 0 R endobj\ntrailer << /Root 1 0 R >>'), 'broken.pdf')), expected, 'a count that refers to itself');
  });

  it('refuses a PDF of no pages', () => {
    assert.equal(reason(pdfInfo(classicPdf(0), 'empty.pdf')), 'empty.pdf has no pages.');
  });

  it('refuses a PDF over 100 pages, with its page count', () => {
    assert.equal(reason(pdfInfo(classicPdf(150), 'thesis.pdf')), 'thesis.pdf has 150 pages; Claude reads PDFs of up to 100 pages.');
    assert.equal(reason(pdfInfo(compressedPdf(150, { predictor: true }), 'thesis.pdf')), 'thesis.pdf has 150 pages; Claude reads PDFs of up to 100 pages.');
    assert.match(reason(pdfInfo(classicPdf(101), 'x.pdf')), /has 101 pages/);
    setDisplayLocale('de');
    try {
      assert.match(reason(pdfInfo(classicPdf(1500, { fanOut: 50 }), 'x.pdf')), /has 1\.500 pages; Claude reads PDFs of up to 100 pages/, 'numbers in the display language');
    } finally {
      setDisplayLocale('en');
    }
  });

  it('refuses a PDF over 32 MB before reading it, with its size', () => {
    const big = Buffer.alloc(MAX_PDF_BYTES + 1024 * 1024, 0x20);
    big.write('%PDF-1.7\n', 'latin1');
    assert.equal(reason(pdfInfo(big, 'scan.pdf')), 'scan.pdf is 33 MB; Claude reads PDFs of up to 32 MB.');
    assert.equal(reason(pdfInfo(Buffer.alloc(MAX_PDF_BYTES + 1), 'zeros.pdf')), 'zeros.pdf is not a PDF file.', 'not a PDF comes first');
  });

  // How long these take is measured by `npm run bench` (pdfPages), not here: a loaded machine is no failure.
  it('counts the pages of a 30 MB PDF', () => {
    for (const make of [classicPdf, compressedPdf]) {
      const pdf = make(4, { padding: 30_000_000 });
      assert.ok(pdf.length > 30_000_000 && pdf.length < MAX_PDF_BYTES);
      assert.deepEqual(pdfInfo(pdf, 'x.pdf'), { pages: 4 });
    }
  });

  it('ends on hostile input, saying it is damaged: 30 MB of garbage, deep nesting, unclosed strings, millions of objects, a compression bomb', () => {
    const next = random(7);
    const noise = Buffer.alloc(30_000_000);
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((next() * 2 ** 32) >>> 0, i);
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const hostile: Record<string, Buffer> = {
      garbage: Buffer.concat([latin1('%PDF-1.7\n'), noise]),
      nesting: latin1(`%PDF-1.4\n1 0 obj ${'<< /A ['.repeat(2_000_000)}\ntrailer << /Root 1 0 R >>`),
      strings: latin1(`%PDF-1.4\n${'1 0 obj (\n'.repeat(2_500_000)}trailer << /Root 1 0 R >>`),
      objects: latin1(`%PDF-1.4\n${'1 0 obj\n'.repeat(3_500_000)}trailer << /Root 1 0 R >>`),
      trailers: latin1(`%PDF-1.4\n${'trailer << /Root 1 0 R /A [1 2 3] >>\n'.repeat(700_000)}`),
      bomb: Buffer.concat([latin1(`%PDF-1.5\n3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, latin1('\nendstream\nendobj\ntrailer << /Root 1 0 R >>')]),
    };
    for (const [name, bytes] of Object.entries(hostile)) assert.equal(reason(pdfInfo(bytes, 'hostile.pdf')), 'hostile.pdf seems damaged: its page count cannot be found.', name);
  });

  it('never throws on damaged bytes: a thousand random cuts and changes of real files', () => {
    const next = random(42);
    const sources = [classicPdf(12), compressedPdf(12, { predictor: true }), fixture('qpdf-12-pages-object-streams.pdf'), fixture('qpdf-12-pages-linearized.pdf')];
    for (let i = 0; i < 1000; i++) {
      const bytes = Buffer.from(sources[i % sources.length]);
      const changes = 1 + Math.floor(next() * 20);
      for (let c = 0; c < changes; c++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const cut = next() < 0.3 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
      const info = pdfInfo(cut, 'fuzz.pdf');
      assert.ok(('pages' in info && Number.isInteger(info.pages) && info.pages > 0) || ('reason' in info && info.reason.startsWith('fuzz.pdf ')), `case ${i}: ${JSON.stringify(info)}`);
    }
  });

  it('estimates input tokens for the context meter: page text plus the page as an image, per page', () => {
    assert.equal(pdfTokens(0), 0);
    const page = pdfTokens(1);
    assert.ok(page >= 1_500 + 1_000 && page <= 3_000 + 2_000, `${page} tokens a page`);
    assert.equal(pdfTokens(100), 100 * page);
    assert.equal(pdfTokens(Number.NaN), 0);
  });
});
