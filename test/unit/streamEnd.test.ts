// A reply is finished only when the API says so (`message_stop`). A proxy or gateway that closes
// the connection cleanly mid-reply ends the HTTP response normally, which no SDK version reports as
// an error: the engine must treat it as the cut it is, through the real SDK and the fake server.
import * as assert from 'node:assert/strict';
import { STOPPED_RESULT } from '../../src/core/conversation/history';
import type { AssistantTurn, Conversation } from '../../src/core/conversation/turns';
import { closedAfterStart, closedBeforeMessageStop, closedMidText, closedMidToolUse, reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';

const EDITOR = 'str_replace_based_edit_tool';
const CUT = /^The connection closed before the reply finished\. The partial reply is kept\.$/;

/** The assistant turns as stored: status and the blocks each round kept. */
function storedReplies(conversation: Conversation): Array<[AssistantTurn['status'], string[]]> {
  return conversation.turns.flatMap((t) => (t.role === 'assistant' ? [[t.status, t.rounds.flatMap((r) => r.content.map((b) => (b.type === 'text' ? b.text : b.type)))]] : []));
}

/** A request's messages as [role, the text or type of each block]. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const messagesOf = (body: any): Array<[string, string[]]> => body.messages.map((m: any) => [m.role, typeof m.content === 'string' ? [m.content] : m.content.map((b: any) => (b.type === 'text' ? b.text : b.type))]);

describe('a stream that ends without message_stop', () => {
  const h = useEngineHarness();

  it('closed mid-text: keeps the partial reply marked incomplete, says the connection closed, and Retry regenerates it', async () => {
    h.fake.enqueue(closedMidText(['Partial ', 'text']), textReply(['The whole answer.']));
    const chat = h.engine();
    await chat.send('Question');
    const [end] = h.ofType('replyEnd');
    assert.equal(end.status, 'error', 'shown as "Incomplete: the reply broke off", not as a finished reply');
    const [error] = h.ofType('error');
    assert.match(error.message, CUT);
    assert.deepEqual(error.actions, ['retry']);
    assert.equal(error.replyId, end.id, 'the notice sits on the cut reply');
    assert.deepEqual(h.waits, [], 'a reply with text is not retried by itself');
    assert.deepEqual(storedReplies(h.saves.at(-1)!.conversation), [['error', ['Partial text']]]);
    await chat.handle({ type: 'retry' });
    assert.deepEqual(chat.transcript().map((e) => [e.text, e.status]), [['Question', undefined], ['The whole answer.', 'done']]);
  });

  it('closed mid-tool_use: the half-received call is never run, the text before it is kept, and the chat goes on', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    const partialInput = ['{"command":"str_replace","path":"src/a.ts",', '"old_str":"a = 1","new_'];
    h.fake.enqueue(closedMidToolUse(['Let me fix that.'], { id: 'toolu_1', name: EDITOR, jsonChunks: partialInput }), reply([text('Where were we?')]));
    const chat = h.engine();
    await chat.send('Fix a');
    assert.equal(h.ofType('replyEnd')[0].status, 'error');
    assert.match(h.ofType('error')[0].message, CUT);
    assert.deepEqual(h.ofType('error')[0].actions, ['retry']);
    assert.deepEqual([h.ofType('toolNote').length, h.ofType('editCard').length, h.files.writes], [0, 0, 0], 'no tool ran');
    assert.deepEqual(storedReplies(chat.conversation()), [['error', ['Let me fix that.']]]);
    await chat.send('Go on');
    assert.deepEqual(messagesOf(h.fake.messageRequests[1].json), [
      ['user', ['Fix a']],
      ['assistant', ['Let me fix that.']],
      ['user', ['Go on']],
    ]);
    assert.equal(chat.transcript().at(-1)?.text, 'Where were we?', 'the fake server accepted the next request');
  });

  it('closed after message_delta (stop_reason tool_use) but before message_stop: the tool is not run, and the next request answers it as not run', async () => {
    h.settings = { ...h.settings, autoApprove: 'all' };
    const change = toolUse('toolu_1', EDITOR, { command: 'str_replace', path: 'src/a.ts', old_str: 'a = 1', new_str: 'a = 2' });
    h.fake.enqueue(closedBeforeMessageStop([text('Changing a.'), change]), reply([text('It was not changed.')]));
    const chat = h.engine();
    await chat.send('Change a');
    assert.equal(h.fake.messageRequests.length, 1, 'no tool result was sent: the loop stopped at the cut');
    assert.equal(h.files.text('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n');
    assert.deepEqual([h.ofType('toolNote').length, h.ofType('editCard').length, h.files.writes], [0, 0, 0], 'no tool ran');
    assert.equal(h.ofType('replyEnd')[0].status, 'error');
    assert.match(h.ofType('error')[0].message, CUT);
    assert.deepEqual(h.ofType('error')[0].actions, ['retry']);
    assert.deepEqual(h.ofType('replyEnd')[0].actions ?? [], [], 'nothing changed, so nothing to revert');
    await chat.send('Did it work?');
    const next = h.fake.messageRequests[1].json;
    assert.deepEqual(lastResults(next), [{ type: 'tool_result', tool_use_id: 'toolu_1', content: STOPPED_RESULT, is_error: true }]);
    assert.equal(chat.transcript().at(-1)?.text, 'It was not changed.', 'the fake server accepted the next request');
  });

  it('closed before anything arrived: retried by itself, with the wait shown', async () => {
    h.fake.enqueue(closedAfterStart(), textReply(['Whole answer.']));
    const chat = h.engine();
    await chat.send('Question');
    assert.deepEqual(h.waits, [1000]);
    assert.match(h.ofType('replyStatus')[0].text, /^The connection closed before the reply finished\. Retrying in 1 s \(attempt 2 of 3\)/);
    assert.equal(h.ofType('error').length, 0);
    assert.deepEqual(chat.transcript().map((e) => [e.text, e.status]), [['Question', undefined], ['Whole answer.', 'done']]);
    assert.equal(h.fake.messageRequests[1].body, h.fake.messageRequests[0].body, 'the retry sends the same request');
  });

  it('closed before anything arrived, every time: after the last retry, the message goes back to the box with the reason', async () => {
    h.fake.enqueue(closedAfterStart(), closedAfterStart(), closedAfterStart());
    const chat = h.engine();
    await chat.send('Question');
    assert.deepEqual(h.waits, [1000, 2000]);
    assert.deepEqual(h.ofType('error').map((e) => [e.message, e.actions]), [['The connection closed before the reply finished.', []]]);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Question']);
    assert.deepEqual(chat.transcript(), []);
  });
});
