// What happens while the Claude view is hidden is shown when it comes back: nothing posted to a
// hidden view (its document is gone without retained context) is lost.
import * as assert from 'node:assert/strict';
import { errorMidStream, Gate } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, lastMessage, openClaudeView, until } from './workbench';

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
    await until(async () => !(await chat.getByRole('textbox', { name: 'Message Claude' }).isVisible().catch(() => false)), 'the Claude view to hide');
    gate.open();
    const request = w.fake.messageRequests.at(-1)!;
    await request.closed;
    await new Promise((r) => setTimeout(r, 1000)); // the host posts the error while the view stays hidden

    chat = await openClaudeView(w.page);
    const alert = chat.getByRole('alert');
    await until(async () => (await alert.count()) === 1, 'the error alert');
    assert.match(await alert.innerText(), /Credit balance too low \(sent while the view was hidden\)/);
    const reply = lastMessage(chat, 'Claude');
    assert.match(await reply.innerText(), /Half an answer/, 'the text that arrived is kept');
    assert.equal(await reply.getAttribute('aria-busy'), 'false', 'the reply has ended, not stuck on Stop');
    assert.equal(await chat.getByRole('button', { name: 'Send' }).isVisible(), true);
    assert.match(await lastMessage(chat, 'You').innerText(), /Explain monads/);
  });
});
