import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Conversation } from '../../src/core/conversation/turns';
import { ConversationStore, type StoreProblem } from '../../src/host/conversationStore';
import { makeUnreadable, recoveringAfterFirstTry, RETRY_AT_ONCE } from '../support/unreadableFile';

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

  const ids = async (store = new ConversationStore(dir)) => (await store.list()).map((s) => s.id);
  const indexOnDisk = () => (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { id: string }[]).map((s) => s.id).sort();
  async function saveThree(): Promise<ConversationStore> {
    const store = new ConversationStore(dir);
    await store.save(conversation('a', 100, ['first']));
    await store.save(conversation('b', 200, ['second']));
    await store.save(conversation('c', 300, ['third', 'more']));
    return store;
  }

  it('saves, lists newest first, loads, and deletes', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('a', 100, ['old']));
    await store.save(conversation('b', 200, ['new']));
    assert.deepEqual((await store.list()).map((s) => s.id), ['b', 'a']);
    assert.equal((await store.latest())?.id, 'b');
    assert.deepEqual((await store.load('a'))?.turns.map((t) => t.role === 'user' && t.text), ['old']);
    await store.delete('b');
    assert.deepEqual(await ids(), ['a'], 'a new store reads the index from disk');
  });

  it('a chats folder that cannot be listed is an error, not an empty history', async () => {
    mkdirSync(join(dir, '..'), { recursive: true });
    writeFileSync(dir, 'a file where the folder should be');
    await assert.rejects(new ConversationStore(dir).list(), /ENOTDIR/);
    assert.equal(readFileSync(dir, 'utf8'), 'a file where the folder should be', 'nothing was written over it');
  });

  it('a chat saved empty again (its only message taken back) leaves no file and no history entry', async () => {
    const store = new ConversationStore(dir);
    await store.save(conversation('a', 100, ['kept']));
    await store.save(conversation('b', 200, ['taken back']));
    await store.save(conversation('b', 201, []));
    assert.deepEqual(await ids(store), ['a']);
    assert.equal((await store.latest())?.id, 'a');
    assert.deepEqual(readdirSync(dir).sort(), ['a.json', 'index.json']);
    assert.deepEqual(indexOnDisk(), ['a']);
  });

  it('collapses a burst of saves into the latest state and leaves no temporary files', async () => {
    const store = new ConversationStore(dir);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save(conversation('c', n, Array.from({ length: n }, (_, i) => `t${i}`)))));
    assert.equal((await store.load('c'))?.turns.length, 5);
    assert.deepEqual(readdirSync(dir).sort(), ['c.json', 'index.json']);
  });

  it('rebuilds a corrupt index from the conversation files, keeps the bad one as index.json.corrupt, and the next save keeps every chat', async () => {
    await saveThree();
    writeFileSync(join(dir, 'index.json'), '[{"id":"a","title":');
    const store = new ConversationStore(dir);
    assert.deepEqual(
      (await store.list()).map((s) => [s.id, s.title, s.turns]),
      [
        ['c', 'third', 2],
        ['b', 'second', 1],
        ['a', 'first', 1],
      ],
    );
    assert.equal(readFileSync(join(dir, 'index.json.corrupt'), 'utf8'), '[{"id":"a","title":');
    assert.deepEqual(indexOnDisk(), ['a', 'b', 'c'], 'the rebuilt index is written at once');
    await store.save(conversation('d', 400, ['fourth']));
    assert.deepEqual(await ids(), ['d', 'c', 'b', 'a']);
    assert.deepEqual(store.problems, [], 'a rebuilt index loses nothing, so nothing is reported');
  });

  it('rebuilds an index that is valid JSON but not a list, and a missing one', async () => {
    await saveThree();
    writeFileSync(join(dir, 'index.json'), '{"a":1}');
    assert.deepEqual(await ids(), ['c', 'b', 'a']);
    assert.ok(existsSync(join(dir, 'index.json.corrupt')));
    rmSync(join(dir, 'index.json'));
    assert.deepEqual(await ids(), ['c', 'b', 'a']);
    assert.deepEqual(indexOnDisk(), ['a', 'b', 'c']);
  });

  it('moves a corrupt conversation file aside when it is loaded and reports it with its title, instead of skipping it silently', async () => {
    await saveThree();
    writeFileSync(join(dir, 'b.json'), '{ not json');
    utimesSync(join(dir, 'b.json'), new Date(1000), new Date(1000)); // damaged in place, not rewritten: older than the index
    const store = new ConversationStore(dir);
    const heard: StoreProblem[] = [];
    store.onProblem((p) => heard.push(p));
    assert.deepEqual(await ids(store), ['c', 'b', 'a'], 'listing reads the index, not every file');
    assert.equal(await store.load('b'), undefined);
    assert.equal(readFileSync(join(dir, 'b.json.corrupt'), 'utf8'), '{ not json', 'the bytes are kept');
    assert.equal(existsSync(join(dir, 'b.json')), false);
    assert.deepEqual(await ids(store), ['c', 'a']);
    assert.deepEqual(indexOnDisk(), ['a', 'c']);
    assert.equal(heard.length, 1);
    assert.deepEqual({ ...heard[0], reason: undefined }, { file: 'b.json', title: 'second', keptAs: join(dir, 'b.json.corrupt'), reason: undefined });
    assert.match(heard[0].reason, /not valid JSON/);
    assert.deepEqual(store.problems, heard);
  });

  it('a corrupt conversation found while rebuilding the index is moved aside and reported too', async () => {
    await saveThree();
    rmSync(join(dir, 'index.json'));
    writeFileSync(join(dir, 'a.json'), '{"version":2,"turns":[{"role":"robot"}]}');
    const store = new ConversationStore(dir);
    assert.deepEqual(await ids(store), ['c', 'b']);
    assert.deepEqual(store.problems.map((p) => [p.file, p.title]), [['a.json', undefined]]);
    assert.match(store.problems[0].reason, /Turn 1/);
    assert.ok(existsSync(join(dir, 'a.json.corrupt')));
  });

  it('a conversation that turns corrupt after the index was read is moved aside when loaded, never overwritten', async () => {
    const store = await saveThree();
    writeFileSync(join(dir, 'c.json'), '{"version":2}');
    writeFileSync(join(dir, 'c.json.corrupt'), 'an earlier casualty');
    assert.equal((await store.latest())?.id, 'b');
    assert.equal(store.problems.length, 1);
    assert.equal(readFileSync(store.problems[0].keptAs, 'utf8'), '{"version":2}');
    assert.equal(readFileSync(join(dir, 'c.json.corrupt'), 'utf8'), 'an earlier casualty');
    assert.deepEqual(await ids(store), ['b', 'a']);
  });

  it('a crash between the conversation write and the index write loses nothing: the file is listed after a reload', async () => {
    const store = await saveThree();
    // as if the window died after writing these files and before the index
    writeFileSync(join(dir, 'e.json'), JSON.stringify(conversation('e', 500, ['written, not indexed'])));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(conversation('a', 600, ['first', 'grew', 'more'])));
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'a.json'), later, later);
    assert.deepEqual(await ids(store), ['c', 'b', 'a'], 'the open store still has its index');
    await store.reload();
    assert.deepEqual(
      (await store.list()).map((s) => [s.id, s.turns]),
      [
        ['a', 3],
        ['e', 1],
        ['c', 2],
        ['b', 1],
      ],
    );
    assert.deepEqual(indexOnDisk(), ['a', 'b', 'c', 'e']);
  });

  it('drops index entries whose file is gone (a crash inside delete), and ignores temporary and foreign files', async () => {
    await saveThree();
    rmSync(join(dir, 'b.json'));
    writeFileSync(join(dir, 'x.json.1a2b.tmp'), 'half');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    assert.deepEqual(await ids(), ['c', 'a']);
  });

  it('a chat file that cannot be read is an error, not a missing chat: the newest chat is not swapped for an older one, and nothing is rewritten', async () => {
    await saveThree();
    const readable = makeUnreadable(join(dir, 'c.json'));
    const store = new ConversationStore(dir, RETRY_AT_ONCE);
    const unreadable = /^Error: the saved chat "third" \(c\.json\) could not be read \(EISDIR[^)]*\); nothing was changed, the file is kept as it is$/;
    await assert.rejects(store.latest(), unreadable);
    await assert.rejects(store.load('c'), unreadable);
    assert.deepEqual(await ids(store), ['c', 'b', 'a'], 'still listed');
    assert.deepEqual(indexOnDisk(), ['a', 'b', 'c']);
    readable();
    assert.deepEqual((await store.latest())?.turns.map((t) => t.role === 'user' && t.text), ['third', 'more']);
    assert.deepEqual(store.problems, [], 'a file that could not be read is not taken for a corrupt one');
  });

  it('a chat file that fails to read once is read again', async () => {
    await saveThree();
    const retry = recoveringAfterFirstTry(makeUnreadable(join(dir, 'c.json')));
    assert.equal((await new ConversationStore(dir, retry).load('c'))?.title, 'third');
    assert.equal(retry.waits.length, 1);
  });

  it('an empty or absent folder lists nothing and writes nothing', async () => {
    assert.deepEqual(await ids(), []);
    assert.equal(existsSync(dir), false);
  });
});
