// Claude: Select Model on the clouds in a real VS Code extension host: on Amazon Bedrock the quick
// pick offers the Claude models of the account's inference profiles (listed by the fake's
// ListInferenceProfiles, signed with the AWS credentials), a profile the built-in table lacks by its
// Bedrock id, and keeps the built-in table when the listing is refused; Vertex AI, which cannot
// list its models, offers the built-in table.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BUILT_IN_MODELS } from '../../../src/core/models/models';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { inferenceProfile } from '../../fake-anthropic/bedrockProfiles';
import { textReply } from '../../fake-anthropic/scripts';
import { eventually } from '../../support/eventually';
import { claudeConfig, useCloudProvider } from '../cloudProvider';

type ModelItem = vscode.QuickPickItem & { readonly id: string };

/** Opens Claude: Select Model, waits for its list to load, and closes it: the rows it offered. */
async function offeredModels(): Promise<ModelItem[]> {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  let pick: vscode.QuickPick<ModelItem> | undefined;
  window.createQuickPick = <T extends vscode.QuickPickItem>() => (pick = original.call(vscode.window) as vscode.QuickPick<ModelItem>) as unknown as vscode.QuickPick<T>;
  try {
    const picked = vscode.commands.executeCommand<string | undefined>('claudeChat.selectModel');
    const open = await eventually(() => pick && !pick.busy && pick, 'the model picker to load its list');
    const items = [...open.items];
    open.hide();
    assert.equal(await picked, undefined, 'closing the picker picks nothing');
    return items;
  } finally {
    window.createQuickPick = original;
  }
}

const builtInIds = BUILT_IN_MODELS.map((m) => m.id);

describe('Claude: Select Model on Amazon Bedrock in the extension host', function () {
  this.timeout(60_000);
  const endpoint = useCloudProvider('bedrock');
  afterEach(async () => {
    await claudeConfig().update('model', undefined, vscode.ConfigurationTarget.Global);
  });

  it('offers the Claude models of the account’s inference profiles, one the table lacks by its Bedrock id, and marks the current model the account lacks', async () => {
    const bedrock = endpoint.fake.bedrock;
    bedrock.profiles = [
      inferenceProfile('us', 'anthropic.claude-sonnet-5-5', 'Anthropic Claude Sonnet 5.5'),
      inferenceProfile('eu', 'anthropic.claude-sonnet-5-5', 'Anthropic Claude Sonnet 5.5'),
      inferenceProfile('global', 'anthropic.claude-opus-4-8', 'Anthropic Claude Opus 4.8'),
      inferenceProfile('us', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5'),
      inferenceProfile('us', 'anthropic.claude-lyric-6-0-v1:0', 'Anthropic Claude Lyric 6'),
      inferenceProfile('us', 'amazon.nova-pro-v1:0', 'Nova Pro'),
    ];
    bedrock.profilePageSize = 2; // the list comes in three pages
    await claudeConfig().update('model', 'claude-opus-5-5', vscode.ConfigurationTarget.Global);
    const offered = await offeredModels();
    assert.deepEqual(
      offered.map((item) => item.id),
      ['claude-opus-5-5', 'claude-sonnet-5-5', 'global.anthropic.claude-opus-4-8', 'claude-haiku-4-5', 'us.anthropic.claude-lyric-6-0-v1:0'],
    );
    const label = (id: string) => offered.find((item) => item.id === id)?.label;
    assert.equal(label('claude-opus-5-5'), "Claude Opus 5.5 · not in the endpoint's list", 'the current model, which the account lacks, is marked');
    assert.equal(label('claude-sonnet-5-5'), 'Claude Sonnet 5.5');
    assert.equal(label('us.anthropic.claude-lyric-6-0-v1:0'), 'US Anthropic Claude Lyric 6');
    assert.ok(
      offered.every((item) => !item.detail?.includes('$')),
      'no prices: a cloud’s differ from the API’s',
    );
    assert.equal(new Set(bedrock.profileListings.map((l) => l.query.get('nextToken'))).size, 3, 'every page was asked for');
    assert.match(bedrock.profileListings[0].headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/bedrock\/aws4_request/);

    // The listed model the table lacks is sent by its Bedrock id.
    await vscode.commands.executeCommand('claudeChat.selectModel', 'us.anthropic.claude-lyric-6-0-v1:0');
    endpoint.fake.enqueue(textReply(['Lyric here.']));
    assert.equal((await endpoint.api.session.send('Hi'))?.status, 'done');
    assert.equal(bedrock.calls.at(-1)?.modelId, 'us.anthropic.claude-lyric-6-0-v1:0');
  });

  it('keeps the built-in table when the listing is refused, and lists again once it is allowed', async () => {
    endpoint.fake.bedrock.listingDenied = true;
    const offered = await offeredModels();
    assert.deepEqual(
      offered.map((item) => item.id),
      builtInIds,
    );
    assert.ok(
      offered.every((item) => !String(item.label).includes('·')),
      'nothing marked',
    );
    assert.ok(endpoint.fake.bedrock.profileListings.length >= 1, 'the listing was tried');

    endpoint.fake.bedrock.listingDenied = false;
    endpoint.fake.bedrock.profiles = [inferenceProfile('us', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5')];
    assert.deepEqual(
      (await offeredModels()).map((item) => item.id),
      ['claude-sonnet-5-5', 'claude-haiku-4-5'],
      'the current model (the default) first, marked; then the account’s',
    );
  });

  it('lists the new region’s profiles once the region setting changes', async () => {
    const bedrock = endpoint.fake.bedrock;
    const models = new Promise<HostToWebview>((resolve) => {
      const sub = endpoint.api.onDidPost((m) => {
        if (m.type === 'models' && m.models.some((o) => o.id === 'us.anthropic.claude-opus-5-5')) {
          sub.dispose();
          resolve(m);
        }
      });
    });
    bedrock.region = 'eu-west-1';
    bedrock.profiles = [
      inferenceProfile('eu', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5', 'eu-west-1'),
      inferenceProfile('us', 'anthropic.claude-opus-5-5', 'Anthropic Claude Opus 5.5', 'eu-west-1'),
      inferenceProfile('eu', 'anthropic.claude-sonnet-5-5', 'Anthropic Claude Sonnet 5.5', 'eu-west-1'),
    ];
    try {
      await claudeConfig().update('bedrock.region', 'eu-west-1', vscode.ConfigurationTarget.Global);
      const message = await models;
      assert.deepEqual(
        message.type === 'models' && message.models.map((o) => o.id),
        ['us.anthropic.claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-4-5'],
        'eu-west-1 has no eu. profile of Opus 5.5: the us. one by its Bedrock id',
      );
      assert.match(bedrock.profileListings.at(-1)?.headers.authorization ?? '', /\/eu-west-1\/bedrock\/aws4_request/);
    } finally {
      await claudeConfig().update('bedrock.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    }
  });
});

describe('Claude: Select Model on Google Vertex AI in the extension host', function () {
  this.timeout(60_000);
  const endpoint = useCloudProvider('vertex');

  it('offers the built-in table: Vertex AI cannot list its models', async () => {
    assert.deepEqual(
      (await offeredModels()).map((item) => item.id),
      builtInIds,
    );
    assert.equal(endpoint.fake.requests.filter((r) => r.path === '/v1/models' || r.fullPath.endsWith('/inference-profiles')).length, 0, 'no list was asked for');
  });
});
