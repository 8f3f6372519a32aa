// Images and documents from every source the API takes (base64, https URL, uploaded file, plain
// text, content blocks), through the real SDK: what the fake accepts, what it refuses with the API's
// answer, a gateway that refuses URL sources, and how each source counts toward the context window.
import Anthropic from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { textReply } from '../fake-anthropic/scripts';
import { useFakeClient } from '../support/fakeClient';
import { failure, FILES_BETA, PNG, pdf, upload } from './fakeMedia';

const user = (...content: unknown[]) => ({ role: 'user', content: [...content, { type: 'text', text: 'What is it?' }] });
const image = (source: unknown) => ({ type: 'image', source });
const document = (source: unknown, extra: Record<string, unknown> = {}) => ({ type: 'document', source, ...extra });
const base64Pdf = (bytes: Buffer) => ({ type: 'base64', media_type: 'application/pdf', data: bytes.toString('base64') });
const fileSource = (file_id: string) => ({ type: 'file', file_id });
const HTTPS_ONLY = 'Only HTTPS URLs are supported.';

describe('fake server checks image and document sources (real SDK)', () => {
  let fake: FakeAnthropic;
  let client: Anthropic;
  const base = { model: 'claude-sonnet-5-5', max_tokens: 64 };

  useFakeClient((f, c) => {
    fake = f;
    client = c;
  });

  /** Sends `messages` (streamed through the beta namespace when `betas` are given) and expects the reply. */
  async function accepted(messages: unknown[], betas?: string[]): Promise<void> {
    fake.enqueue(textReply(['ok']));
    const message = betas
      ? await client.beta.messages.stream({ ...base, messages, betas } as never).finalMessage()
      : await client.messages.create({ ...base, messages } as never);
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'ok');
  }

  /** Sends `messages` and returns the message of the error it must get. */
  async function refused(messages: unknown[], status = 400, type = 'invalid_request_error', betas?: string[]): Promise<string> {
    const call = betas ? client.beta.messages.create({ ...base, messages, betas } as never) : client.messages.create({ ...base, messages } as never);
    return String((await failure(call, status, type)).apiMessage);
  }

  const tokens = async (...content: unknown[]) => (await client.messages.countTokens({ model: base.model, messages: [user(...content)] } as never)).input_tokens;

  it('takes images from https URLs only', async () => {
    await accepted([user(image({ type: 'url', url: 'https://example.com/cat.png' }))]);
    for (const url of ['http://example.com/cat.png', 'file:///home/me/cat.png', 'data:image/png;base64,iVBORw0KGgo=', 'ftp://example.com/cat.png']) {
      assert.equal(await refused([user(image({ type: 'url', url }))]), HTTPS_ONLY, url);
    }
    assert.equal(await refused([user(image({ type: 'url', url: 'not a url' }))]), 'messages.0.content.0.image.source.url.url: Input should be a valid URL');
    assert.equal(await refused([user(image({ type: 'url' }))]), 'messages.0.content.0.image.source.url.url: Field required');
    const tools = [{ name: 'shot', description: 'Takes a screenshot.', input_schema: { type: 'object' } }];
    const inResult = [
      { role: 'user', content: 'Take a screenshot.' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'shot', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [image({ type: 'url', url: 'http://example.com/s.png' })] }] },
    ];
    const err = await failure(client.messages.create({ ...base, tools, messages: inResult } as never), 400, 'invalid_request_error');
    assert.equal(err.apiMessage, HTTPS_ONLY);
  });

  it('refuses base64 image data that is not base64', async () => {
    await accepted([user(image({ type: 'base64', media_type: 'image/png', data: PNG.toString('base64') }))]);
    assert.equal(await refused([user(image({ type: 'base64', media_type: 'image/png', data: 'not base64!' }))]), 'messages.0.content.0.image.source.base64.data: Invalid base64 data');
    assert.equal(await refused([user(image({ type: 'base64', media_type: 'image/png', data: '' }))]), 'messages.0.content.0.image.source.base64.data: Field required');
  });

  it('takes a file source with or without the beta header; an unknown, deleted or forgotten file gets the API 404', async () => {
    const shot = await upload(client, PNG, 'shot.png', 'image/png');
    await accepted([user(image(fileSource(shot.id)))]);
    await accepted([user(image(fileSource(shot.id)))], [FILES_BETA]);
    assert.equal(await refused([user(image(fileSource('file_011Cnever')))], 404, 'not_found_error'), 'File `file_011Cnever` not found.');
    const scan = await upload(client, pdf(1), 'scan.pdf', 'application/pdf');
    await accepted([user(document(fileSource(scan.id)))]);
    fake.forgetFile(scan.id);
    assert.equal(await refused([user(document(fileSource(scan.id)))], 404, 'not_found_error'), `File \`${scan.id}\` not found.`);
    await client.beta.files.delete(shot.id);
    assert.equal(await refused([user(image(fileSource(shot.id)))], 404, 'not_found_error', [FILES_BETA]), `File \`${shot.id}\` not found.`);
    assert.equal(fake.messageRequests.filter((r) => r.json.messages[0].content[0].source.type === 'file').length, 6);
  });

  it('with filesBetaRequired, refuses a file source sent without the beta header', async () => {
    fake.filesBetaRequired = true;
    const shot = fake.storeFile('shot.png', 'image/png', PNG);
    const message = await refused([user(image(fileSource(shot.id)))]);
    assert.equal(message, 'messages.0.content.0.image.source.file: `file` sources require the beta header `anthropic-beta: files-api-2025-04-14`');
    await accepted([user(image(fileSource(shot.id)))], ['other-beta', FILES_BETA]);
  });

  it('refuses a file in a block that does not take its type', async () => {
    const scan = fake.storeFile('scan.pdf', 'application/pdf', pdf(1));
    const shot = fake.storeFile('shot.png', 'image/png', PNG);
    const fakePdf = fake.storeFile('fake.pdf', 'application/pdf', PNG);
    assert.match(await refused([user(image(fileSource(scan.id)))]), /^messages\.0\.content\.0\.image\.source\.file: File `file_\w+` has type application\/pdf; an `image` block takes/);
    assert.match(await refused([user(document(fileSource(shot.id)))]), /^messages\.0\.content\.0\.document\.source\.file: File `file_\w+` has type image\/png; a `document` block takes/);
    assert.equal(await refused([user(document(fileSource(fakePdf.id)))]), 'messages.0.content.0.pdf.source.base64.data: The PDF specified was not valid.');
    await accepted([user(document(fileSource(fake.storeFile('notes.txt', 'text/plain', Buffer.from('Notes.')).id)))]);
  });

  it('takes documents in user messages from every source, with title, context, citations and a breakpoint', async () => {
    const scan = fake.storeFile('scan.pdf', 'application/pdf', pdf(2));
    const extra = { title: 'Scan', context: 'From the printer.', citations: { enabled: true }, cache_control: { type: 'ephemeral' } };
    await accepted([
      user(
        document(base64Pdf(pdf(1)), extra),
        document({ type: 'text', media_type: 'text/plain', data: 'Plain notes.' }),
        document({ type: 'content', content: [{ type: 'text', text: 'A chunk.' }, image({ type: 'base64', media_type: 'image/png', data: PNG.toString('base64') })] }),
        document({ type: 'url', url: 'https://example.com/paper.pdf' }, { title: null }),
        document(fileSource(scan.id)),
      ),
    ]);
    const inAssistant = [user(), { role: 'assistant', content: [document(base64Pdf(pdf(1)))] }, user()];
    assert.equal(await refused(inAssistant), 'messages.1.content.0: `document` blocks are only allowed in `user` messages');
  });

  it('refuses a base64 PDF that is not a PDF and documents of the wrong shape', async () => {
    const notPdf = { type: 'base64', media_type: 'application/pdf', data: PNG.toString('base64') };
    assert.equal(await refused([user(document(notPdf))]), 'messages.0.content.0.pdf.source.base64.data: The PDF specified was not valid.');
    assert.equal(await refused([user(document({ ...base64Pdf(pdf(1)), media_type: 'image/png' }))]), "messages.0.content.0.document.source.base64.media_type: Input should be 'application/pdf'");
    assert.equal(await refused([user(document({ type: 'text', media_type: 'text/markdown', data: '# x' }))]), "messages.0.content.0.document.source.text.media_type: Input should be 'text/plain'");
    assert.equal(await refused([user(document({ type: 'url', url: 'http://example.com/a.pdf' }))]), HTTPS_ONLY);
    assert.equal(await refused([user(document(base64Pdf(pdf(1)), { citations: true }))]), 'messages.0.content.0.document.citations: Input should be a valid dictionary');
    assert.match(await refused([user(document({ type: 'blob', data: 'x' }))]), /^messages\.0\.content\.0\.document\.source: Input tag 'blob' found using 'type' does not match any of the expected tags: 'base64', 'text', 'content', 'url', 'file'$/);
    assert.equal(await refused([user(document(undefined))]), 'messages.0.content.0.document.source: Field required');
  });

  it('plays a gateway that refuses URL sources; base64 and files still pass, and reset() lets URLs through again', async () => {
    fake.urlSources = false;
    assert.equal(await refused([user(image({ type: 'url', url: 'https://example.com/cat.png' }))]), 'messages.0.content.0: URL sources are not supported.');
    assert.equal(await refused([user(document({ type: 'url', url: 'https://example.com/a.pdf' }))]), 'messages.0.content.0: URL sources are not supported.');
    await accepted([user(image({ type: 'base64', media_type: 'image/png', data: PNG.toString('base64') }), document(fileSource(fake.storeFile('a.pdf', 'application/pdf', pdf(1)).id)))]);
    fake.reset();
    assert.equal(fake.urlSources, true);
    await accepted([user(image({ type: 'url', url: 'https://example.com/cat.png' }))]);
  });

  it('counts an image about 1,600 tokens from any source, a PDF about 1,500 a page, a file as its content inline', async () => {
    const bare = await tokens();
    const png = fake.storeFile('shot.png', 'image/png', PNG);
    const counts = [
      await tokens(image({ type: 'base64', media_type: 'image/png', data: PNG.toString('base64') })),
      await tokens(image({ type: 'url', url: 'https://example.com/cat.png' })),
      await tokens(image(fileSource(png.id))),
      await tokens(image(fileSource('file_011Cnot_held'))),
    ].map((n) => n - bare);
    for (const n of counts) assert.ok(n > 1_600 && n < 1_650, `an image counted ${n} tokens (${counts.join(', ')})`);
    const one = (await tokens(document(base64Pdf(pdf(1))))) - bare;
    const four = (await tokens(document(base64Pdf(pdf(4))))) - bare;
    assert.ok(one > 1_500 && one < 1_550, `one page: ${one}`);
    assert.equal(four - one, 3 * 1_500);
    const held = fake.storeFile('four.pdf', 'application/pdf', pdf(4));
    assert.equal((await tokens(document(fileSource(held.id)))) - bare, four, 'a held PDF counts as the same PDF inline');
    const text = 'word '.repeat(8_000);
    const notes = fake.storeFile('notes.txt', 'text/plain', Buffer.from(text));
    const inline = (await tokens(document({ type: 'text', media_type: 'text/plain', data: text }))) - bare;
    assert.ok(inline >= text.length / 4 && inline < text.length / 4 + 30, `plain text: ${inline}`);
    assert.equal((await tokens(document(fileSource(notes.id)))) - bare, inline);
    const unseen = (await tokens(document({ type: 'url', url: 'https://example.com/paper.pdf' }))) - bare;
    assert.ok(unseen > 4_500 && unseen < 4_560, `a document at a URL: ${unseen}`);
  });

  it('enforces the context window with documents counted by their pages', async () => {
    const scan = fake.storeFile('long.pdf', 'application/pdf', pdf(10));
    fake.contextWindow = 10_000;
    await accepted([user(document(fileSource(fake.storeFile('short.pdf', 'application/pdf', pdf(2)).id)))]);
    assert.match(await refused([user(document(fileSource(scan.id)))]), /^prompt is too long: 15\d\d\d tokens > 10000 maximum$/);
  });
});
