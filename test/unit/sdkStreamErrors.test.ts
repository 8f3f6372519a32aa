// The SDK's MessageStream iterator hands an error only to a `next()` that is already waiting: one
// that comes while the reader is still busy with an event ends the iteration quietly, as if the
// reply were done. The engine reads the stream through `eventsOf`, which must still throw it.
import * as assert from 'node:assert/strict';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { classifyError } from '../../src/core/api/errors';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { createClient, eventsOf } from '../../src/host/clientFactory';
import { FakeAnthropic } from '../fake-anthropic/server';
import { closedMidText, dropMidStream, errorMidStream, type Reply } from '../fake-anthropic/scripts';

describe('errors of the SDK stream reach the engine', () => {
  let fake: FakeAnthropic;
  const params = { model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hi' }] };
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  /** Reads the stream as the engine does, but after the first event waits until the SDK has ended: whatever failed, failed while no `next()` waited. */
  async function readBusy(script: Reply): Promise<{ events: string[]; error?: unknown }> {
    fake.enqueue(script);
    const client = await createClient(buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: fake.url }, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {}));
    const stream = client.messages.stream(params, { maxRetries: 0 });
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    const events: string[] = [];
    try {
      for await (const event of eventsOf(stream)) {
        events.push(event.type);
        await ended;
      }
      return { events };
    } catch (error) {
      return { events, error };
    }
  }

  const classify = (error: unknown) => classifyError(error, { aborted: false, model: params.model, partial: true });

  it('an `event: error` (overloaded) that comes while the reader is busy is still thrown, and retried as an overload', async () => {
    const { events, error } = await readBusy(errorMidStream(['Half an ']));
    assert.ok(error, `the stream ended quietly after ${events.join(', ')}`);
    assert.deepEqual([classify(error).kind, classify(error).transient], ['overloaded', true]);
    assert.ok(events.includes('content_block_delta'), 'the events before the error are read first');
  });

  it('a dropped connection that comes while the reader is busy is still thrown, as a dropped connection', async () => {
    const { events, error } = await readBusy(dropMidStream(['Half an ']));
    assert.ok(error, `the stream ended quietly after ${events.join(', ')}`);
    assert.equal(classify(error).kind, 'connection');
    assert.match(classify(error).message, /^The connection dropped mid-reply\. The partial reply is kept\./);
  });

  it('a response that ends cleanly before message_stop throws nothing: only the missing message_stop tells', async () => {
    const { events, error } = await readBusy(closedMidText(['Half an ']));
    assert.equal(error, undefined);
    assert.equal(events.includes('message_stop'), false);
  });
});
