// How the tool loop recovers: histories broken by older versions heal, a reload during review
// settles, documents that changed are re-checked, retries never repeat a write, Revert changes.
import * as assert from 'node:assert/strict';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import { retryChangedMessage } from '../../src/core/engine/chatEngine';
import { errorMidStream, reply, text, thinking, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';

const EDITOR = 'str_replace_based_edit_tool';
const replace = (id: string, path: string, old_str: string, new_str: string) => toolUse(id, EDITOR, { command: 'str_replace', path, old_str, new_str });

describe('tool loop recovery', () => {
  const h = useEngineHarness();

  it('heals a conversation the API refuses for a thinking signature: drops old thinking and retries once, visibly', async () => {
    h.settings = { ...h.settings, thinking: 'summarized' };
    h.fake.enqueue(reply([thinking('first thought', 'sig-complete-0123456789'), text('First.')]));
    const chat = h.engine();
    await chat.send('One');
    // A file from an older version kept the block with its signature cut short.
    const saved = chat.conversation();
    const broken = JSON.parse(JSON.stringify(saved).replace('sig-complete-0123456789', 'sig-complete'));
    await chat.load(parseConversation(JSON.stringify(broken)));
    h.fake.enqueue(reply([text('Second.')]));
    await chat.send('Two');
    assert.equal(h.fake.messageRequests.length, 3, 'the refused request, then one retry');
    assert.match(h.ofType('replyStatus').map((m) => m.text).join('\n'), /removed old thinking and retrying once/);
    assert.equal(chat.transcript().at(-1)?.text, 'Second.');
    assert.equal(JSON.stringify(chat.conversation()).includes('"type":"thinking"'), false, 'the offending block is gone for good');
  });

  it('opens a conversation saved in the old format unchanged, including a reply stopped mid-thinking', async () => {
    const v1 = {
      version: 1,
      id: 'c-old',
      title: 'Old chat',
      createdAt: 1,
      updatedAt: 2,
      turns: [
        { id: 'u1', role: 'user', text: 'Hello' },
        { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hi there.' }], status: 'done', model: 'claude-sonnet-5-5', usage: { input_tokens: 5, output_tokens: 3 } },
        { id: 'u2', role: 'user', text: 'Think about it' },
        { id: 'a2', role: 'assistant', content: [{ type: 'thinking', thinking: 'half a thou', signature: '' }], status: 'stopped', model: 'claude-sonnet-5-5' },
      ],
    };
    const chat = h.engine();
    await chat.load(parseConversation(JSON.stringify(v1)));
    assert.deepEqual(chat.transcript().map((e) => [e.role, e.text, e.status]), [
      ['user', 'Hello', undefined],
      ['assistant', 'Hi there.', 'done'],
      ['user', 'Think about it', undefined],
      ['assistant', '', 'stopped'],
    ]);
    assert.equal(chat.usage().total.input, 5);
    h.fake.enqueue(reply([text('Answer.')]));
    await chat.send('Again');
    const messages = h.fake.messageRequests[0].json.messages;
    assert.deepEqual(messages.map((m: { role: string }) => m.role), ['user', 'assistant', 'user']);
    assert.equal(chat.conversation().version, 2);
  });

  it('a reload during review reopens the card as not applied, and the chat goes on', async () => {
    h.fake.enqueue(reply([text('Proposing.'), replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')]));
    const first = h.engine();
    void first.send('Change a');
    await h.until('editCard');
    const saved = JSON.stringify(first.conversation()); // what the periodic save wrote when the window closed
    first.stop();
    await first.idle();
    const reopened = parseConversation(saved);
    const chat = h.engine();
    await chat.load(reopened);
    const reply1 = chat.transcript()[1];
    assert.equal(reply1.status, 'interrupted');
    const card = reply1.parts?.find((p) => p.kind === 'edit');
    assert.deepEqual(card?.kind === 'edit' && [card.card.state, card.card.note], ['notApplied', 'the chat closed before it was reviewed']);
    h.fake.enqueue(reply([text('Fine.')]));
    await chat.send('Never mind');
    assert.equal(chat.transcript().at(-1)?.text, 'Fine.');
    assert.equal(h.files.writes, 0);
  });

  it('re-checks an edit against a document that changed before Accept', async () => {
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'b = 2', 'b = 20')]), reply([text('ok')]), reply([replace('toolu_2', 'src/a.ts', 'a = 1', 'a = 9')]), reply([text('ok')]));
    const chat = h.engine();
    let sent = chat.send('Edit b');
    await h.until('editCard');
    h.files.set('src/a.ts', '// header\nexport const a = 1;\nexport const b = 2;\n'); // the user typed meanwhile
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: true });
    await sent;
    assert.equal(h.files.text('src/a.ts'), '// header\nexport const a = 1;\nexport const b = 20;\n', 'applied to the new text');
    sent = chat.send('Edit a');
    await h.until('editCard', (m) => m.card.id === 'toolu_2');
    h.files.set('src/a.ts', 'rewritten entirely\n');
    await chat.handle({ type: 'editDecision', cardId: 'toolu_2', accept: true });
    await sent;
    assert.equal(h.files.text('src/a.ts'), 'rewritten entirely\n');
    assert.equal(h.ofType('editState').at(-1)?.state, 'notApplied');
    assert.equal(lastResults(h.fake.messageRequests[3].json)[0].is_error, true);
  });

  it('a retried request never repeats a write', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')]), errorMidStream(['Half']), reply([text('Done.')]));
    const chat = h.engine();
    await chat.send('Edit');
    assert.equal(h.files.writes, 1);
    assert.equal(h.fake.messageRequests.length, 3);
    assert.equal(h.fake.messageRequests[2].body, h.fake.messageRequests[1].body, 'the retry re-sends the same request');
    assert.equal(chat.transcript()[1].text, 'Done.');
    assert.deepEqual(h.ofType('editState').map((m) => m.state), ['applied'], 'auto-approved without a decision');
  });

  it('with autoApprove "never", a read asks first; Deny tells Claude', async () => {
    h.settings = { ...h.settings, autoApprove: 'never' };
    h.fake.enqueue(reply([toolUse('toolu_1', EDITOR, { command: 'view', path: 'README.md' })]), reply([text('ok')]));
    const chat = h.engine();
    const sent = chat.send('Read');
    const card = await h.until('editCard');
    assert.deepEqual([card.card.command, card.card.path], ['view', 'README.md']);
    await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: false });
    await sent;
    const [result] = lastResults(h.fake.messageRequests[1].json);
    assert.deepEqual([result.is_error, result.content], [true, 'The user denied reading README.md.']);
  });

  it('Revert changes asks the host to restore the files, then marks the reply reverted', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')]), reply([text('Changed.')]));
    const asked: string[][] = [];
    const chat = h.engine({ revertReply: async (_id, turn) => (asked.push([...(turn.changed ?? [])]), true) });
    await chat.send('Edit');
    const id = h.ofType('replyEnd')[0].id;
    await chat.handle({ type: 'revert', id });
    assert.deepEqual(asked, [['src/a.ts']]);
    const update = h.ofType('replyActions')[0];
    assert.deepEqual([update.id, update.actions, update.note], [id, [], 'Changes reverted: src/a.ts.']);
    assert.equal(chat.conversation().turns.find((t) => t.id === id)?.role === 'assistant' && (chat.conversation().turns[1] as { reverted?: boolean }).reverted, true);
  });

  it('Retry does not throw away a reply whose changes still stand', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')]), reply([text('Changed.')]), reply([text('Again.')]));
    const chat = h.engine({ revertReply: async () => true });
    await chat.send('Edit');
    await chat.retry();
    assert.equal(h.ofType('error')[0].message, retryChangedMessage());
    assert.equal(chat.transcript()[1].text, 'Changed.', 'the reply and its Revert changes stay');
    await chat.handle({ type: 'revert', id: h.ofType('replyEnd')[0].id });
    await chat.retry();
    assert.equal(chat.transcript()[1].text, 'Again.', 'once reverted, Retry regenerates it');
  });

  it('with tools turned off later, earlier tool use goes as text (the API refuses tool blocks without tools)', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    h.fake.enqueue(reply([replace('toolu_1', 'src/a.ts', 'a = 1', 'a = 2')]), reply([text('Changed.')]), reply([text('Plain.')]));
    let enabled = true;
    const chat = h.engine({ toolsStatus: () => ({ enabled }) });
    await chat.send('Edit');
    enabled = false;
    await chat.send('Now without tools');
    const body = h.fake.messageRequests[2].json;
    assert.equal('tools' in body, false);
    assert.match(JSON.stringify(body.messages), /\[Used str_replace_based_edit_tool: str_replace src\/a.ts\]/);
    assert.equal(chat.transcript().at(-1)?.text, 'Plain.');
  });

  it('Stop before anything arrived gives the message back instead of leaving an empty reply', async () => {
    h.fake.enqueue(reply([text('late')], { gate: { beforeBlock: 0, gate: new (await import('../fake-anthropic/scripts')).Gate() } }));
    const chat = h.engine();
    const sent = chat.send('Never mind');
    await h.until('replyStart');
    await h.fake.waitForMessageRequests(1);
    chat.stop();
    await sent;
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Never mind']);
    assert.equal(chat.transcript().length, 0);
    assert.equal(h.ofType('error').length, 0, 'Stop is not an error');
  });

  it('keeps thinking off in every iteration of a prefilled reply', async () => {
    h.settings = { ...h.settings, model: 'claude-sonnet-4-5', thinking: 'summarized', autoApprove: 'all' };
    h.fake.enqueue(reply([text(' the file.'), toolUse('toolu_1', EDITOR, { command: 'view', path: 'README.md' })]), reply([text('Done.')]));
    await h.engine().send('Look', undefined, 'I will read');
    const [first, second] = h.fake.messageRequests.map((r) => r.json);
    assert.deepEqual(['thinking' in first, 'thinking' in second], [false, false]);
  });
});
