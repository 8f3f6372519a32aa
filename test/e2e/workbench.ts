/** Helpers to drive the Claude view in code-server like a person: through roles and names. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, ROOT, startCodeServer, type CodeServer } from '../support/codeServer';
import { FakeAnthropic } from '../fake-anthropic/server';
import { translated } from '../support/translations';

/** A name of the chat's interface in VS Code's display language (the tests' helpers take `language`, English by default). */
export const nameIn = (language: string, english: string): string => (language === 'en' ? english : translated(language, english));

/** Polls `check` until it returns a truthy value. */
export async function until<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function chatFrame(page: Page, language: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const box = frame.getByRole('textbox', { name: nameIn(language, 'Message Claude') });
    if ((await box.count()) > 0 && (await box.isVisible())) return frame;
  }
  return undefined;
}

/** Opens the Claude view from the activity bar (unless it shows already) and returns the webview frame holding the chat. */
export async function openClaudeView(page: Page, language = 'en'): Promise<Frame> {
  for (let attempt = 1; ; attempt++) {
    const open = await chatFrame(page, language).catch(() => undefined);
    if (open) return open;
    // Clicking the icon of a container that is already showing would close it (a restored window may
    // show it already, or still be restoring it): click only when it is not showing, then look again.
    const showing = await page.locator('.activitybar .action-item.checked a[aria-label^="Claude"]').count();
    if (!showing) await page.locator('.activitybar a[aria-label^="Claude"]').first().click();
    const frame = await until(() => chatFrame(page, language), 'the chat webview', 10_000).catch((err: Error) => {
      if (attempt >= 4) throw err;
      return undefined;
    });
    if (frame) return frame;
  }
}

/** The last message named `name` ("You" or "Claude"). */
export function lastMessage(frame: Frame, name: 'You' | 'Claude', language = 'en') {
  return frame.getByRole('article', { name: nameIn(language, name), exact: true }).last();
}

/** Replies each chat frame expects once the last question is answered. */
const expectedReplies = new WeakMap<Frame, number>();

/** Types a message and presses Enter, like a person. Returns the message box. */
export async function ask(frame: Frame, text: string, language = 'en') {
  expectedReplies.set(frame, (await frame.getByRole('article', { name: nameIn(language, 'Claude'), exact: true }).count()) + 1);
  const input = frame.getByRole('textbox', { name: nameIn(language, 'Message Claude') });
  await input.fill(text);
  await input.press('Enter');
  return input;
}

/** Waits until the reply to the last question has appeared and ended (aria-busy="false"). */
export async function replyDone(frame: Frame, language = 'en'): Promise<void> {
  const replies = frame.getByRole('article', { name: nameIn(language, 'Claude'), exact: true });
  const expected = expectedReplies.get(frame) ?? 1;
  await until(async () => (await replies.count()) >= expected && (await replies.last().getAttribute('aria-busy')) === 'false', 'the end of the reply');
  // Look at it, as a person would: blocks off screen skip rendering (content-visibility) until then.
  await replies.last().scrollIntoViewIfNeeded();
}

/** Clicks "New chat" and waits for the transcript to empty. */
export async function newChat(frame: Frame, language = 'en'): Promise<void> {
  await frame.getByRole('button', { name: nameIn(language, 'New chat') }).click();
  await until(async () => (await frame.getByRole('article').count()) === 0, 'an empty chat');
}

/** Saves what the page shows to test-results/ (for a failed test, or for a person to look at). */
export async function saveScreenshot(page: Page | undefined, name: string): Promise<string | undefined> {
  if (!page || page.isClosed()) return undefined;
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
  await page.screenshot({ path }).catch(() => undefined);
  return path;
}

