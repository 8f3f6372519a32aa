// The chat in light, dark and high-contrast themes in a 300 px side bar: screenshots in
// test-results/ for a person to check; the colours follow the theme, no control is clipped, the
// usage line fits on one line and the context meter is readable.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, startCodeServer, type CodeServer } from '../support/codeServer';
import { FakeAnthropic } from '../fake-anthropic/server';
import { textReply } from '../fake-anthropic/scripts';
import { layoutProblems } from './layout';
import { ask, openClaudeView, pickRow, replyDone, runCommand, saveScreenshot, setSidebarWidth, until } from './workbench';

const THEMES: Array<[string, string | RegExp]> = [['Light Modern', 'Light Modern'], ['Dark Modern', 'Dark Modern'], ['Dark High Contrast', 'Dark High Contrast']];

/** Preferences: Color Theme, then the theme's row. The list is complete only once the built-in themes have loaded: reopen until it is. */
async function chooseTheme(page: Page, theme: string, label: string | RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Preferences: Color Theme');
    const box = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
    await box.waitFor();
    const loaded = await until(async () => (await page.locator('.quick-input-list .monaco-list-row').count()) > 3, 'the list of themes', 3000).then(
      () => true,
      () => false,
    );
    if (loaded) {
      await box.fill(theme);
      await pickRow(page, label);
      return;
    }
    if (attempt >= 10) throw new Error('the theme list never loaded');
    await page.keyboard.press('Escape');
    await until(async () => !(await page.locator('.quick-input-widget').isVisible()), 'the Color Theme picker to close', 5000);
  }
}

describe('themes (e2e)', function () {
  this.timeout(180_000);
  let fake: FakeAnthropic;
  let browser: Browser;

  before(async () => {
    fake = await FakeAnthropic.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  const backgrounds: string[] = [];
  for (const [theme, label] of THEMES) {
    it(`is readable in ${theme}, and usable by keyboard alone`, async () => {
      const server: CodeServer = await startCodeServer({ env: { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'sk-theme', ANTHROPIC_AUTH_TOKEN: undefined } });
      let page: Page | undefined;
      try {
        page = await openWorkbench(browser, server);
        await chooseTheme(page, theme, label);
        const chat = await openClaudeView(page);
        await setSidebarWidth(page, 300);
        fake.enqueue(
          textReply(['Here is **code**:\n\n', '```ts\nconst theme = "ok";\n```\n\nAnd a [link](https://example.com).'], { inputTokens: 123_456, cacheReadTokens: 45_678, cacheWriteTokens: 9_876 }),
        );
        // Keyboard only: type, Enter to send; Tab reaches the controls.
        await ask(chat, 'Show me something');
        await replyDone(chat);
        const input = chat.getByRole('textbox', { name: 'Message Claude' });
        await input.focus();
        await input.press('Tab');
        const focused = await chat.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
        assert.ok(focused, 'Tab moves focus to a named control');
        const colours = await chat.evaluate(() => {
          const style = getComputedStyle(document.body);
          return { fg: style.color, bg: style.backgroundColor };
        });
        assert.notEqual(colours.fg, colours.bg);
        backgrounds.push(colours.bg);
        await chat.getByRole('article', { name: 'Claude' }).last().hover();
        const shot = await saveScreenshot(page, `theme ${theme} 300px`);
        console.log(`      screenshot: ${shot}`);
        assert.deepEqual(await chat.evaluate(layoutProblems, 'Usage'), [], `at 300 px in ${theme}`);
      } finally {
        await page?.close();
        await server.stop();
      }
    });
  }

  it('follows the theme (the backgrounds differ)', () => {
    assert.equal(new Set(backgrounds).size, THEMES.length, backgrounds.join(' / '));
  });
});
