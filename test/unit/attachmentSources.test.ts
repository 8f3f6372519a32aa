/**
 * Where attachments are sent from, through the real engine, SDK and HTTP against the fake server:
 * an upload (Files API) referred to by id in every request, the web address of an image that came
 * from one, or the bytes; what an endpoint lacks is remembered, and a refused request is mended
 * once (the file uploaded again, the image sent itself).
 */
import * as assert from 'node:assert/strict';
import type { FileAttachment, ImageAttachment } from '../../src/core/context/attachments';
import { documentAttachment } from '../../src/core/context/documents';
import { imageHash } from '../../src/core/context/imageCheck';
import { FILES_BETA } from '../../src/core/context/sources';
import { SessionEndpointMemory } from '../../src/core/engine/endpointFeatures';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import type { Conversation } from '../../src/core/conversation/turns';
import { createBackend } from '../../src/host/clientFactory';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { deleteUploads } from '../../src/host/uploadCleanup';
import { Gate, reply, text } from '../fake-anthropic/scripts';
import type { RecordedRequest } from '../fake-anthropic/server';
import { useEngineHarness } from '../support/engineHarness';
import { classicPdf } from '../support/pdfFixtures';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(3000, 7)]);

function image(name = 'shot.png', extra: Partial<ImageAttachment> = {}): ImageAttachment {
  const data = PNG.toString('base64');
  const sha256 = imageHash(data);
  return { kind: 'image', id: `img-${sha256.slice(0, 12)}`, name, mediaType: 'image/png', width: 1, height: 1, sha256, data, ...extra };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Block = any;
/** The image and document blocks of a request, in order. */
const sourced = (r: RecordedRequest): Block[] => r.json.messages.flatMap((m: Block) => (typeof m.content === 'string' ? [] : m.content.filter((b: Block) => b.type === 'image' || b.type === 'document')));
const betas = (r: RecordedRequest) => (r.headers['anthropic-beta'] ?? '').split(',').map((b) => b.trim());

describe('Attachment sources (Files API, web addresses, PDFs)', () => {
  const h = useEngineHarness();
  beforeEach(() => {
    h.fake.filesBetaRequired = true; // as the beta has it: a file_id without the header is refused
  });

  const storedAttachments = (): FileAttachment[] => {
    const conversation = h.saves.at(-1)?.conversation;
    return (conversation?.turns ?? []).flatMap((t) => (t.role === 'user' ? (t.attachments ?? []).filter((a): a is FileAttachment => a.kind !== 'selection') : []));
  };

  it('uploads an image once and refers to it by id in every later request, byte for byte', async () => {
    h.fake.enqueue(reply([text('A cat.')]), reply([text('Grey.')]), reply([text('Yes.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('What is this?', [image()]);
    await engine.send('What colour?');
    await engine.send('Sure?');
    assert.equal(h.fake.fileUploads.length, 1);
    const [file] = [...h.fake.files.values()];
    assert.deepEqual(file.bytes, PNG, 'the upload is the image, byte for byte');
    const requests = h.fake.messageRequests;
    assert.equal(requests.length, 3);
    for (const r of requests) {
      assert.deepEqual(sourced(r), [{ type: 'image', source: { type: 'file', file_id: file.id } }]);
      assert.ok(betas(r).includes(FILES_BETA), 'the Files API beta goes with every request that refers to an upload');
      assert.ok(!r.body.includes(PNG.toString('base64').slice(0, 200)), 'no request carries the bytes');
    }
    const first = requests.map((r) => JSON.stringify(r.json.messages[0].content.filter((b: Block) => b.type === 'image')));
    assert.ok(first.every((m) => m === first[0]), 'the first message is the same in every request (the cached prefix holds)');
    assert.deepEqual(storedAttachments()[0].upload, { fileId: file.id, endpoint: h.fake.url }, 'the id is stored with the chat, beside the local copy');
    assert.ok(storedAttachments()[0].data, 'the local copy stays');
  });

  it('keeps the upload across a save and a reopen: the reopened chat refers to the same id', async () => {
    h.fake.enqueue(reply([text('A cat.')]), reply([text('Grey.')]));
    await h.engine({ tools: undefined }).send('What is this?', [image()]);
    const saved = parseConversation(JSON.stringify(h.saves.at(-1)?.conversation));
    const reopened = h.engine({ tools: undefined });
    await reopened.load(saved);
    await reopened.send('What colour?');
    assert.equal(h.fake.fileUploads.length, 1, 'not uploaded again');
    assert.deepEqual(sourced(h.fake.messageRequests[1]), sourced(h.fake.messageRequests[0]));
  });

  it('sends base64 to an endpoint without a Files API, remembers it, and does not ask again in the next chat', async () => {
    h.fake.filesApi = false;
    const endpoints = new SessionEndpointMemory();
    h.fake.enqueue(reply([text('A cat.')]), reply([text('A dog.')]));
    await h.engine({ tools: undefined, endpoints }).send('What is this?', [image()]);
    assert.equal(h.fake.fileUploads.length, 1, 'asked once');
    assert.deepEqual(sourced(h.fake.messageRequests[0]), [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } }]);
    assert.ok(!betas(h.fake.messageRequests[0]).includes(FILES_BETA));
    assert.ok(endpoints.lacks(h.fake.url, 'files'));
    assert.equal(h.ofType('error').length, 0, 'nothing to say: the image went as before');
    await h.engine({ tools: undefined, endpoints }).send('And this?', [image('dog.png')]);
    assert.equal(h.fake.fileUploads.length, 1, 'the next chat does not ask again');
    assert.equal(sourced(h.fake.messageRequests[1])[0].source.type, 'base64');
  });

  it('uploads again, once and visibly, a file the endpoint no longer has (expired or deleted)', async () => {
    h.fake.enqueue(reply([text('A cat.')]), reply([text('Grey.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('What is this?', [image()]);
    const [lost] = [...h.fake.files.keys()];
    h.fake.forgetFile(lost);
    await engine.send('What colour?');
    const [, refused, resent] = h.fake.messageRequests;
    assert.equal(sourced(refused)[0].source.file_id, lost);
    assert.equal(h.fake.fileUploads.length, 2, 'uploaded again from the local copy');
    const [again] = [...h.fake.files.keys()];
    assert.notEqual(again, lost);
    assert.deepEqual(sourced(resent), [{ type: 'image', source: { type: 'file', file_id: again } }]);
    assert.ok(h.ofType('replyStatus').some((m) => /Uploading shot\.png again/.test(m.text)), 'the person sees why the reply waits');
    assert.equal(h.ofType('replyStatus').filter((m) => m.text).at(-1)?.text, 'shot.png was uploaded again: the endpoint no longer had it.', 'and what happened, until the reply is in');
    assert.equal(h.ofType('error').length, 0);
    assert.equal(storedAttachments()[0].upload?.fileId, again, 'the new id is stored');
    const last = engine.conversation().turns.at(-1);
    assert.ok(last?.role === 'assistant' && last.status === 'done');
  });

  it('Stop during an upload ends the reply before any request, and gives the message back with its image', async () => {
    const gate = new Gate();
    h.fake.uploadGate = gate;
    const engine = h.engine({ tools: undefined });
    engine.pending.add(image()); // attached in the view, as a person does
    const sent = engine.send('What is this?');
    await gate.reached;
    await h.until('replyStatus', (m) => m.text === 'Uploading shot.png…');
    engine.stop();
    await sent;
    gate.open();
    assert.equal(h.fake.messageRequests.length, 0, 'nothing was sent to the model');
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['What is this?']);
    assert.deepEqual(h.ofType('attachments').at(-1)?.items.map((a) => a.label), ['shot.png (1×1)'], 'the image is back above the box');
    assert.equal(engine.conversation().turns.length, 0);
    assert.equal(h.ofType('error').length, 0, 'Stop is not an error');
  });

  it('sends the image itself when an upload fails for another reason (a 500), and says nothing went wrong', async () => {
    h.fake.enqueue(reply([text('A cat.')]));
    h.fake.failUploads = 2; // the upload and the SDK's one retry of it
    const endpoints = new SessionEndpointMemory();
    await h.engine({ tools: undefined, endpoints }).send('What is this?', [image()]);
    assert.equal(h.fake.fileUploads.length, 2);
    assert.ok(!endpoints.lacks(h.fake.url, 'files'), 'a fault is not a missing Files API: the next reply tries again');
    assert.equal(sourced(h.fake.messageRequests[0])[0].source.type, 'base64', 'sent as data this time');
    assert.equal(h.ofType('error').length, 0);
    assert.equal(storedAttachments()[0].upload, undefined);
  });

  it('sends an image from the web as its address, and the image itself to an endpoint that will not fetch addresses', async () => {
    const url = 'https://images.example.com/cat.png';
    h.fake.enqueue(reply([text('A cat.')]));
    await h.engine({ tools: undefined }).send('What is this?', [image('cat.png', { url })]);
    assert.deepEqual(sourced(h.fake.messageRequests[0]), [{ type: 'image', source: { type: 'url', url } }]);
    assert.equal(h.fake.fileUploads.length, 0, 'an address is not uploaded');

    h.fake.reset();
    h.fake.filesBetaRequired = true;
    h.fake.urlSources = false;
    h.fake.filesApi = false;
    const endpoints = new SessionEndpointMemory();
    h.fake.enqueue(reply([text('A cat.')]));
    const engine = h.engine({ tools: undefined, endpoints });
    await engine.send('What is this?', [image('cat.png', { url })]);
    const [refused, resent] = h.fake.messageRequests;
    assert.equal(sourced(refused)[0].source.type, 'url');
    assert.deepEqual(sourced(resent)[0].source, { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') });
    assert.ok(h.ofType('replyStatus').some((m) => /did not fetch the image from its web address: sent the image itself/.test(m.text)), 'it says so');
    assert.ok(endpoints.lacks(h.fake.url, 'urls'), 'remembered for the endpoint');
    assert.equal((storedAttachments()[0] as ImageAttachment).urlRefused, true, 'the image goes as data from then on (the same bytes in every request)');
    assert.equal(h.ofType('error').length, 0);
  });

  it('sends a PDF as a document block: by upload where there is a Files API, else as base64', async () => {
    const pdf = documentAttachment('report.pdf', classicPdf(3), { label: 'Claude', pdfInput: true });
    assert.ok(!('reason' in pdf));
    h.fake.enqueue(reply([text('Three pages.')]), reply([text('Three pages.')]));
    await h.engine({ tools: undefined }).send('Summarize', [pdf]);
    const [file] = [...h.fake.files.values()];
    assert.equal(file.mimeType, 'application/pdf');
    assert.deepEqual(sourced(h.fake.messageRequests[0]), [{ type: 'document', source: { type: 'file', file_id: file.id }, title: 'report.pdf' }]);

    h.fake.filesApi = false;
    await h.engine({ tools: undefined, endpoints: new SessionEndpointMemory() }).send('Summarize', [pdf]);
    const [block] = sourced(h.fake.messageRequests[1]);
    assert.deepEqual(block, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.data }, title: 'report.pdf' });
  });

  it('deletes a chat’s uploads at the endpoint in use, and leaves another endpoint’s alone', async () => {
    h.fake.enqueue(reply([text('A cat.')]));
    await h.engine({ tools: undefined }).send('What is this?', [image()]);
    const conversation = h.saves.at(-1)?.conversation as Conversation;
    const [id] = [...h.fake.files.keys()];
    const elsewhere: Conversation = {
      ...conversation,
      turns: conversation.turns.map((t) => (t.role === 'user' ? { ...t, attachments: [...(t.attachments ?? []), image('b.png', { id: 'img-b', upload: { fileId: 'file_other', endpoint: 'https://gateway.example.com' } })] } : t)),
    };
    const backend = () => createBackend(buildClientOptions(h.settings, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {}));
    assert.equal(await deleteUploads(elsewhere, backend), 1);
    assert.equal(h.fake.fileDeletions.length, 1);
    assert.ok(!h.fake.files.has(id), 'deleted at the endpoint');
    h.fake.filesApi = false;
    assert.equal(await deleteUploads(conversation, backend), 1, 'a failed deletion is not an error (best effort)');
  });
});
