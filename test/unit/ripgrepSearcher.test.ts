// The ripgrep searcher against real folders with the real `rg` (Debian's ripgrep), and the probe
// that finds VS Code's own copy in both of its layouts.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileGlob } from '../../src/core/tools/search/globPattern';
import type { GrepQuery } from '../../src/core/tools/search/searcher';
import { bundledCandidates, findRipgrep } from '../../src/host/tools/ripgrepPath';
import { RIPGREP_DID_NOT_START, RipgrepSearcher } from '../../src/host/tools/ripgrepSearcher';
import { childEnvironment, type SearchFolder } from '../../src/host/tools/searchScope';
import { waitFor } from '../support/processes';

const rgOnPath = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

describe('the ripgrep searcher on a real folder', () => {
  let scratch: string;
  let ws: SearchFolder;
  let other: SearchFolder;
  const signal = new AbortController().signal;
  const grepQuery = (pattern: string, extra: Partial<GrepQuery> = {}): GrepQuery => ({ pattern, ignoreCase: false, maxMatches: 100, signal, ...extra });
  const within = (folder: SearchFolder, rel: string) => ({ key: pathToFileURL(join(folder.root, rel)).toString(), display: rel });

  before(function () {
    if (!rgOnPath) return this.skip();
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'claude-chat-rg-')));
    ws = { name: 'ws', root: join(scratch, 'ws'), excludes: ['generated', '**/*.snap'] };
    other = { name: 'other', root: join(scratch, 'other'), excludes: [] };
    write(ws.root, {
      '.gitignore': 'dist/\n*.log\n',
      'src/a.ts': 'const answer = 1;\n',
      'src/b.tsx': 'export const Answer = () => null;\n',
      'src/lib/deep.ts': 'return answer;\r\n',
      'dist/out.ts': 'answer\n',
      'app.log': 'answer\n',
      'node_modules/pkg/index.ts': 'answer\n',
      '.git/config': 'answer\n',
      '.github/ci.yml': 'run: answer\n',
      'generated/gen.ts': 'answer\n',
      'src/a.snap': 'answer\n',
      'data.bin': 'answer\u0000\u0001binary',
    });
    write(other.root, { 'notes.md': 'the answer\n' });
    utimesSync(join(ws.root, 'src/a.ts'), 1000, 1000);
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  const searcher = (folders: SearchFolder[], timeoutMs?: number) => new RipgrepSearcher({ rgPath: rgOnPath, folders: () => folders, timeoutMs });

  it('glob skips .gitignore (without a git repository), the exclude settings, node_modules and .git, and keeps hidden files', async () => {
    const found = await searcher([ws]).glob({ pattern: '*', signal });
    assert.ok(found.ok);
    assert.deepEqual(found.value.map((f) => f.path).sort(), ['.github/ci.yml', '.gitignore', 'data.bin', 'src/a.ts', 'src/b.tsx', 'src/lib/deep.ts']);
    assert.equal(found.value.find((f) => f.path === 'src/a.ts')?.mtimeMs, 1_000_000, 'with its modification time');
    const ignored = await searcher([ws]).glob({ pattern: '*.log', signal });
    assert.deepEqual(ignored.ok && ignored.value, [], 'a glob naming an ignored file does not bring it back');
  });

  it('glob reads a pattern with a slash from path, one without at any depth', async () => {
    const rooted = await searcher([ws]).glob({ pattern: 'lib/*.ts', within: within(ws, 'src'), signal });
    const named = await searcher([ws]).glob({ pattern: '*.ts', within: within(ws, 'src'), signal });
    assert.deepEqual(rooted.ok && rooted.value.map((f) => f.path), ['src/lib/deep.ts']);
    assert.deepEqual(named.ok && named.value.map((f) => f.path).sort(), ['src/a.ts', 'src/lib/deep.ts']);
    const anyDepth = await searcher([ws]).glob({ pattern: '**/*.ts', within: within(ws, 'src'), signal });
    assert.deepEqual(anyDepth.ok && anyDepth.value.map((f) => f.path).sort(), ['src/a.ts', 'src/lib/deep.ts']);
    const top = await searcher([ws]).glob({ pattern: '/*.ts', within: within(ws, 'src'), signal });
    assert.deepEqual(top.ok && top.value.map((f) => f.path), ['src/a.ts'], 'a leading / anchors at path');
    const rootOnly = await searcher([ws]).glob({ pattern: '/*.ts', signal });
    assert.deepEqual(rootOnly.ok && rootOnly.value, [], 'no .ts file sits at the top');
  });

  it('grep finds lines with their numbers and columns, without ignored, excluded or binary files', async () => {
    const found = await searcher([ws]).grep(grepQuery('answer'));
    assert.ok(found.ok);
    const sorted = [...found.value.matches].sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(sorted, [
      { path: '.github/ci.yml', line: 1, column: 6, text: 'run: answer' },
      { path: 'src/a.ts', line: 1, column: 7, text: 'const answer = 1;' },
      { path: 'src/lib/deep.ts', line: 1, column: 8, text: 'return answer;' },
    ]);
    assert.deepEqual([found.value.total, found.value.files], [3, 3]);
  });

  it('grep honours ignore_case, glob, a single file, and counts past the cap', async () => {
    const s = searcher([ws]);
    const cased = await s.grep(grepQuery('ANSWER', { ignoreCase: true, glob: '*.tsx' }));
    assert.deepEqual(cased.ok && cased.value.matches.map((m) => m.path), ['src/b.tsx']);
    const file = await s.grep(grepQuery('answer', { within: within(ws, 'app.log') }));
    assert.deepEqual(file.ok && file.value.matches.map((m) => m.path), ['app.log'], 'a file named explicitly is searched even when ignored');
    const capped = await s.grep(grepQuery('answer', { maxMatches: 1 }));
    assert.deepEqual(capped.ok && [capped.value.matches.length, capped.value.total, capped.value.files], [1, 3, 3]);
  });

  it('names the folder in a multi-root workspace', async () => {
    const found = await searcher([ws, other]).grep(grepQuery('the answer'));
    assert.deepEqual(found.ok && found.value.matches.map((m) => `${m.path}:${m.line}`), ['other/notes.md:1']);
  });

  it("reports ripgrep's own error for a pattern only ripgrep can judge", async () => {
    const found = await searcher([ws]).grep(grepQuery('(?P<name'));
    assert.equal(found.ok, false);
    assert.match(found.ok ? '' : found.error, /^ripgrep refused the search:\nregex parse error:[\s\S]*error:/);
  });

  /** A search that never ends on its own: rg waits forever on a named pipe nobody writes to. */
  function endless(): { within: { key: string; display: string }; running: () => boolean } {
    const name = `endless-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    assert.equal(spawnSync('mkfifo', [join(ws.root, name)]).status, 0, 'mkfifo');
    const running = () => spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.includes(name);
    return { within: within(ws, name), running };
  }

  it('Stop kills a running search and says so', async () => {
    const { within: fifo, running } = endless();
    const controller = new AbortController();
    const pending = searcher([ws]).grep(grepQuery('answer', { within: fifo, signal: controller.signal }));
    await waitFor(running, 'rg to start');
    controller.abort();
    assert.deepEqual(await pending, { ok: false, error: 'Stopped.' });
    await waitFor(() => !running(), 'rg to be gone');
  });

  it('a search past its time limit is killed and Claude is told how to narrow it', async () => {
    const { within: fifo, running } = endless();
    const slow = await searcher([ws], 300).grep(grepQuery('answer', { within: fifo }));
    assert.deepEqual(slow, { ok: false, error: 'The search took longer than 300 ms and was stopped; narrow it with path or a glob.' });
    await waitFor(() => !running(), 'rg to be gone');
  });

  it("reads globs as ripgrep's own -g does", () => {
    const tree = join(scratch, 'globs');
    write(tree, { 'top.txt': '', 'a.js': '', 'ab.js': '', 'src/x.ts': '', 'src/y.tsx': '', 'src/lib/z.ts': '', 'lib/w.md': '', 'b[1].md': '', 'docs/a.md': '' });
    const rg = (args: string[]) => spawnSync(rgOnPath, ['--no-config', '--files', ...args], { cwd: tree, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    const all = rg([]);
    for (const glob of ['*.ts', 'src/**/*.ts', '**/lib/*', '*.{ts,tsx}', '[ab]*.md', 'src/*', '/top.txt', '?.js', 'lib/**', '**/*.md', 'b\\[1\\].md', 'src/**']) {
      const compiled = compileGlob(glob);
      assert.ok(compiled.ok, glob);
      assert.deepEqual(all.filter((path) => compiled.regex.test(path)), rg(['-g', glob]), glob);
    }
  });

  it('says so when the ripgrep it was given does not start', async () => {
    const broken = join(scratch, 'broken-rg');
    writeFileSync(broken, '#!/nonexistent/interpreter\n');
    chmodSync(broken, 0o755);
    const found = await new RipgrepSearcher({ rgPath: broken, folders: () => [ws] }).grep(grepQuery('answer'));
    assert.equal(found.ok, false);
    assert.ok(!found.ok && found.error.startsWith(`${RIPGREP_DID_NOT_START} (${broken}): `), found.ok ? '' : found.error);
  });

  it('gives child processes no credentials', () => {
    const env = childEnvironment({ PATH: '/bin', ANTHROPIC_API_KEY: 'sk-secret', ANTHROPIC_AUTH_TOKEN: 'tok', RIPGREP_CONFIG_PATH: '/tmp/rc' });
    assert.deepEqual(env, { PATH: '/bin' });
  });
});

describe('finding ripgrep', () => {
  let appRoot: string;
  beforeEach(() => {
    appRoot = mkdtempSync(join(tmpdir(), 'claude-chat-approot-'));
  });
  afterEach(() => rmSync(appRoot, { recursive: true, force: true }));

  const place = (path: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
  };

  it("prefers VS Code 1.122's ripgrep-universal, then the older @vscode/ripgrep, each also under node_modules.asar.unpacked", async () => {
    const [newPlace, newUnpacked, oldPlace, oldUnpacked] = bundledCandidates(appRoot, 'linux', 'x64');
    assert.equal(newPlace, join(appRoot, 'node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg'));
    assert.equal(newUnpacked, join(appRoot, 'node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/linux-x64/rg'));
    assert.equal(oldPlace, join(appRoot, 'node_modules/@vscode/ripgrep/bin/rg'));
    assert.equal(oldUnpacked, join(appRoot, 'node_modules.asar.unpacked/@vscode/ripgrep/bin/rg'));
    const probe = () => findRipgrep({ appRoot, platform: 'linux', arch: 'x64', pathEnv: '' });
    place(oldUnpacked);
    assert.deepEqual(await probe(), { path: oldUnpacked, source: 'VS Code' });
    place(oldPlace);
    assert.deepEqual(await probe(), { path: oldPlace, source: 'VS Code' });
    place(newUnpacked);
    assert.deepEqual(await probe(), { path: newUnpacked, source: 'VS Code' });
    place(newPlace);
    assert.deepEqual(await probe(), { path: newPlace, source: 'VS Code' });
  });

  it('falls back to rg on PATH, then to nothing', async () => {
    const bin = join(appRoot, 'bin');
    assert.equal(await findRipgrep({ appRoot, pathEnv: bin }), undefined);
    writeFileSync(join(appRoot, 'rg'), 'not executable');
    assert.equal(await findRipgrep({ appRoot, pathEnv: appRoot }), undefined, 'a file that cannot run does not count');
    place(join(bin, 'rg'));
    assert.deepEqual(await findRipgrep({ appRoot, pathEnv: `${join(appRoot, 'none')}:${bin}` }), { path: join(bin, 'rg'), source: 'PATH' });
  });
});
