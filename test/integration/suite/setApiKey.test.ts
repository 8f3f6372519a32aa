// Set API Key: the key comes from its own input box only, is checked before it is stored, and a
// model list that failed to load (a bad key) is fetched again once the key changes.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { textReply } from '../../fake-anthropic/scripts';
import { eventually } from '../../support/eventually';
import { useFakeEndpoint } from '../fakeEndpoint';

function nextPost(api: { onDidPost: vscode.Event<HostToWebview> }, match: (m: HostToWebview) => boolean, ms = 10_000): Promise<HostToWebview> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching message within ${ms} ms`));
    }, ms);
    const sub = api.onDidPost((m) => {
      if (!match(m)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(m);
    });
  });
}

describe('Set API Key', () => {
  const endpoint = useFakeEndpoint('sk-api-key-suite');

  it('ignores a key passed as a command argument: nothing is stored, the input box asks instead', async () => {
    await vscode.commands.executeCommand('claudeChat.clearApiKey');
    const result = Promise.resolve(vscode.commands.executeCommand<boolean>('claudeChat.setApiKey', 'sk-from-another-extension'));
    let settled: boolean | undefined;
    void result.then((value) => (settled = value));
    // The input box opens asynchronously: Escape it (as a person would) until the command has returned.
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled !== undefined;
    }, 'Set API Key to return once its input box is closed');
    assert.equal(await result, false, 'the command stored nothing');
    const error = nextPost(endpoint.api, (m) => m.type === 'error');
    const restored = nextPost(endpoint.api, (m) => m.type === 'restoreComposer');
    await endpoint.api.session.send('Is a key set?');
    const message = await error;
    assert.equal(message.type === 'error' && message.actions.includes('setApiKey'), true, 'the view still asks for a key');
    assert.deepEqual(await restored, { type: 'restoreComposer', text: 'Is a key set?' }, 'the typed text is given back');
    assert.equal(endpoint.fake.messageRequests.length, 0, 'no request carried the injected key');
  });

  it('refuses a key with a character a header cannot carry, and keeps the key it had', async () => {
    await endpoint.api.setApiKey!('  sk-good-key  ');
    await assert.rejects(endpoint.api.setApiKey!('sk-good-key…'), /"…" \(U\+2026\)/);
    endpoint.fake.enqueue(textReply(['ok']));
    await endpoint.api.session.send('Which key?');
    assert.equal(endpoint.fake.messageRequests.at(-1)?.headers.authorization, 'Bearer sk-good-key', 'trimmed, and not replaced by the refused one');
    await endpoint.api.session.newChat();
  });

  describe('model list', () => {
    let server: Server;
    const modelRequests: string[] = [];
    before(async () => {
      // A gateway that lists its models only for the right key, as a real one would.
      server = createServer((req, res) => {
        modelRequests.push(String(req.headers.authorization));
        const ok = req.headers.authorization === 'Bearer sk-fixed';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        const data = [{ type: 'model', id: 'claude-gateway-only', display_name: 'Gateway Only', created_at: '2026-01-01T00:00:00Z' }];
        res.end(JSON.stringify(ok ? { data, has_more: false, first_id: data[0].id, last_id: data[0].id } : { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      await vscode.workspace.getConfiguration('claudeChat').update('baseURL', endpoint.fake.url, vscode.ConfigurationTarget.Global);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('is fetched again after the key is fixed, though it failed with the old key', async () => {
      await endpoint.api.setApiKey!('sk-wrong');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await vscode.workspace.getConfiguration('claudeChat').update('baseURL', url, vscode.ConfigurationTarget.Global);
      await eventually(async () => modelRequests.includes('Bearer sk-wrong'), 'the list to be asked for with the wrong key (and refused)');
      const offered = (m: HostToWebview) => m.type === 'models' && m.models.some((o) => o.id === 'claude-gateway-only');
      const models = nextPost(endpoint.api, offered);
      await endpoint.api.setApiKey!('sk-fixed');
      const message = await models;
      assert.equal(message.type === 'models' && message.models.find((o) => o.id === 'claude-gateway-only')?.label, 'Gateway Only', 'the picker offers the listed model');
      assert.equal(modelRequests.at(-1), 'Bearer sk-fixed');
    });
  });
});
