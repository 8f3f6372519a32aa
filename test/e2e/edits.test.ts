// Claude reads and edits workspace files through the text editor tool; the person reviews each edit.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { reply, text, textReply } from '../fake-anthropic/scripts';
import { allCards, editCard, editorShows, editorUse, editsWorkspace, fixtureText, removeEditsWorkspace, onDisk, openInEditor, replyShows, toolResultsOf } from './editing';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, until } from './workbench';

describe('Claude edits the workspace (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench({ workspace: editsWorkspace });
  after(() => removeEditsWorkspace(w.server?.workspace));
  let chat: Frame;
  const disk = (rel: string) => onDisk(w.server.workspace, rel);
  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
  });

  it('views a file, proposes an edit that Accept writes, and Ctrl+Z in the editor takes it back', async () => {
    const original = fixtureText('src/greet.ts');
    w.fake.enqueue(
      reply([text('Let me look at it.'), editorUse('toolu_view', { command: 'view', path: 'src/greet.ts' })]),
      reply([editorUse('toolu_edit', { command: 'str_replace', path: 'src/greet.ts', old_str: 'Hello', new_str: 'Howdy' })]),
      textReply(['It says Howdy now.']),
    );
    await ask(chat, 'Make the greeting friendlier');
    const card = editCard(chat, 'src/greet.ts');
    await card.waitFor();
    assert.equal(await card.getAttribute('aria-label'), 'Proposed edit: src/greet.ts (+1 \u22121)');
    assert.match(await lastMessage(chat, 'Claude').innerText(), /Read src\/greet\.ts/, 'the view shows as a tool line');
    assert.equal(disk('src/greet.ts'), original, 'nothing is written before Accept');
    await w.page.screenshot({ path: join('test-results', 'edit-card.png') }); // for a person to look at the card

    const [first, second] = w.fake.messageRequests;
    assert.deepEqual(first.json.tools.map((t: { name: string }) => t.name), ['str_replace_based_edit_tool', 'glob', 'grep']);
    const { max_characters, ...tool } = first.json.tools[0];
    assert.deepEqual(tool, { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' });
    assert.ok(Number.isInteger(max_characters) && max_characters > 0, `max_characters is a positive integer (${max_characters})`);
    const [viewed] = toolResultsOf(second);
    assert.equal(viewed.tool_use_id, 'toolu_view');
    assert.notEqual(viewed.is_error, true);
    assert.match(viewed.text, /^ *1\texport function greet\(name: string\): string \{$/m);
    assert.match(viewed.text, /^ *2\t {2}return `Hello, \$\{name\}!`;$/m);
    assert.deepEqual(second.json.tools, first.json.tools, 'the tools stay byte-identical (cached prefix)');

    await card.getByRole('button', { name: 'Accept' }).click();
    await replyDone(chat);
    assert.match(await card.innerText(), /Applied/);
    assert.equal(disk('src/greet.ts'), original.replace('Hello', 'Howdy'));
    const [edited] = toolResultsOf(w.fake.messageRequests[2]);
    assert.equal(edited.tool_use_id, 'toolu_edit');
    assert.notEqual(edited.is_error, true);
    assert.match(edited.text, /Howdy/);
    await replyShows(chat, 'It says Howdy now.');

    const editor = await openInEditor(w.page, 'greet.ts', 'Howdy');
    await editor.locator('.view-lines').click();
    await w.page.keyboard.press('Control+z');
    await editorShows(editor, 'return `Hello, ${name}!`;');
    await w.page.keyboard.press('Control+s');
    await until(async () => disk('src/greet.ts') === original, 'the undone text saved to disk', 10_000);
  });

  it('Reject leaves the file as it was and tells Claude, whose next text appears', async () => {
    const original = fixtureText('src/math.ts');
    w.fake.enqueue(
      reply([editorUse('toolu_sub', { command: 'str_replace', path: 'src/math.ts', old_str: 'a + b', new_str: 'a - b' })]),
      textReply(['Understood, I left it alone.']),
    );
    await ask(chat, 'Subtract instead');
    const card = editCard(chat, 'src/math.ts');
    await card.getByRole('button', { name: 'Reject' }).click();
    await replyDone(chat);
    assert.match(await card.innerText(), /Rejected/);
    await replyShows(chat, 'Understood, I left it alone.');
    assert.equal(disk('src/math.ts'), original);
    const [rejected] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(rejected.tool_use_id, 'toolu_sub');
    assert.equal(rejected.is_error, true);
    assert.match(rejected.text, /user rejected/i);
  });

  it('Show diff opens the proposal in a diff editor before anything is written', async () => {
    w.fake.enqueue(
      reply([editorUse('toolu_mul', { command: 'str_replace', path: 'src/math.ts', old_str: 'a + b', new_str: 'a * b' })]),
      textReply(['Fine.']),
    );
    await ask(chat, 'Multiply instead');
    const card = editCard(chat, 'src/math.ts');
    await card.getByRole('button', { name: 'Show diff' }).click();
    const tab = w.page.locator('.tabs-container .tab', { hasText: /math\.ts.*proposed/ });
    await tab.waitFor();
    const diff = w.page.locator('.editor-instance .monaco-diff-editor').first();
    await diff.waitFor();
    await editorShows(diff.locator('.editor.modified'), 'return a * b;');
    await editorShows(diff.locator('.editor.original'), 'return a + b;');
    assert.equal(disk('src/math.ts'), fixtureText('src/math.ts'), 'showing the diff writes nothing');
    await card.getByRole('button', { name: 'Reject' }).click();
    await replyDone(chat);
  });

  it('refuses a create outside the workspace and a view of /etc/passwd without asking', async () => {
    const outside = join(w.server.workspace, '..', 'x');
    w.fake.enqueue(
      reply([
        text('Trying a few paths.'),
        editorUse('toolu_out', { command: 'create', path: '../x', file_text: 'escaped\n' }),
        editorUse('toolu_pw', { command: 'view', path: '/etc/passwd' }),
      ]),
      textReply(['Those are off limits.']),
    );
    await ask(chat, 'Look around the machine');
    await replyDone(chat);
    await replyShows(chat, 'Those are off limits.');
    assert.equal(await allCards(chat).count(), 0, 'no card: there is nothing to review');
    const shown = await lastMessage(chat, 'Claude').innerText();
    assert.match(shown, /Refused: \.\.\/x/);
    assert.match(shown, /Refused: \/etc\/passwd/);
    assert.equal(existsSync(outside), false, 'nothing was created outside the workspace');

    const second = w.fake.messageRequests[1];
    const results = toolResultsOf(second);
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error]), [['toolu_out', true], ['toolu_pw', true]]);
    for (const r of results) assert.match(r.text, /outside the workspace/);
    assert.equal(second.body.includes('root:x:0'), false, 'nothing of /etc/passwd was sent');
  });

  it('a str_replace whose old_str is not in the file fails precisely, without a card', async () => {
    w.fake.enqueue(
      reply([editorUse('toolu_miss', { command: 'str_replace', path: 'src/math.ts', old_str: 'return a+b;', new_str: 'return b + a;' })]),
      textReply(['I will view it first.']),
    );
    await ask(chat, 'Swap the operands');
    await replyDone(chat);
    await replyShows(chat, 'I will view it first.');
    assert.equal(await allCards(chat).count(), 0);
    assert.match(await lastMessage(chat, 'Claude').innerText(), /Could not edit src\/math\.ts/);
    const [missed] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(missed.tool_use_id, 'toolu_miss');
    assert.equal(missed.is_error, true);
    assert.match(missed.text, /old_str did not appear verbatim in src\/math\.ts/);
    assert.equal(disk('src/math.ts'), fixtureText('src/math.ts'));
  });
});
