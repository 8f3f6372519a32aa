// Colours come only from VS Code theme variables, so light, dark and high-contrast themes all work.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MEDIA = join(resolve(__dirname, '..', '..', '..'), 'media');

describe('theme', () => {
  for (const file of ['chat.css', 'markdown.css']) {
    it(`${file} uses no colour literals, only var(--vscode-…)`, () => {
      const withoutComments = readFileSync(join(MEDIA, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const literals = withoutComments.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|:\s*(?:white|black|red|blue|green|gray|grey)\b/gi) ?? [];
      assert.deepEqual(literals, []);
      const colourProps = withoutComments.match(/(?:^|[;{\s])(?:color|background(?:-color)?|border(?:-left|-top)?(?:-color)?|outline(?:-color)?|scrollbar-color)\s*:[^;}]*/g) ?? [];
      for (const decl of colourProps) {
        if (/:\s*(?:none|transparent|inherit|auto|0|1px solid transparent)\s*$/.test(decl)) continue;
        assert.match(decl, /var\(--vscode-/, `colour without a theme variable: ${decl.trim()}`);
      }
    });
  }
});
