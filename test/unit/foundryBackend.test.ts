/**
 * Claude through Microsoft Foundry in Node: the real engine and the real Foundry SDK, built as the
 * extension builds it, against the fake's Messages API under /anthropic (a Foundry resource's
 * `https://<resource>.services.ai.azure.com/anthropic`): an Entra ID token goes as a bearer token
 * and no key with it; a resource key goes as the key; neither set is said as its fix.
 */
import * as assert from 'node:assert/strict';
import { providerOptions } from '../../src/core/api/providerOptions';
import type { ChatEngine } from '../../src/core/engine/chatEngine';
import type { Settings } from '../../src/core/settings/settings';
import { createChatBackend } from '../../src/host/providers/providerBackend';
import { textReply } from '../fake-anthropic/scripts';
import { useEngineHarness, type EngineHarness } from '../support/engineHarness';

const VARIABLES = ['ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_RESOURCE'];

describe('the chat through Microsoft Foundry (real SDK, fake endpoint)', () => {
  const h = useEngineHarness();
  const saved = new Map<string, string | undefined>();
  let tokensAsked = 0;
  beforeEach(() => {
    for (const name of VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    process.env.ANTHROPIC_FOUNDRY_BASE_URL = `${h.fake.url}/anthropic`;
    tokensAsked = 0;
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** An engine for Foundry; `key` is a key stored by Set API Key. */
  function foundryEngine(h: EngineHarness, settings: Partial<Settings>, key?: string): ChatEngine {
    h.settings = { ...h.settings, baseURL: '', provider: 'foundry', foundryResource: 'acme-ai', ...settings };
    const credentials = key ? ({ kind: 'apiKey', source: 'secretStorage', value: key } as const) : undefined;
    const entraToken = async () => {
      tokensAsked++;
      return 'entra-access-token';
    };
    return h.engine({ backend: async () => createChatBackend(providerOptions(h.settings, credentials, process.env)!, entraToken), pricesKnown: () => false });
  }

  const foundryRequests = () => h.fake.messageRequests.filter((r) => r.fullPath === '/anthropic/v1/messages');

  it('sends the Entra ID token as a bearer token, and no key', async () => {
    process.env.ANTHROPIC_FOUNDRY_API_KEY = 'a-key-in-the-environment';
    h.fake.enqueue(textReply(['Hello ', 'through Entra ID.']));
    const turn = await foundryEngine(h, { foundryAuth: 'entraId' }).send('Hi');
    assert.equal(turn?.status, 'done', JSON.stringify(h.ofType('error')));
    assert.match(h.ofType('replyDelta').map((m) => m.text).join(''), /Hello through Entra ID\./);
    const [request] = foundryRequests();
    assert.equal(request?.headers.authorization, 'Bearer entra-access-token');
    assert.equal(request.headers['x-api-key'], undefined);
    assert.equal(request.headers['api-key'], undefined);
    assert.ok(tokensAsked >= 1);
  });

  it('sends the stored resource key, and asks for no Microsoft sign-in', async () => {
    h.fake.enqueue(textReply(['Hello with a key.']));
    const turn = await foundryEngine(h, { foundryAuth: 'apiKey' }, 'foundry-resource-key').send('Hi');
    assert.equal(turn?.status, 'done', JSON.stringify(h.ofType('error')));
    const [request] = foundryRequests();
    const sent = [request?.headers['api-key'], request?.headers['x-api-key'], request?.headers.authorization];
    assert.ok(sent.some((value) => typeof value === 'string' && value.includes('foundry-resource-key')), `the key went: ${JSON.stringify(request?.headers)}`);
    assert.equal(tokensAsked, 0);
  });

  it('without a key says how to set one, and gives the text back', async () => {
    const turn = await foundryEngine(h, { foundryAuth: 'apiKey' }).send('Hello?');
    assert.equal(turn, undefined);
    assert.match(h.ofType('error')[0]?.message ?? '', /No Foundry API key is set\. Run Claude: Set API Key/);
    assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Hello?']);
    assert.equal(foundryRequests().length, 0);
  });
});
