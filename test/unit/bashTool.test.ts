// The bash tool through the engine, the real SDK and the fake server, running a real shell: nothing
// runs before Run unless the person's own list allows it, and Claude hears how each command ended.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STOPPED_RESULT } from '../../src/core/conversation/history';
import { BASH_TOOL_DEFINITION, SKIPPED_RESULT } from '../../src/core/tools/bash/bashTool';
import { useBashHarness } from '../support/bashHarness';

describe('bash tool: approval', () => {
  const b = useBashHarness();
  const { h } = b;

  it('is declared exactly as the API defines it, and a command waits for Run before anything happens', async () => {
    b.script({ command: 'touch ran.txt && echo made it' });
    const engine = b.engine();
    const sent = engine.send('Make the file');
    const card = await h.until('commandCard', (m) => m.card.id === 'toolu_1');
    assert.deepEqual(h.fake.messageRequests[0].json.tools.at(-1), BASH_TOOL_DEFINITION);
    assert.deepEqual(BASH_TOOL_DEFINITION, { type: 'bash_20250124', name: 'bash' });
    assert.equal(card.card.state, 'pending');
    assert.equal(card.card.command, 'touch ran.txt && echo made it');
    assert.equal(card.card.prefix, undefined, 'no prefix offered for a compound command');
    assert.equal(existsSync(join(b.dir, 'ran.txt')), false, 'nothing ran before Run');
    void engine.handle({ type: 'commandDecision', cardId: 'toolu_1', run: true });
    await sent;
    assert.equal(existsSync(join(b.dir, 'ran.txt')), true);
    assert.deepEqual([b.result(1).content, b.result(1).is_error], ['made it\nExit code: 0', undefined]);
    const done = h.ofType('commandState').at(-1);
    assert.equal(done?.state, 'done');
    assert.equal(done?.exitCode, 0);
    assert.ok(typeof done?.elapsedMs === 'number');
    const stored = h.saves.at(-1)?.conversation.turns.at(-1);
    const view = stored?.role === 'assistant' ? stored.rounds?.[0].tools?.[0] : undefined;
    assert.equal(view?.kind === 'command' && view.card.state, 'done', 'the saved card shows the outcome');
    assert.equal(view?.kind === 'command' && view.card.output, 'made it\n', 'and the output');
  });

  it('Skip runs nothing and tells Claude', async () => {
    b.script({ command: 'touch skipped.txt' });
    const engine = b.engine();
    const sent = engine.send('Make the file');
    const card = await h.until('commandCard');
    assert.equal(card.card.prefix, undefined, 'touch writes files: the card offers no prefix for it');
    void engine.handle({ type: 'commandDecision', cardId: 'toolu_1', run: false });
    await sent;
    assert.equal(existsSync(join(b.dir, 'skipped.txt')), false);
    assert.deepEqual([b.result(1).content, b.result(1).is_error], [SKIPPED_RESULT, true]);
    assert.equal(h.ofType('commandState').at(-1)?.state, 'skipped');
  });

  it('a command every part of which the person allowed runs without asking, and the card says why', async () => {
    h.settings = { ...h.settings, allowedCommands: ['echo', 'pwd'] };
    b.script({ command: 'echo hi && pwd' });
    await b.engine().send('Where am I?');
    assert.equal(b.result(1).content, `hi\n${b.dir}\nExit code: 0`);
    const [card] = h.ofType('commandCard');
    assert.deepEqual([card.card.state, card.card.note, card.card.prefix], ['running', 'Allowed by your setting: echo, pwd', undefined], 'no Run or Skip, and why');
  });

  it('an allowed program that an earlier command turned into a function or an alias asks again, and the card says why', async () => {
    h.settings = { ...h.settings, allowedCommands: ['npm test', 'ls'] };
    b.script({ command: 'npm() { touch hacked.txt; }' }, { command: 'npm test' }, { command: 'ls' });
    const engine = b.engine();
    const sent = engine.send('Set up, then test');
    await b.decide(engine, 1, true); // the person ran the definition (it looked harmless)
    const card = await h.until('commandCard', (m) => m.card.id === 'toolu_2');
    assert.equal(card.card.state, 'pending', 'the allowed prefix no longer covers it');
    assert.match(card.card.note ?? '', /`npm` is a function or an alias in this shell/);
    void engine.handle({ type: 'commandDecision', cardId: 'toolu_2', run: false });
    await sent;
    assert.equal(existsSync(join(b.dir, 'hacked.txt')), false, 'the function never ran');
    assert.equal(b.result(3).content, '(no output)\nExit code: 0', 'a program that is still itself runs by its prefix');
    assert.match(h.ofType('commandCard').find((m) => m.card.id === 'toolu_3')?.card.note ?? '', /Allowed by your setting: ls/);
  });

  it('autoApprove "all" does not cover commands, nor does anything Claude puts in the input', async () => {
    h.settings = { ...h.settings, autoApprove: 'all', allowedCommands: ['echo'] };
    b.script({ command: 'echo hi; touch sneaky.txt' });
    const engine = b.engine();
    const sent = engine.send('Go');
    assert.equal((await h.until('commandCard')).card.state, 'pending');
    engine.stop();
    await sent;
    assert.equal(existsSync(join(b.dir, 'sneaky.txt')), false);
    assert.equal(h.ofType('commandState').at(-1)?.state, 'notRun');
    assert.equal(savedResult(h)?.content, STOPPED_RESULT);
  });

  it('a wrong input is a precise error to Claude, and no card appears', async () => {
    b.script({}, { command: 'ls', timeout: 5 }, { restart: false }, { command: 'ls', restart: true }, { command: '  ' }, { command: 7 });
    await b.engine().send('Go');
    const errors = [1, 2, 3, 4, 5, 6].map((n) => b.result(n));
    assert.ok(errors.every((r) => r.is_error === true));
    assert.match(errors[0].content, /^"command" must be a string\. Call bash with \{"command": "<command line>"\}/);
    assert.match(errors[1].content, /^Unknown input "timeout"\./);
    assert.match(errors[2].content, /^"restart" must be true\./);
    assert.match(errors[3].content, /^Give either "command" or "restart", not both\./);
    assert.match(errors[4].content, /^"command" is empty\./);
    assert.match(errors[5].content, /^"command" must be a string\./);
    assert.equal(h.ofType('commandCard').length, 0);
  });
});

/** The first tool_result of the last reply as saved (a stopped reply sends no further request). */
function savedResult(h: ReturnType<typeof useBashHarness>['h']) {
  const turn = h.saves.at(-1)?.conversation.turns.at(-1);
  return turn?.role === 'assistant' ? turn.rounds?.[0].results?.[0] : undefined;
}
