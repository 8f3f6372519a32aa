// Keyboard focus after the selection commands: the next thing typed lands in the message box.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { openInEditor } from './editing';
import { chatWorkbench, lastMessage, openClaudeView, replyDone, until } from './workbench';

const SOURCE = ['export function double(n: number): number {', '  return n * 2;', '}', ''].join('\n');

/** Puts the cursor in the editor and selects line 2 with the keyboard. */
async function selectSecondLine(page: Page): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+End');
}

const messageBox = (chat: Frame) => chat.getByRole('textbox', { name: 'Message Claude' });

/** Waits until the message box holds `text` (typing may still be arriving key by key). */
async function boxShows(chat: Frame, text: string): Promise<string> {
  return until(async () => {
    const value = await messageBox(chat).inputValue();
    return value.includes(text) ? value : undefined;
  }, `the message box to hold "${text}"`, 10_000);
}

describe('focus after the selection commands (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({
    workspace: () => {
      const workspace = join(mkdtempSync(join(tmpdir(), 'focus-')), 'project');
      mkdirSync(workspace, { recursive: true });
      writeFileSync(join(workspace, 'double.ts'), SOURCE);
      return workspace;
    },
  });
  before(async () => {
    // The chat is already open (it takes focus when it first loads); the person then works in the editor.
    await openClaudeView(w.page);
    await openInEditor(w.page, 'double.ts', 'export function double');
  });

  it('Ctrl+Alt+L attaches the selection and leaves the cursor in the message box', async () => {
    await selectSecondLine(w.page);
    await w.page.keyboard.press('Control+Alt+L');
    const chat = await openClaudeView(w.page);
    await chat.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: 'double.ts:2-2' }).waitFor();
    await until(async () => messageBox(chat).evaluate((box) => box === document.activeElement && document.hasFocus()), 'the message box to take focus');
    await w.page.keyboard.type('typed after add');
    assert.equal(await boxShows(chat, 'typed after add'), 'typed after add');
    const editorText = await w.page.locator('.editor-group-container .monaco-editor .view-lines').first().innerText();
    assert.ok(!editorText.includes('typed after add'), 'nothing was typed into the editor');
    await messageBox(chat).fill('');
  });

  it('Ctrl+Alt+E explains the selection and leaves the cursor in the message box while the reply streams', async () => {
    w.fake.enqueue(textReply(['Doubles ', 'a number.'], { delayMs: 100 }));
    await selectSecondLine(w.page);
    await w.page.keyboard.press('Control+Alt+E');
    await w.fake.waitForMessageRequests(1);
    const chat = await openClaudeView(w.page);
    await until(async () => messageBox(chat).evaluate((box) => box === document.activeElement && document.hasFocus()), 'the message box to take focus');
    await w.page.keyboard.type('typed after explain');
    assert.equal(await boxShows(chat, 'typed after explain'), 'typed after explain');
    await replyDone(chat);
    assert.match(await lastMessage(chat, 'Claude').innerText(), /Doubles a number\./);
    assert.match(await lastMessage(chat, 'You').innerText(), /double\.ts:2-2/);
    assert.equal(await messageBox(chat).inputValue(), 'typed after explain', 'the typed draft survives the reply');
  });
});
