import * as assert from 'node:assert/strict';
import type { ImageAttachment, SelectionAttachment } from '../../src/core/context/attachments';
import type { Conversation, UserTurn } from '../../src/core/conversation/turns';
import { checkImageData, checkImportedImages, imageHash, sniffImageType } from '../../src/core/context/imageCheck';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
const WEBP = Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00', 'latin1');
const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');

function image(name: string, bytes: Buffer, mediaType: string, extra: Partial<ImageAttachment> = {}): ImageAttachment & { data: string } {
  const data = bytes.toString('base64');
  return { kind: 'image', id: `img-${name}`, name, mediaType, width: 1, height: 1, sha256: imageHash(data), data, ...extra };
}

describe('image checks for imported chats', () => {
  it('tells the four formats by their first bytes, and nothing else', () => {
    assert.equal(sniffImageType(PNG), 'image/png');
    assert.equal(sniffImageType(JPEG), 'image/jpeg');
    assert.equal(sniffImageType(GIF), 'image/gif');
    assert.equal(sniffImageType(Buffer.from('GIF87a\x01\x00', 'latin1')), 'image/gif');
    assert.equal(sniffImageType(WEBP), 'image/webp');
    assert.equal(sniffImageType(Buffer.from('RIFF\x1a\x00\x00\x00WAVEfmt ', 'latin1')), undefined, 'a RIFF file that is not WebP');
    assert.equal(sniffImageType(HTML), undefined);
    assert.equal(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(sniffImageType(new Uint8Array()), undefined);
    assert.equal(sniffImageType(PNG.subarray(0, 4)), undefined, 'a cut-off signature');
  });

  it('hashes the base64 text, as attachments are hashed when added', () => {
    assert.equal(imageHash('AAAA'), '63c1dd951ffedf6f7fd968ad4efa39b8ed584f162f46e715114ee184f8de9201');
    assert.notEqual(imageHash('AAAA'), imageHash('AAAB'));
  });

  it('keeps data whose bytes are an image, under the type the bytes show', () => {
    assert.deepEqual(checkImageData(image('a.png', PNG, 'image/png')), { mediaType: 'image/png' });
    assert.deepEqual(checkImageData(image('mislabelled.jpg', PNG, 'image/jpeg')), { mediaType: 'image/png' });
    assert.deepEqual(checkImageData(image('w', WEBP, 'image/webp')), { mediaType: 'image/webp' });
  });

  it('refuses data that is not an image, not base64, too large, mis-hashed or mis-sized, each with a reason', () => {
    const reason = (i: ImageAttachment) => {
      const check = checkImageData({ ...i, data: i.data ?? '' });
      return 'reason' in check ? check.reason : 'kept';
    };
    assert.match(reason(image('page.png', HTML, 'text/html')), /not PNG, JPEG, GIF or WebP \(declared as text\/html\)/);
    assert.match(reason(image('p', HTML, 'image/png')), /not PNG/, 'the declared type does not count');
    assert.match(reason({ ...image('x', PNG, 'image/png'), data: 'iVBORw0K!!!!' }), /not base64/);
    assert.match(reason({ ...image('x', PNG, 'image/png'), data: '' }), /not base64/);
    assert.match(reason(image('x', PNG, 'image/png', { sha256: 'a'.repeat(64) })), /does not match its sha256/);
    assert.match(reason(image('big', Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), 'image/png')), /over the API's 5 MB/);
    assert.match(reason(image('x', PNG, 'image/png', { width: 9000 })), /9000×1 px/);
    assert.match(reason(image('x', PNG, 'image/png', { height: 0 })), /1×0 px/);
    assert.match(reason(image('x', PNG, 'image/png', { width: 1.5 })), /outside what the API accepts/);
  });

  it('re-checks every image of an imported chat: drops the bad ones with a note and keeps the rest of the chat', () => {
    const selection: SelectionAttachment = { kind: 'selection', id: 's', path: 'a.ts', language: 'ts', startLine: 1, endLine: 1, code: 'x' };
    const good = image('shot.png', PNG, 'image/png', { thumbnail: 'data:image/png;base64,iVBORw0KGgo=' });
    const hostile = { ...image('ok.gif', GIF, 'image/gif', { thumbnail: 'javascript:alert(1)' }), onload: 'x' } as ImageAttachment;
    const turns: UserTurn[] = [
      { id: 'u1', role: 'user', text: 'look', attachments: [good, image('page\n.html', HTML, 'text/html'), selection, hostile] },
      { id: 'u2', role: 'user', text: 'only bad', attachments: [{ ...image('no-data.png', PNG, 'image/png'), data: undefined }] },
      { id: 'u3', role: 'user', text: 'many', attachments: Array.from({ length: 22 }, (_, i) => image(`n${i}.png`, PNG, 'image/png')) },
      { id: 'u4', role: 'user', text: 'plain' },
    ];
    const conversation: Conversation = { version: 2, id: 'c', title: 't', createdAt: 1, updatedAt: 2, turns };
    const { conversation: checked, dropped } = checkImportedImages(conversation);
    const [u1, u2, u3, u4] = checked.turns as UserTurn[];
    assert.deepEqual(u1.attachments, [good, selection, { ...image('ok.gif', GIF, 'image/gif') }]);
    assert.equal('attachments' in u2, false, 'a turn left without attachments has none');
    assert.equal(u2.text, 'only bad');
    assert.equal(u3.attachments?.length, 20);
    assert.equal(u4, turns[3]);
    assert.deepEqual(dropped, [
      'page .html: its bytes are not PNG, JPEG, GIF or WebP (declared as text/html)',
      'no-data.png: the file has no data for it',
      'n20.png: more than 20 images in one message',
      'n21.png: more than 20 images in one message',
    ]);
  });
});
