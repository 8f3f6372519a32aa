import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userContent, type ImageAttachment } from '../../src/core/context/attachments';
import { imageProblem } from '../../src/core/context/images';
import { imagesOf, type Conversation } from '../../src/core/conversation/turns';
import { ConversationStore } from '../../src/host/conversationStore';
import { AttachmentStore } from '../../src/host/attachmentStore';
import { makeUnreadable, recoveringAfterFirstTry, RETRY_AT_ONCE } from '../support/unreadableFile';

/** Counts the image files it writes; the first `failures` writes fail. */
class CountingAttachmentStore extends AttachmentStore {
  writes = 0;
  failures = 0;
  protected override writeFile(file: string, data: string): Promise<void> {
    this.writes++;
    if (this.failures-- > 0) return Promise.reject(new Error('disk full'));
    return super.writeFile(file, data);
  }
}

describe('images in saved conversations', () => {
  const root = mkdtempSync(join(tmpdir(), 'images-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const data = Buffer.alloc(300_000, 7).toString('base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const image: ImageAttachment = { kind: 'image', id: 'i1', name: 'shot.png', mediaType: 'image/png', width: 800, height: 600, sha256, data, thumbnail: 'data:image/png;base64,AA==' };
  const conversation = (turns: number): Conversation => ({
    version: 2,
    id: 'conv',
    title: 't',
    createdAt: 1,
    updatedAt: turns,
    turns: Array.from({ length: turns }, (_, i) => ({ id: `u${i}`, role: 'user' as const, text: `q${i}`, ...(i === 0 ? { attachments: [image] } : {}) })),
  });

  it('writes each image once, keeps conversation files small, and puts the data back on load', async () => {
    const images = new AttachmentStore(join(root, 'images'));
    const store = new ConversationStore(join(root, 'conversations'));
    for (let turns = 1; turns <= 5; turns++) await store.save(await images.prepare(conversation(turns), new Map([[sha256, { data }]])));
    assert.deepEqual(readdirSync(join(root, 'images')), [`${sha256}.b64`]);
    const file = join(root, 'conversations', 'conv.json');
    assert.ok(statSync(file).size < 2000, `the conversation file holds a reference, not the image (${statSync(file).size} bytes)`);
    assert.equal(readFileSync(file, 'utf8').includes('thumbnail'), false);
    const loaded = await images.hydrate((await store.load('conv'))!);
    const first = loaded.turns[0];
    const attachment = first.role === 'user' ? first.attachments?.[0] : undefined;
    assert.equal(attachment?.kind === 'image' && attachment.data, data);
    const blocks = userContent('q0', first.role === 'user' ? first.attachments ?? [] : []);
    assert.deepEqual(blocks[0], { type: 'image', source: { type: 'base64', media_type: 'image/png', data } });
  });

  it('refuses images the API cannot take, each with a plain reason', () => {
    const ok = { name: 'a.png', mediaType: 'image/png', data: 'AAAA', width: 10, height: 10 };
    assert.equal(imageProblem(ok, 0), undefined);
    assert.match(imageProblem(ok, 20)!, /At most 20 images/);
    assert.match(imageProblem({ ...ok, mediaType: 'image/svg+xml' }, 0)!, /PNG, JPEG, GIF and WebP/);
    assert.match(imageProblem({ ...ok, data: Buffer.alloc(6 * 1024 * 1024).toString('base64') }, 0)!, /up to 5 MB/);
    assert.match(imageProblem({ ...ok, width: 9000 }, 0)!, /9000×10 px/);
  });

  const newImage = (n: number) => {
    const bytes = Buffer.alloc(50_000, n).toString('base64');
    return { data: bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  it('two stores on one folder saving the same new image at once both succeed, 30 times of 30, and leave no temporary file', async () => {
    const dir = join(root, 'shared');
    const [one, two] = [new AttachmentStore(dir), new AttachmentStore(dir)];
    for (let n = 0; n < 30; n++) {
      const { data: d, sha256: hash } = newImage(n);
      const results = await Promise.allSettled([one.put(hash, d), two.put(hash, d), one.prepare(conversation(1), new Map([[hash, { data: d }]]))]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled'], `round ${n}`);
      assert.equal(await two.get(hash), d);
    }
    const names = await readdir(dir);
    assert.equal(names.length, 30);
    assert.ok(names.every((n) => n.endsWith('.b64')), names.join(', '));
  });

  it('concurrent saves of one hash in one store share one write, and a failed write is tried again', async () => {
    const store = new CountingAttachmentStore(join(root, 'once'));
    const { data: d, sha256: hash } = newImage(100);
    await Promise.all(Array.from({ length: 5 }, () => store.put(hash, d)));
    await store.put(hash, d);
    assert.equal(store.writes, 1);

    const { data: d2, sha256: hash2 } = newImage(101);
    store.failures = 1;
    const first = await Promise.allSettled([store.put(hash2, d2), store.put(hash2, d2)]);
    assert.deepEqual(first.map((r) => r.status), ['rejected', 'rejected'], 'both waited on the one write that failed');
    await store.put(hash2, d2);
    assert.equal(store.writes, 3);
    assert.equal(await store.get(hash2), d2);
  });
});

describe('saving a chat with images while it changes', () => {
  const root = mkdtempSync(join(tmpdir(), 'image-saves-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const picture = (n: number) => {
    const data = Buffer.alloc(40_000, n).toString('base64');
    const image: ImageAttachment = { kind: 'image', id: `i${n}`, name: `shot-${n}.png`, mediaType: 'image/png', width: 1, height: 1, sha256: createHash('sha256').update(data).digest('hex'), data };
    return image;
  };
  /** The chat after `count` questions, question n carrying picture n. */
  const chatAfter = (count: number, pictures: ImageAttachment[]): Conversation => ({
    version: 2,
    id: 'race',
    title: 'q0',
    createdAt: 1,
    updatedAt: count,
    turns: Array.from({ length: count }, (_, i) => ({ id: `u${i}`, role: 'user' as const, text: `q${i}`, attachments: [pictures[i]] })),
  });

  /** Its first image write waits until `release()`, as a big image on a slow disk would. */
  class SlowFirstWrite extends AttachmentStore {
    release: () => void = () => undefined;
    private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
    private begin: () => void = () => undefined;
    /** Resolves once the first write has begun and waits. */
    readonly started = new Promise<void>((resolve) => (this.begin = resolve));
    private first = true;
    protected override async writeFile(file: string, data: string): Promise<void> {
      if (this.first) {
        this.first = false;
        this.begin();
        await this.gate;
      }
      return super.writeFile(file, data);
    }
  }

  it('a save whose image is still being written never lands after a later save of the same chat, and flush waits for both', async () => {
    const pictures = [picture(1), picture(2), picture(3)];
    const images = new SlowFirstWrite(join(root, 'images'));
    const store = new ConversationStore(join(root, 'chats'));
    const save = (c: Conversation) => store.save(c, (stored) => images.prepare(stored, imagesOf(c.turns)));
    const first = save(chatAfter(1, pictures));
    await Promise.race([images.started, first]);
    const later = [save(chatAfter(2, pictures)), save(chatAfter(3, pictures))];
    const flushed = store.flush();
    images.release();
    await flushed;

    const file = readFileSync(join(root, 'chats', 'race.json'), 'utf8');
    assert.equal(pictures.some((p) => file.includes(p.data!)), false, 'the chat file holds references, not image data');
    const reopened = await images.hydrate((await new ConversationStore(join(root, 'chats')).load('race'))!);
    assert.deepEqual(reopened.turns.map((t) => t.role === 'user' && t.text), ['q0', 'q1', 'q2'], 'the newest state is the one on disk');
    assert.deepEqual(reopened.turns.map((t) => t.role === 'user' && t.attachments?.[0]?.kind === 'image' && t.attachments[0].data), pictures.map((p) => p.data));
    await Promise.all([first, ...later]);
  });

  it('saves whose image write failed all report it, and the next save writes the chat', async () => {
    const pictures = [picture(4), picture(5)];
    const images = new CountingAttachmentStore(join(root, 'failing'));
    images.failures = 1;
    const store = new ConversationStore(join(root, 'failing-chats'));
    const save = (c: Conversation) => store.save(c, (stored) => images.prepare(stored, imagesOf(c.turns)));
    const burst = await Promise.allSettled([save(chatAfter(1, pictures)), save(chatAfter(2, pictures))]);
    assert.deepEqual(burst.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'saved')), ['disk full', 'disk full'], 'no caller hears "saved" for a state that is not on disk');
    assert.equal(existsSync(join(root, 'failing-chats', 'race.json')), false);
    await save(chatAfter(2, pictures));
    assert.equal((await store.load('race'))?.turns.length, 2);
  });
});

describe('reopening a chat whose image cannot be read', () => {
  const root = mkdtempSync(join(tmpdir(), 'image-reads-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const data = Buffer.alloc(30_000, 9).toString('base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const chat: Conversation = {
    version: 2,
    id: 'pic',
    title: 'A picture',
    createdAt: 1,
    updatedAt: 2,
    turns: [{ id: 'u0', role: 'user', text: 'Look', attachments: [{ kind: 'image', id: 'i', name: 'diagram.png', mediaType: 'image/png', width: 1, height: 1, sha256, data }] }],
  };
  const imageFile = (dir: string) => join(dir, `${sha256}.b64`);
  const attached = (c: Conversation) => c.turns.flatMap((t) => (t.role === 'user' ? (t.attachments ?? []) : [])).map((a) => a.kind === 'image' && a.data);

  async function saved(name: string): Promise<{ dir: string; store: ConversationStore }> {
    const dir = join(root, name, 'images');
    const store = new ConversationStore(join(root, name, 'chats'));
    await store.save(await new AttachmentStore(dir).prepare(chat, new Map([[sha256, { data }]])));
    return { dir, store };
  }

  it('fails the reopening with a message naming the image and saying nothing changed; the chat keeps its image', async () => {
    const { dir, store } = await saved('unreadable');
    const readable = makeUnreadable(imageFile(dir));
    const images = new AttachmentStore(dir, RETRY_AT_ONCE);
    await assert.rejects(images.hydrate((await store.load('pic'))!), /^Error: the image diagram\.png could not be read from .*\.b64 \(EISDIR[^)]*\); nothing was changed, the chat is still saved with it$/);
    readable();
    assert.deepEqual(attached(await images.hydrate((await store.load('pic'))!)), [data]);
  });

  it('reads an image again when the first read fails', async () => {
    const { dir, store } = await saved('recovering');
    const retry = recoveringAfterFirstTry(makeUnreadable(imageFile(dir)));
    assert.deepEqual(attached(await new AttachmentStore(dir, retry).hydrate((await store.load('pic'))!)), [data]);
    assert.equal(retry.waits.length, 1);
  });

  it('leaves out an image whose file is gone, and opens the rest of the chat', async () => {
    const { dir, store } = await saved('gone');
    rmSync(imageFile(dir));
    const reopened = await new AttachmentStore(dir, RETRY_AT_ONCE).hydrate((await store.load('pic'))!);
    assert.deepEqual([reopened.turns.length, attached(reopened)], [1, []]);
  });
});
