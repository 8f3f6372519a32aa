// Run, Skip and "Always allow" on a command card reach the tool that waits for them; an allowed
// prefix goes to the person's settings before the command is let through.
import * as assert from 'node:assert/strict';
import type { AgentTool } from '../../src/core/tools/agentTool';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';

/** A tool that asks with a command card and answers with the decision it got (the real bash tool runs the command here). */
function askingTool(events: string[]): AgentTool {
  const offered = new Map<string, string>();
  return {
    offeredPrefix: (cardId) => offered.get(cardId),
    name: 'shell',
    definition: { name: 'shell', description: 'Runs a command after the person says so.', input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
    async run(call) {
      const command = String(call.input.command);
      const card = { id: call.id, command, state: 'pending' as const, output: '', prefix: command.split(' ').slice(0, 2).join(' ') };
      call.show({ kind: 'command', card }, { type: 'commandCard', id: call.replyId, card });
      offered.set(call.id, card.prefix);
      const decision = await call.decision(call.id);
      offered.delete(call.id);
      events.push(`decision:${decision}`);
      const state = decision === 'accept' ? ('done' as const) : ('skipped' as const);
      call.update(call.id, (view) => (view.kind === 'command' ? { ...view, card: { ...view.card, state } } : view), { type: 'commandState', cardId: call.id, state });
      return { content: decision === 'accept' ? 'ran' : 'The person skipped this command: it did not run.', isError: decision !== 'accept' };
    },
  };
}

describe('deciding a command card', () => {
  const h = useEngineHarness();
  let events: string[];
  /** Lets the settings write finish (the host's write is asynchronous). */
  let written: () => void;
  const engine = () =>
    h.engine({
      tools: { tools: [askingTool(events)], autoApprove: () => 'all' },
      allowCommandPrefix: (prefix) => {
        events.push(`allow:${prefix}`);
        return new Promise<void>((resolve) => {
          written = () => {
            events.push('written');
            resolve();
          };
        });
      },
    });
  beforeEach(() => {
    events = [];
  });

  it('Always allow writes the prefix to the allowed commands first, then lets the command run', async () => {
    h.fake.enqueue(reply([toolUse('toolu_1', 'shell', { command: 'npm test --silent' })]), reply([text('All green.')]));
    const chat = engine();
    const sent = chat.send('Run the tests');
    const card = await h.until('commandCard');
    assert.equal(card.card.prefix, 'npm test');
    const decided = chat.handle({ type: 'commandDecision', cardId: 'toolu_1', run: true, allowPrefix: ' npm test ' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ['allow:npm test'], 'the command waits until the setting is written');
    written();
    await decided;
    await sent;
    assert.deepEqual(events, ['allow:npm test', 'written', 'decision:accept']);
    assert.deepEqual(lastResults(h.fake.messageRequests[1].json).map((r) => [r.tool_use_id, r.content]), [['toolu_1', 'ran']]);
  });

  it('Skip allows nothing, even with a prefix, and Claude hears that the command did not run', async () => {
    h.fake.enqueue(reply([toolUse('toolu_2', 'shell', { command: 'rm -rf build' })]), reply([text('I will leave it.')]));
    const chat = engine();
    const sent = chat.send('Clean up');
    await h.until('commandCard');
    await chat.handle({ type: 'commandDecision', cardId: 'toolu_2', run: false, allowPrefix: 'rm -rf' });
    await sent;
    assert.deepEqual(events, ['decision:reject']);
    const [result] = lastResults(h.fake.messageRequests[1].json);
    assert.equal(result.is_error, true);
    assert.match(result.content, /skipped/);
  });

  it('only the prefix the card offered can be allowed: another one that comes with Run is ignored, and the command runs once', async () => {
    h.fake.enqueue(reply([toolUse('toolu_5', 'shell', { command: 'npm test' })]), reply([text('Done.')]));
    const chat = engine();
    const sent = chat.send('Test it');
    await h.until('commandCard');
    await chat.handle({ type: 'commandDecision', cardId: 'toolu_5', run: true, allowPrefix: 'rm' });
    await sent;
    assert.deepEqual(events, ['decision:accept'], 'nothing was written to the allowed commands');
  });

  it('Run without a prefix (or a blank one) touches no setting', async () => {
    h.fake.enqueue(reply([toolUse('toolu_3', 'shell', { command: 'ls' }), toolUse('toolu_4', 'shell', { command: 'pwd' })]), reply([text('Listed.')]));
    const chat = engine();
    const sent = chat.send('Look around');
    await h.until('commandCard', (m) => m.card.id === 'toolu_3');
    await chat.handle({ type: 'commandDecision', cardId: 'toolu_3', run: true });
    await h.until('commandCard', (m) => m.card.id === 'toolu_4');
    await chat.handle({ type: 'commandDecision', cardId: 'toolu_4', run: true, allowPrefix: '   ' });
    await sent;
    assert.deepEqual(events, ['decision:accept', 'decision:accept']);
  });
});
