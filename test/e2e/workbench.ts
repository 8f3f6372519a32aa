/** Helpers to drive the Claude view in code-server like a person: through roles and names. */
import type { Frame, Page } from 'playwright-core';

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

/** Opens the Claude view from the activity bar and returns the webview frame holding the chat. */
export async function openClaudeView(page: Page): Promise<Frame> {
  await page.locator('.activitybar a[aria-label^="Claude"]').first().click();
  return until(async () => {
    for (const frame of page.frames()) {
      if ((await frame.getByRole('textbox', { name: 'Message Claude' }).count()) > 0) return frame;
    }
    return undefined;
  }, 'the chat webview');
}

/** The last message named `name` ("You" or "Claude"). */
export function lastMessage(frame: Frame, name: 'You' | 'Claude') {
  return frame.getByRole('article', { name }).last();
}