/** Runs a command from the Command Palette by its title, as a person would (F1, type, Enter). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const box = page.locator('.quick-input-widget input');
  // The palette can close again at once, or miss the typed filter, while the workbench is still
  // settling (a webview taking the focus back, a view restoring): start over, up to a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await box.waitFor({ state: 'visible', timeout: 5000 });
      await box.fill(`>${title}`, { timeout: 5000 });
      await pickRow(page, title, 5000);
      return;
    } catch (err) {
      if (attempt >= 4) throw new Error(`the Command Palette did not run "${title}": ${(err as Error).message}`, { cause: err });
      await page.keyboard.press('Escape');
      // The focus away from a webview, without touching an editor's selection: the side bar's title.
      await page.locator('.part.sidebar .composite.title').click({ timeout: 5000 }).catch(() => undefined);
    }
  }
}

/** Clicks the quick-pick row whose label is `label` (Enter would take whichever row is highlighted). */
export async function pickRow(page: Page, label: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const matches = (text: string) => (typeof label === 'string' ? text.trim() === label : label.test(text.trim()));
  const rows = page.locator('.quick-input-list .monaco-list-row');
  let seen: string[] = [];
  await until(async () => {
    // One name per row: a row with a detail line can hold more than one label.
    seen = await rows.evaluateAll((all) => all.map((row) => (row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? ''));
    return seen.some(matches);
  }, `a quick-pick row named ${label}`, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; rows: ${JSON.stringify(seen)}`);
  });
  // Clicked by its name, not its place: the list can change between the look and the click (rows still loading).
  const named = rows.filter({ has: page.locator('.label-name').getByText(label, { exact: true }) });
  await named.first().click({ timeout: timeoutMs * 2 });
}

export interface ChatWorkbench {
  readonly fake: FakeAnthropic;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
}

export interface ChatWorkbenchOptions {
  /** ANTHROPIC_API_KEY for the extension host; null for none at all. */
  readonly key?: string | null;
  /** Makes the folder to open (a fresh empty one by default); gets the fake server's URL. */
  readonly workspace?: (fakeUrl: string) => string;
  /** The person's own settings (user settings); gets the fake server's URL. */
  readonly settings?: (fakeUrl: string) => Record<string, unknown>;
  readonly restricted?: boolean;
  /** Draw scrollbars as VS Code does (headless Chromium hides them). */
  readonly showScrollbars?: boolean;
  /** VS Code's display language (`ja`, `ru`…): a language pack goes into the test profile. */
  readonly locale?: string;
  /** More environment for the server and its extension host (read when the server starts). */
  readonly env?: (fake: FakeAnthropic) => Record<string, string | undefined>;
}

/**
 * Registers before/after hooks in the calling `describe`: a fake Anthropic server, code-server
 * whose extension host points at it, and a browser page on the workbench. A failed test leaves a
 * screenshot in test-results/. The returned object is filled in once the `before` hook has run.
 */
export function chatWorkbench(options: ChatWorkbenchOptions = {}): ChatWorkbench {
  const w = {} as { -readonly [K in keyof ChatWorkbench]: ChatWorkbench[K] };
  before(async () => {
    w.fake = await FakeAnthropic.start();
    const key = options.key === undefined ? 'sk-e2e-env-key' : (options.key ?? undefined);
    w.server = await startCodeServer({
      workspace: options.workspace?.(w.fake.url),
      restricted: options.restricted,
      settings: options.settings?.(w.fake.url),
      locale: options.locale,
      env: { ANTHROPIC_BASE_URL: w.fake.url, ANTHROPIC_API_KEY: key, ANTHROPIC_AUTH_TOKEN: undefined, ...options.env?.(w.fake) },
    });
    w.browser = await launchBrowser({ showScrollbars: options.showScrollbars });
    w.page = await openWorkbench(w.browser, w.server);
  });
  beforeEach(() => w.fake.reset());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveScreenshot(w.page, this.currentTest.fullTitle());
  });
  after(async () => {
    await w.browser?.close();
    await w.server?.stop();
    await w.fake?.close();
  });
  return w;
}

/**
 * Makes the side bar `px` wide by dragging the sash between it and the editor, as a person would,
 * and checks `.part.sidebar` has that width afterwards (within a pixel). Resolves with the width.
 */
export async function setSidebarWidth(page: Page, px: number): Promise<number> {
  const sidebar = page.locator('.part.sidebar');
  await sidebar.waitFor();
  for (let attempt = 1; ; attempt++) {
    const box = await sidebar.boundingBox();
    if (!box) throw new Error('the side bar has no box');
    const width = box.width;
    if (Math.abs(width - px) <= 1) return width;
    if (attempt > 3) throw new Error(`the side bar is ${width}px wide, not ${px}px`);
    // The side bar sits left of the editor by default, right of it when moved: its inner edge has the sash.
    const onLeft = box.x + box.width / 2 < (page.viewportSize()?.width ?? 1280) / 2;
    const edge = onLeft ? box.x + box.width : box.x;
    const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })),
    );
    const sash = sashes.sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    if (!sash || Math.abs(sash.x - edge) > 6) throw new Error(`no sash at the side bar's edge (x ${edge})`);
    const y = Math.max(box.y + 40, Math.min(sash.y, box.y + box.height - 40));
    const target = onLeft ? box.x + px : box.x + box.width - px;
    await page.mouse.move(sash.x, y);
    await page.mouse.down();
    await page.mouse.move((sash.x + target) / 2, y, { steps: 4 });
    await page.mouse.move(target + (sash.x - edge), y, { steps: 4 });
    await page.mouse.up();
    // The next look returns once the layout has the new width; a drag that did not take is tried again.
    await until(async () => Math.abs(((await sidebar.boundingBox())?.width ?? 0) - px) <= 1, `the side bar to be ${px}px wide`, 2000).catch(() => undefined);
  }
}
