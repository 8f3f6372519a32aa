// What of a command's output reaches Claude and the card: the start and the end, bounded.
import * as assert from 'node:assert/strict';
import { OUTPUT_BUDGET, cutForClaude, lastLines, OutputKeeper } from '../../src/core/tools/bash/outputCut';

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

describe('output cut for Claude', () => {
  it('keeps output within the limit whole', () => {
    const text = numbered(1, 100);
    assert.equal(cutForClaude(text), text);
    assert.equal(cutForClaude('x'.repeat(OUTPUT_BUDGET)).length, OUTPUT_BUDGET);
  });

  it('keeps the start and the end of long output at line breaks, says how much was cut, and stays within the limit', () => {
    const text = numbered(1, 20_000);
    const cut = cutForClaude(text);
    assert.ok(cut.length <= OUTPUT_BUDGET, `${cut.length} characters`);
    assert.ok(cut.startsWith('line 1\nline 2\n'));
    assert.ok(cut.endsWith('line 19999\nline 20000\n'), 'the end, where test summaries are');
    const note = /\n\n\[… ([\d,]+) characters \(([\d,]+) lines\) cut from the middle of the output …\]\n\n/.exec(cut);
    assert.ok(note, cut.slice(9000, 11000));
    const [before, after] = cut.split(note[0]);
    assert.match(before, /\n$/, 'the start ends at a line break');
    assert.match(after, /^line \d+\n/, 'the end starts at a line');
    assert.equal(Number(note[1].replace(/,/g, '')), text.length - before.length - after.length, 'the note counts exactly what was cut');
  });

  it('a stream kept as it arrives gives the same start and end', () => {
    const keeper = new OutputKeeper();
    const text = numbered(1, 50_000);
    for (let i = 0; i < text.length; i += 333) keeper.add(text.slice(i, i + 333));
    assert.equal(keeper.length, text.length);
    const kept = keeper.text();
    assert.ok(kept.length <= OUTPUT_BUDGET);
    assert.ok(kept.startsWith('line 1\n'));
    assert.ok(kept.endsWith('line 50000\n'));
    const cutCount = Number(/\[… ([\d,]+) characters/.exec(kept)?.[1].replace(/,/g, ''));
    const [before, after] = kept.split(/\n\n\[….*…\]\n\n/);
    assert.equal(cutCount, text.length - before.length - after.length);
  });

  it('a short stream comes back whole', () => {
    const keeper = new OutputKeeper();
    keeper.add('a\n');
    keeper.add('b\n');
    assert.equal(keeper.text(), 'a\nb\n');
  });

  it('one huge line is still cut to the limit', () => {
    const keeper = new OutputKeeper();
    keeper.add('y'.repeat(5_000_000));
    assert.ok(keeper.text().length <= OUTPUT_BUDGET);
    assert.match(keeper.text(), /4,9\d\d,\d\d\d characters cut/);
  });
});

describe("the card's live tail", () => {
  it('keeps the last lines, and at most so many characters', () => {
    assert.equal(lastLines(numbered(1, 500), 200), numbered(301, 500));
    assert.equal(lastLines('a\nb\n', 200), 'a\nb\n');
    assert.equal(lastLines('z'.repeat(50_000), 200, 20_000).length, 20_000);
    assert.equal(lastLines(numbered(1, 3) + 'partial', 2), 'line 3\npartial');
  });
});
