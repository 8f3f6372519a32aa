// What happens while the Claude view is hidden is shown when it comes back: nothing posted to a
// hidden view (its document is gone without retained context) is lost.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMidStream, Gate } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, openClaudeView, until } from './workbench';

interface SavedTurn {
  readonly role: string;
  readonly text?: string;
  readonly status?: string;
}

/**
 * The status of the last reply in the chat that starts with `question`, as the extension saved it
 * to its workspace storage under code-server's user-data dir (one JSON file per chat).
 */
function savedReplyStatus(userDataDir: string, question: string): string | undefined {
  const storage = join(userDataDir, 'User', 'workspaceStorage');
  const folders = existsSync(storage) ? readdirSync(storage).map((hash) => join(storage, hash, 'claude-chat.claude-chat', 'conversations')) : [];
  for (const folder of folders.filter((f) => existsSync(f))) {
    for (const name of readdirSync(folder).filter((n) => /^[\w-]+\.json$/.test(n) && n !== 'index.json')) {
      const turns = (JSON.parse(readFileSync(join(folder, name), 'utf8')) as { turns: SavedTurn[] }).turns;
      if (turns[0]?.text === question) return turns.filter((t) => t.role === 'assistant').at(-1)?.status;
    }
  }
  return undefined;
}

describe('hidden chat view (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();

  it('an error that arrives while the Explorer is shown is there when the Claude view is shown again', async () => {
    let chat = await openClaudeView(w.page);
    const gate = new Gate();
    const detail = 'Credit balance too low (sent while the view was hidden).';
    w.fake.enqueue(errorMidStream(['Half an ', 'answer'], 'billing_error', detail, { pauseAfter: { chunks: 1, gate } }));
    await ask(chat, 'Explain monads');
    await until(async () => (await lastMessage(chat, 'Claude').innerText()).includes('Half an'), 'the first text');

    await w.page.locator('.activitybar a[aria-label^="Explorer"]').first().click();
    const chatShows = () => chat.getByRole('textbox', { name: 'Message Claude' }).isVisible().catch(() => false);
    await until(async () => !(await chatShows()), 'the Claude view to hide');
    gate.open();
    const request = w.fake.messageRequests.at(-1)!;
    await request.closed;
    // The host saves the reply as ended with an error, then posts the error at once (the same turn of
    // its event loop): once the saved chat says so, the error has been posted to the hidden view.
    await until(async () => savedReplyStatus(w.server.userDataDir, 'Explain monads') === 'error', 'the saved chat to record the reply as ended with an error');
    assert.equal(await chatShows(), false, 'the Claude view stayed hidden while the error was posted');

    chat = await openClaudeView(w.page);
    const alert = chat.getByRole('alert');
    await until(async () => (await alert.count()) === 1, 'the error alert');
    assert.match(await alert.innerText(), /Credit balance too low \(sent while the view was hidden\)/);
    const reply = lastMessage(chat, 'Claude');
    await reply.scrollIntoViewIfNeeded(); // look at it, as a person would: blocks off screen skip rendering (content-visibility)
    assert.match(await reply.innerText(), /Half an answer/, 'the text that arrived is kept');
    assert.equal(await reply.getAttribute('aria-busy'), 'false', 'the reply has ended, not stuck on Stop');
    assert.equal(await chat.getByRole('button', { name: 'Send' }).isVisible(), true);
    assert.match(await lastMessage(chat, 'You').innerText(), /Explain monads/);
  });
});
