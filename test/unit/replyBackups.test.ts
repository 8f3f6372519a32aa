// The copies kept for Revert changes, on a real disk: a list of copies that cannot be read, or is
// damaged, is reported and kept, never replaced by one that forgets the earlier copies.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditorTool } from '../../src/core/tools/editorTool';
import { BackupListError, ReplyBackups } from '../../src/host/edits/replyBackups';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';
import { MemoryFiles } from '../support/memoryFiles';
import { makeUnreadable, recoveringAfterFirstTry, RETRY_AT_ONCE } from '../support/unreadableFile';

describe('copies kept for Revert changes', () => {
  let root: string;
  const replyDir = () => join(root, 'conv', 'reply');
  const manifest = () => join(replyDir(), 'manifest.json');
  const files = new MemoryFiles();
  const a = files.path('src/a.ts');
  const b = files.path('src/b.ts');
  const c = files.path('src/c.ts');
  const listed = async (backups: ReplyBackups) => (await backups.touched('conv', 'reply')).map((t) => t.path.display);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'backups-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a list that fails to read once is read again, and the next copy is added to it', async () => {
    await new ReplyBackups(root).remember('conv', 'reply', a, 'a before');
    const retry = recoveringAfterFirstTry(makeUnreadable(manifest()));
    const backups = new ReplyBackups(root, retry);
    await backups.remember('conv', 'reply', b, 'b before');
    assert.equal(retry.waits.length, 1);
    assert.deepEqual(await listed(backups), ['src/a.ts', 'src/b.ts'], 'the copy of a.ts is still listed');
  });

  it('a list that stays unreadable is reported by remember and by Revert, which changes no file, and is never replaced', async () => {
    await new ReplyBackups(root).remember('conv', 'reply', a, 'a before');
    const readable = makeUnreadable(manifest());
    const backups = new ReplyBackups(root, RETRY_AT_ONCE);
    await assert.rejects(backups.remember('conv', 'reply', b, 'b before'), (err: Error) => {
      assert.match(err.message, /^no copy of src\/b\.ts could be kept for Revert changes: the list of saved copies \(.*manifest\.json\) could not be read \(EISDIR/);
      return true;
    });
    await assert.rejects(backups.touched('conv', 'reply'), (err: Error) => {
      assert.match(err.message, /the list of saved copies .* could not be read/);
      // Revert shows `shown`, in the person's language: English here, where no translation is loaded.
      assert.ok(err instanceof BackupListError && err.shown === err.message);
      return true;
    });
    const workspace = new MemoryFiles({ 'src/a.ts': 'a after' });
    await assert.rejects(backups.restore('conv', 'reply', workspace), /could not be read/);
    assert.deepEqual([workspace.writes, workspace.text('src/a.ts')], [0, 'a after'], 'Revert changed no file');
    readable();
    assert.deepEqual(await listed(backups), ['src/a.ts'], 'the list on disk is the one from before');
  });

  it('a damaged list is kept as manifest.json.corrupt and reported; later copies never overwrite the copies it named', async () => {
    const backups = new ReplyBackups(root, RETRY_AT_ONCE);
    await backups.remember('conv', 'reply', a, 'a before');
    writeFileSync(manifest(), '{"version":1,"entries":[{"key":');
    await assert.rejects(backups.remember('conv', 'reply', b, 'b before'), /^Error: no copy of src\/b\.ts could be kept for Revert changes: the list of saved copies was damaged \(.*JSON.*\); it is kept as .*manifest\.json\.corrupt/);
    assert.equal(readFileSync(`${manifest()}.corrupt`, 'utf8'), '{"version":1,"entries":[{"key":');
    assert.equal(existsSync(manifest()), false);

    await backups.remember('conv', 'reply', c, 'c before');
    assert.deepEqual(await listed(backups), ['src/c.ts']);
    assert.equal(readFileSync(join(replyDir(), '0.txt'), 'utf8'), 'a before', 'the earlier copy is still there');
    const restoring = new MemoryFiles({ 'src/c.ts': 'c after' });
    assert.deepEqual(await backups.restore('conv', 'reply', restoring), { restored: ['src/c.ts'], failed: [] });
    assert.equal(restoring.text('src/c.ts'), 'c before');
  });

  it('a list with an entry that is not a saved copy counts as damaged, not as a shorter list', async () => {
    const backups = new ReplyBackups(root, RETRY_AT_ONCE);
    await backups.remember('conv', 'reply', a, 'a before');
    const list = JSON.parse(readFileSync(manifest(), 'utf8'));
    writeFileSync(manifest(), JSON.stringify({ ...list, entries: [...list.entries, { key: 'x', display: 'x', existed: 'yes' }] }));
    await assert.rejects(backups.touched('conv', 'reply'), /damaged \(entry 2 is not a saved copy\); it is kept as/);
    assert.ok(existsSync(`${manifest()}.corrupt`));
  });

  describe('in a reply', () => {
    const h = useEngineHarness();

    it('an edit whose copy cannot be kept is not made: its card says why, Claude is told, and the reply goes on', async () => {
      const backups = new ReplyBackups(root, RETRY_AT_ONCE);
      h.settings = { ...h.settings, autoApprove: 'all' };
      const chat = h.engine({ tools: { tools: [new EditorTool({ files: h.files, maxCharacters: 60_000, backups })], autoApprove: () => 'all' } });
      writeFileSync(join(root, chat.conversationId), 'a file where the folder of copies should be');
      h.fake.enqueue(reply([toolUse('toolu_1', 'str_replace_based_edit_tool', { command: 'str_replace', path: 'src/a.ts', old_str: 'a = 1', new_str: 'a = 2' })]), reply([text('I could not change it.')]));
      await chat.send('Edit');
      assert.equal(h.files.text('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n');
      const [state] = h.ofType('editState');
      assert.equal(state.state, 'notApplied');
      assert.match(state.note ?? '', /^no copy of src\/a\.ts could be kept for Revert changes: the list of saved copies \(.*\) could not be read \(ENOTDIR.*\)\. The file was not changed\.$/);
      const [result] = lastResults(h.fake.messageRequests[1].json);
      assert.equal(result.is_error, true);
      assert.match(result.content, /^The edit was not applied: no copy of src\/a\.ts could be kept/);
      assert.equal(chat.transcript()[1].text, 'I could not change it.');
      assert.deepEqual(h.ofType('error'), []);
    });
  });
});
