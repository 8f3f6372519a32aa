// Claude searches the workspace with glob and grep: each search is one line in the reply, and a
// path outside the workspace is refused without a card.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { allCards, editsWorkspace, removeEditsWorkspace, replyShows, toolResultsOf } from './editing';
import { ask, chatWorkbench, newChat, openClaudeView, replyDone } from './workbench';

describe('Claude searches the workspace (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({ workspace: editsWorkspace });
  after(() => removeEditsWorkspace(w.server?.workspace));
  let chat: Frame;
  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
  });

  it('a grep and a glob each show as a line in the reply, and Claude gets what they found', async () => {
    w.fake.enqueue(
      reply([text('Searching.'), toolUse('toolu_grep', 'grep', { pattern: 'Hello', path: 'src' }), toolUse('toolu_glob', 'glob', { pattern: 'revert/*.ts', path: 'src' })]),
      textReply(['The greeting is in src/greet.ts.']),
    );
    await ask(chat, 'Where is the greeting?');
    await replyShows(chat, 'The greeting is in src/greet.ts.');
    await replyShows(chat, 'Searched for `Hello` in src: 1 match in 1 file');
    await replyShows(chat, 'Listed files matching `revert/*.ts` in src: 2 files');
    await replyDone(chat);
    const [grepped, globbed] = toolResultsOf(w.fake.messageRequests.at(-1)!);
    assert.deepEqual([grepped.is_error, grepped.text], [undefined, 'src/greet.ts:2:  return `Hello, ${name}!`;']);
    assert.deepEqual(globbed.text.split('\n').sort(), ['src/revert/one.ts', 'src/revert/two.ts']);
  });

  it('a search outside the workspace is refused without asking', async () => {
    w.fake.enqueue(reply([toolUse('toolu_out', 'grep', { pattern: 'root', path: '/etc' })]), textReply(['Understood.']));
    await ask(chat, 'Search /etc');
    await replyShows(chat, 'grep refused: /etc');
    await replyDone(chat);
    assert.equal(await allCards(chat).count(), 0);
    const [refused] = toolResultsOf(w.fake.messageRequests.at(-1)!);
    assert.equal(refused.is_error, true);
    assert.match(refused.text, /^Refused: \/etc is outside the workspace folder/);
  });
});
