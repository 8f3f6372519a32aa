import * as assert from 'node:assert/strict';
import { MarkdownBlockSplitter } from '../../src/core/view/markdownBlocks';

/** Feeds `text` in pieces of `size` characters; returns the completed blocks and the final tail. */
function split(text: string, size: number) {
  const splitter = new MarkdownBlockSplitter();
  const blocks: string[] = [];
  for (let i = 0; i < text.length; i += size) blocks.push(...splitter.push(text.slice(i, i + size)));
  return { blocks, tail: splitter.tail(), rest: splitter.end() };
}

describe('MarkdownBlockSplitter', () => {
  const doc = ['# Title', '', 'A paragraph', 'on two lines.', '', '- a', '- b', '', '```ts', 'const x = 1;', '', 'const y = 2;', '```', 'After code.', '', 'End.'].join('\n');

  it('cuts at blank lines and after closed fences, never inside a fence, whatever the delta size', () => {
    for (const size of [1, 2, 5, 7, 1000]) {
      const { blocks, rest } = split(doc, size);
      assert.equal(blocks.join('') + rest, doc, 'nothing is lost or repeated');
      assert.deepEqual(blocks, ['# Title\n\n', 'A paragraph\non two lines.\n\n', '- a\n- b\n\n', '```ts\nconst x = 1;\n\nconst y = 2;\n```\n', 'After code.\n\n'], `size ${size}`);
      assert.equal(rest, 'End.');
    }
  });

  it('reports an open fence with where its body starts', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.push('Intro\n\n');
    splitter.push('```python\nprint(1)\nprint(');
    const tail = splitter.tail();
    assert.equal(tail.text, '```python\nprint(1)\nprint(');
    assert.deepEqual(tail.fence, { start: 0, bodyStart: 10, info: 'python' });
    splitter.push('2)\n```\n\nnext');
    assert.equal(splitter.tail().fence, undefined);
  });

  it('keeps indented continuations (nested lists, indented code) with their block', () => {
    const text = '1. First\n\n   still first\n\n    code-ish\n\nNew block\n';
    const { blocks, rest } = split(text, 3);
    assert.deepEqual(blocks, ['1. First\n\n   still first\n\n    code-ish\n\n']);
    assert.equal(rest, 'New block\n');
  });

  it('does not close a fence on a shorter or different marker', () => {
    const text = '````md\n```\ninner\n```\n````\n\nafter\n';
    const { blocks } = split(text, 4);
    assert.deepEqual(blocks, ['````md\n```\ninner\n```\n````\n']);
  });
});
