// glob and grep in a real extension host: VS Code's own ripgrep found (or the built-in search),
// both answering alike, the person's ignore rules honoured, and paths outside refused.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Searcher } from '../../../src/core/tools/search/searcher';
import { FallbackSearcher } from '../../../src/host/tools/fallbackSearcher';
import { RipgrepSearcher } from '../../../src/host/tools/ripgrepSearcher';
import { WorkspaceSearcher, workspaceSearchFolders } from '../../../src/host/tools/workspaceSearcher';
import { reply, text, toolUse } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

const FILES: Record<string, string> = {
  '.gitignore': 'build/\n*.tmp\n',
  'src/answer.ts': 'export const answer = 42;\n',
  'src/lib/Answer.tsx': 'export const Answer = () => answer;\n',
  'docs/guide.md': 'Where is the answer?\n',
  'build/answer.js': 'var answer = 42;\n',
  'scratch.tmp': 'answer\n',
  'hidden-by-setting/answer.ts': 'answer\n',
  'vendor-search/answer.ts': 'answer\n',
  'node_modules/pkg/answer.ts': 'answer\n',
};
const VISIBLE = ['.gitignore', 'docs/guide.md', 'src/answer.ts', 'src/lib/Answer.tsx'];

describe('glob and grep in the extension host', () => {
  const endpoint = useFakeEndpoint('sk-search');
  const signal = new AbortController().signal;
  let rel: string;
  let within: { key: string; display: string };
  let outside: string;

  before(async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    rel = `search-test-${process.pid}`;
    for (const [path, body] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, rel, path)), { recursive: true });
      writeFileSync(join(root, rel, path), body);
    }
    within = { key: vscode.Uri.file(join(root, rel)).toString(), display: rel };
    outside = mkdtempSync(join(tmpdir(), 'claude-chat-search-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'answer\n');
    // Links are not followed: one leads out of the workspace, the other to a file already found.
    symlinkSync(outside, join(root, rel, 'linked-out'));
    symlinkSync(join(root, rel, 'src', 'answer.ts'), join(root, rel, 'alias.ts'));
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/hidden-by-setting': true }, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('search').update('exclude', { [`${rel}/vendor-search`]: true }, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    if (!rel) return;
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('search').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(join(vscode.workspace.workspaceFolders![0].uri.fsPath, rel), { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("finds VS Code's own ripgrep under its app root, where this VS Code version keeps it", async () => {
    const engine = await new WorkspaceSearcher().which();
    assert.equal(engine.kind, 'ripgrep', 'ripgrep was found');
    if (engine.kind !== 'ripgrep') return;
    assert.equal(engine.ripgrep.source, 'VS Code', `found at ${engine.ripgrep.path}`);
    assert.ok(engine.ripgrep.path.startsWith(vscode.env.appRoot), `${engine.ripgrep.path} is under ${vscode.env.appRoot}`);
    // VS Code 1.122 moved it from @vscode/ripgrep/bin/ to @vscode/ripgrep-universal/bin/<platform>-<arch>/ (the tests run 1.100 and a newer one).
    const [major, minor] = vscode.version.split('.').map(Number);
    const layout = major > 1 || minor >= 122 ? `ripgrep-universal/bin/${process.platform}-${process.arch}/` : 'ripgrep/bin/';
    assert.ok(engine.ripgrep.path.includes(`/@vscode/${layout}`), `VS Code ${vscode.version} keeps ripgrep under @vscode/${layout}, found ${engine.ripgrep.path}`);
  });

  it('without any ripgrep, the built-in search answers instead', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'claude-chat-no-rg-'));
    try {
      const searcher = new WorkspaceSearcher(bare, bare);
      assert.deepEqual(await searcher.which(), { kind: 'builtin' });
      const found = await searcher.grep({ pattern: 'answer', within, glob: '*.md', ignoreCase: false, maxMatches: 10, signal });
      assert.deepEqual(found.ok && found.value.matches.map((m) => `${m.path}:${m.line}:${m.text}`), [`${rel}/docs/guide.md:1:Where is the answer?`]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('a ripgrep that is found but does not start gives way to the built-in search', async () => {
    const appRoot = mkdtempSync(join(tmpdir(), 'claude-chat-broken-rg-'));
    try {
      const rg = join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
      mkdirSync(dirname(rg), { recursive: true });
      writeFileSync(rg, '#!/nonexistent/interpreter\n');
      chmodSync(rg, 0o755);
      const searcher = new WorkspaceSearcher(appRoot, '');
      assert.deepEqual(await searcher.which(), { kind: 'ripgrep', ripgrep: { path: rg, source: 'VS Code' } });
      const found = await searcher.glob({ pattern: '*.md', within, signal });
      assert.deepEqual(found.ok && found.value.map((f) => f.path), [`${rel}/docs/guide.md`]);
      assert.deepEqual(await searcher.which(), { kind: 'builtin' });
    } finally {
      rmSync(appRoot, { recursive: true, force: true });
    }
  });

  async function both(): Promise<Array<[string, Searcher]>> {
    const engine = await new WorkspaceSearcher().which();
    assert.equal(engine.kind, 'ripgrep');
    const rgPath = engine.kind === 'ripgrep' ? engine.ripgrep.path : '';
    return [
      ['ripgrep', new RipgrepSearcher({ rgPath, folders: workspaceSearchFolders })],
      ['built-in', new FallbackSearcher(workspaceSearchFolders)],
    ];
  }

  it('ripgrep and the built-in search list the same files, without .gitignore, files.exclude, search.exclude, node_modules or links', async () => {
    for (const [name, searcher] of await both()) {
      const all = await searcher.glob({ pattern: '*', within, signal });
      assert.ok(all.ok, name);
      assert.deepEqual(all.value.map((f) => f.path).sort(), VISIBLE.map((p) => `${rel}/${p}`), name);
      const rooted = await searcher.glob({ pattern: 'src/**/*.tsx', within, signal });
      assert.deepEqual(rooted.ok && rooted.value.map((f) => f.path), [`${rel}/src/lib/Answer.tsx`], name);
    }
  });

  it('ripgrep and the built-in search find the same lines', async () => {
    const answers: string[][] = [];
    for (const [name, searcher] of await both()) {
      const found = await searcher.grep({ pattern: '\\banswer\\b', within, ignoreCase: true, maxMatches: 50, signal });
      assert.ok(found.ok, name);
      answers.push(found.value.matches.map((m) => `${m.path}:${m.line}:${m.column}:${m.text}`).sort());
      const typed = await searcher.grep({ pattern: 'answer', within, glob: '*.tsx', ignoreCase: false, maxMatches: 50, signal });
      assert.deepEqual(typed.ok && typed.value.matches.map((m) => m.path), [`${rel}/src/lib/Answer.tsx`], name);
    }
    assert.deepEqual(answers[0], [`${rel}/docs/guide.md:1:14:Where is the answer?`, `${rel}/src/answer.ts:1:14:export const answer = 42;`, `${rel}/src/lib/Answer.tsx:1:14:export const Answer = () => answer;`]);
    assert.deepEqual(answers[1], answers[0], 'the built-in search answers as ripgrep does');
  });

  it('Claude gets path:line:text from grep, the reply says what was searched, and a path outside is refused', async function () {
    if (!existsSync(outside)) return this.skip();
    const uses = [
      toolUse('toolu_grep', 'grep', { pattern: 'answer', path: `${rel}/src` }),
      toolUse('toolu_out', 'grep', { pattern: 'answer', path: outside }),
      toolUse('toolu_up', 'glob', { pattern: '*', path: '../' }),
    ];
    endpoint.fake.enqueue(reply(uses), reply([text('Found it.')]));
    const notes: string[] = [];
    const sub = endpoint.api.onDidPost((m) => void (m.type === 'toolNote' && notes.push(m.text)));
    try {
      await endpoint.api.session.send('Where is the answer?');
    } finally {
      sub.dispose();
    }
    const results = endpoint.fake.messageRequests.at(-1)!.json.messages.at(-1).content as Array<{ content: string; is_error?: boolean }>;
    assert.deepEqual(results[0].content.split('\n').sort(), [`${rel}/src/answer.ts:1:export const answer = 42;`, `${rel}/src/lib/Answer.tsx:1:export const Answer = () => answer;`]);
    assert.equal(results[0].is_error, undefined);
    assert.equal(results[1].is_error, true);
    assert.match(results[1].content, /^Refused: .* is outside the workspace folder/);
    assert.equal(results[2].is_error, true);
    assert.match(results[2].content, /^Refused: \.\.\/ is outside the workspace folder/);
    assert.deepEqual(notes, [`Searched for \`answer\` in ${rel}/src: 2 matches in 2 files`, `grep refused: ${outside}`, 'glob refused: ../']);
  });
});
