// The engine runs whatever tools the host registers, by name: a new tool needs no engine change.
import * as assert from 'node:assert/strict';
import type { AgentTool } from '../../src/core/tools/agentTool';
import { EditorTool } from '../../src/core/tools/editorTool';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness } from '../support/engineHarness';

/** A custom tool that answers with its input, and one whose adapter throws. */
const echo: AgentTool = {
  name: 'echo',
  definition: { name: 'echo', description: 'Says the word back.', input_schema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] } },
  async run(call) {
    call.line(`Echoed ${String(call.input.word)}`, false);
    return { content: `echo: ${String(call.input.word)}`, isError: false };
  },
};
const broken: AgentTool = {
  name: 'broken',
  definition: { name: 'broken', description: 'Always fails.', input_schema: { type: 'object', properties: {} } },
  run: () => Promise.reject(new Error('the adapter fell over')),
};

describe('tools registered by the host', () => {
  const h = useEngineHarness();
  const engineWith = (...tools: AgentTool[]) => h.engine({ tools: { tools: [new EditorTool({ files: h.files, maxCharacters: 60_000 }), ...tools], autoApprove: () => 'reads' } });

  it('are declared in registration order, byte for byte the same in every request, and each call goes to its tool', async () => {
    h.fake.enqueue(reply([toolUse('toolu_1', 'echo', { word: 'hello' })]), reply([toolUse('toolu_2', 'echo', { word: 'again' })]), reply([text('Done.')]));
    await engineWith(echo).send('Say hello twice');
    const [first, second, third] = h.fake.messageRequests.map((r) => r.json);
    assert.deepEqual(first.tools.map((t: { name: string }) => t.name), ['str_replace_based_edit_tool', 'echo']);
    assert.equal(JSON.stringify(second.tools), JSON.stringify(first.tools));
    assert.equal(JSON.stringify(third.tools), JSON.stringify(first.tools));
    assert.deepEqual(lastResults(second).map((r) => [r.tool_use_id, r.content, r.is_error]), [['toolu_1', 'echo: hello', undefined]]);
    assert.deepEqual(h.ofType('toolNote').map((m) => m.text), ['Echoed hello', 'Echoed again']);
  });

  it('a tool that is not registered, and one whose adapter throws, are answered as errors and the reply goes on', async () => {
    h.fake.enqueue(reply([toolUse('toolu_1', 'bash', { command: 'ls' }), toolUse('toolu_2', 'broken', {})]), reply([text('I will manage without.')]));
    await engineWith(echo, broken).send('List the files');
    const results = lastResults(h.fake.messageRequests[1].json);
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error]), [['toolu_1', true], ['toolu_2', true]]);
    assert.match(results[0].content, /Unknown tool bash: the tools available are str_replace_based_edit_tool, echo, broken/);
    assert.match(results[1].content, /the adapter fell over/);
    assert.deepEqual(h.ofType('toolNote').map((m) => [m.text, m.isError]), [['Unknown tool: bash', true], ['broken failed: the adapter fell over', true]]);
    assert.deepEqual(h.ofType('replyEnd').map((m) => m.status), ['done']);
  });
});
