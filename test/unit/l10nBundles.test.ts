// Every language has every string: the manifest's (package.nls.<lang>.json), and the host's, the
// core's and the webview's (l10n/bundle.l10n.<lang>.json), with the same placeholders and setting
// names as the English source; the English bundle is what the sources say today; and no
// user-visible literal in src/host, src/core or src/webview is left outside l10n.t.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { untranslatedLiterals } from '../support/untranslatedLiterals';

const ROOT = resolve(__dirname, '..', '..', '..');
/** The languages Claude Chat speaks besides English (VS Code's language ids). */
export const LANGUAGES = ['ja', 'zh-cn', 'zh-tw', 'ko', 'ru', 'id'] as const;

type Bundle = Record<string, string | { message: string; comment: string[] }>;
const read = (path: string): Bundle => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Bundle;
const messageOf = (entry: Bundle[string]) => (typeof entry === 'string' ? entry : entry.message);

/** `{0}`, `{name}`, and the setting ids and commands a sentence names: what a translation must keep. */
function keptTokens(text: string): string[] {
  return [...(text.match(/\{\w+\}|claudeChat\.[\w.]+|`[^`]+`/g) ?? [])].sort();
}

/** What is wrong with one language's file against the English source (missing, extra, changed tokens, empty). */
export function bundleProblems(source: Bundle, translated: Bundle): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(source)) {
    if (!(key in translated)) problems.push(`missing: ${JSON.stringify(key)}`);
    else if (!messageOf(translated[key]).trim()) problems.push(`empty: ${JSON.stringify(key)}`);
    else if (keptTokens(messageOf(source[key])).join() !== keptTokens(messageOf(translated[key])).join())
      problems.push(`placeholders differ: ${JSON.stringify(key)} → ${JSON.stringify(messageOf(translated[key]))}`);
  }
  for (const key of Object.keys(translated)) if (!(key in source)) problems.push(`extra: ${JSON.stringify(key)}`);
  return problems;
}

describe('localization', function () {
  this.timeout(60_000);

  it('finds what a translation gets wrong: a missing key, an extra one, a broken placeholder or setting id', () => {
    const source = { 'Delete {0}?': 'Delete {0}?', 'Off (setting claudeChat.tools.enabled).': 'Off (setting claudeChat.tools.enabled).', Send: 'Send' };
    assert.deepEqual(bundleProblems(source, { 'Delete {0}?': '{0} を削除しますか?', 'Off (setting claudeChat.tools.enabled).': 'オフ (設定 claudeChat.tools.enabled)。', Send: '送信' }), []);
    assert.deepEqual(bundleProblems(source, { 'Delete {0}?': '削除しますか?', 'Off (setting claudeChat.tools.enabled).': 'オフ (設定 claudeChat.tool.enabled)。', Other: 'x' }), [
      'placeholders differ: "Delete {0}?" → "削除しますか?"',
      'placeholders differ: "Off (setting claudeChat.tools.enabled)." → "オフ (設定 claudeChat.tool.enabled)。"',
      'missing: "Send"',
      'extra: "Other"',
    ]);
  });

  for (const language of LANGUAGES) {
    it(`${language}: the manifest and the string bundle have every key, no extra one, and the same placeholders`, () => {
      const problems = [
        ...bundleProblems(read('package.nls.json'), read(`package.nls.${language}.json`)).map((p) => `package.nls.${language}.json ${p}`),
        ...bundleProblems(read('l10n/bundle.l10n.json'), read(`l10n/bundle.l10n.${language}.json`)).map((p) => `bundle.l10n.${language}.json ${p}`),
      ];
      assert.deepEqual(problems, []);
    });
  }

  it('l10n/bundle.l10n.json is what the sources say (npm run l10n:export leaves it unchanged)', () => {
    const out = mkdtempSync(join(tmpdir(), 'l10n-export-'));
    try {
      const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cli, 'export', '--outDir', out, join(ROOT, 'src')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr || r.stdout);
      assert.ok(existsSync(join(out, 'bundle.l10n.json')), 'no string was extracted');
      assert.deepEqual(JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')), read('l10n/bundle.l10n.json'), 'run npm run l10n:export, then translate the new strings');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('no user-visible literal in src/host, src/core or src/webview is left outside l10n.t (text for Claude is marked "not localized")', () => {
    const left = untranslatedLiterals(ROOT, ['src/host', 'src/core', 'src/webview']).map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`);
    assert.deepEqual(left, []);
  });

  it('the finder of untranslated literals sees text in the places people read, and not code', () => {
    const probe = join(mkdtempSync(join(tmpdir(), 'l10n-probe-')), 'src');
    const file = join(probe, 'probe.ts');
    mkdirSync(probe, { recursive: true });
    writeFileSync(
      file,
      [
        "import * as vscode from 'vscode';",
        "button('Send', go);", // a label
        "el('div', { className: 'usage line', textContent: 'Nothing yet' });", // class names are code; the text is read
        "node.setAttribute('aria-label', 'Usage');",
        "vscode.window.showWarningMessage(`Could not save ${name}`);",
        "vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', name));", // translated
        "if (kind === 'tool use') go();", // a comparison
        "const prompt = 'Summarize the conversation so far'; // not localized: sent to Claude",
      ].join('\n'),
    );
    const found = untranslatedLiterals(resolve(probe, '..'), ['src']).map((l) => `${l.line}: ${l.text}`);
    rmSync(resolve(probe, '..'), { recursive: true, force: true });
    assert.deepEqual(found, ['2: Send', '3: Nothing yet', '4: Usage', '5: Could not save {}']);
  });
});
