// Prompt caching: consecutive requests of a conversation share a byte-identical prefix, with the
// previous request's last breakpoint at its end, and never more than 4 breakpoints.
import * as assert from 'node:assert/strict';
import { countBreakpoints, MAX_CACHE_BREAKPOINTS } from '../../src/core/api/requestBuilder';
import { reply, text, textReply, thinking, thinkingReply, toolUse } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';

/** JSON without the cache_control markers (markers say where to cache; they are not part of the cached content). */
function content(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'cache_control' ? undefined : v));
}

describe('prompt caching across a conversation', () => {
  const h = useEngineHarness();

  it('keeps each request prefix byte-identical to the previous request, with at most 4 breakpoints', async () => {
    h.settings = { ...h.settings, thinking: 'summarized' };
    const chat = h.engine({ system: () => ['You are a careful assistant.', 'Project rules: be brief.'], tools: undefined });
    const turns = 8;
    for (let i = 0; i < turns; i++) {
      h.fake.enqueue(i % 2 ? thinkingReply([`thought ${i}`], `sig${i}`, [`answer ${i}`]) : textReply([`answer `, `${i}`]));
      await chat.send(`question ${i}`);
    }
    const bodies = h.fake.messageRequests.map((r) => r.json);
    assert.equal(bodies.length, turns);
    for (const [i, body] of bodies.entries()) {
      assert.ok(countBreakpoints(body) <= MAX_CACHE_BREAKPOINTS, `request ${i} has ${countBreakpoints(body)} breakpoints`);
      assert.deepEqual(body.system.at(-1).cache_control, { type: 'ephemeral' }, 'the system block is cached');
      assert.deepEqual(body.messages.at(-1).content.at(-1).cache_control, { type: 'ephemeral' }, 'the new turn carries a breakpoint');
    }
    for (let i = 1; i < bodies.length; i++) {
      const previous = bodies[i - 1];
      const current = bodies[i];
      const n = previous.messages.length;
      // Same bytes up to the end of the previous request...
      assert.equal(content(current.system), content(previous.system));
      assert.equal(content(current.messages.slice(0, n)), content(previous.messages), `request ${i} rewrote an earlier turn`);
      // ...and a breakpoint where the previous request wrote the cache, so this one reads it.
      assert.deepEqual(current.messages[n - 1].content.at(-1).cache_control, { type: 'ephemeral' });
      assert.deepEqual(previous.messages[n - 1].content.at(-1).cache_control, { type: 'ephemeral' });
    }
  });

  it('in a tool loop, each iteration starts with the previous request up to its last breakpoint, tools unchanged', async () => {
    h.settings = { ...h.settings, thinking: 'summarized', autoApprove: 'all' };
    h.files.set('src/a.ts', 'export const a = 1;\n');
    const chat = h.engine({ system: () => ['You are a careful assistant.'] });
    const editor = 'str_replace_based_edit_tool';
    h.fake.enqueue(
      reply([thinking('look first', 'sig-a'), toolUse('toolu_1', editor, { command: 'view', path: 'src/a.ts' })]),
      reply([thinking('now edit', 'sig-b'), toolUse('toolu_2', editor, { command: 'str_replace', path: 'src/a.ts', old_str: 'a = 1', new_str: 'a = 2' }), toolUse('toolu_3', editor, { command: 'view', path: 'src/a.ts' })]),
      reply([thinking('check', 'sig-c'), toolUse('toolu_4', editor, { command: 'insert', path: 'src/a.ts', insert_line: 1, insert_text: 'export const b = 3;' })]),
      reply([text('Done.')]),
    );
    await chat.send('Edit a, then add b');
    h.fake.enqueue(reply([text('Sure.')]));
    await chat.send('Thanks');
    const bodies = h.fake.messageRequests.map((r) => r.json);
    assert.equal(bodies.length, 5);
    assert.equal(h.files.text('src/a.ts'), 'export const a = 2;\nexport const b = 3;\n');
    for (const [i, body] of bodies.entries()) assert.ok(countBreakpoints(body) <= MAX_CACHE_BREAKPOINTS, `request ${i} has ${countBreakpoints(body)} breakpoints`);
    for (let i = 1; i < bodies.length; i++) {
      const previous = bodies[i - 1];
      const current = bodies[i];
      const n = previous.messages.length;
      assert.equal(JSON.stringify(current.tools), JSON.stringify(previous.tools), 'the tools array is byte-identical');
      assert.equal(content(current.system), content(previous.system));
      assert.equal(content(current.messages.slice(0, n)), content(previous.messages), `request ${i} rewrote part of request ${i - 1}`);
      assert.deepEqual(previous.messages[n - 1].content.at(-1).cache_control, { type: 'ephemeral' }, `request ${i - 1} ends on a breakpoint`);
      assert.deepEqual(current.messages[n - 1].content.at(-1).cache_control, { type: 'ephemeral' }, `request ${i} reads what request ${i - 1} wrote`);
    }
    assert.equal(bodies[1].messages.at(-1).content[0].type, 'tool_result', 'the breakpoint sits on the newest tool results');
  });
});
