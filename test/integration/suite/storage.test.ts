// Storage faults inside the extension host: a damaged index or chat file, images saved at once,
// hostile or huge imports, and image files that must be refused before they are read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImageAttachment } from '../../../src/core/context/attachments';
import type { AssistantTurn, Conversation } from '../../../src/core/conversation/turns';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { ChatTools } from '../../../src/host/edits/chatTools';
import { AttachmentInput } from '../../../src/host/attachmentInput';
import { AttachmentStore } from '../../../src/host/attachmentStore';
import { textReply } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function image(name: string, bytes: Buffer, mediaType: string): ImageAttachment {
  const data = bytes.toString('base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { kind: 'image', id: `img-${sha256.slice(0, 12)}`, name, mediaType, width: 1, height: 1, sha256, data };
}

describe('storage faults: corrupt files, concurrent image saves, checked imports and dropped files', () => {
  const endpoint = useFakeEndpoint('sk-storage');
  const dir = mkdtempSync(join(tmpdir(), 'claude-storage-'));
  const shown = { warnings: [] as string[], errors: [] as string[] };
  const window = vscode.window as { showWarningMessage: unknown; showErrorMessage: unknown };
  const original = { warn: window.showWarningMessage, error: window.showErrorMessage };
  before(() => {
    window.showWarningMessage = async (message: string) => void shown.warnings.push(message);
    window.showErrorMessage = async (message: string) => void shown.errors.push(message);
  });
  after(() => {
    window.showWarningMessage = original.warn;
    window.showErrorMessage = original.error;
  });

  const listedIds = async () => (await endpoint.api.store.list()).map((s) => s.id);

  async function chat(text: string): Promise<string> {
    await endpoint.api.session.newChat();
    endpoint.fake.enqueue(textReply(['Noted.']));
    await endpoint.api.session.send(text);
    // every change queues its save before the reply's promise settles, image writes included
    await endpoint.api.store.flush();
    const id = endpoint.api.session.conversationId;
    assert.equal((await endpoint.api.store.list()).find((c) => c.id === id)?.turns, 2, `"${text}" is saved with its reply`);
    return id;
  }

  it('a corrupt index.json: every earlier chat is still listed after the store reads the folder again, and the next save keeps them', async () => {
    const store = endpoint.api.store;
    const earlier = [await chat('first of three'), await chat('second of three'), await chat('third of three')];
    writeFileSync(join(store.dir, 'index.json'), '[{"id":"broken","title":');
    await store.reload();
    const listed = await listedIds();
    for (const id of earlier) assert.ok(listed.includes(id), `${id} is listed`);
    assert.equal(readFileSync(join(store.dir, 'index.json.corrupt'), 'utf8'), '[{"id":"broken","title":');

    const next = await chat('after the rebuild');
    await store.reload();
    const after = await listedIds();
    for (const id of [...earlier, next]) assert.ok(after.includes(id), `${id} is still listed after the next save`);
  });

  it('a corrupt chat file is moved aside and named in a warning, not silently skipped', async () => {
    const store = endpoint.api.store;
    const victim = await chat('soon unreadable');
    await chat('the open one');
    writeFileSync(join(store.dir, `${victim}.json`), '{"version":2,"turns":[');
    assert.equal(await store.load(victim), undefined);
    assert.ok(!(await listedIds()).includes(victim));
    assert.equal(readFileSync(join(store.dir, `${victim}.json.corrupt`), 'utf8'), '{"version":2,"turns":[');
    const warning = shown.warnings.find((w) => w.includes(`${victim}.json`));
    assert.ok(warning, shown.warnings.join('\n'));
    assert.match(warning, /"soon unreadable"/);
    assert.match(warning, /\.json\.corrupt/);
  });

  it('two concurrent saves of the same new image both succeed, and a chat with an image saves it once', async () => {
    const images = join(endpoint.api.store.dir, '..', 'images');
    for (let n = 0; n < 10; n++) {
      const fresh = image(`fresh-${n}.png`, Buffer.concat([PNG, Buffer.from(`${Date.now()}-${n}`)]), 'image/png');
      // two windows on one storage folder (global storage has no workspace of its own)
      const results = await Promise.allSettled([new AttachmentStore(images).put(fresh.sha256, fresh.data!), new AttachmentStore(images).put(fresh.sha256, fresh.data!)]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled'], `round ${n}`);
      assert.equal(readFileSync(join(images, `${fresh.sha256}.b64`), 'utf8'), fresh.data);
    }

    const attached = image('in-chat.png', Buffer.concat([PNG, Buffer.from(`chat-${Date.now()}`)]), 'image/png');
    await endpoint.api.session.newChat();
    endpoint.api.session.pending.add(attached);
    endpoint.fake.enqueue(textReply(['I ', 'see ', 'a ', 'tiny ', 'image.']));
    await endpoint.api.session.send('What is this?');
    const id = endpoint.api.session.conversationId;
    await endpoint.api.store.flush();
    assert.equal(readFileSync(join(images, `${attached.sha256}.b64`), 'utf8'), attached.data);
    assert.deepEqual(readdirSync(images).filter((n) => n.endsWith('.tmp')), [], 'no temporary file is left');
    const saved = await endpoint.api.store.load(id);
    const first = saved?.turns[0];
    assert.equal(first?.role === 'user' && first.attachments?.[0]?.kind === 'image' && first.attachments[0].sha256, attached.sha256);
  });

  it('Revert changes with a damaged list of saved copies says so, reverts nothing, and keeps the list', async () => {
    const tools = new ChatTools(join(dir, 'backups'));
    try {
      const manifest = join(dir, 'backups', 'conv', 'reply', 'manifest.json');
      mkdirSync(join(manifest, '..'), { recursive: true });
      writeFileSync(manifest, '{"version":1,"entries":[{"key":');
      const turn: AssistantTurn = { id: 'reply', role: 'assistant', rounds: [], status: 'done', model: 'claude-sonnet-5-5', changed: ['a.ts'] };
      shown.errors.length = 0;
      assert.equal(await tools.revert('conv', turn), false);
      assert.equal(shown.errors.length, 1);
      assert.match(shown.errors[0], /^Claude Chat: could not revert this reply's changes, no file was changed: the list of saved copies was damaged \(.*\); it is kept as .*manifest\.json\.corrupt\.$/);
      assert.equal(readFileSync(`${manifest}.corrupt`, 'utf8'), '{"version":1,"entries":[{"key":');
    } finally {
      tools.dispose();
    }
  });

  it('Import Chat of a file with a text/html "image" imports the chat without it, warns, and the next request carries only the real image', async () => {
    const good = image('real.png', PNG, 'image/png');
    const html = image('page.png', Buffer.from('<!doctype html><h1>not an image</h1>'), 'text/html');
    const exported: Conversation = {
      version: 2,
      id: 'hostile',
      title: 'Imported with a fake image',
      createdAt: 1,
      updatedAt: 2,
      turns: [
        { id: 'u1', role: 'user', text: 'Two pictures', attachments: [good, html] },
        { id: 'a1', role: 'assistant', rounds: [{ content: [{ type: 'text', text: 'I see one.' }] }], status: 'done', model: 'claude-sonnet-5-5' },
      ],
    };
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(exported));
    shown.warnings.length = 0;
    const imported = await vscode.commands.executeCommand<Conversation | undefined>('claudeChat.importChat', vscode.Uri.file(file));
    assert.ok(imported, shown.errors.join('\n'));
    assert.equal(endpoint.api.session.conversationId, imported.id);
    assert.deepEqual(endpoint.api.session.transcript().map((e) => e.text), ['Two pictures', 'I see one.']);
    assert.equal(shown.warnings.length, 1);
    assert.match(shown.warnings[0], /without an image that failed the checks: page\.png: its bytes are not PNG, JPEG, GIF or WebP \(declared as text\/html\)/);

    endpoint.fake.enqueue(textReply(['Fine.']));
    await endpoint.api.session.send('Still there?');
    const sent = endpoint.fake.messageRequests.at(-1)!.json.messages[0].content as { type: string; source?: { type: string; file_id: string } }[];
    const images = sent.filter((b) => b.type === 'image');
    assert.deepEqual(images.map((b) => b.source?.type), ['file'], 'the good image went, uploaded');
    assert.equal(endpoint.fake.files.get(images[0].source!.file_id)?.mimeType, 'image/png');
  });

  it('Import Chat refuses a 60 MB file by its size, before reading it, and keeps the open chat', async () => {
    const before = endpoint.api.session.conversationId;
    const file = join(dir, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 60 * 1024 * 1024); // sparse: made at once, and not JSON, so only the size check can name the size
    closeSync(fd);
    shown.errors.length = 0;
    const result = await vscode.commands.executeCommand('claudeChat.importChat', vscode.Uri.file(file));
    assert.equal(result, undefined);
    assert.equal(endpoint.api.session.conversationId, before);
    assert.equal(shown.errors.length, 1);
    assert.match(shown.errors[0], /The file is 60 MB; chats up to 50 MB can be imported\./);
  });

  it('a dropped 30 MB image is refused by stat without being read; a folder or a pipe is refused as not a file', async () => {
    const posts: HostToWebview[] = [];
    const input = new AttachmentInput(endpoint.api.session, (m) => posts.push(m));
    const errors = () => posts.flatMap((m) => (m.type === 'error' ? [m.message] : []));

    // a file system whose reads are counted: stat says 30 MB, reading would fail
    let reads = 0;
    const emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
    const file = (size: number): vscode.FileStat => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size });
    const provider: vscode.FileSystemProvider = {
      onDidChangeFile: emitter.event,
      watch: () => new vscode.Disposable(() => undefined),
      stat: (uri) => (uri.path === '/big.png' ? file(30 * 1024 * 1024) : uri.path === '/small.png' ? file(PNG.length) : Promise.reject(vscode.FileSystemError.FileNotFound(uri))),
      readFile: (uri) => {
        reads++;
        if (uri.path === '/small.png') return PNG;
        throw vscode.FileSystemError.Unavailable(uri);
      },
      readDirectory: () => [],
      createDirectory: () => undefined,
      writeFile: () => undefined,
      delete: () => undefined,
      rename: () => undefined,
    };
    const registration = vscode.workspace.registerFileSystemProvider('claude-chat-storage-test', provider, { isReadonly: true });
    try {
      await input.readDropped(['claude-chat-storage-test:/big.png']);
      assert.equal(reads, 0, 'the 30 MB file was never read');
      assert.deepEqual(errors(), ['big.png is 30 MB; images up to 20 MB can be attached.']);
      await input.readDropped(['claude-chat-storage-test:/small.png']);
      assert.equal(reads, 1);
      assert.deepEqual(posts.at(-1), { type: 'imageFile', name: 'small.png', mediaType: 'image/png', data: PNG.toString('base64') });
    } finally {
      registration.dispose();
      emitter.dispose();
    }

    posts.length = 0;
    const sparse = join(dir, 'sparse.png');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 30 * 1024 * 1024);
    closeSync(fd);
    mkdirSync(join(dir, 'folder.png'));
    const lines = [vscode.Uri.file(sparse).toString(), vscode.Uri.file(join(dir, 'folder.png')).toString()];
    const expected = ['sparse.png is 30 MB; images up to 20 MB can be attached.', 'folder.png is not a file.'];
    if (process.platform !== 'win32') {
      // reading a pipe that nobody writes to never ends: only a stat-first check gets past it
      execFileSync('mkfifo', [join(dir, 'pipe.png')]);
      lines.push(vscode.Uri.file(join(dir, 'pipe.png')).toString());
      expected.push('pipe.png is not a file.');
    }
    await input.readDropped(lines);
    assert.deepEqual(errors(), expected);
  });
});
