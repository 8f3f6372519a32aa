import * as assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost } from '../../src/core/protocol/protocol';
import { readHostMessage } from '../../src/core/protocol/hostMessageRepair';
import { WebviewChannel } from '../../src/core/protocol/webviewChannel';
import type { HostToWebview } from '../../src/core/protocol/protocol';

describe('protocol guards', () => {
  it('accept well-formed webview messages and refuse anything else', () => {
    for (const ok of [{ type: 'ready' }, { type: 'send', text: 'hi' }, { type: 'stop' }, { type: 'retry' }, { type: 'newChat' }, { type: 'setApiKey' }]) {
      assert.equal(isWebviewToHost(ok), true, JSON.stringify(ok));
    }
    for (const bad of [null, 'ready', [], {}, { type: 'send' }, { type: 'send', text: 3 }, { type: 'eval', code: 'x' }, { type: 'send', text: 'x'.repeat(1_000_001) }]) {
      assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad)?.slice(0, 40));
    }
  });

  it('check host messages field by field', () => {
    assert.equal(isHostToWebview({ type: 'replyDelta', id: 'a', text: 'b' }), true);
    assert.equal(isHostToWebview({ type: 'replyEnd', id: 'a', status: 'done' }), true);
    assert.equal(isHostToWebview({ type: 'replyEnd', id: 'a', status: 'weird' }), false);
    assert.equal(isHostToWebview({ type: 'error', message: 'm', actions: ['retry', 'setApiKey'] }), true);
    assert.equal(isHostToWebview({ type: 'error', message: 'm', actions: ['rm -rf'] }), false);
    const usage = { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1 };
    const instructionFiles: string[] = [];
    assert.equal(isHostToWebview({ type: 'init', hasKey: true, model: 'm', models: [], usage, instructionFiles, attachments: [], tools: { enabled: true }, transcript: [{ id: '1', role: 'user', text: 't' }] }), true);
    assert.equal(isHostToWebview({ type: 'init', hasKey: true, model: 'm', models: [], usage, instructionFiles, attachments: [], tools: { enabled: true }, transcript: [{ id: '1', role: 'system', text: 't' }] }), false);
    const card = { id: 'toolu_1', command: 'str_replace', path: 'src/a.ts', added: 1, removed: 1, lines: [{ kind: '-', text: 'a' }, { kind: '+', text: 'b' }], omitted: 0, state: 'pending' };
    assert.equal(isHostToWebview({ type: 'editCard', id: 'r', card }), true);
    assert.equal(isHostToWebview({ type: 'editCard', id: 'r', card: { ...card, state: 'maybe' } }), false);
    assert.equal(isHostToWebview({ type: 'editCard', id: 'r', card: { ...card, lines: [{ kind: '<script>', text: 'x' }] } }), false);
    assert.equal(isHostToWebview({ type: 'replyEnd', id: 'a', status: 'done', actions: ['continue', 'revert'], note: 'Cut off.' }), true);
    assert.equal(isHostToWebview({ type: 'replyEnd', id: 'a', status: 'done', actions: ['format-disk'] }), false);
    assert.equal(isHostToWebview({ type: 'toolsStatus', status: { enabled: false, reason: 'Restricted Mode' } }), true);
  });

  it('check the review and revert messages from the webview', () => {
    assert.equal(isWebviewToHost({ type: 'editDecision', cardId: 'toolu_1', accept: true }), true);
    assert.equal(isWebviewToHost({ type: 'editDecision', cardId: 'toolu_1', accept: 'yes' }), false);
    assert.equal(isWebviewToHost({ type: 'showDiff', cardId: 'toolu_1' }), true);
    assert.equal(isWebviewToHost({ type: 'revert', id: 'm1' }), true);
    assert.equal(isWebviewToHost({ type: 'revert' }), false);
    assert.equal(isWebviewToHost({ type: 'continue' }), true);
  });
});

describe('WebviewChannel (ready handshake)', () => {
  it('holds messages until ready, then sends the snapshot and the queued non-transcript messages', () => {
    const sent: HostToWebview[] = [];
    const channel = new WebviewChannel((m) => sent.push(m));
    channel.post({ type: 'replyDelta', id: 'r', text: 'covered by the snapshot' });
    channel.post({ type: 'error', message: 'boom', actions: [] });
    channel.post({ type: 'restoreComposer', text: 'draft' });
    assert.equal(sent.length, 0);
    const snapshot: HostToWebview = { type: 'init', hasKey: true, model: 'm', models: [], transcript: [], usage: { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1 }, instructionFiles: [], attachments: [], tools: { enabled: true } };
    channel.open(snapshot);
    assert.deepEqual(sent.map((m) => m.type), ['init', 'error', 'restoreComposer']);
    channel.post({ type: 'replyDelta', id: 'r', text: 'x' });
    assert.equal(sent.at(-1)?.type, 'replyDelta');
    channel.reset();
    channel.post({ type: 'replyDelta', id: 'r', text: 'y' });
    assert.equal(sent.length, 4);
  });
});

describe('host messages with a bad field', () => {
  const usage = { total: { input: 1, cacheRead: 0, cacheWrite: 0, output: 2 }, contextUsed: 3, contextLimit: 10 };
  const init = { type: 'init', hasKey: true, model: 'm', models: [{ id: 'm', label: 'M' }, { id: 7 }], usage, instructionFiles: [], attachments: [], tools: { enabled: true } };

  it('keep the end of a reply when its usage is not a number, dropping only the usage', () => {
    const message = readHostMessage({ type: 'replyEnd', id: 'r1', status: 'done', usage: { input: '12', cacheRead: 0, cacheWrite: 0, output: 3 }, note: 'ok', actions: ['continue', 'rm -rf'] });
    assert.deepEqual(message, { type: 'replyEnd', id: 'r1', status: 'done', note: 'ok', actions: ['continue'] });
    assert.equal(readHostMessage({ type: 'replyEnd', id: 'r1', status: 'done', usage: { input: NaN, cacheRead: 0, cacheWrite: 0, output: 0 } })?.type, 'replyEnd');
  });

  it('open a chat whose stored entries are partly bad: the bad entry or field goes, the rest shows', () => {
    const transcript = [
      { id: 'u1', role: 'user', text: 'hi' },
      { id: 'a1', role: 'assistant', text: 'hello', status: 'done', usage: { input: 'x' }, parts: [{ kind: 'text', text: 'hello' }, { kind: 'bogus' }] },
      { id: 'x', role: 'system', text: 'not a turn' },
    ];
    const message = readHostMessage({ ...init, transcript, usage: { total: 'lots' } });
    assert.ok(message?.type === 'init');
    assert.deepEqual(message.transcript.map((e) => e.id), ['u1', 'a1']);
    assert.equal(message.transcript[1].usage, undefined);
    assert.deepEqual(message.transcript[1].parts, [{ kind: 'text', text: 'hello' }]);
    assert.deepEqual(message.models.map((m) => m.id), ['m']);
    assert.equal(message.usage.contextLimit, 1);
  });

  it('still refuse a message whose required fields are wrong', () => {
    assert.equal(readHostMessage({ type: 'replyEnd', id: 5, status: 'done' }), undefined);
    assert.equal(readHostMessage({ type: 'nope' }), undefined);
  });
});
