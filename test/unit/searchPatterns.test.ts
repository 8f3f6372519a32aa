// The pattern checks that run before any search, held against the real `rg`: a glob or regex
// refused here is one ripgrep refuses too (with the same words for globs), and one let through is
// one ripgrep runs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGlob } from '../../src/core/tools/search/globPattern';
import { checkRegex, toJsRegex } from '../../src/core/tools/search/regexCheck';

const rgOnPath = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();

describe('search pattern checks', () => {
  let empty: string;
  before(function () {
    if (!rgOnPath) return this.skip();
    empty = mkdtempSync(join(tmpdir(), 'claude-chat-patterns-'));
  });
  after(() => empty && rmSync(empty, { recursive: true, force: true }));

  const rg = (args: string[]) => spawnSync(rgOnPath, ['--no-config', ...args], { cwd: empty, encoding: 'utf8' });

  it("refuses the globs ripgrep refuses, in ripgrep's words", () => {
    for (const glob of ['src/[ab', '{a,{b}}', '{a,b', 'a\\', '[z-a].ts']) {
      const ours = compileGlob(glob);
      assert.equal(ours.ok, false, glob);
      const theirs = rg(['--files', '-g', glob]);
      assert.equal(theirs.status, 2, `rg refuses ${glob}`);
      assert.ok(theirs.stderr.includes(ours.ok ? '' : ours.error), `${glob}: rg said ${theirs.stderr.trim()}`);
    }
    for (const glob of ['*.ts', 'src/**/*.{ts,tsx}', '[!a]*', '**', 'b\\[1\\].md', 'a}']) {
      assert.ok(compileGlob(glob).ok, glob);
      assert.notEqual(rg(['--files', '-g', glob]).status, 2, `rg accepts ${glob}`);
    }
  });

  it('refuses a regex only where ripgrep refuses it too, and leaves Rust-only syntax to ripgrep', () => {
    const cases: Array<[string, 'valid' | 'invalid' | 'ripgrepDecides']> = [
      ['\\bparseConfig\\(', 'valid'],
      ['TODO|FIXME', 'valid'],
      ['^\\s*export (const|function) \\w+', 'valid'],
      ['foo(', 'invalid'],
      ['a)', 'invalid'],
      ['[z-a]', 'invalid'],
      ['*a', 'invalid'],
      ['(?<=a)b', 'invalid'],
      ['(a)\\1', 'invalid'],
      ['(?i)todo', 'ripgrepDecides'],
      ['[[:alpha:]]+', 'ripgrepDecides'],
      ['\\pL+', 'ripgrepDecides'],
      ['a**', 'ripgrepDecides'],
      ['(?P<name>x', 'ripgrepDecides'],
    ];
    for (const [pattern, verdict] of cases) {
      assert.equal(checkRegex(pattern).kind, verdict, pattern);
      const status = rg(['-e', pattern]).status;
      if (verdict === 'valid') assert.equal(status, 1, `rg runs ${pattern} (and finds nothing)`);
      if (verdict === 'invalid') assert.equal(status, 2, `rg refuses ${pattern}`);
    }
  });

  it('translates the common Rust spellings for the built-in search', () => {
    const match = (pattern: string, text: string) => {
      const regex = toJsRegex(pattern, false);
      assert.ok(regex instanceof RegExp, `${pattern}: ${'error' in regex ? regex.error : ''}`);
      return regex.test(text);
    };
    assert.ok(match('(?i)todo', 'TODO: later'));
    assert.ok(match('(?P<word>[[:alpha:]]+)\\z', 'ends in words'));
    assert.ok(match('\\p{Lu}', 'É'));
    assert.ok(match('\\:', 'a:b'), 'an identity escape still works');
    assert.ok(!match('\\Afoo', 'a foo'));
    assert.deepEqual(toJsRegex('foo(', false), { error: 'Invalid regular expression: /foo(/: Unterminated group' });
  });
});
