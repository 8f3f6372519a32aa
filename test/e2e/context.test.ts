// Selected code as context: Explain Selection and Add Selection to Chat, driven from the editor.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { openInEditor } from './editing';
import { ask, chatWorkbench, lastMessage, openClaudeView, replyDone, runCommand, until } from './workbench';

const SOURCE = ['export function add(a: number, b: number): number {', '  const sum = a + b;', '  return sum;', '}', '', 'export const answer = add(40, 2);', ''].join('\n');

/** Opens the fixture file with Quick Open, as a person would. */
const openFile = (page: Page, name: string) => openInEditor(page, name, 'export function add');

/** Selects whole lines `from`..`to` (1-based) in the active editor with the keyboard. */
async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(from));
  await page.keyboard.press('Enter'); // the cursor is now at column 1 of `from`
  for (let i = from; i <= to; i++) await page.keyboard.press('Shift+ArrowDown');
}

describe('selected code as context (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({
    workspace: () => {
      const workspace = join(mkdtempSync(join(tmpdir(), 'context-')), 'project');
      mkdirSync(join(workspace, 'src'), { recursive: true });
      writeFileSync(join(workspace, 'src', 'math.ts'), SOURCE);
      return workspace;
    },
  });
  before(() => openFile(w.page, 'math.ts'));

  it('Explain Selection from the palette sends the selected lines with their path and range, and the reply streams in', async () => {
    w.fake.enqueue(textReply(['This adds ', 'two numbers.'], { delayMs: 20 }));
    await selectLines(w.page, 2, 3);
    await runCommand(w.page, 'Claude: Explain Selection');
    const request = await w.fake.waitForMessageRequests(1);
    const blocks: Array<{ text: string }> = request.json.messages.at(-1).content;
    const context = blocks.map((b) => b.text).join('\n');
    assert.match(context, /src\/math\.ts:2-3/);
    assert.match(context, /```typescript src\/math\.ts:2-3\n {2}const sum = a \+ b;\n {2}return sum;\n```/);
    assert.match(blocks.at(-1)!.text, /Explain the attached code/);
    const chat = await openClaudeView(w.page);
    await replyDone(chat);
    assert.match(await lastMessage(chat, 'Claude').innerText(), /This adds two numbers\./);
    assert.match(await lastMessage(chat, 'You').innerText(), /src\/math\.ts:2-3/);
  });

  it('Add Selection to Chat lists the selection as an attachment that can be removed, and sends it', async () => {
    await selectLines(w.page, 6, 6);
    await runCommand(w.page, 'Claude: Add Selection to Chat');
    const chat = await openClaudeView(w.page);
    const list = chat.getByRole('list', { name: 'Attachments' });
    await list.getByRole('listitem').filter({ hasText: 'src/math.ts:6-6' }).waitFor();

    await selectLines(w.page, 1, 4);
    await runCommand(w.page, 'Claude: Add Selection to Chat');
    await list.getByRole('listitem').filter({ hasText: 'src/math.ts:1-4' }).waitFor();
    await list.getByRole('listitem').filter({ hasText: 'src/math.ts:6-6' }).getByRole('button', { name: 'Remove attachment' }).click();
    await until(async () => (await list.getByRole('listitem').count()) === 1, 'the removal');

    w.fake.enqueue(textReply(['Looked at it.']));
    await ask(chat, 'Is this function pure?');
    await replyDone(chat);
    const blocks: Array<{ text: string }> = w.fake.messageRequests.at(-1)!.json.messages.at(-1).content;
    assert.deepEqual(blocks.map((b) => b.text.split('\n')[0]), ['Active file in the editor: src/math.ts (typescript)', 'Selected code from src/math.ts:1-4:', 'Is this function pure?']);
    assert.match(blocks[1].text, /```typescript src\/math\.ts:1-4\nexport function add/);
    assert.equal(await list.isVisible(), false, 'attachments are cleared once sent');
  });

  it('Explain Selection with nothing selected explains the enclosing symbol', async () => {
    w.fake.enqueue(textReply(['The whole function.']));
    await w.page.locator('.monaco-editor .view-lines').first().click();
    await w.page.keyboard.press('Control+G');
    await w.page.keyboard.type('3');
    await w.page.keyboard.press('Enter');
    await runCommand(w.page, 'Claude: Explain Selection');
    const request = await w.fake.waitForMessageRequests(1);
    const text = request.json.messages.at(-1).content.map((b: { text: string }) => b.text).join('\n');
    assert.match(text, /```typescript src\/math\.ts:1-4\nexport function add\(a: number, b: number\): number \{/);
    await replyDone(await openClaudeView(w.page));
  });

  it('"Insert at cursor" puts a code block into the editor (one undo step)', async () => {
    const chat = await openClaudeView(w.page);
    w.fake.enqueue(textReply(['Use this:\n\n```ts\nconst inserted = 42;\n```\n']));
    await ask(chat, 'Give me a constant');
    await replyDone(chat);
    await w.page.locator('.monaco-editor .view-lines').first().click();
    await w.page.keyboard.press('Control+End');
    await chat.getByRole('article', { name: 'Claude' }).last().getByRole('button', { name: 'Insert at cursor' }).click();
    await w.page.locator('.monaco-editor .view-lines', { hasText: 'const inserted = 42;' }).waitFor();
    await w.page.locator('.monaco-editor .view-lines').first().click();
    await w.page.keyboard.press('Control+Z');
    await until(async () => !(await w.page.locator('.monaco-editor .view-lines').first().innerText()).includes('inserted'), 'the undo');
  });
});
