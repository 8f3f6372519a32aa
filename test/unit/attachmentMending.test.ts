/**
 * The edges of attachment sources, through the real engine, SDK and HTTP against the fake server:
 * the same image attached twice, every lost upload mended at once, a refusal that is not about an
 * address, an upload the endpoint refuses for the file itself, Compact now at another endpoint, and
 * endpoints and file names as they are stored and sent.
 */
import * as assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import type { ImageAttachment } from '../../src/core/context/attachments';
import { imageHash } from '../../src/core/context/imageCheck';
import { endpointKey, uploadName } from '../../src/core/context/sources';
import type { Conversation } from '../../src/core/conversation/turns';
import { SessionEndpointMemory } from '../../src/core/engine/endpointFeatures';
import { GlobalEndpointMemory } from '../../src/host/endpointMemory';
import { httpError, reply, text } from '../fake-anthropic/scripts';
import type { RecordedRequest } from '../fake-anthropic/server';
import { useEngineHarness } from '../support/engineHarness';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function image(name: string, fill: number, extra: Partial<ImageAttachment> = {}): ImageAttachment {
  const data = Buffer.concat([PNG, Buffer.alloc(500, fill)]).toString('base64');
  const sha256 = imageHash(data);
  return { kind: 'image', id: `img-${sha256.slice(0, 12)}`, name, mediaType: 'image/png', width: 1, height: 1, sha256, data, ...extra };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Block = any;
const sources = (r: RecordedRequest): Block[] => r.json.messages.flatMap((m: Block) => (typeof m.content === 'string' ? [] : m.content.filter((b: Block) => b.type === 'image').map((b: Block) => b.source)));

/** A Memento over a Map, as VS Code's global state keeps values. */
class MapMemento {
  readonly values = new Map<string, unknown>();
  keys = () => [...this.values.keys()];
  get = <T>(key: string): T | undefined => this.values.get(key) as T | undefined;
  update = async (key: string, value: unknown) => void this.values.set(key, value);
}

describe('Attachment sources at their edges', () => {
  const h = useEngineHarness();

  it('uses one upload for the same image attached twice, and leaves the earlier turn’s id as it was', async () => {
    h.fake.enqueue(reply([text('A.')]), reply([text('B.')]), reply([text('C.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('First look', [image('cat.png', 1)]);
    await engine.send('Something else');
    await engine.send('Again', [image('cat-again.png', 1)]);
    assert.equal(h.fake.fileUploads.length, 1, 'uploaded once');
    const [first, , third] = h.fake.messageRequests;
    const [id] = [...h.fake.files.keys()];
    assert.deepEqual(sources(first), [{ type: 'file', file_id: id }]);
    assert.deepEqual(sources(third), [{ type: 'file', file_id: id }, { type: 'file', file_id: id }]);
  });

  it('uploads every lost file again at once when the endpoint has none of them any more', async () => {
    h.fake.enqueue(reply([text('Two.')]), reply([text('Still two.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('Compare', [image('a.png', 1), image('b.png', 2)]);
    for (const id of [...h.fake.files.keys()]) h.fake.forgetFile(id);
    await engine.send('And now?');
    assert.equal(h.fake.fileUploads.length, 4);
    const resent = h.fake.messageRequests.at(-1)!;
    assert.deepEqual(sources(resent).map((s: Block) => s.file_id).sort(), [...h.fake.files.keys()].sort());
    assert.equal(h.ofType('error').length, 0);
    const last = engine.conversation().turns.at(-1);
    assert.ok(last?.role === 'assistant' && last.status === 'done');
  });

  it('says what a lost upload is, not a missing model, when uploading it again does not help', async () => {
    h.fake.enqueue(reply([text('One.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('Look', [image('a.png', 1)]);
    const [id] = [...h.fake.files.keys()];
    h.fake.forgetFile(id);
    h.fake.enqueue(httpError(404, 'not_found_error', 'File `file_011Cgone` not found.'));
    await engine.send('Again?');
    const [error] = h.ofType('error');
    assert.match(error.message, /A file this chat uploaded is no longer at the endpoint, and uploading it again did not help \(404\)/);
    assert.doesNotMatch(error.message, /model/);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Again?'], 'the text is kept');
  });

  it('does not take a 400 about something else for an endpoint that refuses addresses', async () => {
    const endpoints = new SessionEndpointMemory();
    h.fake.enqueue(httpError(400, 'invalid_request_error', 'messages.0.content.1.image.source.base64.data: image exceeds 5 MB maximum'));
    await h.engine({ tools: undefined, endpoints }).send('Look', [image('cat.png', 3, { url: 'https://images.example.com/cat.png' })]);
    assert.equal(h.fake.messageRequests.length, 1, 'not sent again');
    assert.ok(!endpoints.lacks(h.fake.url, 'urls'));
    assert.match(h.ofType('error')[0].message, /5 MB/);
  });

  it('does not upload again, in this window, a file the endpoint refused for itself (a 400)', async () => {
    h.fake.failUploads = 1;
    h.fake.failUploadsWith = 400;
    h.fake.enqueue(reply([text('A.')]), reply([text('B.')]));
    const endpoints = new SessionEndpointMemory();
    const engine = h.engine({ tools: undefined, endpoints });
    await engine.send('Look', [image('cat.png', 4)]);
    await engine.send('More?');
    assert.equal(h.fake.fileUploads.length, 1, 'asked once');
    assert.ok(!endpoints.lacks(h.fake.url, 'files'), 'the Files API is still used for other files');
    assert.ok(h.fake.messageRequests.every((r) => sources(r)[0].type === 'base64'));
  });

  it('Compact now sends each attachment as the reply would: an upload from another endpoint goes as bytes', async () => {
    h.fake.enqueue(reply([text('Seen.')]), reply([text('Summary of the chat.')]));
    const engine = h.engine({ tools: undefined });
    await engine.send('Look', [image('cat.png', 5)]);
    const saved = h.saves.at(-1)!.conversation;
    const moved: Conversation = JSON.parse(JSON.stringify(saved).replaceAll(h.fake.url, 'https://elsewhere.example.com'));
    h.fake.filesApi = false;
    const reopened = h.engine({ tools: undefined, endpoints: new SessionEndpointMemory() });
    await reopened.load(moved);
    await reopened.compact();
    const summary = h.fake.messageRequests.at(-1)!;
    assert.equal(sources(summary)[0].type, 'base64', 'no id of another endpoint goes here');
    assert.equal(h.ofType('error').length, 0);
  });

  it('keys endpoints without credentials, names uploads as the Files API takes them, and forgets a lacking endpoint after a week', async () => {
    assert.equal(endpointKey('https://user:secret@gw.example.com/anthropic/?key=sk-123#x'), 'https://gw.example.com/anthropic');
    assert.equal(endpointKey('https://api.anthropic.com'), 'https://api.anthropic.com');
    assert.equal(uploadName('photo.jpg:large', 'image/jpeg'), 'photo.jpg_large.jpeg');
    assert.equal(uploadName('C:\\shots\\a<b>.png', 'image/png'), 'a_b_.png');
    assert.equal(uploadName('x'.repeat(300) + '.pdf', 'application/pdf').length, 200);
    let now = 1_000_000;
    const state = new MapMemento();
    const memory = new GlobalEndpointMemory(state as unknown as Memento, () => now);
    memory.remember('https://gw.example.com', 'files');
    assert.ok(memory.lacks('https://gw.example.com', 'files'));
    assert.ok(!memory.lacks('https://gw.example.com', 'urls'));
    now += 7 * 24 * 3600 * 1000;
    assert.ok(!memory.lacks('https://gw.example.com', 'files'), 'asked again after a week');
    memory.remember('https://other.example.com', 'urls');
    assert.deepEqual(Object.keys(state.get<object>('claudeChat.endpointLacks') ?? {}), ['https://other.example.com'], 'stale entries go');
  });
});
