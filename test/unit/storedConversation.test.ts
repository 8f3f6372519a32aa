// Saved and imported conversations read through the one schema of the stored conversation.
import * as assert from 'node:assert/strict';
import { parseConversation } from '../../src/core/conversation/storageFormat';

function file(turns: unknown[], version = 2): string {
  return JSON.stringify({ version, id: 'c1', title: 'T', createdAt: 1, updatedAt: 2, turns });
}

describe('stored conversations', () => {
  it('keep content blocks and tool results exactly as they arrived, so a reopened chat is sent back byte for byte', () => {
    const content = [
      { signature: 'sig', type: 'thinking', thinking: 'hmm' },
      { type: 'text', text: 'Reading.', citations: null },
      { type: 'tool_use', id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { path: 'a.ts', command: 'view' } },
    ];
    const results = [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '1: x' }] }];
    const turns = [
      { id: 'u1', role: 'user', text: 'hi' },
      { id: 'a1', role: 'assistant', rounds: [{ content, results }], status: 'done', model: 'claude-sonnet-5-5' },
    ];
    const parsed = parseConversation(file(turns));
    const reply = parsed.turns[1];
    assert.ok(reply.role === 'assistant');
    assert.equal(JSON.stringify(reply.rounds[0].content), JSON.stringify(content));
    assert.equal(JSON.stringify(reply.rounds[0].results), JSON.stringify(results));
  });

  it('settle what was in flight: a streaming reply reopens as interrupted, a card waiting for review as not applied', () => {
    const card = { id: 'toolu_1', command: 'create', path: 'b.ts', added: 1, removed: 0, lines: [{ kind: '+', text: 'x' }], omitted: 0, state: 'pending' };
    const turns = [
      { id: 'u1', role: 'user', text: 'make b' },
      { id: 'a1', role: 'assistant', rounds: [{ content: [{ type: 'text', text: 'ok' }], tools: [{ kind: 'edit', card }] }], status: 'streaming', model: 'm' },
    ];
    const reply = parseConversation(file(turns)).turns[1];
    assert.ok(reply.role === 'assistant');
    assert.equal(reply.status, 'interrupted');
    assert.deepEqual(reply.rounds[0].tools, [{ kind: 'edit', card: { ...card, state: 'notApplied', note: 'the chat closed before it was reviewed' } }]);
  });

  it('reopen a command that waited or ran as not run (its process ended with the window); a finished one as it was', () => {
    const command = (id: string, state: string, extra = {}) => ({ kind: 'command', card: { id, command: 'npm test', state, output: 'PASS 3\n', ...extra } });
    const tools = [command('toolu_1', 'pending', { prefix: 'npm test' }), command('toolu_2', 'running', { elapsedMs: 900 }), command('toolu_3', 'done', { exitCode: 1, elapsedMs: 2000 }), command('toolu_4', 'skipped')];
    const turns = [
      { id: 'u1', role: 'user', text: 'test it' },
      { id: 'a1', role: 'assistant', rounds: [{ content: [{ type: 'text', text: 'Running the tests.' }], tools }], status: 'streaming', model: 'm' },
    ];
    const reply = parseConversation(file(turns)).turns[1];
    assert.ok(reply.role === 'assistant');
    const cards = reply.rounds[0].tools?.map((view) => (view.kind === 'command' ? view.card : undefined));
    assert.deepEqual(cards?.map((c) => [c?.id, c?.state, c?.note]), [
      ['toolu_1', 'notRun', 'the chat closed before it finished'],
      ['toolu_2', 'notRun', 'the chat closed before it finished'],
      ['toolu_3', 'done', undefined],
      ['toolu_4', 'skipped', undefined],
    ]);
    assert.equal(cards?.[1]?.output, 'PASS 3\n', 'what it printed before the window closed is kept');
    assert.equal(cards?.[2]?.exitCode, 1);
  });

  it('open a version 1 file (one content array per reply) as one round', () => {
    const turns = [
      { id: 'u1', role: 'user', text: 'hi' },
      { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'hello' }], usage: { input_tokens: 3, output_tokens: 4 }, status: 'done', model: 'm' },
    ];
    const reply = parseConversation(file(turns, 1)).turns[1];
    assert.deepEqual(reply, {
      id: 'a1',
      role: 'assistant',
      status: 'done',
      model: 'm',
      rounds: [{ content: [{ type: 'text', text: 'hello' }], usage: { input_tokens: 3, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } }],
    });
  });

  it('drop only what is wrong: a bad usage, an unknown action, a bad attachment, a bad tool line', () => {
    const turns = [
      { id: 'u1', role: 'user', text: 'look', attachments: [{ kind: 'image', id: 'i1', name: 'x.png', mediaType: 'image/png', width: 1, height: 1, sha256: 'nothex' }, { kind: 'selection', id: 's1', path: 'a.ts', language: 'ts', code: 'x', startLine: 1, endLine: 1 }] },
      {
        id: 'a1',
        role: 'assistant',
        rounds: [{ content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 'many', output_tokens: 1 }, tools: [{ kind: 'tool', text: 'Read a.ts' }, { kind: 'nope' }] }],
        status: 'bogus',
        model: 7,
        actions: ['continue', 'revert', 'format-disk'],
        changed: ['a.ts', 3],
      },
    ];
    const [user, reply] = parseConversation(file(turns)).turns;
    assert.ok(user.role === 'user' && reply.role === 'assistant');
    assert.deepEqual(user.attachments?.map((a) => a.id), ['s1']);
    assert.deepEqual(reply.rounds[0], { content: [{ type: 'text', text: 'ok' }], tools: [{ kind: 'tool', text: 'Read a.ts', isError: false }] });
    assert.equal(reply.status, 'done');
    assert.equal(reply.model, '');
    assert.deepEqual(reply.actions, ['continue'], 'Revert changes is derived from the files changed, never stored');
    assert.deepEqual(reply.changed, ['a.ts']);
  });

  it('refuse a file that is not a conversation, naming the turn that is malformed', () => {
    assert.throws(() => parseConversation('{'), /not valid JSON/);
    assert.throws(() => parseConversation(JSON.stringify({ version: 9, turns: [] })), /not a Claude Chat conversation/);
    assert.throws(() => parseConversation(file([{ id: 'u1', role: 'user', text: 'hi' }, { id: 'a1', role: 'assistant', rounds: [{ content: [{ type: 'text' }] }] }])), /Turn 2 of the conversation is malformed/);
  });
});
