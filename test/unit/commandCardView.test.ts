// What a command card shows, decided without a browser: its name, its outcome, and the bounded tail
// of the output it keeps (a flood never grows the page).
import * as assert from 'node:assert/strict';
import { commandCardName, outcomeOf, visibleCommand } from '../../src/webview/commandCard';
import { CARD_OUTPUT_CHARS, CARD_OUTPUT_LINES, displayText, keepTail } from '../../src/webview/commandOutput';

describe('command card view', () => {
  it('is named "Run command: <command>" on one line, a restart "Run command: restart the shell"', () => {
    assert.equal(commandCardName({ command: 'echo hello' }), 'Run command: echo hello');
    assert.equal(commandCardName({ command: 'npm ci &&\n  npm test' }), 'Run command: npm ci && npm test');
    assert.equal(commandCardName({ command: '', restart: true }), 'Run command: restart the shell');
    const long = commandCardName({ command: `echo ${'x'.repeat(500)}` });
    assert.ok(long.length <= 'Run command: '.length + 200 && long.endsWith('\u2026'), 'a very long command is shortened in the name only');
  });

  it('says how a command ended: the exit code (non-zero is a failure), Skipped, Stopped, Timed out, Not run', () => {
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 0 }), { label: 'Exit code 0', failed: false });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 2 }), { label: 'Exit code 2', failed: true });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: null }), { label: 'Killed', failed: true });
    assert.deepEqual(outcomeOf({ state: 'skipped' }), { label: 'Skipped', failed: false });
    assert.deepEqual(outcomeOf({ state: 'stopped', exitCode: null }), { label: 'Stopped', failed: false });
    assert.deepEqual(outcomeOf({ state: 'stopped', exitCode: null, note: 'timed out after 120 s' }), { label: 'Timed out', failed: true });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: null, note: 'timed out after 120 s; the command and its processes were killed' }), { label: 'Timed out', failed: true });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 143, note: 'timed out after 5 s' }), { label: 'Timed out', failed: true });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 143, note: '5 秒でタイムアウトしました', timedOut: true }), { label: 'Timed out', failed: true }, 'the tool says it, in any language');
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 0, note: 'checked out', timedOut: false }), { label: 'Exit code 0', failed: false });
    assert.deepEqual(outcomeOf({ state: 'done', exitCode: 0, note: 'Allowed by your setting: timeout' }), { label: 'Exit code 0', failed: false }, 'a note that merely names a timeout');
    assert.deepEqual(outcomeOf({ state: 'stopped', exitCode: null, note: 'Asking: `timeout 5 make`' }), { label: 'Stopped', failed: false });
    assert.deepEqual(outcomeOf({ state: 'done', note: 'Shell restarted' }), { label: 'Done', failed: false }, 'a restart has no exit code');
    assert.deepEqual(outcomeOf({ state: 'notRun', note: 'the chat closed before it finished' }), { label: 'Not run', failed: false });
    assert.equal(outcomeOf({ state: 'pending' }), undefined);
    assert.equal(outcomeOf({ state: 'running' }), undefined);
  });

  it('keeps the last lines within the line and character budgets, and says when it cut', () => {
    assert.deepEqual(keepTail('a\nb\nc\n', 2), { text: 'b\nc\n', cut: true });
    assert.deepEqual(keepTail('a\nb\nc', 2), { text: 'b\nc', cut: true });
    assert.deepEqual(keepTail('a\nb\nc\n', 3), { text: 'a\nb\nc\n', cut: false });
    assert.deepEqual(keepTail('\nb', 5), { text: '\nb', cut: false }, 'a leading empty line is a line');
    assert.deepEqual(keepTail('\nb', 1), { text: 'b', cut: true });
    const flood = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n');
    const tail = keepTail(flood);
    assert.ok(tail.cut && tail.text.length <= CARD_OUTPUT_CHARS);
    assert.equal(tail.text.split('\n').length, CARD_OUTPUT_LINES);
    assert.ok(tail.text.endsWith('line 99999'));
    const wide = keepTail('y'.repeat(CARD_OUTPUT_CHARS * 3));
    assert.equal(wide.text.length, CARD_OUTPUT_CHARS, 'one endless line is cut by characters');
    assert.equal(keepTail(`\u{1F600}${'z'.repeat(CARD_OUTPUT_CHARS - 1)}`).text[0], 'z', 'never starts on half a character');
  });

  it('shows output as a terminal would: progress lines rewritten after a carriage return, colour codes dropped', () => {
    assert.equal(displayText('10%\r50%\r100%\ndone\r\n'), '100%\ndone\n');
    assert.equal(displayText('\u001b[32mPASS\u001b[0m 3 tests'), 'PASS 3 tests');
    assert.equal(displayText('working\r'), 'working\r', 'a carriage return at the end waits for what follows');
    assert.equal(displayText('\u001b]0;title\u0007ok'), 'ok');
  });
});

describe('a command as the card shows it', () => {
  it('spells out control and direction characters, so nothing in the command is hidden from the person asked to Run it', () => {
    assert.equal(visibleCommand('ls \u202Efdp.exe'), 'ls \\u202Efdp.exe');
    assert.equal(visibleCommand('echo a\u200Bb\x1b[31m'), 'echo a\\u200Bb\\u001B[31m');
    assert.equal(visibleCommand('npm ci &&\n\tnpm test'), 'npm ci &&\n\tnpm test', 'new lines and tabs stay');
    assert.equal(commandCardName({ command: 'rm x \u202E' }), 'Run command: rm x \\u202E');
  });
});
