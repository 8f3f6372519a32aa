// Runs inside a real VS Code extension host.
import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import type { ClaudeChatApi } from '../../../src/host/api';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { textReply } from '../../fake-anthropic/scripts';
import { transcriptOf } from '../../support/wire';

const EXTENSION_ID = 'claude-chat.claude-chat';

/**
 * The extension's dist/lazy/ modules (the SDKs, see esbuild.mjs) this extension host has loaded,
 * however they were loaded: the scripts V8 reports to a debugger session as it starts. They are
 * ES modules, which require.cache does not list.
 */
async function lazyModulesLoaded(): Promise<string[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, 'the extension is installed');
  // Node names a module by its real path.
  const lazyDir = `${pathToFileURL(join(realpathSync(extension.extensionPath), 'dist', 'lazy')).href}/`;
  const session = new Session();
  session.connect();
  const urls: string[] = [];
  session.on('Debugger.scriptParsed', ({ params }) => urls.push(params.url));
  try {
    await new Promise<void>((resolve, reject) => session.post('Debugger.enable', (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => session.post('Debugger.disable', () => resolve()));
  } finally {
    session.disconnect();
  }
  // The check itself must see scripts, or it would pass for nothing.
  assert.ok(urls.some((url) => url.startsWith('node:') || url.startsWith('file:')), 'the debugger session lists the loaded scripts');
  return urls.filter((url) => url.startsWith(lazyDir)).map((url) => url.slice(lazyDir.length)).sort();
}

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
    assert.deepEqual(await lazyModulesLoaded(), [], 'activation loads nothing of dist/lazy/ (the SDKs)');
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
    // The SDK's entry and its chunks, none of the clouds' entries.
    const loaded = await lazyModulesLoaded();
    assert.ok(loaded.includes('sdk.mjs'), `the SDK came from dist/lazy/sdk.mjs (loaded: ${loaded.join(', ')})`);
    for (const cloud of ['bedrock.mjs', 'vertex.mjs', 'foundry.mjs']) assert.ok(!loaded.includes(cloud), `${cloud} is not loaded`);
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
