// Long sessions on an endpoint without server-side compaction: the extension summarizes before a
// request would pass 80 % of the window, recovers once from a prompt too long, and Compact now
// summarizes between replies. The fake server enforces the window and reports usage from the
// requests themselves, so a green test means no request went over.
import * as assert from 'node:assert/strict';
import { SUMMARY_REQUEST, TokenGauge } from '../../src/core/context/compaction';
import { compactBusyMessage, nothingToCompactMessage } from '../../src/core/engine/compactNow';
import { nearLimitStatus, tooLongStatus } from '../../src/core/engine/contextKeeper';
import { builtInModel, type ModelInfo } from '../../src/core/models/models';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import type { RecordedRequest } from '../fake-anthropic/server';
import { Gate, httpError, reply, text, textReply, toolUse, type Reply } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';
import { messageText } from '../support/wire';

const WINDOW = 8_000;
const small = (window = WINDOW): ModelInfo => ({ ...(builtInModel('claude-sonnet-5-5') as ModelInfo), contextWindow: window });
const TASK = 'Read every file under src and tell me which one exports the parser.';
const SUMMARY = `Task: ${TASK}\nDone so far: read the first files; none exports the parser yet.`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lastText = (r: RecordedRequest) => messageText(r.json.messages.at(-1) as any);
const isSummaryRequest = (r: RecordedRequest) => lastText(r).includes(SUMMARY_REQUEST.slice(0, 60));
const body = (n: number) => `// file ${n}\n${'export const value = "a line of code that fills the context window";\n'.repeat(70)}`;

