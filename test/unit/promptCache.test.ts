// Prompt caching: consecutive requests of a conversation share a byte-identical prefix, with the
// previous request's last breakpoint at its end, and never more than 4 breakpoints.
import * as assert from 'node:assert/strict';
import { ChatEngine } from '../../src/core/engine/chatEngine';
import { buildClientOptions } from '../../src/core/clientOptions';
import { countBreakpoints, MAX_CACHE_BREAKPOINTS } from '../../src/core/requestBuilder';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createBackend } from '../../src/host/clientFactory';
import { FakeAnthropic } from '../fake-anthropic/server';
import { textReply, thinkingReply } from '../fake-anthropic/scripts';

/** JSON without the cache_control markers (markers say where to cache; they are not part of the cached content). */
function content(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'cache_control' ? undefined : v));
}

describe('prompt caching across a conversation', () => {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());

  it('keeps each request prefix byte-identical to the previous request, with at most 4 breakpoints', async () => {
    const settings = { ...DEFAULT_SETTINGS, baseURL: fake.url, thinking: 'summarized' as const };
    const chat = new ChatEngine({
      settings: () => settings,
      system: () => ['You are a careful assistant.', 'Project rules: be brief.'],
      backend: () => createBackend(buildClientOptions(settings, { kind: 'apiKey', value: 'k', source: 'env' }, {})),
      post: () => undefined,
      requestApiKey: () => undefined,
    });
    const turns = 8;
    for (let i = 0; i < turns; i++) {
      fake.enqueue(i % 2 ? thinkingReply([`thought ${i}`], `sig${i}`, [`answer ${i}`]) : textReply([`answer `, `${i}`]));
      await chat.send(`question ${i}`);
    }
    const bodies = fake.messageRequests.map((r) => r.json);
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
});
