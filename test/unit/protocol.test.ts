import * as assert from 'node:assert/strict';
import { isWebviewToHost, parseWebviewMessage, readHostMessage, routerOf, type WebviewToHost } from '../../src/core/protocol/protocol';
import { WebviewChannel } from '../../src/core/protocol/webviewChannel';
import type { HostToWebview } from '../../src/core/protocol/protocol';

/** What the message is once posted (a field left out and one set to undefined look the same). */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

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
    const ok = (m: unknown) => readHostMessage(m) !== undefined;
    assert.equal(ok({ type: 'replyDelta', id: 'a', text: 'b' }), true);
    assert.equal(ok({ type: 'replyEnd', id: 'a', status: 'done' }), true);
    assert.equal(ok({ type: 'replyEnd', id: 'a', status: 'weird' }), false);
    assert.deepEqual(readHostMessage({ type: 'error', message: 'm', actions: ['retry', 'setApiKey'] }), { type: 'error', message: 'm', actions: ['retry', 'setApiKey'] });
    assert.deepEqual(plain(readHostMessage({ type: 'error', message: 'm', actions: ['rm -rf', 'retry'] })), { type: 'error', message: 'm', actions: ['retry'] }, 'an unknown action never becomes a button');
    const usage = { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1, freed: 0 };
    const instructionFiles: string[] = [];
    const init = { type: 'init', hasKey: true, model: 'm', models: [], usage, instructionFiles, attachments: [], tools: { enabled: true }, queue: [] };
    assert.equal(ok({ ...init, transcript: [{ id: '1', role: 'user', text: 't' }] }), true);
    const withSystem = readHostMessage({ ...init, transcript: [{ id: '1', role: 'system', text: 't' }] });
    assert.deepEqual(withSystem?.type === 'init' && withSystem.transcript, [], 'an entry that is not a turn is left out');
    const card = { id: 'toolu_1', command: 'str_replace', path: 'src/a.ts', added: 1, removed: 1, lines: [{ kind: '-', text: 'a' }, { kind: '+', text: 'b' }], omitted: 0, state: 'pending' };
    assert.equal(ok({ type: 'editCard', id: 'r', card }), true);
    assert.equal(ok({ type: 'editCard', id: 'r', card: { ...card, state: 'maybe' } }), false);
    assert.equal(ok({ type: 'editCard', id: 'r', card: { ...card, lines: [{ kind: '<script>', text: 'x' }] } }), false);
    assert.equal(ok({ type: 'replyEnd', id: 'a', status: 'done', actions: ['continue', 'revert'], note: 'Cut off.' }), true);
    assert.deepEqual(plain(readHostMessage({ type: 'replyEnd', id: 'a', status: 'done', actions: ['format-disk'] })), { type: 'replyEnd', id: 'a', status: 'done', actions: [] });
    assert.equal(ok({ type: 'toolsStatus', status: { enabled: false, reason: 'Restricted Mode' } }), true);
  });

  it('say why a webview message is refused, so none is dropped silently', () => {
    const refused = parseWebviewMessage({ type: 'editDecision', cardId: 'toolu_1', accept: 'yes' });
    assert.ok('problem' in refused);
    assert.match(refused.problem, /editDecision.*accept/);
    const unknown = parseWebviewMessage({ type: 'eval', code: 'x' });
    assert.ok('problem' in unknown && unknown.problem.includes('"eval"'));
    assert.deepEqual(parseWebviewMessage({ type: 'send', text: 'hi' }), { message: { type: 'send', text: 'hi' } });
  });

  it('route each message to the handler of its type', () => {
    const seen: string[] = [];
    const route = routerOf<WebviewToHost, void>({
      ready: () => void seen.push('ready'),
      send: (m) => void seen.push(`send:${m.text}`),
      stop: () => void seen.push('stop'),
      compact: () => void seen.push('compact'),
      retry: () => undefined,
      newChat: () => undefined,
      setApiKey: () => undefined,
      pickModel: () => undefined,
      selectModel: (m) => void seen.push(`model:${m.model}`),
      removeAttachment: () => undefined,
      addImage: () => undefined,
      attachImage: () => undefined,
      addDocument: () => undefined,
      addImageUrl: () => undefined,
      attachUris: () => undefined,
      editDecision: () => undefined,
      commandDecision: (m) => void seen.push(`command:${m.cardId}:${m.run}:${m.allowPrefix ?? ''}`),
      showDiff: () => undefined,
      continue: () => undefined,
      revert: () => undefined,
      tryAgain: () => undefined,
      editLast: () => undefined,
      removeQueued: () => undefined,
      editQueued: () => undefined,
      copyCode: () => undefined,
      insertCode: () => undefined,
    });
    route({ type: 'send', text: 'hi' });
    route({ type: 'selectModel', model: 'claude-x' });
    route({ type: 'stop' });
    route({ type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: 'npm test' });
    assert.deepEqual(seen, ['send:hi', 'model:claude-x', 'stop', 'command:toolu_1:true:npm test']);
  });

  it('check the review and revert messages from the webview', () => {
    assert.equal(isWebviewToHost({ type: 'editDecision', cardId: 'toolu_1', accept: true }), true);
    assert.equal(isWebviewToHost({ type: 'editDecision', cardId: 'toolu_1', accept: 'yes' }), false);
    assert.equal(isWebviewToHost({ type: 'showDiff', cardId: 'toolu_1' }), true);
    assert.equal(isWebviewToHost({ type: 'revert', id: 'm1' }), true);
    assert.equal(isWebviewToHost({ type: 'revert' }), false);
    assert.equal(isWebviewToHost({ type: 'continue' }), true);
  });

  it('check Run, Skip and Always allow from a command card', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'commandDecision', cardId: 'toolu_1', run: true }), { message: { type: 'commandDecision', cardId: 'toolu_1', run: true } });
    assert.deepEqual(parseWebviewMessage({ type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: 'npm test' }), {
      message: { type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: 'npm test' },
    });
    assert.equal(isWebviewToHost({ type: 'commandDecision', cardId: 'toolu_1', run: false }), true);
    const refused = parseWebviewMessage({ type: 'commandDecision', cardId: 'toolu_1', run: 'yes' });
    assert.ok('problem' in refused && /commandDecision.*run/.test(refused.problem), 'a decision that is not a boolean is refused, with the reason');
    assert.equal(isWebviewToHost({ type: 'commandDecision', run: true }), false);
    assert.equal(isWebviewToHost({ type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: 7 }), false);
    assert.equal(isWebviewToHost({ type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: 'x'.repeat(501) }), false, 'no prefix longer than a command line');
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
    const snapshot: HostToWebview = { type: 'init', hasKey: true, model: 'm', models: [], transcript: [], usage: { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1, freed: 0 }, instructionFiles: [], attachments: [], tools: { enabled: true }, queue: [] };
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
  const init = { type: 'init', hasKey: true, model: 'm', models: [{ id: 'm', label: 'M' }, { id: 7 }], usage, instructionFiles: [], attachments: [], tools: { enabled: true }, queue: [] };

  it('keep the end of a reply when its usage is not a number, dropping only the usage', () => {
    const message = readHostMessage({ type: 'replyEnd', id: 'r1', status: 'done', usage: { input: '12', cacheRead: 0, cacheWrite: 0, output: 3 }, note: 'ok', actions: ['continue', 'rm -rf'] });
    assert.deepEqual(plain(message), { type: 'replyEnd', id: 'r1', status: 'done', note: 'ok', actions: ['continue'] });
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

  it('pass command cards, their output and their outcome; repair only a bad optional field', () => {
    const card = { id: 'toolu_1', command: 'npm test', state: 'pending', output: '', prefix: 'npm test' };
    assert.deepEqual(plain(readHostMessage({ type: 'commandCard', id: 'r1', card })), { type: 'commandCard', id: 'r1', card });
    assert.deepEqual(plain(readHostMessage({ type: 'commandCard', id: 'r1', card: { ...card, output: 5 } })), { type: 'commandCard', id: 'r1', card: { ...card, output: '' } });
    assert.deepEqual(plain(readHostMessage({ type: 'commandCard', id: 'r1', card: { ...card, exitCode: 'zero' } })), { type: 'commandCard', id: 'r1', card });
    assert.equal(readHostMessage({ type: 'commandCard', id: 'r1', card: { ...card, state: 'exploded' } }), undefined);
    assert.equal(readHostMessage({ type: 'commandCard', id: 'r1', card: { ...card, command: undefined } }), undefined);
    assert.deepEqual(readHostMessage({ type: 'commandOutput', cardId: 'toolu_1', text: 'hello\n' }), { type: 'commandOutput', cardId: 'toolu_1', text: 'hello\n' });
    assert.equal(readHostMessage({ type: 'commandOutput', cardId: 'toolu_1' }), undefined);
    const done = { type: 'commandState', cardId: 'toolu_1', state: 'done', exitCode: 2, elapsedMs: 1500 };
    assert.deepEqual(plain(readHostMessage(done)), done);
    assert.deepEqual(plain(readHostMessage({ ...done, state: 'stopped', exitCode: null, note: 'timed out after 120 s' })), { ...done, state: 'stopped', exitCode: null, note: 'timed out after 120 s' }, 'null: killed');
    assert.deepEqual(plain(readHostMessage({ ...done, exitCode: 'one' })), { type: 'commandState', cardId: 'toolu_1', state: 'done', elapsedMs: 1500 }, 'a bad exit code is left out');
    assert.equal(readHostMessage({ ...done, state: 'finished' }), undefined);
  });

  it('still refuse a message whose required fields are wrong', () => {
    assert.equal(readHostMessage({ type: 'replyEnd', id: 5, status: 'done' }), undefined);
    assert.equal(readHostMessage({ type: 'nope' }), undefined);
  });
});
