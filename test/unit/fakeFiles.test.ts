// The fake's Files API, driven by the real SDK over HTTP: uploads byte for byte, metadata, lists in
// the GA and beta shapes, deletion, the API's 404s, the beta-only mode, a gateway without the Files
// API, and the bytes each request carried.
import Anthropic, { NotFoundError, toFile } from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { textReply } from '../fake-anthropic/scripts';
import { useFakeClient } from '../support/fakeClient';
import { AWKWARD_BYTES, failure, FILES_BETA, PNG, pdf, raw, upload } from './fakeMedia';

describe('fake Files API (real SDK)', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;

  useFakeClient((f, c) => {
    fake = f;
    client = c;
  });

  it('answers an upload with the metadata the API gives, and keeps the file for the tests', async () => {
    const meta = await upload(client, PNG, 'shot.png', 'image/png');
    assert.match(meta.id, /^file_011C[1-9A-HJ-NP-Za-km-z]{19}$/);
    assert.deepEqual({ ...meta, id: 'x', created_at: 'x' }, { id: 'x', type: 'file', filename: 'shot.png', mime_type: 'image/png', size_bytes: PNG.length, created_at: 'x', downloadable: false });
    assert.ok(Math.abs(Date.parse(meta.created_at) - Date.now()) < 60_000, meta.created_at);
    const stored = fake.files.get(meta.id);
    assert.equal(stored?.filename, 'shot.png');
    assert.equal(stored?.mimeType, 'image/png');
    assert.ok(stored?.bytes.equals(PNG));
    const [request] = fake.fileUploads;
    assert.equal(request.headers['anthropic-beta'], FILES_BETA);
    assert.match(request.headers['content-type'], /^multipart\/form-data; boundary=/);
    assert.equal(request.json, undefined);
    assert.equal(request.bytes, Number(request.headers['content-length']));
  });

  it('stores a binary upload byte for byte, whatever bytes and delimiter look-alikes it holds', async () => {
    const meta = await upload(client, AWKWARD_BYTES, 'blob.bin', 'application/octet-stream');
    assert.equal(meta.size_bytes, AWKWARD_BYTES.length);
    assert.ok(fake.files.get(meta.id)?.bytes.equals(AWKWARD_BYTES), 'the stored bytes differ from the uploaded ones');
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0xa5);
    const large = await upload(client, big, 'big.bin', 'application/octet-stream');
    assert.ok(fake.files.get(large.id)?.bytes.equals(big));
    assert.ok(fake.fileUploads[1].bytes > big.length);
  });

  it('keeps only the last path component of a filename, names a nameless file by its type and refuses forbidden characters', async () => {
    const nested = await client.files.upload({ file: await toFile(PNG, 'dir/sub\\shot.png', { type: 'image/png' }) });
    assert.equal(nested.filename, 'shot.png');
    const form = (filename: string) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(pdf(1))], { type: 'application/pdf' }), filename);
      return body;
    };
    const unnamed = await raw(`${fake.url}/v1/files`, { method: 'POST', body: form('') });
    assert.equal(unnamed.status, 200);
    assert.equal(unnamed.json.filename, 'unnamed.pdf');
    const refused = await raw(`${fake.url}/v1/files`, { method: 'POST', body: form('a|b?.pdf') });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.type, 'invalid_request_error');
    const noFile = await raw(`${fake.url}/v1/files`, { method: 'POST', body: new FormData() });
    assert.deepEqual([noFile.status, noFile.json.error.message], [400, 'file: Field required']);
  });

  it('gets, lists and deletes files; a deleted or unknown id gets the API 404 on every route', async () => {
    const a = await upload(client, PNG, 'a.png', 'image/png');
    const b = await upload(client, pdf(2), 'b.pdf', 'application/pdf');
    assert.deepEqual(await client.beta.files.retrieveMetadata(a.id, { betas: [FILES_BETA] }), a);
    const listed: string[] = [];
    for await (const file of client.files.list()) listed.push(file.id);
    assert.deepEqual(listed, [b.id, a.id], 'newest first');
    assert.deepEqual(await client.beta.files.delete(a.id, { betas: [FILES_BETA] }), { id: a.id, type: 'file_deleted' });
    assert.equal(fake.files.has(a.id), false);
    assert.equal(fake.fileDeletions.length, 1);
    for (const call of [client.beta.files.retrieveMetadata(a.id), client.beta.files.delete(a.id), client.files.retrieveMetadata('file_011Cunknown')]) {
      const err = await failure(call, 404, 'not_found_error');
      assert.ok(err instanceof NotFoundError);
      assert.match(String(err.apiMessage), /^File `file_011C\w+` not found\.$/);
    }
    const download = await failure(client.files.download(b.id), 400, 'invalid_request_error');
    assert.ok(download instanceof Anthropic.FileNotDownloadableError);
  });

  it('needs no beta header (the Files API is GA) and answers the GA list shape without it, the beta shape with it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.files.upload({ file: await toFile(PNG, `${i}.png`, { type: 'image/png' }) })).id);
    assert.equal(fake.fileUploads[0].headers['anthropic-beta'], undefined, 'the GA client sends no beta header');
    const paged: string[] = [];
    for await (const file of client.files.list({ limit: 2 })) paged.push(file.id);
    assert.deepEqual(paged, [...ids].reverse(), 'the SDK follows next_page across pages');
    const ga = await raw(`${fake.url}/v1/files?limit=2`);
    assert.deepEqual(Object.keys(ga.json), ['data', 'next_page']);
    assert.match(ga.json.next_page, /^page_/);
    assert.equal(ga.json.data[0].expires_at, null);
    const beta = await raw(`${fake.url}/v1/files?limit=2`, { headers: { 'anthropic-beta': `other-beta,${FILES_BETA}` } });
    assert.deepEqual(beta.json, { data: beta.json.data, has_more: true, first_id: ids[2], last_id: ids[1] });
    const older = await raw(`${fake.url}/v1/files?after_id=${ids[1]}`, { headers: { 'anthropic-beta': FILES_BETA } });
    assert.deepEqual([older.json.data.map((f: { id: string }) => f.id), older.json.has_more], [[ids[0]], false]);
    const picked = await raw(`${fake.url}/v1/files?ids[]=${ids[0]}&ids[]=file_011Cgone`);
    assert.deepEqual(picked.json.data.map((f: { id: string }) => f.id), [ids[0]]);
    assert.equal((await raw(`${fake.url}/v1/files?limit=0`)).status, 400);
  });

  it('with filesBetaRequired, refuses every Files API route that lacks the beta header, as before GA', async () => {
    fake.filesBetaRequired = true;
    const kept = fake.storeFile('k.png', 'image/png', PNG);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'x.png');
    for (const [method, path, body] of [
      ['POST', '/v1/files', form],
      ['GET', '/v1/files', undefined],
      ['GET', `/v1/files/${kept.id}`, undefined],
      ['DELETE', `/v1/files/${kept.id}`, undefined],
    ] as const) {
      const answer = await raw(`${fake.url}${path}`, { method, body });
      assert.equal(answer.status, 400, `${method} ${path}`);
      assert.equal(answer.json.error.type, 'invalid_request_error');
      assert.match(answer.json.error.message, /anthropic-beta: files-api-2025-04-14/);
    }
    assert.equal(fake.files.size, 1, 'nothing was uploaded or deleted');
    await failure(client.files.upload({ file: await toFile(PNG, 'x.png', { type: 'image/png' }) }), 400, 'invalid_request_error');
    assert.equal((await upload(client, PNG, 'x.png', 'image/png')).filename, 'x.png');
    assert.deepEqual(await client.beta.files.delete(kept.id, { betas: [FILES_BETA] }), { id: kept.id, type: 'file_deleted' });
  });

  it('plays a gateway without the Files API: every files route is a bare 404 page, messages still work', async () => {
    fake.filesApi = false;
    const page = await raw(`${fake.url}/v1/files`, { headers: { 'anthropic-beta': FILES_BETA } });
    assert.deepEqual([page.status, page.contentType, page.text], [404, 'text/plain', 'Not Found']);
    const err = await upload(client, PNG, 'a.png', 'image/png').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotFoundError, String(err));
    assert.equal(err.type, null, 'a bare page carries no API error type');
    assert.equal(fake.files.size, 0);
    fake.enqueue(textReply(['ok']));
    const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'ok');
    fake.reset();
    assert.equal(fake.filesApi, true);
    assert.equal((await raw(`${fake.url}/v1/files`)).status, 200);
  });

  it('records the body bytes of every request, so an upload can be told from a reference to it', async () => {
    const image = Buffer.alloc(120_000, 3);
    const meta = await upload(client, image, 'big.png', 'image/png');
    const ask = (source: unknown) => {
      fake.enqueue(textReply(['ok']));
      return client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 16, messages: [{ role: 'user', content: [{ type: 'image', source } as never, { type: 'text', text: 'What is it?' }] }] });
    };
    await ask({ type: 'file', file_id: meta.id });
    await ask({ type: 'base64', media_type: 'image/png', data: image.toString('base64') });
    const [byFile, inline] = fake.messageRequests.map((r) => r.bytes);
    assert.ok(byFile < 1_000, `a file reference costs ${byFile} bytes`);
    assert.ok(inline > (image.length * 4) / 3, `inline base64 costs ${inline} bytes`);
    for (const r of fake.requests) assert.equal(r.bytes, Number(r.headers['content-length']));
    assert.equal(fake.bytesReceived, fake.requests.reduce((sum, r) => sum + r.bytes, 0));
    assert.ok(fake.bytesReceived > image.length + inline);
  });
});
