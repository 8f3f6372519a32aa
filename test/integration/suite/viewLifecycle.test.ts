// The chat view comes and goes: a reply streaming when the view is closed stops and is kept.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { Gate, textReply } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

function nextPost(api: { onDidPost: vscode.Event<HostToWebview> }, match: (m: HostToWebview) => boolean, what: string): Promise<HostToWebview> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 15_000);
    const sub = api.onDidPost((m) => {
      if (!match(m)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(m);
    });
  });
}

describe('chat view lifecycle', () => {
  const endpoint = useFakeEndpoint('sk-view-lifecycle');

  it('shows the chat again after it was hidden (the webview reloads and gets a snapshot)', async () => {
    await vscode.commands.executeCommand('claudeChat.chatView.focus');
    await vscode.commands.executeCommand('workbench.view.explorer');
    const init = nextPost(endpoint.api, (m) => m.type === 'init', 'the snapshot for the reloaded view');
    await vscode.commands.executeCommand('claudeChat.chatView.focus');
    await init;
  });

  it('closing the view stops a streaming reply, which is kept and stored as stopped', async () => {
    const gate = new Gate();
    endpoint.fake.enqueue(textReply(['Partial ', 'never sent'], { pauseAfter: { chunks: 1, gate } }));
    const started = nextPost(endpoint.api, (m) => m.type === 'replyDelta', 'the first text');
    const sending = endpoint.api.session.send('Write a long answer');
    await started;
    const ended = nextPost(endpoint.api, (m) => m.type === 'replyEnd', 'the end of the reply');
    await vscode.commands.executeCommand('claudeChat.chatView.removeView');
    try {
      const end = await ended;
      assert.equal(end.type === 'replyEnd' && end.status, 'stopped');
      await sending;
      const request = endpoint.fake.messageRequests.at(-1)!;
      await request.closed;
      assert.equal(request.aborted, true, 'the request was cancelled');
      await endpoint.api.store.flush();
      const stored = await endpoint.api.store.load(endpoint.api.session.conversationId);
      const reply = stored?.turns.at(-1);
      assert.equal(reply?.role === 'assistant' && reply.status, 'stopped');
      assert.match(JSON.stringify(reply), /Partial /, 'the text that arrived is kept');
    } finally {
      gate.open();
      const init = nextPost(endpoint.api, (m) => m.type === 'init', 'the view again');
      await vscode.commands.executeCommand('claudeChat.chatView.focus');
      await init;
    }
  });
});
