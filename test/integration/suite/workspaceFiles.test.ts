// The editor tool's file access inside a real extension host: confinement, buffers, undoable writes, backups.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ResolvedPath } from '../../../src/core/tools/workspaceFiles';
import { PROPOSED_SCHEME, ProposedContent } from '../../../src/host/edits/proposedContent';
import { ReplyBackups } from '../../../src/host/edits/replyBackups';
import { WorkspaceFileSystem } from '../../../src/host/edits/workspaceFileSystem';

describe('workspace files', () => {
  const files = new WorkspaceFileSystem();
  let folder: vscode.WorkspaceFolder;
  let scratch: string; // inside the workspace folder
  let rel: string; // its name, relative to the folder
  let outside: string;

  before(() => {
    folder = vscode.workspace.workspaceFolders![0];
    rel = `wf-test-${process.pid}-${Date.now()}`;
    scratch = join(folder.uri.fsPath, rel);
    mkdirSync(join(scratch, 'sub', '.git'), { recursive: true });
    writeFileSync(join(scratch, 'a.txt'), 'alpha\n');
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'claude-chat-outside-')));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    symlinkSync(join(outside, 'secret.txt'), join(scratch, 'link-out'));
    symlinkSync(outside, join(scratch, 'linkdir'));
    symlinkSync(join(outside, 'missing.txt'), join(scratch, 'dangling'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(scratch, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  async function resolved(path: string, fs = files): Promise<ResolvedPath> {
    const r = await fs.resolve(path);
    assert.ok(r.ok, `${path} resolves (${r.ok ? '' : r.error})`);
    return r.path;
  }

  /** `pattern` matches what Claude is told; `shown`, when given, is the reason the person's tool line gives. */
  async function refused(path: string, pattern: RegExp, fs = files, shown?: string): Promise<void> {
    const r = await fs.resolve(path);
    assert.equal(r.ok, false, `${path} is refused`);
    assert.match(r.ok ? '' : r.error, pattern);
    assert.ok(r.ok || r.shown, 'a reason for the person too');
    if (shown !== undefined) assert.equal(r.ok ? '' : r.shown, shown);
  }

  /** A fresh file in the scratch folder, its ResolvedPath and its URI. */
  async function scratchFile(name: string, text: string): Promise<{ path: ResolvedPath; uri: vscode.Uri }> {
    writeFileSync(join(scratch, name), text);
    return { path: await resolved(`${rel}/${name}`), uri: vscode.Uri.file(join(scratch, name)) };
  }

  describe('in Restricted Mode', () => {
    it('refuses every path', async function () {
      if (vscode.workspace.isTrusted) this.skip();
      for (const path of ['hello.ts', `${rel}/a.txt`, join(folder.uri.fsPath, 'hello.ts'), vscode.Uri.file(join(scratch, 'a.txt')).toString(), 'new.txt', '.']) {
        await refused(path, /^Restricted Mode:/);
      }
    });
  });

  describe('in a trusted workspace', () => {
    beforeEach(function () {
      if (!vscode.workspace.isTrusted) this.skip();
    });

    it('resolves a relative path with a workspace-relative display and a file URI key', async () => {
      const path = await resolved(`${rel}/a.txt`);
      assert.equal(path.display, `${rel}/a.txt`);
      assert.equal(path.key, vscode.Uri.file(join(scratch, 'a.txt')).toString());
      assert.equal((await resolved(`./${rel}/sub/../a.txt`)).display, `${rel}/a.txt`, 'normalised');
    });

    it('refuses ../ escapes and absolute paths outside the folder', async () => {
      await refused('../x', /^Refused: \.\.\/x is outside the workspace folder; use a path inside /, files, 'outside the workspace');
      await refused(`${rel}/../../x`, /outside the workspace folder/);
      await refused(join(outside, 'secret.txt'), /outside the workspace folder/);
      await refused('/etc/passwd', /outside/);
    });

    it('accepts an absolute path or file: URI inside the folder', async () => {
      assert.equal((await resolved(join(folder.uri.fsPath, 'hello.ts'))).display, 'hello.ts');
      assert.equal((await resolved(vscode.Uri.file(join(scratch, 'a.txt')).toString())).display, `${rel}/a.txt`);
      await refused('untitled:Untitled-1', /not a file on disk/);
    });

    it('refuses symlinks that lead outside (a file, a folder, a missing target)', async () => {
      await refused(`${rel}/link-out`, /symbolic link .*outside/);
      await refused(`${rel}/linkdir/secret.txt`, /symbolic link .*outside/);
      await refused(`${rel}/linkdir/new.txt`, /symbolic link .*outside/);
      await refused(`${rel}/dangling`, /symbolic link whose target does not exist/);
    });

    it('refuses anything under a .git folder at any depth', async () => {
      await refused('.git/config', /\.git folder/, files, "inside a .git folder (git's own files are off limits)");
      await refused(`${rel}/sub/.git/HEAD`, /\.git folder/);
    });

    it('picks the named folder in a multi-root workspace and prefixes displays with folder names', async () => {
      const second = join(outside, 'second');
      mkdirSync(second, { recursive: true });
      writeFileSync(join(second, 'file.txt'), 'second\n');
      const multi = new WorkspaceFileSystem({ folders: () => [folder, { name: 'second', uri: vscode.Uri.file(second) }] });
      const path = await resolved('second/file.txt', multi);
      assert.equal(path.display, 'second/file.txt');
      assert.equal(path.key, vscode.Uri.file(join(second, 'file.txt')).toString());
      assert.equal((await resolved('hello.ts', multi)).display, `${folder.name}/hello.ts`, 'other paths go to the first folder');
      const read = await multi.readText(path);
      assert.ok('text' in read && read.text === 'second\n');
      await refused(join(outside, 'secret.txt'), /outside the workspace folders/, multi);
    });

    it('reads the unsaved text of an open buffer, with its version', async () => {
      const { path, uri } = await scratchFile('buffer.txt', 'on disk\n');
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), 'unsaved ');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const read = await files.readText(path);
      assert.deepEqual(read, { text: 'unsaved on disk\n', version: document.version });
      assert.equal(readFileSync(uri.fsPath, 'utf8'), 'on disk\n');
      await document.save();
    });

    it('writes a replace through the editor and saves it; undo in the editor brings the text back', async () => {
      const { path, uri } = await scratchFile('undo.txt', 'one two three\n');
      const editor = await vscode.window.showTextDocument(uri);
      const read = await files.readText(path);
      assert.ok('text' in read);
      const result = await files.write(path, { kind: 'replace', start: 4, end: 7, text: 'TWO', version: read.version });
      assert.deepEqual(result, { ok: true });
      assert.equal(readFileSync(uri.fsPath, 'utf8'), 'one TWO three\n', 'saved to disk');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), 'one two three\n');
      await editor.document.save();
    });

    it('refuses a change computed on an older version and leaves the file alone', async () => {
      const { path, uri } = await scratchFile('stale.txt', 'hello\n');
      const read = await files.readText(path);
      assert.ok('text' in read);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), 'user typed ');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const result = await files.write(path, { kind: 'replace', start: 0, end: 5, text: 'bye', version: read.version });
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, /changed since it was read \(it is now at version \d+\); nothing was written\. Read it again\./, 'Claude is told what to do');
      assert.equal(result.ok ? '' : result.shown, `${path.display} changed since Claude read it; nothing was written.`, 'the card says it to the person (in the display language)');
      assert.equal(readFileSync(uri.fsPath, 'utf8'), 'hello\n');
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(), 'user typed hello\n', "the user's change stays");
      await document.save();
    });

    it('creates a file (with its folders) and deletes it', async () => {
      const path = await resolved(`${rel}/made/deep/new.txt`);
      assert.equal(await files.stat(path), undefined);
      assert.deepEqual(await files.write(path, { kind: 'create', text: 'fresh\n' }), { ok: true });
      assert.equal(readFileSync(join(scratch, 'made', 'deep', 'new.txt'), 'utf8'), 'fresh\n');
      assert.deepEqual(await files.stat(path), { kind: 'file', size: 6 });
      assert.deepEqual(await files.write(path, { kind: 'create', text: 'over\n' }), { ok: true }, 'creating over a file replaces its text');
      assert.equal(readFileSync(join(scratch, 'made', 'deep', 'new.txt'), 'utf8'), 'over\n');
      assert.deepEqual(await files.write(path, { kind: 'delete' }), { ok: true });
      assert.equal(existsSync(join(scratch, 'made', 'deep', 'new.txt')), false);
    });

    it('never writes through a forged key that points outside', async () => {
      const forged = { key: vscode.Uri.file(join(outside, 'secret.txt')).toString(), display: 'secret.txt' };
      const result = await files.write(forged, { kind: 'create', text: 'pwned' });
      assert.equal(result.ok, false);
      assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'secret\n');
    });

    it('refuses binary files and files over the size limit', async () => {
      const { path: binary } = await scratchFile('image.bin', '');
      writeFileSync(join(scratch, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      assert.deepEqual(await files.readText(binary), { error: `Refused: ${rel}/image.bin is a binary file.` });
      const small = new WorkspaceFileSystem({ maxFileBytes: 100 });
      const { path: big } = await scratchFile('big.txt', 'x'.repeat(2000));
      const read = await small.readText(big);
      assert.match('error' in read ? read.error : '', /is 2\.0 KB, over the 100 bytes limit/);
    });

    it('lists a folder two levels deep, hidden entries left out, folders with a slash', async () => {
      mkdirSync(join(scratch, 'tree', 'b', 'c'), { recursive: true });
      mkdirSync(join(scratch, 'tree', 'node_modules'), { recursive: true });
      writeFileSync(join(scratch, 'tree', 'a.ts'), '');
      writeFileSync(join(scratch, 'tree', '.env'), '');
      writeFileSync(join(scratch, 'tree', 'b', 'x.ts'), '');
      writeFileSync(join(scratch, 'tree', 'b', 'c', 'deep.ts'), '');
      assert.deepEqual(await files.list(await resolved(`${rel}/tree`), 2), ['a.ts', 'b/', 'b/c/', 'b/x.ts']);
    });

    it('shows a proposed edit as a diff against the current file (or an empty one for a new file)', async () => {
      const proposals = new ProposedContent();
      const registration = proposals.register();
      try {
        const { path } = await scratchFile('diff.ts', 'const a = 1;\n');
        const edit = { id: 'toolu_diff', command: 'str_replace', path, input: {}, before: 'const a = 1;\n', after: 'const a = 2;\n', version: 1, resultText: '' } as const;
        await proposals.showDiff(edit);
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
        assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `${rel}/diff.ts: current ↔ proposed by Claude`);
        assert.equal(input.original.toString(), path.key);
        assert.equal(input.modified.scheme, PROPOSED_SCHEME);
        assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), 'const a = 2;\n');

        const created = await resolved(`${rel}/brand-new.ts`);
        await proposals.showDiff({ ...edit, id: 'toolu_new', command: 'create', path: created, before: undefined, after: 'export {};\n', version: undefined });
        const second = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        assert.ok(second instanceof vscode.TabInputTextDiff);
        assert.equal((await vscode.workspace.openTextDocument(second.original)).getText(), '');
        assert.equal(existsSync(join(scratch, 'brand-new.ts')), false, 'nothing is written by a preview');
        proposals.forget('toolu_new');
        assert.equal(proposals.has('toolu_new'), false);
      } finally {
        registration.dispose();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('reply backups put two changed files back and delete a created one', async () => {
      const root = mkdtempSync(join(tmpdir(), 'claude-chat-backups-'));
      const backups = new ReplyBackups(join(root, 'backups'));
      const one = await scratchFile('one.txt', 'one before\n');
      const two = await scratchFile('two.txt', 'two before\n');
      const created = await resolved(`${rel}/created.txt`);
      for (const [file, replacement] of [[one, 'one after\n'], [two, 'two after\n']] as const) {
        const read = await files.readText(file.path);
        assert.ok('text' in read);
        await backups.remember('conv-1', 'reply-1', file.path, read.text);
        assert.deepEqual(await files.write(file.path, { kind: 'replace', start: 0, end: read.text.length, text: replacement, version: read.version }), { ok: true });
      }
      await backups.remember('conv-1', 'reply-1', one.path, 'one after\n'); // a later edit in the same reply: the first copy wins
      await backups.remember('conv-1', 'reply-1', created, undefined);
      assert.deepEqual(await files.write(created, { kind: 'create', text: 'new\n' }), { ok: true });

      assert.deepEqual(
        (await backups.touched('conv-1', 'reply-1')).map((t) => [t.path.display, t.existed]),
        [[`${rel}/one.txt`, true], [`${rel}/two.txt`, true], [`${rel}/created.txt`, false]],
      );
      const report = await backups.restore('conv-1', 'reply-1', files);
      assert.deepEqual(report.failed, []);
      assert.equal(report.restored.length, 3);
      assert.equal(readFileSync(one.uri.fsPath, 'utf8'), 'one before\n');
      assert.equal(readFileSync(two.uri.fsPath, 'utf8'), 'two before\n');
      assert.equal(existsSync(join(scratch, 'created.txt')), false);

      await assert.rejects(backups.remember('../x', 'r', one.path, ''), /Invalid conversation id/);
      await backups.forget('conv-1');
      assert.equal(existsSync(join(root, 'backups', 'conv-1')), false);
      rmSync(root, { recursive: true, force: true });
    });
  });
});
