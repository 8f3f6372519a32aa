// Workspace instructions (CLAUDE.md) reach the system prompt only in a trusted workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClaudeChatApi } from '../../../src/host/api';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { textReply } from '../../fake-anthropic/scripts';

describe('workspace instructions', () => {
  let api: ClaudeChatApi;
  let fake: FakeAnthropic;

  before(async () => {
    fake = await FakeAnthropic.start();
    api = await vscode.extensions.getExtension<ClaudeChatApi>('claude-chat.claude-chat')!.activate();
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', fake.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('claudeChat.setApiKey', 'sk-instructions');
    await api.session.newChat();
  });
  after(async () => {
    await vscode.commands.executeCommand('claudeChat.clearApiKey');
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  async function systemOfNextRequest(): Promise<string> {
    fake.enqueue(textReply(['ok']));
    await api.session.send('What are the rules?');
    const system: Array<{ text: string }> = fake.messageRequests.at(-1)!.json.system ?? [];
    return system.map((b) => b.text).join('\n');
  }

  it('in a trusted workspace, CLAUDE.md is in the system blocks (after the user setting)', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    await vscode.workspace.getConfiguration('claudeChat').update('systemPrompt', 'Prefer TypeScript.', vscode.ConfigurationTarget.Global);
    try {
      const system = await systemOfNextRequest();
      assert.match(system, /ORANGE-PELICAN/);
      assert.ok(system.indexOf('Prefer TypeScript.') < system.indexOf('ORANGE-PELICAN'), 'fixed order: setting, then files');
      const init = api.session.snapshot(true);
      assert.deepEqual(init.type === 'init' && init.instructionFiles, ['CLAUDE.md'], 'the view shows which file is in use');
    } finally {
      await vscode.workspace.getConfiguration('claudeChat').update('systemPrompt', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('in Restricted Mode, CLAUDE.md is not read', async function () {
    if (vscode.workspace.isTrusted) this.skip();
    const system = await systemOfNextRequest();
    assert.doesNotMatch(system, /ORANGE-PELICAN/);
    const init = api.session.snapshot(true);
    assert.deepEqual(init.type === 'init' && init.instructionFiles, []);
  });
});
