// Claude's edits when the person stops, reverts or continues a reply, and in Restricted Mode.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { Gate, reply, text, textReply, thinking } from '../fake-anthropic/scripts';
import { messageText, transcriptOf } from '../support/wire';
import { allCards, editCard, editorUse, editsWorkspace, fixtureText, removeEditsWorkspace, onDisk, replyShows, toolResultsOf } from './editing';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, until } from './workbench';

const CONTINUE_TEXT = 'Continue from where your last reply was cut off.';

describe('Claude edits the workspace: stop, revert, continue (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({ workspace: editsWorkspace });
  after(() => removeEditsWorkspace(w.server?.workspace));
  let chat: Frame;
  const disk = (rel: string) => onDisk(w.server.workspace, rel);
  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
  });

  it('Stop while an edit waits for review: not applied, nothing written, and the chat goes on', async () => {
    w.fake.enqueue(reply([text('Here is the change.'), editorUse('toolu_wait', { command: 'str_replace', path: 'src/math.ts', old_str: 'a + b', new_str: 'a * b' })]));
    await ask(chat, 'Multiply instead');
    const card = editCard(chat, 'src/math.ts');
    await card.waitFor();
    await chat.getByRole('button', { name: 'Stop' }).click();
    await replyDone(chat);
    assert.match(await card.innerText(), /Not applied/);
    assert.match(await card.innerText(), /stopped/i);
    assert.equal(await card.getByRole('button', { name: 'Accept' }).isVisible(), false, 'no decision is offered any more');
    assert.equal(disk('src/math.ts'), fixtureText('src/math.ts'));
    assert.equal(w.fake.messageRequests.length, 1, 'no tool_result was sent after Stop');

    w.fake.enqueue(textReply(['Still here, nothing changed.']));
    await ask(chat, 'Never mind. Are you there?');
    await replyDone(chat);
    await replyShows(chat, 'Still here, nothing changed.');
    const [answered] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(answered.tool_use_id, 'toolu_wait', 'the stopped tool_use is answered in the history');
    assert.equal(answered.is_error, true);
    assert.equal(disk('src/math.ts'), fixtureText('src/math.ts'));
  });

  it('Escape during thinking stops it, then a new question gets a reply (no unsigned thinking is sent back)', async () => {
    const gate = new Gate();
    w.fake.enqueue(reply([thinking(['Weighing ', 'the options'], 'sig-e2e-cut', { stopBefore: gate }), text('Never shown.')]));
    const input = await ask(chat, 'Think it over');
    const thought = lastMessage(chat, 'Claude').locator('details');
    await until(async () => (await thought.textContent())?.includes('the options'), 'the thinking to stream');
    await input.press('Escape');
    await replyDone(chat);
    gate.open();
    const stopped = await lastMessage(chat, 'Claude').innerText();
    assert.match(stopped, /Stopped/);
    assert.equal(stopped.includes('Never shown.'), false);

    w.fake.enqueue(textReply(['A fresh answer.']));
    await ask(chat, 'Just answer, please');
    await replyDone(chat);
    await replyShows(chat, 'A fresh answer.');
    const { messages } = w.fake.messageRequests[1].json;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const blocks = messages.flatMap((m: any) => (typeof m.content === 'string' ? [] : m.content));
    assert.equal(blocks.some((b: { type: string }) => b.type === 'thinking'), false);
    assert.match(messageText(messages.at(-1)), /Just answer, please/);
  });

  it('Revert changes puts back two edited files and deletes the one the reply created', async () => {
    w.fake.enqueue(
      reply([
        editorUse('toolu_one', { command: 'str_replace', path: 'src/revert/one.ts', old_str: "'ONE'", new_str: "'UNO'" }),
        editorUse('toolu_two', { command: 'str_replace', path: 'src/revert/two.ts', old_str: "'TWO'", new_str: "'DOS'" }),
        editorUse('toolu_three', { command: 'create', path: 'src/revert/three.ts', file_text: "export const three = 'TRES';\n" }),
      ]),
      textReply(['Translated two files and added a third.']),
    );
    await ask(chat, 'Translate the constants to Spanish');
    for (const path of ['src/revert/one.ts', 'src/revert/two.ts', 'src/revert/three.ts']) {
      const card = editCard(chat, path);
      await card.getByRole('button', { name: 'Accept' }).click();
      await until(async () => (await card.innerText()).includes('Applied'), `${path} applied`);
    }
    await replyDone(chat);
    assert.equal(await allCards(chat).count(), 3);
    assert.equal(disk('src/revert/one.ts'), "export const one = 'UNO';\n");
    assert.equal(disk('src/revert/two.ts'), "export const two = 'DOS';\n");
    assert.equal(disk('src/revert/three.ts'), "export const three = 'TRES';\n");
    assert.deepEqual(toolResultsOf(w.fake.messageRequests[1]).map((r) => [r.tool_use_id, r.is_error]), [['toolu_one', undefined], ['toolu_two', undefined], ['toolu_three', undefined]]);

    await lastMessage(chat, 'Claude').getByRole('button', { name: 'Revert changes' }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /three\.ts \(created: will be deleted\)/);
    await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
    await replyShows(chat, /Changes reverted/);
    assert.equal(disk('src/revert/three.ts'), undefined, 'the created file is gone');
    assert.equal(disk('src/revert/one.ts'), fixtureText('src/revert/one.ts'));
    assert.equal(disk('src/revert/two.ts'), fixtureText('src/revert/two.ts'));
    assert.equal(await lastMessage(chat, 'Claude').getByRole('button', { name: 'Revert changes' }).count(), 0);
  });

  it('a reply cut off at max_tokens offers Continue, which asks Claude to go on', async () => {
    w.fake.enqueue(reply([text('The first half of a long')], { stopReason: 'max_tokens' }), textReply([' answer, now finished.']));
    await ask(chat, 'Write a long answer');
    await replyDone(chat);
    const cut = lastMessage(chat, 'Claude');
    await replyShows(chat, 'Cut off at the token limit.');
    await cut.getByRole('button', { name: 'Continue' }).click();

    const replies = chat.getByRole('article', { name: 'Claude' });
    await until(async () => (await replies.count()) === 2 && (await replies.last().getAttribute('aria-busy')) === 'false', 'the continued reply');
    await replyShows(chat, 'answer, now finished.');
    assert.equal(await replies.first().getByRole('button', { name: 'Continue' }).count(), 0, 'Continue is spent');
    assert.deepEqual(transcriptOf(w.fake.messageRequests[1].json), [
      ['user', 'Write a long answer'],
      ['assistant', 'The first half of a long'],
      ['user', CONTINUE_TEXT],
    ]);
  });
});

describe('Claude edits the workspace: Restricted Mode (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({ restricted: true, workspace: editsWorkspace });
  after(() => removeEditsWorkspace(w.server?.workspace));
  before(async () => {
    await w.page.getByRole('button', { name: /don't trust/i }).click();
  });

  it('sends no tools and says edits are off until the workspace is trusted', async () => {
    const chat = await openClaudeView(w.page);
    const line = chat.getByRole('note', { name: 'Edits' });
    await line.waitFor();
    assert.match(await line.innerText(), /Edits are off in Restricted Mode/);
    assert.match(await line.innerText(), /trust this workspace/);
    w.fake.enqueue(textReply(['I can only talk here.']));
    await ask(chat, 'Edit src/math.ts for me');
    await replyDone(chat);
    await replyShows(chat, 'I can only talk here.');
    assert.equal(w.fake.messageRequests[0].json.tools, undefined);
  });
});
