// Commands in the real extension host: "Always allow" on a command card writes the person's user
// settings, and the system prompt tells Claude where the tools work (only when tools are on).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { reply, text, textReply, toolUse } from '../../fake-anthropic/scripts';
import { eventually } from '../../support/eventually';
import { useFakeEndpoint } from '../fakeEndpoint';

const KEY = 'tools.allowedCommands';
const userList = () => vscode.workspace.getConfiguration('claudeChat').inspect<unknown[]>(KEY)?.globalValue;

describe('command settings and the system prompt', () => {
  const endpoint = useFakeEndpoint('sk-command-settings');
  afterEach(() => vscode.workspace.getConfiguration('claudeChat').update(KEY, undefined, vscode.ConfigurationTarget.Global));

  it('Always allow adds the prefix to the user settings once, keeping what was there, and never to the workspace', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    await vscode.workspace.getConfiguration('claudeChat').update(KEY, ['git status'], vscode.ConfigurationTarget.Global);
    const cards: string[] = [];
    const watch = endpoint.api.onDidPost((m) => m.type === 'commandCard' && m.card.state === 'pending' && cards.push(`${m.card.id}:${m.card.prefix ?? ''}`));
    try {
      endpoint.fake.enqueue(
        reply([toolUse('toolu_allow', 'bash', { command: 'ls -a' })]),
        reply([toolUse('toolu_other', 'bash', { command: 'pwd' })]),
        reply([toolUse('toolu_skip', 'bash', { command: 'date' })]),
        reply([text('Done.')]),
      );
      const sent = endpoint.api.session.send('Look around');
      await eventually(async () => cards.length === 1, 'the first command card');
      assert.deepEqual(cards, ['toolu_allow:ls']);
      await endpoint.api.session.handle({ type: 'commandDecision', cardId: 'toolu_allow', run: true, allowPrefix: ' ls ' });
      assert.deepEqual(userList(), ['git status', 'ls']);
      // Only the prefix the waiting card offers can be added: another one is ignored, the command still runs once.
      await eventually(async () => cards.length === 2, 'the second command card');
      await endpoint.api.session.handle({ type: 'commandDecision', cardId: 'toolu_other', run: true, allowPrefix: 'rm' });
      assert.deepEqual(userList(), ['git status', 'ls'], 'no prefix the card did not offer');
      await eventually(async () => cards.length === 3, 'the third command card');
      await endpoint.api.session.handle({ type: 'commandDecision', cardId: 'toolu_skip', run: false, allowPrefix: 'date' });
      await sent;
      assert.deepEqual(userList(), ['git status', 'ls'], 'Skip allows nothing');
      assert.equal(vscode.workspace.getConfiguration('claudeChat').inspect(KEY)?.workspaceValue, undefined);
    } finally {
      watch.dispose();
    }
  });

  it('names the OS, the workspace folders and the shell when tools are on, the same bytes in every request; nothing of it in Restricted Mode', async () => {
    await endpoint.api.session.newChat();
    endpoint.fake.enqueue(textReply(['One.']), textReply(['Two.']));
    await endpoint.api.session.send('First');
    await endpoint.api.session.send('Second');
    const [first, second] = endpoint.fake.messageRequests.slice(-2).map((r) => r.json);
    const system = JSON.stringify(first.system);
    assert.equal(JSON.stringify(second.system), system, 'the system blocks do not change between requests');
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const os = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform as string] ?? process.platform;
    if (vscode.workspace.isTrusted) {
      assert.ok(system.includes(JSON.stringify(folder).slice(1, -1)), `the folder ${folder} is named`);
      assert.ok(system.includes(`The tools work on ${os}.`));
      assert.match(system, /Commands you run with the bash tool run in [^:]+: write them for that shell/, 'the shell is named');
      assert.match(system, /Run or Skip/, 'commands wait for the person');
    } else {
      assert.ok(!system.includes(JSON.stringify(folder).slice(1, -1)), 'no tools, no folder paths');
      assert.ok(!system.includes('The tools work on'));
    }
  });
});
