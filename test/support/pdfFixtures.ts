/**
 * Minimal valid PDFs built in code, for the page counter's tests: a classic cross-reference table
 * (PDF 1.4), and PDF 1.5 with the whole page tree in a compressed object stream found through a
 * compressed cross-reference stream (as most writers save today). Each page shows "Page i".
 */
import { deflateSync } from 'node:zlib';

export interface PdfOptions {
  /** An /Encrypt entry in the trailer (a Standard security handler dictionary; the content is left plain). */
  readonly encrypt?: boolean;
  /** Pages per intermediate /Pages node; more pages than this make a two-level tree. */
  readonly fanOut?: number;
  /** Bytes of one incompressible image on page 1, to make a large file. */
  readonly padding?: number;
  /** PNG "Up" predictor on the cross-reference stream (PDF 1.5 only), as many writers do. */
  readonly predictor?: boolean;
}

type Part = string | Buffer;

/** The objects of a document whose catalog is 1 and page tree root 2, numbered in the order added. */
class Objects {
  readonly bodies: Part[][] = [];
  /** Objects that may go in an object stream (no streams, not the encryption dictionary). */
  readonly compressible = new Set<number>();

  reserve(): number {
    this.bodies.push([]);
    return this.bodies.length;
  }

  set(num: number, body: Part[], compressible = false): number {
    this.bodies[num - 1] = body;
    if (compressible) this.compressible.add(num);
    return num;
  }

  add(body: Part[], compressible = false): number {
    return this.set(this.reserve(), body, compressible);
  }
}

function stream(dict: string, data: Buffer): Part[] {
  return [`<< ${dict} /Length ${data.length} >>\nstream\n`, data, '\nendstream'];
}

