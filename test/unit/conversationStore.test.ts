import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Conversation } from '../../src/core/conversation/turns';
import { ConversationStore } from '../../src/host/conversationStore';

const conversation = (id: string, updatedAt: number, texts: string[]): Conversation => ({
  version: 2,
  id,
  title: texts[0] ?? 'New chat',
  createdAt: 1,
  updatedAt,
  turns: texts.map((text, i) => ({ id: `${id}-${i}`, role: 'user' as const, text })),
});

describe('ConversationStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'store-')), 'conversations');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('saves, lists newest first, loads, and deletes', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('a', 100, ['old']));
    await store.save(conversation('b', 200, ['new']));
    assert.deepEqual((await store.list()).map((s) => s.id), ['b', 'a']);
    assert.equal((await store.latest())?.id, 'b');
    assert.deepEqual((await store.load('a'))?.turns.map((t) => t.role === 'user' && t.text), ['old']);
    await store.delete('b');
    assert.deepEqual((await new ConversationStore(dir).list()).map((s) => s.id), ['a'], 'a new store reads the index from disk');
  });

  it('collapses a burst of saves into the latest state and leaves no temporary files', async () => {
    const store = new ConversationStore(dir);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save(conversation('c', n, Array.from({ length: n }, (_, i) => `t${i}`)))));
    assert.equal((await store.load('c'))?.turns.length, 5);
    assert.deepEqual(readdirSync(dir).sort(), ['c.json', 'index.json']);
  });

  it('skips an unreadable conversation file instead of failing', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('good', 1, ['fine']));
    await store.save(conversation('bad', 2, ['broken']));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    assert.equal((await store.latest())?.id, 'good');
    assert.equal(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).length, 2);
  });
});
