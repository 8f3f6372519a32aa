// Runs inside a real VS Code extension host.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import type { ClaudeChatApi } from '../../../src/host/api';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { textReply } from '../../fake-anthropic/scripts';
import { transcriptOf } from '../../support/wire';

const EXTENSION_ID = 'claude-chat.claude-chat';
const sdkLoaded = () => Object.keys(require.cache).some((file) => file.endsWith(join('dist', 'sdk.js')));

function nextPost(api: ClaudeChatApi, type: HostToWebview['type']): Promise<HostToWebview> {
  return new Promise((resolve) => {
    const sub = api.onDidPost((m) => {
      if (m.type === type) {
        sub.dispose();
        resolve(m);
      }
    });
  });
}

describe('Claude Chat in the extension host', () => {
  let api: ClaudeChatApi;
  let fake: FakeAnthropic;

  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  it('activates quickly without loading the SDK', async () => {
    const extension = vscode.extensions.getExtension<ClaudeChatApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    const started = performance.now();
    api = await extension.activate();
    const ms = performance.now() - started;
    console.log(`    activation took ${ms.toFixed(1)} ms`);
    assert.equal(sdkLoaded(), false, 'dist/sdk.js must not be loaded by activation');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['claudeChat.newChat', 'claudeChat.setApiKey', 'claudeChat.clearApiKey', 'claudeChat.chatView.focus']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('opens the chat view, whose webview completes the ready handshake', async () => {
    const init = nextPost(api, 'init');
    await vscode.commands.executeCommand('claudeChat.chatView.focus');
    const message = await init;
    assert.equal(message.type === 'init' && Array.isArray(message.transcript), true);
  });

  it('streams a reply with the key from SecretStorage, loading the SDK on first use', async () => {
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', fake.url, vscode.ConfigurationTarget.Global);
    await api.setApiKey!('sk-from-secret-storage');
    fake.enqueue(textReply(['Hello ', 'from ', 'the host.']));
    const deltas: string[] = [];
    const sub = api.onDidPost((m) => m.type === 'replyDelta' && deltas.push(m.text));
    await api.session.send('Say hello');
    sub.dispose();
    assert.deepEqual(deltas, ['Hello ', 'from ', 'the host.']);
    const [request] = fake.messageRequests;
    assert.equal(request.headers.authorization, 'Bearer sk-from-secret-storage');
    assert.deepEqual(transcriptOf(request.json), [['user', 'Say hello']]);
    assert.equal(sdkLoaded(), true);
  });

  it('after Clear API Key, a send says no key is set and offers to set one', async () => {
    await vscode.commands.executeCommand('claudeChat.clearApiKey');
    await api.session.newChat();
    const error = nextPost(api, 'error');
    const before = fake.messageRequests.length;
    await api.session.send('anyone there?');
    const message = await error;
    assert.equal(message.type === 'error' && message.actions.includes('setApiKey'), true);
    assert.equal(fake.messageRequests.length, before, 'nothing was sent without a key');
  });
});