/** Catalog, page tree (one or two levels), a font and a content stream per page. */
function documentObjects(pages: number, options: PdfOptions): { objects: Objects; encrypt?: number } {
  const objects = new Objects();
  const catalog = objects.reserve();
  const root = objects.reserve();
  objects.set(catalog, ['<< /Type /Catalog /Pages 2 0 R >>'], true);
  const font = objects.add(['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'], true);
  const fanOut = options.fanOut ?? 10;
  const parents: number[] = [];
  if (pages > fanOut) for (let i = 0; i < Math.ceil(pages / fanOut); i++) parents.push(objects.reserve());
  const leaves: number[][] = parents.map(() => []);
  for (let i = 0; i < pages; i++) {
    const parent = parents.length ? parents[Math.floor(i / fanOut)] : root;
    let resources = `/Font << /F1 ${font} 0 R >>`;
    let draw = '';
    if (i === 0 && options.padding) {
      const side = Math.ceil(Math.sqrt(options.padding / 3));
      const pixels = Buffer.alloc(side * side * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = (p * 2654435761) >>> 24; // noise: no object keywords by design
      const image = objects.add(stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8`, pixels));
      resources += ` /XObject << /Im1 ${image} 0 R >>`;
      draw = 'q 200 0 0 200 72 400 cm /Im1 Do Q ';
    }
    const content = objects.add(stream('/Filter /FlateDecode', deflateSync(`${draw}BT /F1 24 Tf 72 700 Td (Page ${i + 1}) Tj ET`)));
    const page = objects.add([`<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 612 792] /Resources << ${resources} >> /Contents ${content} 0 R >>`], true);
    (parents.length ? leaves[Math.floor(i / fanOut)] : (leaves[0] ??= [])).push(page);
  }
  const kids = (list: number[]) => list.map((n) => `${n} 0 R`).join(' ');
  parents.forEach((node, i) => objects.set(node, [`<< /Type /Pages /Parent 2 0 R /Kids [${kids(leaves[i])}] /Count ${leaves[i].length} >>`], true));
  objects.set(root, [`<< /Type /Pages /Kids [${kids(parents.length ? parents : (leaves[0] ?? []))}] /Count ${pages} >>`], true);
  if (!options.encrypt) return { objects };
  const hex = (byte: string) => `<${byte.repeat(32)}>`;
  const encrypt = objects.add([`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O ${hex('4f')} /U ${hex('55')} >>`]);
  return { objects, encrypt };
}

function header(version: string): Buffer {
  return Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1');
}

function toBuffer(parts: Part[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

const ID = '/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]';

/** A PDF 1.4 file with a classic cross-reference table and trailer. */
export function classicPdf(pages: number, options: PdfOptions = {}): Buffer {
  const { objects, encrypt } = documentObjects(pages, options);
  const out: Buffer[] = [header('1.4')];
  let length = out[0].length;
  const offsets: number[] = [];
  objects.bodies.forEach((body, i) => {
    offsets.push(length);
    const obj = toBuffer([`${i + 1} 0 obj\n`, ...body, '\nendobj\n']);
    out.push(obj);
    length += obj.length;
  });
  const size = objects.bodies.length + 1;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const extra = encrypt ? ` /Encrypt ${encrypt} 0 R ${ID}` : '';
  out.push(Buffer.from(`xref\n0 ${size}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${size} /Root 1 0 R${extra} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(out);
}

/** Rows of a cross-reference stream with /W [1 4 2], PNG-Up-predicted when asked. */
function xrefRows(rows: [number, number, number][], predictor: boolean): Buffer {
  const raw = Buffer.alloc(rows.length * 7);
  rows.forEach(([type, a, b], i) => {
    raw.writeUInt8(type, i * 7);
    raw.writeUInt32BE(a, i * 7 + 1);
    raw.writeUInt16BE(b, i * 7 + 5);
  });
  if (!predictor) return raw;
  const out = Buffer.alloc(rows.length * 8);
  for (let r = 0; r < rows.length; r++) {
    out[r * 8] = 2; // Up
    for (let c = 0; c < 7; c++) out[r * 8 + 1 + c] = (raw[r * 7 + c] - (r ? raw[(r - 1) * 7 + c] : 0)) & 0xff;
  }
  return out;
}

/** A PDF 1.5 file: catalog, page tree and pages in one compressed object stream, a compressed cross-reference stream, no trailer keyword. */
export function compressedPdf(pages: number, options: PdfOptions = {}): Buffer {
  const { objects, encrypt } = documentObjects(pages, options);
  const packed = [...objects.compressible].sort((a, b) => a - b);
  const objStm = objects.bodies.length + 1;
  const xref = objStm + 1;
  const texts = packed.map((n) => toBuffer(objects.bodies[n - 1]).toString('latin1'));
  let position = 0;
  const index = packed.map((n, i) => {
    const pair = `${n} ${position}`;
    position += texts[i].length + 1;
    return pair;
  });
  const headerText = `${index.join(' ')}\n`;
  const packedData = deflateSync(Buffer.from(headerText + texts.join('\n') + '\n', 'latin1'));

  const out: Buffer[] = [header('1.5')];
  let length = out[0].length;
  const rows: [number, number, number][] = [[0, 0, 65535]];
  const write = (num: number, body: Part[]) => {
    rows[num] = [1, length, 0];
    const obj = toBuffer([`${num} 0 obj\n`, ...body, '\nendobj\n']);
    out.push(obj);
    length += obj.length;
  };
  objects.bodies.forEach((body, i) => {
    if (!objects.compressible.has(i + 1)) write(i + 1, body);
  });
  write(objStm, stream(`/Type /ObjStm /N ${packed.length} /First ${headerText.length} /Filter /FlateDecode`, packedData));
  packed.forEach((n, i) => (rows[n] = [2, objStm, i]));
  rows[xref] = [1, length, 0];
  const predictor = options.predictor ?? false;
  const parms = predictor ? ' /DecodeParms << /Predictor 12 /Columns 7 >>' : '';
  const extra = encrypt ? ` /Encrypt ${encrypt} 0 R ${ID}` : '';
  const xrefStart = length;
  write(xref, stream(`/Type /XRef /Size ${xref + 1} /W [1 4 2] /Root 1 0 R${extra} /Filter /FlateDecode${parms}`, deflateSync(xrefRows(rows, predictor))));
  out.push(Buffer.from(`startxref\n${xrefStart}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(out);
}

/**
 * An incremental update appended to a classic file: object 2 (the page tree root) saved again
 * with only the first `keep` pages, as an editor that deleted pages would save it.
 */
export function withPagesRemoved(pdf: Buffer, keep: number): Buffer {
  const text = pdf.toString('latin1');
  const kids = /2 0 obj\n<< \/Type \/Pages \/Kids \[([^\]]*)\]/.exec(text);
  const startxref = /startxref\n(\d+)/.exec(text);
  const size = /\/Size (\d+)/.exec(text);
  if (!kids || !startxref || !size) throw new Error('not a file from classicPdf');
  const kept = kids[1].split(/(?<=R)\s+/).slice(0, keep).join(' ');
  const offset = pdf.length;
  const update = `2 0 obj\n<< /Type /Pages /Kids [${kept}] /Count ${keep} >>\nendobj\n`;
  const xrefAt = offset + update.length;
  const trailer = `xref\n0 1\n0000000000 65535 f \n2 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size[1]} /Root 1 0 R /Prev ${startxref[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update + trailer, 'latin1')]);
}
