// Colours come only from VS Code theme variables, so light, dark and high-contrast themes all work.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CSS = readFileSync(join(resolve(__dirname, '..', '..', '..'), 'media', 'chat.css'), 'utf8');

describe('theme', () => {
  it('chat.css uses no colour literals, only var(--vscode-…)', () => {
    const withoutComments = CSS.replace(/\/\*[\s\S]*?\*\//g, '');
    const literals = withoutComments.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|:\s*(?:white|black|red|blue|green|gray|grey)\b/gi) ?? [];
    assert.deepEqual(literals, []);
    const colourProps = withoutComments.match(/(?:^|[;{\s])(?:color|background(?:-color)?|border(?:-left|-top)?(?:-color)?|outline)\s*:[^;}]*/g) ?? [];
    for (const decl of colourProps) {
      if (/:\s*(?:none|transparent|inherit|0|1px solid transparent)\s*$/.test(decl)) continue;
      assert.match(decl, /var\(--vscode-/, `colour without a theme variable: ${decl.trim()}`);
    }
  });
});
