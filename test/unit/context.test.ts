import * as assert from 'node:assert/strict';
import { selectionLabel, selectionText, userContent, type SelectionAttachment } from '../../src/core/context/attachments';
import { base64Bytes, imageTokens, MAX_IMAGE_BYTES, outputType, targetSize } from '../../src/core/context/images';
import { BUILT_IN_MODELS, modelInfo } from '../../src/core/models/models';
import { BASE_PROMPT, MAX_INSTRUCTION_CHARS, systemBlocks, type WorkEnvironment } from '../../src/core/settings/systemPrompt';

const selection = (code: string): SelectionAttachment => ({ kind: 'selection', id: 's1', path: 'src/a.ts', startLine: 3, endLine: 5, language: 'typescript', code });

describe('context: selections, images, system prompt, prefill', () => {
  it('sends a selection as a fenced block tagged with language, path and lines', () => {
    assert.equal(selectionLabel(selection('x')), 'src/a.ts:3-5');
    assert.equal(selectionText(selection('let a = 1;\nlet b = 2;')), 'Selected code from src/a.ts:3-5:\n```typescript src/a.ts:3-5\nlet a = 1;\nlet b = 2;\n```');
    const tricky = selectionText(selection('const md = "```";\n````nested````'));
    assert.match(tricky, /^Selected code from src\/a\.ts:3-5:\n`````typescript /, 'the fence outgrows any backtick run in the code');
    assert.deepEqual(userContent('Why?', [selection('x')]).map((b) => b.type === 'text' && b.text.split('\n')[0]), ['Selected code from src/a.ts:3-5:', 'Why?']);
  });

  it('sizes images: never upscaled, long edge ≤ 1568 px and ≤ 1.15 MP, aspect ratio kept', () => {
    assert.deepEqual(targetSize(10, 10), { width: 10, height: 10, scaled: false });
    assert.deepEqual(targetSize(1568, 700), { width: 1568, height: 700, scaled: false });
    const big = targetSize(4000, 3000);
    assert.ok(big.scaled && Math.max(big.width, big.height) <= 1568 && big.width * big.height <= 1_150_000);
    assert.ok(Math.abs(big.width / big.height - 4 / 3) < 0.01);
    const tall = targetSize(1000, 8000);
    assert.equal(tall.height, 1568);
    const square = targetSize(1200, 1200); // within the edge limit, over the area limit
    assert.ok(square.scaled && square.width * square.height <= 1_150_000 && square.width === square.height);
    assert.throws(() => targetSize(0, 5));
    assert.equal(imageTokens(1000, 750), 1000);
    assert.equal(base64Bytes(Buffer.from('hello!!').toString('base64')), 7);
  });

  it('keeps screenshots PNG unless they would exceed 5 MB, then WebP (JPEG without WebP)', () => {
    assert.equal(outputType('image/png', 1000, true), 'image/png');
    assert.equal(outputType('image/png', MAX_IMAGE_BYTES + 1, true), 'image/webp');
    assert.equal(outputType('image/png', MAX_IMAGE_BYTES + 1, false), 'image/jpeg');
    assert.equal(outputType('image/jpeg', 1000, true), 'image/jpeg');
    assert.equal(outputType('image/bmp', 1000, true), 'image/png', 'other formats are converted');
  });

  it('assembles system blocks in a fixed order and byte-identically for the same input', () => {
    const files = [{ path: 'CLAUDE.md', text: 'Use tabs.\n' }, { path: 'AGENTS.md', text: '  ' }];
    const blocks = systemBlocks('Be brief.', files);
    assert.deepEqual(blocks, [BASE_PROMPT, 'Be brief.', 'Instructions from CLAUDE.md:\n\nUse tabs.']);
    assert.deepEqual(systemBlocks('Be brief.', files), blocks);
    assert.deepEqual(systemBlocks('', []), [BASE_PROMPT]);
    assert.match(systemBlocks('', [{ path: 'CLAUDE.md', text: 'x'.repeat(MAX_INSTRUCTION_CHARS + 10) }])[1], /cut at 50000 characters\]$/);
  });

  it('tells Claude, when tools are on, the OS, the folders, the shell and that commands wait for the person, the same bytes every time', () => {
    const environment: WorkEnvironment = { platform: 'linux', shell: 'bash', folders: [{ name: 'web', path: '/home/me/web' }, { name: 'api', path: '/home/me/api' }] };
    const blocks = systemBlocks('Be brief.', [{ path: 'CLAUDE.md', text: 'Use tabs.' }], environment);
    assert.equal(blocks.length, 4);
    assert.deepEqual([blocks[0], blocks[2], blocks[3]], [BASE_PROMPT, 'Be brief.', 'Instructions from CLAUDE.md:\n\nUse tabs.'], 'the environment follows the extension\'s own guidance');
    const env = blocks[1];
    assert.match(env, /Linux/);
    assert.match(env, /- web: \/home\/me\/web \(commands start here\)\n- api: \/home\/me\/api/);
    assert.match(env, /run in bash/);
    assert.match(env, /Run or Skip/);
    assert.match(env, /nothing you write can approve a command/);
    assert.doesNotMatch(env, /\d{4}-\d\d-\d\d|\d\d:\d\d/, 'no date or time: the block stays cached');
    assert.equal(JSON.stringify(systemBlocks('Be brief.', [{ path: 'CLAUDE.md', text: 'Use tabs.' }], { ...environment })), JSON.stringify(blocks));
    const windows = systemBlocks('', [], { platform: 'win32', shell: 'PowerShell', folders: [{ name: 'app', path: 'C:\\src\\app' }] })[1];
    assert.match(windows, /Windows/);
    assert.match(windows, /run in PowerShell: write them for that shell/);
    const noShell = systemBlocks('', [], { platform: 'darwin', folders: [{ name: 'app', path: '/Users/me/app' }] })[1];
    assert.match(noShell, /macOS/);
    assert.doesNotMatch(noShell, /command/i, 'without the bash tool, nothing about commands');
    assert.deepEqual(systemBlocks('', []), [BASE_PROMPT], 'tools off: no environment block');
  });

  it('knows which models accept prefill (the 4.5 generation only)', () => {
    const prefill = BUILT_IN_MODELS.filter((m) => m.prefill).map((m) => m.id);
    assert.deepEqual(prefill, ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5']);
    assert.equal(modelInfo('claude-sonnet-4-5-20250929').prefill, true);
    assert.equal(modelInfo('claude-opus-4-6').prefill, false);
    assert.equal(modelInfo('unknown-model').prefill, false);
  });
});
