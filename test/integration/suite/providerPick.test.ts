// Claude: Select Provider in a real VS Code: the quick pick offers the four providers with the
// current one marked, and the pick goes to the user settings (a workspace cannot set it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('Claude: Select Provider', () => {
  const window = vscode.window as { showQuickPick: unknown };
  const original = window.showQuickPick;
  after(async () => {
    window.showQuickPick = original;
    await vscode.workspace.getConfiguration('claudeChat').update('provider', undefined, vscode.ConfigurationTarget.Global);
  });

  it('offers the four providers, marks the current one, and writes the pick to the user settings', async () => {
    let offered: Array<vscode.QuickPickItem & { provider: string }> = [];
    window.showQuickPick = async (items: Array<vscode.QuickPickItem & { provider: string }>) => {
      offered = items;
      return items.find((i) => i.provider === 'vertex');
    };
    const picked = await vscode.commands.executeCommand<string | undefined>('claudeChat.selectProvider');
    assert.equal(picked, 'vertex');
    assert.deepEqual(offered.map((i) => i.label), ['Anthropic API', 'Amazon Bedrock', 'Google Vertex AI', 'Microsoft Foundry']);
    assert.equal(offered.find((i) => i.description)?.provider, 'anthropic', 'the current one is marked');
    const inspected = vscode.workspace.getConfiguration('claudeChat').inspect<string>('provider');
    assert.equal(inspected?.globalValue, 'vertex');
    assert.equal(inspected?.workspaceValue, undefined);
  });
});
