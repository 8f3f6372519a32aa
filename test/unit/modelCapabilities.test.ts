// Models describe themselves: what GET /v1/models says (through the real SDK against the fake)
// decides the window, the thinking and effort sent, and which models are offered; the built-in
// table fills in for endpoints that list only ids.
import * as assert from 'node:assert/strict';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { buildRequest } from '../../src/core/api/requestBuilder';
import { mergeModels } from '../../src/core/models/apiModels';
import { modelInfo, modelMark, modelNote } from '../../src/core/models/models';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings/settings';
import { ModelCatalog } from '../../src/host/modelCatalog';
import { capabilities, DEFAULT_MODELS } from '../fake-anthropic/models';
import { textReply } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';

describe('models describe themselves', () => {
  const h = useEngineHarness();
  const options = () => buildClientOptions({ ...DEFAULT_SETTINGS, baseURL: h.fake.url }, { kind: 'apiKey', value: 'k', source: 'env' }, {});
  async function loaded(): Promise<ModelCatalog> {
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh({ provider: 'anthropic', client: options() }), true, 'the list loads from the endpoint');
    return catalog;
  }
  const ask = (settings: Partial<Settings>, model: ReturnType<typeof modelInfo>) =>
    buildRequest({ settings: { ...DEFAULT_SETTINGS, maxTokens: 8000, ...settings }, model }, [{ role: 'user', content: 'hi' }]);

  it('takes the window, output limit and capabilities from the API, over the built-in table', async () => {
    h.fake.models = DEFAULT_MODELS.map((m) => (m.id === 'claude-sonnet-5-5' ? { ...m, max_input_tokens: 50_000, max_tokens: 4_000 } : m));
    const sonnet = modelInfo('claude-sonnet-5-5', (await loaded()).list());
    assert.equal(sonnet.contextWindow, 50_000);
    assert.equal(sonnet.maxOutput, 4_000);
    assert.deepEqual(sonnet.thinkingTypes, ['adaptive']);
    assert.deepEqual(sonnet.effortLevels, ['low', 'medium', 'high', 'xhigh', 'max']);
    assert.deepEqual(sonnet.contextManagement, ['clear_tool_uses_20250919', 'clear_thinking_20251015', 'compact_20260112']);
    assert.equal(sonnet.imageInput, true);
    assert.equal(sonnet.inputPrice, 2, 'prices still come from the table: the API has none');
  });

  it('offers no retired model, and marks a deprecated one with its retirement date', async () => {
    const catalog = await loaded();
    const ids = catalog.list().map((m) => m.id);
    assert.ok(!ids.includes('claude-sonnet-4-5'), 'the retired model is not offered');
    const deprecated = catalog.list().find((m) => m.id === 'claude-opus-4-5');
    assert.equal(deprecated?.lifecycle, 'deprecated');
    assert.equal(deprecated && modelMark(deprecated), ' · deprecated, retires Mar 1, 2027');
    const retired = modelInfo('claude-sonnet-4-5', catalog.list('claude-sonnet-4-5'));
    assert.match(modelNote(retired, catalog.unlisted('claude-sonnet-4-5')) ?? '', /Claude Sonnet 4\.5 \(claude-sonnet-4-5\) is retired since Nov 30, 2026/);
  });

  it('a models list without capabilities (a gateway) falls back to the built-in table', async () => {
    h.fake.modelsMode = 'gateway';
    const catalog = await loaded();
    const haiku = modelInfo('claude-haiku-4-5', catalog.list());
    assert.equal(haiku.contextWindow, 200_000);
    assert.equal(haiku.thinkingTypes, undefined, 'the endpoint did not say');
    assert.equal(ask({ thinking: 'summarized' }, haiku).thinking?.type, 'enabled', 'the table says Haiku 4.5 takes a budget');
    assert.equal(ask({ thinking: 'summarized' }, modelInfo('claude-sonnet-5-5', catalog.list())).thinking?.type, 'adaptive');
    assert.deepEqual(ask({ effort: 'high' }, haiku).output_config, { effort: 'high' }, 'unknown effort levels: the setting goes as before');
    assert.ok(catalog.list().some((m) => m.id === 'claude-sonnet-4-5'), 'a gateway says nothing of lifecycles: its list stands');
  });

  it('a model chosen by its alias is the listed dated model, not a vanished one', async () => {
    h.fake.models = DEFAULT_MODELS.map((m) => (m.id === 'claude-haiku-4-5' ? { ...m, id: 'claude-haiku-4-5-20251001', max_input_tokens: 180_000 } : m));
    const catalog = await loaded();
    assert.equal(catalog.unlisted('claude-haiku-4-5'), false);
    const haiku = modelInfo('claude-haiku-4-5', catalog.list('claude-haiku-4-5'));
    assert.equal(haiku.contextWindow, 180_000);
    assert.equal(ask({}, haiku).model, 'claude-haiku-4-5', 'the request names the model as chosen');
  });

  it('the API wins field by field: a window without capabilities keeps the table for the rest', () => {
    const [m] = mergeModels([{ id: 'claude-opus-4-5', max_input_tokens: 150_000, capabilities: null }, { display_name: 'no id' }]);
    assert.equal(m.contextWindow, 150_000);
    assert.equal(m.maxOutput, 64_000);
    assert.equal(m.adaptiveThinking, false);
    assert.equal(m.prefill, true);
  });

  it('sends thinking and effort only as the model takes them', () => {
    const [older, current, noEffortAdaptive] = mergeModels([
      { id: 'older-model', capabilities: capabilities('older') },
      { id: 'current-model', capabilities: capabilities('current') },
      { id: 'partial-model', capabilities: { ...capabilities('current'), effort: { supported: true, low: { supported: true }, medium: { supported: true }, high: { supported: true }, max: { supported: false }, xhigh: null } } },
    ]);
    const olderRequest = ask({ thinking: 'summarized', effort: 'high' }, older);
    assert.deepEqual(olderRequest.thinking, { type: 'enabled', budget_tokens: 4000 });
    assert.equal(olderRequest.output_config, undefined, 'a model without effort gets none');
    const currentRequest = ask({ thinking: 'summarized', effort: 'xhigh' }, current);
    assert.deepEqual(currentRequest.thinking, { type: 'adaptive', display: 'summarized' });
    assert.deepEqual(currentRequest.output_config, { effort: 'xhigh' });
    assert.equal(ask({ effort: 'max' }, noEffortAdaptive).output_config, undefined, 'a level the model lacks is not sent');
    assert.deepEqual(ask({ effort: 'low' }, noEffortAdaptive).output_config, { effort: 'low' });
    const [none] = mergeModels([{ id: 'no-thinking', capabilities: { thinking: { supported: false, types: null } } }]);
    assert.equal(ask({ thinking: 'summarized' }, none).thinking, undefined);
  });

  it('the context meter shows the window the API gives', async () => {
    h.fake.models = DEFAULT_MODELS.map((m) => (m.id === 'claude-sonnet-5-5' ? { ...m, max_input_tokens: 50_000 } : m));
    const catalog = await loaded();
    const chat = h.engine({ models: () => catalog.list(h.settings.model) });
    h.fake.enqueue(textReply(['Hello.']));
    await chat.send('Hi');
    const usage = await h.until('usage', (m) => m.usage.contextUsed > 0);
    assert.equal(usage.usage.contextLimit, 50_000);
  });

  it('a chat on a retired model says so and offers Select Model, sending nothing', async () => {
    const catalog = await loaded();
    h.settings = { ...h.settings, model: 'claude-sonnet-4-5' };
    const chat = h.engine({ models: () => catalog.list(h.settings.model) });
    await chat.send('Still there?');
    const error = await h.until('error');
    assert.match(error.message, /is retired since Nov 30, 2026/);
    assert.deepEqual(error.actions, ['pickModel']);
    assert.equal((await h.until('restoreComposer')).text, 'Still there?', 'the message goes back into the box');
    assert.equal(h.fake.messageRequests.length, 0);
  });

  it('a model that disappears from the list is named as such; a request for it gets the API\'s 404 and Select Model', async () => {
    h.fake.dropModel('claude-sonnet-5-5');
    const catalog = await loaded();
    assert.equal(modelMark(catalog.list('claude-sonnet-5-5')[0]), " · not in the endpoint's list");
    assert.match(modelNote(modelInfo('claude-sonnet-5-5', catalog.list('claude-sonnet-5-5')), true) ?? '', /not in the list of models this endpoint offers/);
    const chat = h.engine({ models: () => catalog.list(h.settings.model) });
    await chat.send('Hello?');
    const error = await h.until('error');
    assert.match(error.message, /claude-sonnet-5-5" was not found/);
    assert.deepEqual(error.actions, ['pickModel']);
  });
});
