/**
 * `npm run bench`, PDF pages: how long counting the pages of a PDF takes before it is attached
 * (a 30 MB file, classic and with compressed object streams) and how soon hostile input ends as
 * damaged. Targets: a 30 MB PDF under 500 ms, hostile input under 1.5 s.
 */
import { deflateSync } from 'node:zlib';
import { pdfInfo } from '../../src/core/context/pdf';
import { classicPdf, compressedPdf } from '../support/pdfFixtures';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

function median(bytes: Buffer, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    pdfInfo(bytes, 'bench.pdf');
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function main(): void {
  const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
  const noise = Buffer.alloc(30_000_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const cases: Array<[string, Buffer, number]> = [
    ['30 MB PDF, classic cross-reference table', classicPdf(4, { padding: 30_000_000 }), 500],
    ['30 MB PDF, compressed object streams', compressedPdf(4, { padding: 30_000_000 }), 500],
    ['30 MB of noise after a PDF header', Buffer.concat([latin1('%PDF-1.7\n'), noise]), 1500],
    ['3.5 million objects', latin1(`%PDF-1.4\n${'1 0 obj\n'.repeat(3_500_000)}trailer << /Root 1 0 R >>`), 1500],
    ['a compression bomb (64 MB of zeros)', Buffer.concat([latin1(`%PDF-1.5\n3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`), bomb, latin1('\nendstream\nendobj\ntrailer << /Root 1 0 R >>')]), 1500],
  ];
  console.log('\nPDF pages bench: pdfInfo, median of 5 runs');
  console.log('| input | median | target |');
  console.log('|---|---:|---:|');
  const missed: string[] = [];
  for (const [name, bytes, target] of cases) {
    const ms = median(bytes);
    console.log(`| ${name} | ${ms.toFixed(1)} ms | < ${target} ms ${ms < target ? '✓' : '✗'} |`);
    if (ms >= target) missed.push(`${name}: ${ms.toFixed(0)} ms`);
  }
  if (missed.length) {
    console.log(`PDF pages bench: target missed:\n- ${missed.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log('PDF pages bench: targets met');
}

main();
