// Gateways that wrap plain JSON as {"code":200,"data":{...}}: the real SDK through our fetch still reads them.
import * as assert from 'node:assert/strict';
import { buildClientOptions } from '../../src/core/clientOptions';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createClient } from '../../src/host/clientFactory';
import { ModelCatalog } from '../../src/host/modelCatalog';
import { FakeAnthropic } from '../fake-anthropic/server';
import { textReply } from '../fake-anthropic/scripts';

describe('gateway tolerance', () => {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const options = () => buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: fake.url }, { kind: 'apiKey', value: 'k', source: 'env' }, {});

  it('reads a wrapped model list and a wrapped non-streaming message', async () => {
    fake.wrapJson = true;
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh(options()), true);
    assert.deepEqual(catalog.list().map((m) => m.id), ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5']);
    fake.enqueue(textReply(['unwrapped']));
    const client = await createClient(options());
    const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(message.content[0].type === 'text' && message.content[0].text, 'unwrapped');
  });

  it('keeps the built-in model list when the endpoint has none', async () => {
    fake.models = [];
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh(options()), false);
    assert.ok(catalog.list().some((m) => m.id === 'claude-opus-5-5'));
    assert.equal(catalog.list('my-gateway-model')[0].id, 'my-gateway-model', 'a configured id the list lacks is still offered');
  });
});
