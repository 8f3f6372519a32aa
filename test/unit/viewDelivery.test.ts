import * as assert from 'node:assert/strict';
import { chatCsp } from '../../src/core/view/contentSecurityPolicy';
import type { HostToWebview } from '../../src/core/protocol/protocol';
import { WebviewChannel } from '../../src/core/protocol/webviewChannel';

const snapshot: HostToWebview = {
  type: 'init',
  hasKey: true,
  model: 'm',
  models: [],
  transcript: [],
  usage: { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1, freed: 0 },
  instructionFiles: [],
  attachments: [],
  tools: { enabled: true },
  queue: [],
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WebviewChannel while the view is hidden', () => {
  it('queues an error and the restored text posted after a reset, and replays them after the next snapshot', () => {
    const sent: HostToWebview[] = [];
    const channel = new WebviewChannel((m) => void sent.push(m));
    channel.open(snapshot);
    channel.reset(); // the view hid: its document is gone
    channel.post({ type: 'replyDelta', id: 'r', text: 'in the next snapshot' });
    channel.post({ type: 'error', message: 'The API refused the request.', actions: ['retry'] });
    channel.post({ type: 'restoreComposer', text: 'my question' });
    channel.post({ type: 'ignoredSettings', keys: ['claudeChat.model'], userOnly: [] });
    assert.deepEqual(sent.map((m) => m.type), ['init'], 'nothing goes to a view without a document');
    channel.open(snapshot);
    assert.deepEqual(sent.slice(1), [snapshot, { type: 'error', message: 'The API refused the request.', actions: ['retry'] }, { type: 'restoreComposer', text: 'my question' }]);
  });

  it('keeps a message the webview dropped (posted just before the host heard it hid) for the next ready, in order', async () => {
    const sent: HostToWebview[] = [];
    let live = true;
    const channel = new WebviewChannel((m) => {
      if (live) sent.push(m);
      return Promise.resolve(live);
    });
    channel.open(snapshot);
    live = false;
    channel.post({ type: 'error', message: 'first', actions: [] });
    channel.post({ type: 'replyDelta', id: 'r', text: 'covered by the snapshot' });
    channel.reset();
    channel.post({ type: 'restoreComposer', text: 'second' });
    await tick();
    live = true;
    channel.open(snapshot);
    assert.deepEqual(sent.map((m) => (m.type === 'error' ? m.message : m.type === 'restoreComposer' ? m.text : m.type)), ['init', 'init', 'first', 'second']);
  });

  it('keeps a message whose post failed (a disposed webview), without an unhandled rejection', async () => {
    const sent: HostToWebview[] = [];
    let disposed = true;
    const channel = new WebviewChannel((m) => (disposed ? Promise.reject(new Error('Webview is disposed')) : Promise.resolve(sent.push(m) > 0)));
    channel.open(snapshot);
    channel.post({ type: 'error', message: 'kept', actions: [] });
    await tick();
    disposed = false;
    channel.open(snapshot);
    assert.deepEqual(sent.map((m) => m.type), ['init', 'error']);
  });

  it('drops waiting errors once a key is set or cleared, or a new chat starts: they no longer apply', () => {
    const sent: HostToWebview[] = [];
    const channel = new WebviewChannel((m) => void sent.push(m));
    channel.post({ type: 'error', message: 'The API rejected the API key.', actions: ['setApiKey'] });
    channel.post({ type: 'restoreComposer', text: 'kept' });
    channel.post({ type: 'keyStatus', hasKey: true });
    channel.post({ type: 'error', message: 'Overloaded.', actions: [] });
    channel.post({ type: 'cleared' });
    channel.open(snapshot);
    assert.deepEqual(sent.map((m) => m.type), ['init', 'restoreComposer']);
  });

  it('holds at most the newest 100 messages for a view that never opens', () => {
    const sent: HostToWebview[] = [];
    const channel = new WebviewChannel((m) => void sent.push(m));
    for (let i = 0; i < 150; i++) channel.post({ type: 'error', message: `e${i}`, actions: [] });
    channel.open(snapshot);
    assert.equal(sent.length, 101);
    assert.deepEqual(sent[1], { type: 'error', message: 'e50', actions: [] });
    assert.deepEqual(sent.at(-1), { type: 'error', message: 'e149', actions: [] });
  });
});

describe('chat webview CSP', () => {
  it('allows only the nonce script and extension resources, and closes base-uri and form-action', () => {
    const csp = chatCsp('abc123', 'https://ext.vscode-cdn.net');
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc123'; style-src https://ext.vscode-cdn.net; img-src https://ext.vscode-cdn.net data:; font-src https://ext.vscode-cdn.net; base-uri 'none'; form-action 'none'",
    );
  });
});
