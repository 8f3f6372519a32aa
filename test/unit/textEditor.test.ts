import * as assert from 'node:assert/strict';
import { applyEdit, editCardView, editorToolDefinition, recheckEdit, runEditorCommand } from '../../src/core/tools/textEditor';
import type { EditorInput, ProposedEdit } from '../../src/core/tools/toolTypes';
import { MemoryFiles } from '../support/memoryFiles';
import { cases, cat, edited, FIVE } from './textEditorCases';

describe('text editor tool', () => {
  describe('runEditorCommand (+ applyEdit)', () => {
    for (const c of cases) {
      it(c.name, async () => {
        const files = new MemoryFiles(c.files);
        const outcome = await runEditorCommand('toolu_1', c.input, files, { maxCharacters: c.maxCharacters });
        if (c.after === undefined) {
          assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
          if (outcome.kind !== 'result') return;
          assert.equal(outcome.content, c.content);
          assert.equal(outcome.isError, c.isError ?? false);
          if (c.summary !== undefined) assert.equal(outcome.summary, c.summary);
          assert.equal(files.writes, 0);
          return;
        }
        assert.equal(outcome.kind, 'edit', JSON.stringify(outcome));
        if (outcome.kind !== 'edit') return;
        const { edit } = outcome;
        const path = edit.path.display;
        assert.equal(edit.id, 'toolu_1');
        if (c.before !== undefined) assert.equal(edit.before, c.before ?? undefined);
        assert.equal(edit.before, c.files?.[path]);
        assert.equal(edit.version, files.version(path));
        if (c.resultText !== undefined) assert.equal(edit.resultText, c.resultText);
        assert.equal(files.writes, 0, 'proposing writes nothing');
        const applied = await applyEdit(edit, files);
        assert.deepEqual(applied, { ok: true, edit });
        assert.equal(files.text(path), c.after);
        assert.equal(files.writes, 1);
      });
    }
  });

  it('has at least 30 table cases', () => assert.ok(cases.length >= 30));

  it('writes the smallest replace at the version read, never splitting an emoji', async () => {
    const files = new MemoryFiles({ 'u.ts': 'a 😀 b\nrest\n' });
    const outcome = await runEditorCommand('t', { command: 'str_replace', path: 'u.ts', old_str: '😀', new_str: '😁' }, files, {});
    assert.equal(outcome.kind, 'edit');
    if (outcome.kind !== 'edit') return;
    assert.deepEqual(await applyEdit(outcome.edit, files), { ok: true, edit: outcome.edit });
    assert.deepEqual(files.log, [{ path: 'u.ts', change: { kind: 'replace', start: 2, end: 4, text: '😁', version: 1 } }]);
  });

  it('creates a new file with a create change', async () => {
    const files = new MemoryFiles();
    const outcome = await runEditorCommand('t', { command: 'create', path: 'n.ts', file_text: 'x\n' }, files, {});
    assert.ok(outcome.kind === 'edit' && outcome.edit.version === undefined);
    await applyEdit(outcome.edit, files);
    assert.deepEqual(files.log, [{ path: 'n.ts', change: { kind: 'create', text: 'x\n' } }]);
  });

  describe('recheckEdit and applyEdit after the document changed', () => {
    async function propose(files: MemoryFiles, input: EditorInput): Promise<ProposedEdit> {
      const outcome = await runEditorCommand('t', input, files, {});
      assert.equal(outcome.kind, 'edit', JSON.stringify(outcome));
      return (outcome as { edit: ProposedEdit }).edit;
    }

    it('an unchanged file keeps the edit, at the current version', async () => {
      const files = new MemoryFiles({ 'a.txt': FIVE });
      const edit = await propose(files, { command: 'str_replace', path: 'a.txt', old_str: 'two', new_str: '2' });
      assert.deepEqual(await recheckEdit(edit, files), { ok: true, edit });
    });

    it('a change elsewhere: the edit is recomputed and applied to the new text', async () => {
      const files = new MemoryFiles({ 'a.txt': FIVE });
      const edit = await propose(files, { command: 'str_replace', path: 'a.txt', old_str: 'four', new_str: '4' });
      files.set('a.txt', `zero\n${FIVE}`);
      const checked = await recheckEdit(edit, files);
      assert.ok(checked.ok);
      assert.equal(checked.edit.before, `zero\n${FIVE}`);
      assert.equal(checked.edit.version, 2);
      const applied = await applyEdit(edit, files);
      assert.ok(applied.ok);
      assert.equal(files.text('a.txt'), 'zero\none\ntwo\nthree\n4\nfive\n');
      assert.equal(applied.edit.resultText, edited('a.txt', cat(1, 'zero', 'one', 'two', 'three', '4', 'five')));
    });

    it('a change that removes old_str: an error, nothing written', async () => {
      const files = new MemoryFiles({ 'a.txt': FIVE });
      const edit = await propose(files, { command: 'str_replace', path: 'a.txt', old_str: 'four', new_str: '4' });
      files.set('a.txt', 'one\n');
      const error =
        'The file a.txt changed since the edit was proposed, and the edit no longer applies. ' +
        'No replacement was performed: old_str did not appear verbatim in a.txt. View the file and copy the exact text, including whitespace and indentation.';
      assert.deepEqual(await recheckEdit(edit, files), { ok: false, error });
      assert.deepEqual(await applyEdit(edit, files), { ok: false, error });
      assert.equal(files.writes, 0);
      assert.equal(files.text('a.txt'), 'one\n');
    });

    it('a file created meanwhile is not overwritten by a create reviewed as new', async () => {
      const files = new MemoryFiles();
      const edit = await propose(files, { command: 'create', path: 'n.ts', file_text: 'mine\n' });
      files.set('n.ts', 'theirs\n');
      assert.deepEqual(await applyEdit(edit, files), { ok: false, error: 'The file n.ts changed since the edit was proposed; nothing was written. View it again and propose the change anew.' });
      assert.equal(files.text('n.ts'), 'theirs\n');
    });

    it('an insert is not moved to another place when lines were added above it', async () => {
      const files = new MemoryFiles({ 'a.txt': FIVE });
      const edit = await propose(files, { command: 'insert', path: 'a.txt', insert_line: 2, insert_text: 'NEW' });
      files.set('a.txt', `top\n${FIVE}`);
      const result = await applyEdit(edit, files);
      assert.equal(result.ok, false);
      assert.equal(files.writes, 0);
    });

    it('a document that moves on between the re-check and the write is refused', async () => {
      class Racing extends MemoryFiles {
        override async write(...args: Parameters<MemoryFiles['write']>) {
          this.set('a.txt', 'typed meanwhile\n');
          return super.write(...args);
        }
      }
      const files = new Racing({ 'a.txt': FIVE });
      const edit = await propose(files, { command: 'str_replace', path: 'a.txt', old_str: 'two', new_str: '2' });
      assert.deepEqual(await applyEdit(edit, files), { ok: false, error: 'a.txt changed while the edit was being applied; nothing was written.' });
      assert.equal(files.text('a.txt'), 'typed meanwhile\n');
      assert.equal(files.writes, 0);
    });

    it('a write at a stale version is refused', async () => {
      const files = new MemoryFiles({ 'a.txt': 'abc' });
      files.set('a.txt', 'abd');
      const result = await files.write(files.path('a.txt'), { kind: 'replace', start: 0, end: 1, text: 'x', version: 1 });
      assert.deepEqual(result, { ok: false, error: 'a.txt changed while the edit was being applied; nothing was written.' });
      assert.equal(files.text('a.txt'), 'abd');
      assert.equal(files.writes, 0);
    });
  });

  describe('editCardView', () => {
    it('counts added and removed lines and shows changes with 2 lines of context', async () => {
      const files = new MemoryFiles({ 'a.txt': 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n' });
      const outcome = await runEditorCommand('t', { command: 'str_replace', path: 'a.txt', old_str: 'l3\nl4', new_str: 'L3\nL4\nL4b' }, files, {});
      assert.ok(outcome.kind === 'edit');
      const card = editCardView(outcome.edit, 'pending');
      assert.deepEqual(card, {
        id: 't', command: 'str_replace', path: 'a.txt', state: 'pending', added: 3, removed: 2, omitted: 0,
        lines: [
          { kind: ' ', text: 'l1' }, { kind: ' ', text: 'l2' },
          { kind: '-', text: 'l3' }, { kind: '-', text: 'l4' },
          { kind: '+', text: 'L3' }, { kind: '+', text: 'L4' }, { kind: '+', text: 'L4b' },
          { kind: ' ', text: 'l5' }, { kind: ' ', text: 'l6' },
        ],
      });
    });

    it('marks the gap between distant changes and caps long cards', () => {
      const path = { key: 'k', display: 'big.txt' };
      const lines = Array.from({ length: 100 }, (_, i) => `l${i}`);
      const edit = { id: 'e', command: 'create' as const, path, input: {}, before: undefined, after: `${lines.join('\n')}\n`, version: undefined, resultText: '' };
      const card = editCardView(edit, 'applied', 'done');
      assert.equal(card.added, 100);
      assert.equal(card.lines.length, 60);
      assert.equal(card.omitted, 40);
      assert.equal(card.note, 'done');
      const two = editCardView({ ...edit, command: 'str_replace', before: edit.after, after: edit.after.replace('l10\n', 'x\n').replace('l50\n', 'y\n') }, 'pending');
      assert.deepEqual(two.lines.map((l) => `${l.kind}${l.text}`), [' l8', ' l9', '-l10', '+x', ' l11', ' l12', ' ⋯', ' l48', ' l49', '-l50', '+y', ' l51', ' l52']);
    });

    it('a view waiting for permission has no lines', () => {
      assert.deepEqual(editCardView({ id: 'v', command: 'view', path: { key: 'k', display: 'src/' } }, 'pending'), {
        id: 'v', command: 'view', path: 'src/', state: 'pending', added: 0, removed: 0, lines: [], omitted: 0,
      });
    });
  });

  it('declares the tool exactly', () => {
    assert.deepEqual(editorToolDefinition(), { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' });
    assert.deepEqual(editorToolDefinition(20000), { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 20000 });
  });
});
