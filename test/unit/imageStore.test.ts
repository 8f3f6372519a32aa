import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userContent, type ImageAttachment } from '../../src/core/attachments';
import { imageProblem } from '../../src/core/images';
import type { Conversation } from '../../src/core/conversation/turns';
import { ConversationStore } from '../../src/host/conversationStore';
import { ImageStore } from '../../src/host/imageStore';

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
    const images = new ImageStore(join(root, 'images'));
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
});
