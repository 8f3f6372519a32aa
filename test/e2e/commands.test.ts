// Claude runs commands with the `bash` tool; each waits on a card for the person's Run or Skip.
// The real tool and real shells, driven through the real webview.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { replyShows, toolResultsOf } from './editing';
import { ask, chatWorkbench, lastMessage, newChat, openClaudeView, replyDone, setSidebarWidth, until } from './workbench';

const bashUse = (id: string, command: string) => toolUse(id, 'bash', { command });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The card of `command` in the last "Claude" reply. */
const commandCard = (chat: Frame, command: string) => lastMessage(chat, 'Claude').getByRole('group', { name: new RegExp(`^Run command: ${escapeRegExp(command)}$`) });

/** Waits until the card shows `what` (its state, its output). */
async function cardShows(card: ReturnType<typeof commandCard>, what: string | RegExp, timeoutMs = 15_000): Promise<string> {
  return until(async () => {
    const shown = await card.innerText();
    return (typeof what === 'string' ? shown.includes(what) : what.test(shown)) ? shown : undefined;
  }, `the card to show ${what}`, timeoutMs);
}

describe('Claude runs commands (e2e)', function () {
  this.timeout(180_000);
  let workspace = '';
  const w = chatWorkbench({
    workspace: () => {
      workspace = join(mkdtempSync(join(tmpdir(), 'commands-')), 'project');
      mkdirSync(workspace, { recursive: true });
      writeFileSync(join(workspace, 'notes.txt'), 'kept\n');
      return workspace;
    },
    // Short, so the timeout can be seen; every other command here ends well within it.
    settings: () => ({ 'claudeChat.tools.commandTimeout': 5 }),
  });
  let chat: Frame;
  beforeEach(async () => {
    chat = await openClaudeView(w.page);
    await newChat(chat);
  });

  it('Run runs the command: its output and exit code show on the card and go back to Claude', async () => {
    w.fake.enqueue(reply([text('Let me check the shell.'), bashUse('toolu_echo', 'echo hello')]), textReply(['The shell said hello.']));
    await ask(chat, 'Say hello from the shell');
    const card = commandCard(chat, 'echo hello');
    await card.waitFor();
    await card.getByRole('button', { name: 'Skip', exact: true }).waitFor();
    assert.equal(w.fake.messageRequests.length, 1, 'nothing more happens before Run');
    const [first] = w.fake.messageRequests;
    assert.ok(first.json.tools.some((t: { type?: string; name: string }) => t.type === 'bash_20250124' && t.name === 'bash'), 'the bash tool is offered');
    const system = JSON.stringify(first.json.system);
    assert.ok(system.includes(workspace.replace(/\\/g, '\\\\')), 'the system prompt names the workspace folder');
    assert.match(system, /Run or Skip/, 'the system prompt says commands wait for the person');
    await w.page.screenshot({ path: join('test-results', 'command-card.png') }); // for a person to look at the card

    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await replyDone(chat);
    const shown = await cardShows(card, 'Exit code 0');
    assert.match(shown, /^hello$/m, 'the output shows on the card');
    assert.equal(await card.getByRole('button', { name: 'Run', exact: true }).count(), 0, 'no Run button once it ran');
    await replyShows(chat, 'The shell said hello.');
    const [result] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(result.tool_use_id, 'toolu_echo');
    assert.notEqual(result.is_error, true);
    assert.match(result.text, /hello/);
  });

  it('Skip runs nothing: the card says Skipped and Claude is told', async () => {
    w.fake.enqueue(reply([bashUse('toolu_touch', 'touch ran.txt')]), textReply(['Fine, I will not.']));
    await ask(chat, 'Create a file with the shell');
    const card = commandCard(chat, 'touch ran.txt');
    await card.getByRole('button', { name: 'Skip', exact: true }).click();
    await replyDone(chat);
    await cardShows(card, 'Skipped');
    await replyShows(chat, 'Fine, I will not.');
    assert.equal(existsSync(join(workspace, 'ran.txt')), false, 'the command did not run');
    const [result] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(result.tool_use_id, 'toolu_touch');
    assert.match(result.text, /skip/i);
  });

  it('shows output while the command runs, then its end', async () => {
    const command = 'echo started; while [ ! -e go ]; do sleep 0.1; done; echo finished';
    w.fake.enqueue(reply([bashUse('toolu_wait', command)]), textReply(['It finished.']));
    await ask(chat, 'Wait for the go file');
    const card = commandCard(chat, command);
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    const output = card.getByRole('region', { name: 'Command output' });
    await until(async () => (await output.textContent())?.includes('started'), 'the first line of output while it runs');
    assert.match(await card.getByRole('status').innerText(), /Running/, 'the card says it is running');
    assert.doesNotMatch(await output.innerText(), /finished/);
    assert.doesNotMatch(await card.innerText(), /Exit code/);
    writeFileSync(join(workspace, 'go'), '');
    await cardShows(card, 'Exit code 0');
    assert.equal((await output.innerText()).trim(), 'started\nfinished');
    await replyDone(chat);
    assert.doesNotMatch(await card.innerText(), /Running/);
  });

  it('a failing command shows its exit code, and Claude gets it as an error', async () => {
    w.fake.enqueue(reply([bashUse('toolu_ls', 'ls /no-such-folder-here')]), textReply(['That folder does not exist.']));
    await ask(chat, 'List a folder');
    const card = commandCard(chat, 'ls /no-such-folder-here');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await replyDone(chat);
    const shown = await cardShows(card, /Exit code [1-9]/);
    assert.match(shown, /No such file or directory/, 'what the command wrote to stderr shows too');
    const [result] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(result.is_error, true);
  });

  it('Stop during a long command ends it at once; the card says Stopped and the chat goes on', async () => {
    w.fake.enqueue(reply([bashUse('toolu_sleep', 'sleep 30')]));
    await ask(chat, 'Take a nap');
    const card = commandCard(chat, 'sleep 30');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await cardShows(card, 'Running');
    await chat.getByRole('button', { name: 'Stop', exact: true }).click();
    await cardShows(card, 'Stopped', 10_000);
    await replyDone(chat);
    w.fake.enqueue(textReply(['Awake again.']));
    await ask(chat, 'Are you there?');
    await replyDone(chat);
    await replyShows(chat, 'Awake again.');
  });

  it('a command that outlives the timeout is stopped: the card says Timed out, and Claude is told', async () => {
    w.fake.enqueue(reply([bashUse('toolu_forever', 'echo waiting; sleep 60')]), textReply(['It hung, so it was stopped.']));
    await ask(chat, 'Wait a minute');
    const card = commandCard(chat, 'echo waiting; sleep 60');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    const shown = await cardShows(card, 'Timed out', 30_000);
    assert.match(shown, /timed out after 5 s/, 'the note says after how long');
    await replyDone(chat);
    await replyShows(chat, 'It hung, so it was stopped.');
    const [result] = toolResultsOf(w.fake.messageRequests[1]);
    assert.equal(result.is_error, true);
    assert.match(result.text, /waiting[\s\S]*timed out/);
  });

  it('a flood of output keeps the card small: the last lines, and Show all output for what it holds', async () => {
    w.fake.enqueue(reply([bashUse('toolu_seq', 'seq 1 50000')]), textReply(['Counted.']));
    await ask(chat, 'Count to fifty thousand');
    const card = commandCard(chat, 'seq 1 50000');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await replyDone(chat);
    await cardShows(card, 'Exit code 0');
    const output = card.getByRole('region', { name: 'Command output' });
    const lines = (await output.textContent())?.trim().split('\n') ?? [];
    assert.equal(lines.at(-1), '50000', 'the end of the output is there');
    assert.ok(lines.length <= 200, `the card holds at most 200 lines (${lines.length})`);
    await card.getByRole('button', { name: 'Show all output' }).click();
    await card.getByRole('button', { name: 'Show less output' }).waitFor();
    await replyShows(chat, 'Counted.');
  });

  it('a long command and long output wrap in a 300 px side bar: all of the command shows, nothing scrolls sideways', async () => {
    assert.equal(Math.round(await setSidebarWidth(w.page, 300)), 300);
    const command = `echo ${'0123456789'.repeat(10)} && echo ${'--long-flag'.repeat(5)}`; // wider than the bar, within the card's name
    w.fake.enqueue(reply([bashUse('toolu_long', command)]), textReply(['Long indeed.']));
    await ask(chat, 'Print something long');
    const card = commandCard(chat, command);
    const fits = async (when: string) => {
      const layout = await card.evaluate((c: HTMLElement) => {
        const log = c.closest('[role="log"]') as HTMLElement;
        return { card: [c.scrollWidth, c.clientWidth], log: [log.scrollWidth, log.clientWidth] };
      });
      assert.ok(layout.card[0] <= layout.card[1], `${when}, the card does not overflow: ${JSON.stringify(layout)}`);
      assert.ok(layout.log[0] <= layout.log[1], `${when}, the conversation does not scroll sideways: ${JSON.stringify(layout)}`);
    };
    const run = card.getByRole('button', { name: 'Run', exact: true });
    await run.waitFor();
    await fits('while it waits');
    await run.click();
    await replyDone(chat);
    const shown = await cardShows(card, 'Exit code 0');
    assert.ok(shown.replace(/\s+/g, '').includes(command.replace(/\s+/g, '')), 'the whole command is on the card');
    await fits('after it ran');
  });

  it('a card still waiting when the window reloads reopens as not run', async () => {
    w.fake.enqueue(reply([bashUse('toolu_later', 'touch later.txt')]));
    await ask(chat, 'Make a file later');
    await commandCard(chat, 'touch later.txt').getByRole('button', { name: 'Run', exact: true }).waitFor();
    await w.page.reload();
    await w.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    chat = await openClaudeView(w.page);
    const card = commandCard(chat, 'touch later.txt');
    await cardShows(card, 'Not run', 30_000);
    assert.equal(await card.getByRole('button', { name: 'Run', exact: true }).count(), 0);
    assert.equal(existsSync(join(workspace, 'later.txt')), false);
  });

  // Last: the prefix it allows stays in the user settings for the rest of this file.
  it('Always allow runs the command and adds its prefix to the user settings; a matching command then runs without asking', async () => {
    w.fake.enqueue(reply([bashUse('toolu_git1', 'git status')]), reply([bashUse('toolu_git2', 'git status --short')]), textReply(['Not a repository.']));
    await ask(chat, 'Is this a git repository?');
    const card = commandCard(chat, 'git status');
    const allow = card.getByRole('button', { name: /^Always allow / });
    const prefix = ((await allow.textContent()) ?? '').replace(/^Always allow /, '');
    assert.equal(prefix, 'git status');
    await allow.click();
    await cardShows(card, /Exit code \d+/);
    const settingsFile = join(w.server.userDataDir, 'User', 'settings.json');
    await until(async () => (JSON.parse(readFileSync(settingsFile, 'utf8'))['claudeChat.tools.allowedCommands'] ?? []).includes('git status'), 'the prefix in the user settings');
    const second = commandCard(chat, 'git status --short');
    await cardShows(second, /Exit code \d+/);
    await replyDone(chat);
    assert.equal(await second.getByRole('button', { name: 'Run', exact: true }).count(), 0, 'it was not asked about');
    await replyShows(chat, 'Not a repository.');
  });
});
