// The build's promises: layer rules that really fail, and a small .vsix with only what users need.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipEntries } from '../support/zipEntries';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('build', function () {
  this.timeout(120_000);

  async function lint(path: string, text: string) {
    const { ESLint } = await import('eslint');
    const [result] = await new ESLint({ cwd: ROOT }).lintText(text, { filePath: join(ROOT, path) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it('the layer rules are real: core and webview may not import vscode, the webview no Node built-ins', async () => {
    assert.equal((await lint('src/core/probe.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
    assert.equal((await lint('src/core/probe.ts', "import Anthropic from '@anthropic-ai/sdk';\nexport const a = Anthropic;\n")).length, 1);
    assert.equal((await lint('src/webview/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).length, 1);
    assert.equal((await lint('src/webview/probe.ts', "import { x } from '../host/commands';\nexport const y = x;\n")).length, 1);
    assert.deepEqual(await lint('src/host/probe.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
  });

  it('the webview bundle evaluates no strings as code (its CSP has no unsafe-eval), and stays small', () => {
    const webview = readFileSync(join(ROOT, 'dist', 'webview.js'), 'utf8');
    assert.doesNotMatch(webview, /\bnew Function\s*\(|\beval\s*\(/);
    // 310 KB: the interface's English strings with their translators' notes and the Intl formats of core/l10n (the translations themselves come as JSON from the host).
    assert.ok(webview.length < 310 * 1024, `dist/webview.js is ${(webview.length / 1024).toFixed(1)} KB`);
  });

  it('npm run package makes a .vsix under 1 MB, without a warning, with dist/ (scripts, the SDKs as ES modules in dist/lazy/, notices, the codicon font), media/ (the icon too), l10n/ and package.nls*.json (the translations), package.json, README, CHANGELOG and LICENSE only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
    const out = join(dir, 'claude-chat.vsix');
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr || r.stdout);
      assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, /WARNING/i, 'vsce warned');
      const size = statSync(out).size;
      assert.ok(size < 1024 * 1024, `vsix is ${size} bytes`);
      const names = zipEntries(out).map((e) => e.name);
      const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|package\.nls(\.[a-z-]+)?\.json|l10n\/bundle\.l10n(\.[a-z-]+)?\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/[^/]+\.(js|txt)|dist\/lazy\/[^/]+\.mjs|dist\/codicon\.(css|ttf)|media\/[^/]+))$/;
      assert.deepEqual(names.filter((n) => !allowed.test(n)), [], 'unexpected files in the vsix');
      for (const needed of ['extension/dist/extension.js', 'extension/dist/webview.js', ...['sdk', 'bedrock', 'vertex', 'foundry'].map((lazy) => `extension/dist/lazy/${lazy}.mjs`), 'extension/dist/codicon.css', 'extension/dist/codicon.ttf', 'extension/media/markdown.css', 'extension/media/icon.png', 'extension/package.json', 'extension/package.nls.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) {
        assert.ok(names.includes(needed), `${needed} is packaged`);
      }
      assert.equal(names.some((n) => n.endsWith('.map') || /\/(src|test|node_modules)\//.test(n)), false);
      // The lazy modules' chunks are all packaged (each import of one names a file in the .vsix).
      for (const name of names.filter((n) => n.startsWith('extension/dist/lazy/'))) {
        const text = readFileSync(join(ROOT, name.slice('extension/'.length)), 'utf8');
        for (const [, chunk] of text.matchAll(/\b(?:from|import)\s*\(?\s*"\.\/([^"]+)"/g)) assert.ok(names.includes(`extension/dist/lazy/${chunk}`), `${name} imports ${chunk}, which is packaged`);
      }
      console.log(`      vsix: ${(size / 1024).toFixed(1)} KB, ${names.length} entries`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the manifest is release-ready: publisher, icon, links, gallery banner, categories, and the metadata rules of Open VSX', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // The name and description people read are in package.nls.json (see manifestL10n.test.ts).
    const english: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
    const shown = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => english[key]);
    manifest.displayName = shown(manifest.displayName);
    manifest.description = shown(manifest.description);
    assert.equal(manifest.displayName, 'Claude Chat');
    // Open VSX's own checks (ovsx needs publisher, name and version; its registry checks the rest).
    const name = /^[\w\-+$~]+$/;
    assert.match(manifest.publisher, name);
    assert.match(manifest.name, name);
    assert.match(manifest.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
    assert.equal(manifest.license, 'MIT');
    assert.ok(manifest.displayName.length <= 255 && manifest.description.length <= 2048);
    for (const value of [manifest.displayName, manifest.description, ...manifest.categories, ...manifest.keywords]) {
      assert.doesNotMatch(value, /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u, `no control or format character in ${value}`);
      assert.ok(value.length <= (value === manifest.description ? 2048 : 255));
    }
    assert.ok(manifest.galleryBanner.color.length <= 16 && /^#[0-9a-f]{6}$/i.test(manifest.galleryBanner.color));
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    // One project address everywhere.
    const project = 'https://github.com/claude-chat/claude-chat';
    assert.deepEqual([manifest.repository.url, manifest.bugs.url, manifest.homepage], [`${project}.git`, `${project}/issues`, `${project}#readme`]);
    // Categories VS Code's gallery offers, that say what the extension is; at most 30 keywords (the Marketplace's limit).
    assert.deepEqual(manifest.categories, ['AI', 'Chat']);
    assert.ok(manifest.keywords.length <= 30);
    // A 128×128 PNG icon.
    const icon = readFileSync(join(ROOT, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    // The changelog opens with the section a release fills.
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, /^# Changelog\n/);
    assert.equal(/^## .*$/m.exec(changelog)?.[0], '## Unreleased', 'the first section is Unreleased');
    // @types/vscode may not promise more API than the lowest VS Code in engines has.
    assert.equal(manifest.devDependencies['@types/vscode'], manifest.engines.vscode.replace(/^\^/, '~'));
  });

  it('the codicon font is copied into dist/ with its stylesheet, and its licenses are in the notices', () => {
    const css = readFileSync(join(ROOT, 'dist', 'codicon.css'), 'utf8');
    assert.match(css, /url\("\.\/codicon\.ttf[?"]/, 'the stylesheet loads the font next to it');
    assert.ok(statSync(join(ROOT, 'dist', 'codicon.ttf')).size > 0);
    const notices = readFileSync(join(ROOT, 'dist', 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    assert.match(notices, /^@vscode\/codicons /m);
    assert.match(notices, /Attribution 4\.0 International/, 'the font license');
  });
});
