// Workspace instructions (CLAUDE.md) reach the system prompt only in a trusted workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { textReply } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

describe('workspace instructions', () => {
  const endpoint = useFakeEndpoint('sk-instructions');

  async function systemOfNextRequest(): Promise<string> {
    endpoint.fake.enqueue(textReply(['ok']));
    await endpoint.api.session.send('What are the rules?');
    const system: Array<{ text: string }> = endpoint.fake.messageRequests.at(-1)!.json.system ?? [];
    return system.map((b) => b.text).join('\n');
  }

  it('in a trusted workspace, CLAUDE.md is in the system blocks (after the user setting)', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    await vscode.workspace.getConfiguration('claudeChat').update('systemPrompt', 'Prefer TypeScript.', vscode.ConfigurationTarget.Global);
    try {
      const system = await systemOfNextRequest();
      assert.match(system, /ORANGE-PELICAN/);
      assert.ok(system.indexOf('Prefer TypeScript.') < system.indexOf('ORANGE-PELICAN'), 'fixed order: setting, then files');
      const init = endpoint.api.session.snapshot(true);
      assert.deepEqual(init.type === 'init' && init.instructionFiles, ['CLAUDE.md'], 'the view shows which file is in use');
    } finally {
      await vscode.workspace.getConfiguration('claudeChat').update('systemPrompt', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('in Restricted Mode, CLAUDE.md is not read', async function () {
    if (vscode.workspace.isTrusted) this.skip();
    const system = await systemOfNextRequest();
    assert.doesNotMatch(system, /ORANGE-PELICAN/);
    const init = endpoint.api.session.snapshot(true);
    assert.deepEqual(init.type === 'init' && init.instructionFiles, []);
  });
});
