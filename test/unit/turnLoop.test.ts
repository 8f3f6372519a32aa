// The tool loop end to end in Node: ChatEngine + the real SDK + the fake server (which rejects any
// history the real API would reject) + in-memory workspace files.
import * as assert from 'node:assert/strict';
import { busyMessage, CONTINUE_TEXT } from '../../src/core/engine/chatEngine';
import { Gate, reply, refusal, text, thinking, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';

const EDITOR = 'str_replace_based_edit_tool';
const view = (id: string, path: string) => toolUse(id, EDITOR, { command: 'view', path });
const replace = (id: string, path: string, old_str: string, new_str: string) => toolUse(id, EDITOR, { command: 'str_replace', path, old_str, new_str });

describe('the turn loop with the text editor tool', () => {
  const h = useEngineHarness();

  it('view → str_replace → Accept: writes after Accept only, and sends each result back', async () => {
    h.fake.enqueue(reply([text('Let me look.'), view('toolu_1', 'src/a.ts')]), reply([replace('toolu_2', 'src/a.ts', 'const b = 2', 'const b = 3')]), reply([text('Done: b is 3.')]));
    const chat = h.engine();
    const sent = chat.send('Set b to 3');
    const card = await h.until('editCard');
    assert.equal(card.card.path, 'src/a.ts');
    assert.deepEqual([card.card.added, card.card.removed, card.card.state], [1, 1, 'pending']);
    assert.equal(h.files.writes, 0, 'nothing is written before Accept');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_2', accept: true });
    await sent;
    assert.equal(h.files.text('src/a.ts'), 'export const a = 1;\nexport const b = 3;\n');
    const [first, second, third] = h.fake.messageRequests.map((r) => r.json);
    assert.deepEqual(first.tools, [{ type: 'text_editor_20250728', name: EDITOR, max_characters: 60_000 }]);
    assert.match(lastResults(second)[0].content, /1\texport const a = 1;\n\s+2\texport const b = 2;/);
    assert.equal(lastResults(third)[0].is_error, undefined);
    assert.match(lastResults(third)[0].content, /has been edited/);
    assert.deepEqual(h.ofType('editState').map((m) => m.state), ['applied']);
    const end = h.ofType('replyEnd')[0];
    assert.deepEqual([end.status, end.actions], ['done', ['revert']]);
    const parts = chat.transcript()[1].parts?.map((p) => p.kind);
    assert.deepEqual(parts, ['text', 'tool', 'edit', 'text']);
    assert.equal(h.ofType('replyStart').length, 1, 'one reply for the whole loop');
  });

  it('Reject leaves the file, tells Claude, and Claude goes on', async () => {
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 10')]), reply([text('Understood, leaving it.')]));
    const chat = h.engine();
    const sent = chat.send('Change a');
    await h.until('editCard');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: false });
    await sent;
    assert.equal(h.files.writes, 0);
    const [result] = lastResults(h.fake.messageRequests[1].json);
    assert.deepEqual([result.is_error, /rejected/.test(result.content)], [true, true]);
    assert.equal(chat.transcript()[1].text, 'Understood, leaving it.');
  });

  it('answers several tool_use blocks of one message in one user message', async () => {
    h.fake.enqueue(reply([view('toolu_a', 'src/a.ts'), view('toolu_b', 'README.md')]), reply([text('Both read.')]));
    await h.engine().send('Read both');
    const results = lastResults(h.fake.messageRequests[1].json);
    assert.deepEqual(results.map((r) => r.tool_use_id), ['toolu_a', 'toolu_b']);
    assert.match(results[1].content, /# Demo/);
  });

  it('refuses paths outside the workspace and .git without asking, and writes nothing', async () => {
    h.fake.enqueue(reply([toolUse('toolu_1', EDITOR, { command: 'create', path: '../x', file_text: 'x' }), view('toolu_2', '/etc/passwd'), view('toolu_3', '.git/config')]), reply([text('Cannot.')]));
    await h.engine().send('Escape');
    assert.equal(h.ofType('editCard').length, 0);
    assert.deepEqual(lastResults(h.fake.messageRequests[1].json).map((r) => r.is_error), [true, true, true]);
    assert.deepEqual(h.ofType('toolNote').map((m) => m.isError), [true, true, true]);
    assert.equal(h.files.writes, 0);
  });

  it('a str_replace that does not match gives the precise error and changes nothing', async () => {
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'const c = 3', 'const c = 4')]), reply([text('I see.')]));
    await h.engine().send('Edit c');
    const [result] = lastResults(h.fake.messageRequests[1].json);
    assert.equal(result.is_error, true);
    assert.match(result.content, /did not appear verbatim/);
    assert.equal(h.ofType('editCard').length, 0);
    assert.equal(h.files.writes, 0);
  });

  it('Stop while a card waits: not applied, nothing written, and the next question works', async () => {
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 5')]), reply([text('Fresh answer.')]));
    const chat = h.engine();
    const sent = chat.send('Change a');
    await h.until('editCard');
    chat.stop();
    await sent;
    assert.deepEqual(h.ofType('editState').map((m) => [m.state, m.note]), [['notApplied', 'stopped before review']]);
    assert.equal(h.ofType('replyEnd')[0].status, 'stopped');
    assert.equal(h.files.writes, 0);
    await chat.send('Something else');
    assert.equal(chat.transcript().at(-1)?.text, 'Fresh answer.');
    const next = h.fake.messageRequests[1].json.messages[2].content;
    assert.deepEqual([next[0].type, next[0].tool_use_id, next[0].is_error, next.at(-1).text], ['tool_result', 'toolu_1', true, 'Something else']);
  });

  it('Stop during thinking, then a new question works (the unsigned block is never sent)', async () => {
    h.settings = { ...h.settings, thinking: 'summarized' };
    const gate = new Gate();
    h.fake.enqueue(reply([thinking(['Pondering', ' deeply'], 'sig-full-1', { stopBefore: gate }), text('never')]), reply([text('Here you go.')]));
    const chat = h.engine();
    const sent = chat.send('Think');
    await h.until('thinkingDelta', (m) => m.text === ' deeply');
    chat.stop();
    await sent;
    gate.open();
    await chat.send('Now answer');
    assert.equal(chat.transcript().at(-1)?.text, 'Here you go.');
    const body = h.fake.messageRequests[1].json;
    assert.equal(JSON.stringify(body).includes('"thinking":"Pondering'), false);
    assert.equal(body.messages.length, 1, 'the two user turns merge into one message');
  });

  it('stops at the iteration cap and says so; the history stays valid', async () => {
    h.settings = { ...h.settings, maxIterations: 2 };
    h.fake.enqueue(reply([view('toolu_1', 'src/a.ts')]), reply([view('toolu_2', 'README.md')]), reply([text('After the cap.')]));
    const chat = h.engine();
    await chat.send('Loop');
    assert.equal(h.fake.messageRequests.length, 2);
    assert.match(h.ofType('replyEnd')[0].note ?? '', /Stopped after 2 requests/);
    await chat.send('Go on');
    assert.equal(chat.transcript().at(-1)?.text, 'After the cap.');
  });

  it('max_tokens shows the cut-off note with Continue, which finishes the reply', async () => {
    h.fake.enqueue(reply([text('The first half')], { stopReason: 'max_tokens' }), reply([text(' and the rest.')]));
    const chat = h.engine();
    await chat.send('Long answer');
    const end = h.ofType('replyEnd')[0];
    assert.deepEqual([end.note, end.actions], ['Cut off at the token limit.', ['continue']]);
    await chat.handle({ type: 'continue' });
    const second = h.fake.messageRequests[1].json;
    assert.equal(second.messages.at(-1).content.at(-1).text, CONTINUE_TEXT);
    assert.equal(chat.transcript().at(-1)?.text, ' and the rest.');
    assert.deepEqual(h.ofType('replyActions')[0].actions, [], 'Continue is offered once');
  });

  it('a tool call finished just before the token limit is answered, not run', async () => {
    h.fake.enqueue(reply([text('Editing'), replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')], { stopReason: 'max_tokens' }), reply([text('ok')]));
    const chat = h.engine();
    await chat.send('Edit');
    assert.equal(h.ofType('editCard').length, 0);
    await chat.send('Next');
    const answered = h.fake.messageRequests[1].json.messages[2].content[0];
    assert.deepEqual([answered.tool_use_id, answered.is_error, answered.content], ['toolu_1', true, 'Not run: the reply was cut off at the token limit.']);
    assert.equal(h.files.writes, 0);
  });

  it('pause_turn continues by itself, sending the paused content back', async () => {
    h.fake.enqueue(reply([text('Working')], { stopReason: 'pause_turn' }), reply([text(' done.')]));
    const chat = h.engine();
    await chat.send('Long task');
    const second = h.fake.messageRequests[1].json;
    assert.deepEqual(second.messages.at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Working' }] });
    assert.equal(chat.transcript()[1].text, 'Working done.');
  });

  it("refusal shows the API's explanation; a context overflow offers a new chat", async () => {
    h.fake.enqueue(reply([text('I')], { stopReason: 'refusal', stopDetails: refusal('This request could enable harm.', 'cyber') }), reply([text('x')], { stopReason: 'model_context_window_exceeded' }));
    const chat = h.engine();
    await chat.send('Bad');
    await chat.send('Long');
    const [declined, tooLong] = h.ofType('replyEnd');
    assert.equal(declined.note, 'Claude declined to continue: This request could enable harm.');
    assert.deepEqual([/too long/.test(tooLong.note ?? ''), tooLong.actions], [true, ['newChat']]);
  });

  it('is busy from the first instant: a second message is queued, a command is refused; never two streams at once', async () => {
    const gate = new Gate();
    h.fake.enqueue(reply([text('One')], { gate: { beforeBlock: 0, gate } }), reply([text('Two')]));
    const chat = h.engine();
    const first = chat.send('first');
    assert.equal(chat.busy, true, 'busy before any await');
    await chat.send('second');
    assert.deepEqual(h.ofType('queue').at(-1)?.items.map((m) => m.text), ['second']);
    await chat.send('Explain this', []);
    assert.equal(h.ofType('error')[0].message, busyMessage(), 'a command brings its own attachments: it is not queued');
    gate.open();
    await first;
    await chat.idle();
    assert.equal(h.fake.messageRequests.length, 2, 'the queued message went out after the reply, not beside it');
    assert.equal(h.ofType('restoreComposer').length, 0);
  });

  it('declares no tools when tools are off (Restricted Mode)', async () => {
    h.fake.enqueue(reply([text('Plain.')]));
    const chat = h.engine({ toolsStatus: () => ({ enabled: false, reason: 'Restricted Mode' }) });
    await chat.send('Hi');
    assert.equal('tools' in h.fake.messageRequests[0].json, false);
    const init = chat.snapshot(true);
    assert.deepEqual(init.type === 'init' && init.tools, { enabled: false, reason: 'Restricted Mode' });
  });
});