describe('context compaction on the client', () => {
  const h = useEngineHarness();

  beforeEach(() => {
    h.fake.emulateUsage = true;
    h.fake.contextWindow = WINDOW;
  });

  /** Claude views files 1..count one per request, then answers; a summary request gets SUMMARY. */
  function agent(count: number): void {
    let step = 0;
    const next = (r: RecordedRequest): Reply => {
      if (isSummaryRequest(r)) return reply([text(SUMMARY)]);
      step++;
      return step <= count ? reply([toolUse(`toolu_${step}`, 'str_replace_based_edit_tool', { command: 'view', path: `src/f${step}.ts` })]) : reply([text('None of them: the parser is not under src.')]);
    };
    h.fake.enqueue(...Array.from({ length: count * 2 + 4 }, () => next));
  }

  it('learns from a refusal the window the endpoint allows (for that model only) and how it counts', () => {
    const gauge = new TokenGauge();
    gauge.learnLimit('claude-sonnet-5-5', 'The API rejected the request (400): prompt is too long: 2000 tokens > 1500 maximum', 8000);
    assert.equal(gauge.windowOf({ id: 'claude-sonnet-5-5', contextWindow: 200_000 }), 1500);
    assert.equal(gauge.windowOf({ id: 'claude-opus-5-5', contextWindow: 200_000 }), 200_000);
    assert.equal(gauge.tokensOf(8000), 2000, 'four characters to a token, as the endpoint counted');
    gauge.learnLimit('claude-opus-5-5', 'prompt is too long');
    assert.equal(gauge.windowOf({ id: 'claude-opus-5-5', contextWindow: 200_000 }), 200_000, 'a refusal without numbers teaches nothing');
  });

  it('summarizes before a request would pass 80 % of the window, keeps the task in every request, and keeps the stored reply whole', async () => {
    for (let n = 1; n <= 10; n++) h.files.set(`src/f${n}.ts`, body(n));
    agent(10);
    const chat = h.engine({ models: () => [small()] });
    await chat.send(TASK);

    const requests = h.fake.messageRequests;
    const summaries = requests.filter(isSummaryRequest);
    assert.ok(summaries.length >= 1, 'at least one summary was asked for');
    assert.deepEqual(h.ofType('error'), [], 'no request was refused');
    assert.equal(chat.transcript().at(-1)?.text.includes('the parser is not under src'), true);
    for (const r of requests) assert.ok(JSON.stringify(r.json.messages).includes(TASK.slice(0, 40)), 'the task goes with every request');
    const after = requests.slice(requests.indexOf(summaries[0]) + 1);
    assert.match(messageText(after[0].json.messages[0]), /<summary>\nTask: Read every file/);
    assert.ok(h.ofType('replyStatus').some((m) => m.text === nearLimitStatus()), 'the summary shows while it is made');
    const reply = chat.conversation().turns.at(-1);
    assert.equal(reply?.role === 'assistant' && reply.rounds.length, 11, 'every round stays stored');
    assert.ok(chat.transcript().at(-1)?.parts?.some((p) => p.kind === 'summary' && p.text === SUMMARY));
    assert.ok(chat.usage().freed > 0, 'the meter says what the summary freed');
    const reopened = parseConversation(JSON.stringify(chat.conversation()));
    assert.deepEqual(reopened.turns, chat.conversation().turns, 'a saved summary reopens as it was');
  });

  it('Compact now summarizes between replies, and the next question goes with the summary', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    h.fake.enqueue(textReply(['The parser is in src/parse.ts.']), textReply(['It splits on commas.']));
    await chat.send('Where is the parser?');
    await chat.send('How does it split?');
    h.fake.enqueue(textReply([SUMMARY]));
    await chat.compact();
    assert.deepEqual(h.ofType('compacting').map((m) => m.active), [true, false]);
    assert.equal(h.ofType('summary').at(-1)?.text, SUMMARY);
    assert.ok(isSummaryRequest(h.fake.messageRequests[2]));
    h.fake.enqueue(textReply(['Fixed.']));
    await chat.send('Fix it.');
    const messages = h.fake.messageRequests[3].json.messages;
    assert.match(messageText(messages[0]), /<summary>/);
    assert.equal(JSON.stringify(messages).includes('Where is the parser?'), false);
    assert.equal(lastText(h.fake.messageRequests[3]), 'Fix it.');
  });

  it('Compact now says why it cannot: a reply running, nothing to summarize, a summary that failed (the chat unchanged)', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    await chat.compact();
    assert.equal(h.ofType('error').at(-1)?.message, nothingToCompactMessage());
    const gate = new Gate();
    h.fake.enqueue(textReply(['Slow ', 'answer.'], { pauseAfter: { chunks: 1, gate } }));
    const sent = chat.send('Question');
    await h.until('replyDelta');
    await chat.compact();
    assert.equal(h.ofType('error').at(-1)?.message, compactBusyMessage());
    gate.open();
    await sent;
    h.fake.enqueue(textReply(['Second.']));
    await chat.send('Another');
    h.fake.enqueue(httpError(400, 'invalid_request_error', 'messages: something the summary request got wrong'));
    await chat.compact();
    assert.match(h.ofType('error').at(-1)?.message ?? '', /^Could not summarize the conversation \(.*something the summary request got wrong.*\)\. Nothing changed/);
    h.fake.enqueue(textReply(['Third.']));
    await chat.send('Go on');
    assert.equal(JSON.stringify(h.fake.messageRequests.at(-1)?.json).includes('<summary>'), false, 'no summary was stored');
  });

  it('a prompt too long is summarized once and sent again, visibly; a second one is said plainly', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    h.fake.enqueue(textReply(['First answer.']), textReply(['Second answer.']));
    await chat.send('First question');
    await chat.send('Second question');
    h.fake.enqueue(httpError(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), textReply([SUMMARY]), textReply(['Third answer.']));
    await chat.send('Third question');
    assert.ok(h.ofType('replyStatus').some((m) => m.text === tooLongStatus()));
    assert.equal(chat.transcript().at(-1)?.text, 'Third answer.');
    assert.match(messageText(h.fake.messageRequests.at(-1)?.json.messages[0]), /<summary>/);

    h.fake.enqueue(httpError(400, 'invalid_request_error', 'prompt is too long: 205000 tokens > 200000 maximum'), textReply([SUMMARY]), httpError(400, 'invalid_request_error', 'prompt is too long: 201000 tokens > 200000 maximum'));
    await chat.send('Fourth question');
    assert.match(h.ofType('error').at(-1)?.message ?? '', /prompt is too long/);
    assert.deepEqual(h.ofType('restoreComposer').at(-1), { type: 'restoreComposer', text: 'Fourth question' }, 'the message goes back to the box');
  });

  it('a reply stopped by model_context_window_exceeded is summarized and asked again; what it wrote is replaced', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    h.fake.enqueue(textReply(['First answer.']));
    await chat.send('First question');
    h.fake.enqueue(reply([text('Half an ans')], { stopReason: 'model_context_window_exceeded' }), textReply([SUMMARY]), textReply(['The whole answer.']));
    await chat.send('Second question');
    assert.equal(chat.transcript().at(-1)?.text, 'The whole answer.');
    assert.ok(h.ofType('replyReset').length >= 1, 'the cut-off text was taken back on screen');
  });

  it('a summary request that fails leaves the chat working uncompacted, and says so', async () => {
    for (let n = 1; n <= 3; n++) h.files.set(`src/f${n}.ts`, body(n));
    h.fake.contextWindow = undefined;
    h.fake.enqueue(
      reply([toolUse('toolu_1', 'str_replace_based_edit_tool', { command: 'view', path: 'src/f1.ts' })]),
      reply([toolUse('toolu_2', 'str_replace_based_edit_tool', { command: 'view', path: 'src/f2.ts' })]),
      httpError(400, 'invalid_request_error', 'summary refused'),
      textReply(['Done anyway.']),
    );
    const chat = h.engine({ models: () => [small(3_000)] });
    await chat.send(TASK);
    assert.match(h.ofType('toolNote').map((m) => m.text).join('\n'), /Could not summarize the earlier conversation \(.*summary refused.*\); going on without a summary/);
    assert.equal(chat.transcript().at(-1)?.text, 'Done anyway.');
    assert.equal(JSON.stringify(h.fake.messageRequests.at(-1)?.json).includes('<summary>'), false);
  });

  it('a summary answer that is a tool call or cut off is not stored as a summary', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    h.fake.enqueue(textReply(['First.']), textReply(['Second.']));
    await chat.send('One');
    await chat.send('Two');
    h.fake.enqueue(reply([text('Let me look first.'), toolUse('toolu_x', 'str_replace_based_edit_tool', { command: 'view', path: 'src/a.ts' })]));
    await chat.compact();
    assert.match(h.ofType('error').at(-1)?.message ?? '', /asked for a tool instead of summarizing/);
    h.fake.enqueue(reply([text('Task: half a summ')], { stopReason: 'max_tokens' }));
    await chat.compact();
    assert.match(h.ofType('error').at(-1)?.message ?? '', /cut off \(max_tokens\)/);
    assert.equal(JSON.stringify(chat.conversation()).includes('summary'), false, 'nothing stored');
  });

  it('Stop while the recovery summary is made ends the reply as stopped, with what it wrote kept as it was shown', async () => {
    const chat = h.engine({ models: () => [small(200_000)] });
    h.fake.enqueue(textReply(['First answer.']));
    await chat.send('First question');
    const gate = new Gate();
    h.fake.enqueue(reply([text('Half an ans')], { stopReason: 'model_context_window_exceeded' }), textReply(['Task: ', 'never finished'], { pauseAfter: { chunks: 1, gate } }));
    const sent = chat.send('Second question');
    await h.until('replyStatus', (m) => m.text === tooLongStatus());
    await h.fake.waitForMessageRequests(3);
    chat.stop();
    gate.open();
    await sent;
    const last = chat.transcript().at(-1);
    assert.equal(last?.status, 'stopped');
    assert.equal(last?.text, 'Half an ans');
    assert.equal(h.ofType('replyReset').length, 0, 'nothing was taken back on screen');
    assert.equal(JSON.stringify(chat.conversation()).includes('"summary"'), false);
  });
});
