// Reply content that fits a 300 px side bar: tables and long code lines scroll on their own,
// words in tables stay whole, and the code block buttons are compact codicons.
import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, openClaudeView, replyDone, saveScreenshot, setSidebarWidth, until } from './workbench';

const HEADERS = ['Approach', 'Memory', 'Time', 'Mutates', 'Returns', 'Notes'];
const TABLE = [
  `| ${HEADERS.join(' | ')} |\n`,
  `|${HEADERS.map(() => '---').join('|')}|\n`,
  '| In place | O(1) | O(n) | yes | None | `list.reverse()` changes the list itself |\n',
  '| Slice | O(n) | O(n) | no | list | `list[::-1]` makes a reversed copy |\n',
  '| Iterator | O(1) | O(1) | no | iterator | `reversed(list)` yields lazily |\n\n',
];
/** One 300-character line of code. */
const LONG_LINE = `const values = [${Array.from({ length: 200 }, (_, i) => i).join(', ')}`.slice(0, 298) + '];';

describe('reply content in a 300 px side bar (e2e)', function () {
  this.timeout(180_000);
  // This test looks at scrollbars, which headless Chromium hides unless told otherwise.
  const w = chatWorkbench({ key: 'sk-e2e-content', showScrollbars: true });
  let chat: Frame;
  let reply: Locator;

  before(async () => {
    chat = await openClaudeView(w.page);
    assert.equal(Math.round(await setSidebarWidth(w.page, 300)), 300);
    await until(async () => (await chat.evaluate(() => window.innerWidth)) <= 300, 'the webview to follow the side bar');
    // Streamed in pieces, so the table and the code block go through the streaming renderer.
    w.fake.enqueue(textReply(['Ways to reverse a list:\n\n', ...TABLE, '```ts\n', `${LONG_LINE}\n`, 'const done = true;\n```\n\nThat is all.'], { delayMs: 10 }));
    await ask(chat, 'Compare ways to reverse a list');
    await replyDone(chat);
    reply = lastMessage(chat, 'Claude');
    await w.page.mouse.move(1, 1); // nothing hovered
  });

  it('keeps table headers and code in cells whole, and scrolls the table, not the reply', async () => {
    const table = reply.getByRole('table');
    assert.deepEqual((await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim()), HEADERS);
    const layout = await table.evaluate((t) => {
      const lines = (node: Node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      };
      const scroller = t.parentElement!;
      const article = t.closest('article')!;
      const log = t.closest('[role="log"]')!;
      return {
        headerLines: [...t.querySelectorAll('th')].map((th) => [th.textContent, lines(th)]),
        codeRects: [...t.querySelectorAll('code')].map((c) => [c.textContent, c.getClientRects().length]),
        scroller: { overflowX: getComputedStyle(scroller).overflowX, scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth },
        article: { scrollWidth: article.scrollWidth, clientWidth: article.clientWidth },
        log: { scrollWidth: log.scrollWidth, clientWidth: log.clientWidth },
      };
    });
    for (const [text, count] of layout.headerLines) assert.equal(count, 1, `header "${text}" is on one line`);
    for (const [text, count] of layout.codeRects) assert.equal(count, 1, `"${text}" in a cell is not broken`);
    assert.equal(layout.scroller.overflowX, 'auto', 'the table sits in its own scroller');
    assert.ok(layout.scroller.scrollWidth > layout.scroller.clientWidth, `the table scrolls sideways: ${JSON.stringify(layout.scroller)}`);
    assert.ok(layout.article.scrollWidth <= layout.article.clientWidth, `the reply does not overflow: ${JSON.stringify(layout.article)}`);
    assert.ok(layout.log.scrollWidth <= layout.log.clientWidth, `the conversation does not scroll sideways: ${JSON.stringify(layout.log)}`);
    await table.evaluate((t) => (t.parentElement!.scrollLeft = t.parentElement!.scrollWidth));
    await saveScreenshot(w.page, 'content at 300px (table scrolled)');
    await table.evaluate((t) => (t.parentElement!.scrollLeft = 0));
  });

  it('scrolls a long code line sideways with a scrollbar that shows without hover, and "Wrap lines" wraps it', async () => {
    const pre = reply.locator('pre');
    await pre.scrollIntoViewIfNeeded();
    const measure = () => pre.evaluate((p: HTMLElement) => ({ scrollWidth: p.scrollWidth, clientWidth: p.clientWidth, bar: p.offsetHeight - p.clientHeight }));
    const before = await measure();
    assert.ok(before.scrollWidth > before.clientWidth, `the code scrolls sideways: ${JSON.stringify(before)}`);
    assert.ok(before.bar > 0, `a classic scrollbar takes room under the code (not an overlay one): ${JSON.stringify(before)}`);

    // The thumb is painted without hover: the scrollbar strip looks different once the thumb has moved.
    await w.page.mouse.move(1, 1);
    const box = (await pre.boundingBox())!;
    const clip = { x: box.x, y: box.y + box.height - before.bar, width: box.width, height: before.bar };
    const atStart = await w.page.screenshot({ clip });
    await pre.evaluate((p) => (p.scrollLeft = p.scrollWidth));
    await until(async () => !(await w.page.screenshot({ clip })).equals(atStart), 'the scrollbar thumb to show where it moved', 5000);
    await pre.evaluate((p) => (p.scrollLeft = 0));

    const wrap = reply.getByRole('button', { name: 'Wrap lines' });
    assert.equal(await wrap.getAttribute('aria-pressed'), 'false');
    await wrap.click();
    assert.equal(await wrap.getAttribute('aria-pressed'), 'true');
    const wrapped = await measure();
    assert.ok(wrapped.scrollWidth <= wrapped.clientWidth, `wrapped lines fit: ${JSON.stringify(wrapped)}`);
    assert.equal(wrapped.bar, 0, 'no scrollbar while wrapped');
    await saveScreenshot(w.page, 'content at 300px (lines wrapped)');
    await wrap.click();
    assert.equal(await wrap.getAttribute('aria-pressed'), 'false');
    assert.ok((await measure()).scrollWidth > before.clientWidth, 'scrolls sideways again');
  });

  it('shows compact codicon buttons on hover and keyboard focus; Copy reads "Copied" for a moment', async () => {
    const copy = reply.getByRole('button', { name: 'Copy', exact: true });
    assert.equal(await copy.count(), 1);
    assert.equal(await reply.getByRole('button', { name: 'Insert at cursor', exact: true }).count(), 1);

    // The glyph is drawn with the codicon font, which loaded under the webview's CSP.
    const glyph = await copy.evaluate(async (b) => {
      await document.fonts.ready;
      const icon = b.querySelector('[aria-hidden="true"]')!;
      const face = [...document.fonts].find((f) => f.family.replace(/["']/g, '') === 'codicon');
      return {
        family: getComputedStyle(icon).fontFamily,
        content: getComputedStyle(icon, '::before').content,
        face: face?.status,
        width: icon.getBoundingClientRect().width,
        button: b.getBoundingClientRect().width,
      };
    });
    assert.match(glyph.family, /codicon/);
    assert.equal(glyph.face, 'loaded', `the codicon font loaded: ${JSON.stringify(glyph)}`);
    assert.match(glyph.content, /^"[\uE000-\uF8FF]"$/, 'a codicon glyph (private use area)');
    assert.ok(glyph.width > 0 && glyph.button <= 24, `a compact icon button: ${JSON.stringify(glyph)}`);

    // Hidden (but in the tab order) until the block is hovered or has keyboard focus.
    const opacity = () => copy.evaluate((b) => getComputedStyle(b.parentElement!).opacity);
    await w.page.mouse.move(1, 1);
    await chat.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await until(async () => (await opacity()) === '0', 'the buttons to hide');
    assert.equal(await copy.evaluate((b) => b.tabIndex), 0, 'still reachable by Tab');
    await copy.focus();
    await until(async () => (await opacity()) === '1', 'the buttons to show on focus');
    await copy.evaluate((b) => b.blur());
    await until(async () => (await opacity()) === '0', 'the buttons to hide again');
    await reply.locator('pre').hover();
    await until(async () => (await opacity()) === '1', 'the buttons to show on hover');

    const icon = () => copy.evaluate((b) => getComputedStyle(b.querySelector('[aria-hidden="true"]')!, '::before').content);
    const copyIcon = await icon();
    await copy.click();
    const copied = reply.getByRole('button', { name: 'Copied', exact: true });
    assert.equal(await copied.count(), 1);
    assert.notEqual(await copied.evaluate((b) => getComputedStyle(b.querySelector('[aria-hidden="true"]')!, '::before').content), copyIcon, 'a check mark instead');
    await until(async () => (await reply.getByRole('button', { name: 'Copy', exact: true }).count()) === 1, 'Copy to come back', 5000);
    assert.equal(await icon(), copyIcon);
    await saveScreenshot(w.page, 'content at 300px');
  });
});
