/**
 * Records promise rejections nobody handled that come from the extension, for the suite's last
 * test (suite/zzUnhandled.test.ts) to fail on. The extension host logs them and goes on, so
 * without this a forgotten `await` or `.catch` would pass every test.
 */

// Each test file is bundled on its own, so the record lives on globalThis, not in module state.
const KEY = '__claudeChatUnhandledRejections';
const store = globalThis as unknown as Record<string, string[] | undefined>;

/** The extension's code runs from dist/extension.js; rejections from VS Code itself are not ours to judge. */
function fromExtension(reason: unknown): boolean {
  const text = reason instanceof Error ? `${reason.message}\n${reason.stack ?? ''}` : String(reason);
  return /dist[\\/]extension\.js|claude-chat/i.test(text);
}

export function watchUnhandledRejections(): void {
  if (store[KEY]) return;
  const seen: string[] = (store[KEY] = []);
  process.on('unhandledRejection', (reason) => {
    if (fromExtension(reason)) seen.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  });
}

/** Undefined when nothing is watching (the suite was started some other way). */
export function unhandledRejections(): readonly string[] | undefined {
  return store[KEY];
}
