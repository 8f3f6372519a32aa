/**
 * An endpoint that refuses a feature for a model (effort, extended thinking, prompt caching): the
 * real engine and SDK against the fake over HTTP, the refusal in the words endpoints use. The
 * request goes again without it, the reply says so, and later requests to that endpoint and model
 * leave it out from the start (another model still gets it).
 */
import * as assert from 'node:assert/strict';
import { SessionEndpointMemory } from '../../src/core/engine/endpointFeatures';
import { httpError, textReply } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';

const refusal = (message: string) => httpError(400, 'invalid_request_error', message);

describe('features an endpoint refuses for a model', () => {
  const h = useEngineHarness();
  const bodies = () => h.fake.messageRequests.map((r) => r.json as Record<string, unknown>);
  const hasCache = (body: unknown) => JSON.stringify(body).includes('"cache_control"');
  beforeEach(() => {
    h.settings = { ...h.settings, thinking: 'summarized' }; // the harness keeps thinking off
  });

  it('extended thinking: sent again without it, said on the reply, left out of later replies to that model only', async () => {
    const memory = new SessionEndpointMemory();
    h.fake.enqueue(refusal('thinking: Extra inputs are not permitted'), textReply(['Without thinking.']), textReply(['Still without.']), textReply(['Another model.']));
    const chat = h.engine({ endpoints: memory });
    const turn = await chat.send('Think about it');
    assert.equal(turn?.status, 'done');
    assert.match(turn?.note ?? '', /does not take extended thinking for Claude Sonnet 5\.5: this reply was sent without it/);
    assert.deepEqual(bodies().map((b) => b.thinking !== undefined), [true, false]);
    assert.equal(h.ofType('error').length, 0);
    // A new chat (another engine, the same memory): left out from the start, nothing refused again.
    assert.equal((await h.engine({ endpoints: memory }).send('Again'))?.status, 'done');
    assert.equal(bodies()[2].thinking, undefined);
    assert.equal(h.ofType('replyEnd').at(-1)?.note, undefined, 'said once, where it was found');
    h.settings = { ...h.settings, model: 'claude-opus-5-5' };
    assert.equal((await h.engine({ endpoints: memory }).send('And you?'))?.status, 'done');
    assert.ok(bodies()[3].thinking, 'another model still gets thinking');
    assert.equal(bodies().length, 4);
  });

  it('prompt caching: no cache_control anywhere once refused', async () => {
    h.fake.enqueue(refusal('cache_control: prompt caching is not supported for this model.'), textReply(['Uncached.']), textReply(['Uncached again.']));
    h.settings = { ...h.settings, systemPrompt: 'Be brief.' };
    const chat = h.engine();
    assert.equal((await chat.send('Hello'))?.status, 'done');
    assert.match(h.ofType('replyEnd').at(-1)?.note ?? '', /does not take prompt caching/);
    assert.deepEqual(bodies().map(hasCache), [true, false]);
    assert.equal((await chat.send('More'))?.status, 'done');
    assert.equal(hasCache(bodies()[2]), false);
  });

  it('two refused in one reply: both left out, both named', async () => {
    h.settings = { ...h.settings, effort: 'high' };
    h.fake.enqueue(refusal('output_config: Extra inputs are not permitted'), refusal('thinking.type: Input should be \'enabled\''), textReply(['Plain.']));
    const turn = await h.engine().send('Hi');
    assert.equal(turn?.status, 'done');
    assert.match(turn?.note ?? '', /does not take the effort setting \(high\), extended thinking for/);
    const last = bodies().at(-1)!;
    assert.equal(last.output_config, undefined);
    assert.equal(last.thinking, undefined);
  });

  it('a 400 that only mentions effort, without refusing it, drops nothing', async () => {
    h.settings = { ...h.settings, effort: 'high' };
    h.fake.enqueue(refusal('messages.0.content.0.text: the effort field of your tool input must be a string.'));
    assert.equal(await h.engine().send('Hi'), undefined);
    assert.equal(bodies().length, 1, 'not sent again');
    assert.deepEqual(bodies()[0].output_config, { effort: 'high' });
  });

  it('a 400 about something else is shown as it is: nothing dropped, nothing sent again', async () => {
    h.fake.enqueue(refusal('messages.1.content.0.thinking: Field required'));
    const turn = await h.engine().send('Hi');
    assert.equal(turn, undefined);
    assert.match(h.ofType('error')[0]?.message ?? '', /The API rejected the request \(400\): messages\.1\.content\.0\.thinking: Field required/);
    assert.equal(bodies().length, 1);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Hi']);
  });
});
