/** Small media for the fake server's file and source tests: a real PNG, a PDF of N pages, and a raw Files API call. */
import Anthropic, { APIError, toFile } from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import { FILES_BETA } from '../fake-anthropic/server';

export { FILES_BETA };

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64');

/** A minimal PDF with `pages` page objects (and its `/Pages` tree, which is not a page). */
export function pdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const pageObjects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n`).join('');
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n${pageObjects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** Every byte value, then line breaks and lines that look like multipart delimiters: what a naive parser or a UTF-8 decode would corrupt. */
export const AWKWARD_BYTES = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\r\n--\r\n------formdata-undici-0123456789\r\nContent-Disposition: form-data; name="file"\r\n\r\n', 'latin1'),
  Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a, 0xc3, 0x28]),
]);

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

/** A request sent with fetch, outside the SDK (so that no header is added). */
export async function raw(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const res = await fetch(url, { ...init, headers: { authorization: 'Bearer sk-test-key', 'anthropic-version': '2026-10-21', ...init.headers } });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** The API error `call` must fail with, checked for its status and error type; returns it. */
export async function failure(call: Promise<unknown>, status: number, type: string): Promise<APIError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof APIError, `expected a ${status}, got ${String(err)}`);
  assert.equal(err.status, status, err.message);
  assert.equal(err.type, type, err.message);
  return err;
}

/** Uploads `bytes` through the real SDK's beta namespace, with the beta header. */
export async function upload(client: Anthropic, bytes: Buffer, name: string, type: string) {
  return client.beta.files.upload({ file: await toFile(bytes, name, { type }), betas: [FILES_BETA] });
}
