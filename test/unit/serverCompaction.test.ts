// Long sessions where the model compacts on the server (`compact_20260112`): each request carries
// context_management with the summary instructions and the betas; the compaction block is stored
// and sent back exactly as received (the fake refuses one that changed), shows as a collapsed
// summary, and a model without the feature gets it as text.
import * as assert from 'node:assert/strict';
import { COMPACT_BETA, CLEAR_TOOL_USES_BETA, SUMMARY_INSTRUCTIONS, SUMMARY_REQUEST } from '../../src/core/context/compaction';
import { failedCompactionText } from '../../src/core/engine/transcriptView';
import { builtInModel, type ModelInfo } from '../../src/core/models/models';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import type { RecordedRequest } from '../fake-anthropic/server';
import { reply, text, textReply, toolUse, type Reply } from '../fake-anthropic/scripts';
import { ev, messageEnd, messageStart, textBlock } from '../fake-anthropic/sse';
import { useEngineHarness } from '../support/engineHarness';
import { messageText } from '../support/wire';

const WINDOW = 8_000;
const STRATEGIES = ['clear_tool_uses_20250919', 'clear_thinking_20251015', 'compact_20260112'];
const compacting = (window = WINDOW): ModelInfo => ({ ...(builtInModel('claude-sonnet-5-5') as ModelInfo), contextWindow: window, contextManagement: STRATEGIES });
const TASK = 'Read every file under src and tell me which one exports the parser.';
const body = (n: number) => `// file ${n}\n${'export const value = "a line of code that fills the context window";\n'.repeat(70)}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const blocksOf = (r: RecordedRequest): any[] => r.json.messages.flatMap((m: { content: unknown }) => (Array.isArray(m.content) ? m.content : []));

/** A reply that starts with a compaction block whose summary failed (`content: null`), then text. */
function failedCompactionReply(words: string): Reply {
  return {
    kind: 'stream',
    steps: [
      messageStart({}),
      ev('content_block_start', { index: 0, content_block: { type: 'compaction', content: null, encrypted_content: null } }),
      ev('content_block_delta', { index: 0, delta: { type: 'compaction_delta', content: null, encrypted_content: null } }),
      ev('content_block_stop', { index: 0 }),
      ...textBlock(1, [words], {}),
      ...messageEnd('end_turn', 5),
    ],
  };
}

describe('context compaction on the server', () => {
  const h = useEngineHarness();

  beforeEach(() => {
    h.fake.emulateUsage = true;
    h.fake.setWindow('claude-sonnet-5-5', WINDOW);
  });

  it('sends context_management with the instructions, stores the compaction block as received and sends it back unchanged', async () => {
    for (let n = 1; n <= 10; n++) h.files.set(`src/f${n}.ts`, body(n));
    for (let n = 1; n <= 10; n++) h.fake.enqueue(reply([toolUse(`toolu_${n}`, 'str_replace_based_edit_tool', { command: 'view', path: `src/f${n}.ts` })]));
    h.fake.enqueue(reply([text('None of them.')]));
    const chat = h.engine({ models: () => [compacting()] });
    await chat.send(TASK);

    assert.deepEqual(h.ofType('error'), [], 'no request was refused: every compaction block went back as the server sent it');
    const requests = h.fake.messageRequests;
    assert.equal(requests.length, 11, 'no summary request of our own');
    assert.equal(requests.some((r) => messageText(r.json.messages.at(-1)).includes(SUMMARY_REQUEST.slice(0, 60))), false);
    const first = requests[0];
    assert.deepEqual(first.json.context_management.edits.at(-1), { type: 'compact_20260112', trigger: { type: 'input_tokens', value: WINDOW * 0.8 }, instructions: SUMMARY_INSTRUCTIONS });
    assert.equal(first.json.context_management.edits[0].type, 'clear_tool_uses_20250919');
    assert.deepEqual(first.headers['anthropic-beta'].split(',').sort(), [CLEAR_TOOL_USES_BETA, COMPACT_BETA].sort());
    assert.equal('betas' in first.json, false, 'betas go as the header, not in the body');

    const stored = chat.conversation().turns.at(-1);
    const blocks = stored?.role === 'assistant' ? stored.rounds.flatMap((r) => r.content).filter((b) => b.type === 'compaction') : [];
    assert.ok(blocks.length >= 1, 'the server compacted at least once');
    let sentBack = 0;
    for (const block of blocks) {
      assert.equal(block.type === 'compaction' && block.encrypted_content !== null && h.fake.issuedCompactions.get(block.encrypted_content), block.type === 'compaction' ? block.content : '');
      const same = (b: { type: string; encrypted_content?: string }) => b.type === 'compaction' && b.encrypted_content === (block as { encrypted_content: string }).encrypted_content;
      for (const r of requests.filter((q) => blocksOf(q).some(same))) {
        assert.deepEqual(blocksOf(r).find(same), block, 'sent back exactly as stored');
        sentBack++;
      }
    }
    assert.ok(sentBack >= 1, 'a compaction block went back in a later request');
    const summaryPart = chat.transcript().at(-1)?.parts?.find((p) => p.kind === 'summary');
    assert.match(summaryPart?.kind === 'summary' ? summaryPart.text : '', /Task: Read every file under src/);
    assert.ok(chat.usage().freed > 0, 'the meter says what the compaction freed');
    const rounds = stored?.role === 'assistant' ? stored.rounds : [];
    const inputOf = (u?: { input_tokens: number; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null }) => (u ? u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) : 0);
    const compactionInput = rounds.reduce((n, r) => n + inputOf(r.compactionUsage), 0);
    assert.ok(compactionInput > 0, 'what the compaction itself read is stored');
    const { total } = chat.usage();
    assert.equal(total.input + total.cacheRead + total.cacheWrite, rounds.reduce((n, r) => n + inputOf(r.usage), 0) + compactionInput, 'and counted in the conversation total');
    assert.deepEqual(parseConversation(JSON.stringify(chat.conversation())).turns, chat.conversation().turns, 'a reopened chat sends the same bytes');
  });

  it('a compaction block with null content is shown as a failed summary and sent back unchanged', async () => {
    const chat = h.engine({ models: () => [compacting(200_000)] });
    h.fake.enqueue(failedCompactionReply('Answer after a failed summary.'));
    await chat.send('First');
    assert.equal(chat.transcript().at(-1)?.parts?.find((p) => p.kind === 'summary')?.text, failedCompactionText());
    h.fake.enqueue(textReply(['Second answer.']));
    await chat.send('Second');
    assert.deepEqual(blocksOf(h.fake.messageRequests[1]).find((b) => b.type === 'compaction'), { type: 'compaction', content: null, encrypted_content: null });
    assert.equal(chat.transcript().at(-1)?.text, 'Second answer.');
  });

  it('a model without server compaction gets an earlier compaction block as text, and no betas', async () => {
    const chat = h.engine({ models: () => [compacting(), { ...compacting(200_000), id: 'claude-haiku-4-5', contextManagement: [] }] });
    for (let n = 1; n <= 8; n++) h.files.set(`src/f${n}.ts`, body(n));
    for (let n = 1; n <= 8; n++) h.fake.enqueue(reply([toolUse(`toolu_${n}`, 'str_replace_based_edit_tool', { command: 'view', path: `src/f${n}.ts` })]));
    h.fake.enqueue(textReply(['Read them all.']));
    await chat.send(TASK);
    const summary = chat.transcript().at(-1)?.parts?.find((p) => p.kind === 'summary');
    assert.ok(summary, 'the server compacted');
    h.settings = { ...h.settings, model: 'claude-haiku-4-5' };
    h.fake.enqueue(textReply(['From Haiku.']));
    await chat.send('And now?');
    const last = h.fake.messageRequests.at(-1) as RecordedRequest;
    assert.equal(last.headers['anthropic-beta'], undefined);
    assert.equal(blocksOf(last).some((b) => b.type === 'compaction'), false);
    assert.ok(blocksOf(last).some((b) => b.type === 'text' && b.text.startsWith('Summary of the earlier conversation:\n')), 'its summary goes as text');
    assert.equal(chat.transcript().at(-1)?.text, 'From Haiku.');
  });
});
