/** Helpers for the e2e tests of Claude editing the workspace through the text editor tool. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from '../support/codeServer';
import { toolUse } from '../fake-anthropic/scripts';
import type { RecordedRequest } from '../fake-anthropic/server';
import { lastMessage, until } from './workbench';

export const EDITOR_TOOL = 'str_replace_based_edit_tool';

/** A fresh copy of test/fixtures/edits, so each test file starts from the same files. */
export function editsWorkspace(): string {
  const workspace = join(mkdtempSync(join(tmpdir(), 'edits-')), 'project');
  cpSync(join(ROOT, 'test', 'fixtures', 'edits'), workspace, { recursive: true });
  return workspace;
}

/** Deletes a copy made by editsWorkspace (after the test file). */
export function removeEditsWorkspace(workspace: string | undefined): void {
  const dir = workspace && dirname(workspace);
  if (dir && basename(dir).startsWith('edits-')) rmSync(dir, { recursive: true, force: true });
}

/** What a file of the fixture holds before any test touched it. */
export const fixtureText = (rel: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'edits', rel), 'utf8');

/** A file's text on disk, or undefined when it does not exist. */
export const onDisk = (workspace: string, rel: string): string | undefined => (existsSync(join(workspace, rel)) ? readFileSync(join(workspace, rel), 'utf8') : undefined);

export const editorUse = (id: string, input: Readonly<Record<string, unknown>>) => toolUse(id, EDITOR_TOOL, input);

export interface SentToolResult {
  readonly tool_use_id: string;
  readonly is_error?: boolean;
  readonly text: string;
}

/** The tool_result blocks of a request's last user message, with their content as one string. */
export function toolResultsOf(request: RecordedRequest): SentToolResult[] {
  const last = request.json.messages.at(-1);
  if (last.role !== 'user' || typeof last.content === 'string') return [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return last.content.filter((b: any) => b.type === 'tool_result').map((b: any) => ({
    tool_use_id: b.tool_use_id,
    is_error: b.is_error,
    text: typeof b.content === 'string' ? b.content : (b.content ?? []).map((c: { text?: string }) => c.text ?? '').join(''),
  }));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The review card for `path` in the last "Claude" reply. */
export function editCard(chat: Frame, path: string) {
  return lastMessage(chat, 'Claude').getByRole('group', { name: new RegExp(`^Proposed edit: ${escapeRegExp(path)} `) });
}

/** Every review card of the last "Claude" reply. */
export const allCards = (chat: Frame) => lastMessage(chat, 'Claude').getByRole('group', { name: /^Proposed edit/ });

/** Waits until the last "Claude" reply shows `text` (streaming text, a tool line, a note). */
export async function replyShows(chat: Frame, text: string | RegExp): Promise<string> {
  const reply = lastMessage(chat, 'Claude');
  return until(async () => {
    const shown = await reply.innerText();
    return (typeof text === 'string' ? shown.includes(text) : text.test(shown)) ? shown : undefined;
  }, `the reply to show ${text}`, 15_000);
}

/** Opens a workspace file in the editor with Quick Open, as a person would, and waits for `marker` in it. */
export async function openInEditor(page: Page, name: string, marker: string) {
  await page.keyboard.press('Control+P');
  const box = page.locator('.quick-input-widget input');
  await box.waitFor();
  await box.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await box.press('Enter');
  const editor = page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  await editorShows(editor, marker);
  return editor;
}

/**
 * Waits until an editor's visible lines contain `text` (Monaco renders spaces as no-break spaces).
 * Its own lines only: VS Code 1.139's diff editor also shows the deleted lines inside the modified
 * side, as a view zone with its own `.view-lines.line-delete`.
 */
export async function editorShows(editor: ReturnType<Page['locator']>, text: string): Promise<void> {
  await until(async () => (await editor.locator('.view-lines:not(.line-delete)').innerText()).replace(/\u00a0/g, ' ').includes(text), `the editor to show ${text}`, 15_000);
}
