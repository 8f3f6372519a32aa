// Bedrock's model list: the account's inference profiles mapped to the picker's models (built-in
// models by their Anthropic id for the region's own geography, other Claude profiles by their
// Bedrock id), the control-plane address, and a page of ListInferenceProfiles read leniently.
import * as assert from 'node:assert/strict';
import { bedrockControlPlaneUrl, bedrockListsModel, bedrockModels, inferenceProfilesUrl, readProfilePage, type InferenceProfile } from '../../src/core/api/bedrockModels';
import { bedrockFoundationId, providerModelId } from '../../src/core/api/providerModels';
import { BUILT_IN_MODELS } from '../../src/core/models/models';
import { defaultProfiles, inferenceProfile } from '../fake-anthropic/bedrockProfiles';

const profile = (id: string, name = id, status = 'ACTIVE'): InferenceProfile => ({ inferenceProfileId: id, inferenceProfileName: name, status, type: 'SYSTEM_DEFINED' });
const ids = (profiles: readonly InferenceProfile[], region: string) => bedrockModels(profiles, region).map((m) => m.id);

describe('Bedrock models: inference profiles in the model picker', () => {
  it('shows a built-in model’s profile of the region’s own geography as that model, under its Anthropic id', () => {
    const models = bedrockModels([profile('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'US Anthropic Claude Sonnet 4.5'), profile('us.anthropic.claude-opus-5-5')], 'us-west-2');
    assert.deepEqual(
      models.map((m) => [m.id, m.label, m.described]),
      [
        ['claude-opus-5-5', 'Claude Opus 5.5', true],
        ['claude-sonnet-4-5', 'Claude Sonnet 4.5', true],
      ],
      'in the table’s order, with the table’s names',
    );
    assert.equal(models[1].contextWindow, 200_000, 'the table’s limits still apply');
    for (const m of models) assert.equal(providerModelId({ provider: 'bedrock', region: 'us-west-2' }, m.id).startsWith('us.anthropic.'), true, 'requests go back through the same profile');
  });

  it('leaves out other geographies’ and global profiles of a model the region’s geography has, and keeps the others by their Bedrock id', () => {
    const profiles = [
      profile('global.anthropic.claude-sonnet-5-5', 'Global Anthropic Claude Sonnet 5.5'),
      profile('eu.anthropic.claude-sonnet-5-5', 'EU Anthropic Claude Sonnet 5.5'),
      profile('eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'EU Anthropic Claude Haiku 4.5'),
      profile('global.anthropic.claude-opus-4-8', 'Global Anthropic Claude Opus 4.8'),
    ];
    const models = bedrockModels(profiles, 'eu-west-3');
    assert.deepEqual(
      models.map((m) => [m.id, m.label]),
      [
        ['claude-sonnet-5-5', 'Claude Sonnet 5.5'],
        ['global.anthropic.claude-opus-4-8', 'Global Anthropic Claude Opus 4.8'],
        ['claude-haiku-4-5', 'Claude Haiku 4.5'],
      ],
      'in the table’s order',
    );
    assert.equal(models[1].contextWindow, 1_000_000, 'a built-in model only another geography serves keeps the table’s limits');
    assert.deepEqual(
      ids(profiles, 'us-east-1'),
      ['global.anthropic.claude-sonnet-5-5', 'global.anthropic.claude-opus-4-8', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'],
      'without a us. profile: the global one when there is one, else another geography’s; built-in models in the table’s order',
    );
  });

  it('lists a Claude profile the table does not know by its Bedrock id and name, and leaves out inactive and other vendors’ profiles', () => {
    const models = bedrockModels(
      [
        profile('us.anthropic.claude-lyric-6-0-v1:0', 'US Anthropic Claude Lyric 6'),
        profile('us.anthropic.claude-haiku-5-5', 'US Anthropic Claude Haiku 5.5', 'INACTIVE'),
        profile('us.amazon.nova-pro-v1:0', 'US Nova Pro'),
        profile('us.meta.llama4-maverick-17b-instruct-v1:0'),
        profile('us.anthropic.claude-lyric-6-0-v1:0', 'listed twice'),
      ],
      'ca-central-1',
    );
    assert.deepEqual(
      models.map((m) => [m.id, m.label, m.contextWindow]),
      [['us.anthropic.claude-lyric-6-0-v1:0', 'US Anthropic Claude Lyric 6', 200_000]],
    );
    assert.equal(providerModelId({ provider: 'bedrock', region: 'ca-central-1' }, models[0].id), 'us.anthropic.claude-lyric-6-0-v1:0', 'sent as listed');
  });

  it('maps the fake’s default profiles for us-east-1 to the whole built-in table, and for Frankfurt to the same models', () => {
    assert.deepEqual(ids(defaultProfiles(), 'us-east-1'), BUILT_IN_MODELS.map((m) => m.id));
    assert.deepEqual(ids(defaultProfiles(), 'eu-central-1'), BUILT_IN_MODELS.map((m) => m.id));
    assert.deepEqual(ids(defaultProfiles(), 'ap-northeast-1'), BUILT_IN_MODELS.map((m) => `global.${bedrockFoundationId(m.id)}`), 'no jp. profile: the global ones by their Bedrock ids');
  });

  it('knows a typed profile id or an ARN as listed, and an id of a model the account lacks as not', () => {
    const models = bedrockModels([profile('us.anthropic.claude-sonnet-4-5-20250929-v1:0')], 'us-east-1');
    assert.equal(bedrockListsModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', models, 'us-east-1'), true);
    assert.equal(bedrockListsModel('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', models, 'us-east-1'), true);
    assert.equal(bedrockListsModel('us.anthropic.claude-opus-5-5', models, 'us-east-1'), false);
    assert.equal(bedrockListsModel('claude-opus-5-5', models, 'us-east-1'), false);
  });

  it('reads a page leniently: an entry without an id is left out, an empty token is no token, another body is no page', () => {
    const page = readProfilePage({ inferenceProfileSummaries: [inferenceProfile('us', 'anthropic.claude-opus-5-5', 'Claude Opus 5.5'), { inferenceProfileName: 'no id' }, 'junk'], nextToken: '' });
    assert.deepEqual(page?.profiles.map((p) => [p.inferenceProfileId, p.inferenceProfileName, p.status]), [['us.anthropic.claude-opus-5-5', 'US Claude Opus 5.5', 'ACTIVE']]);
    assert.equal(page?.nextToken, undefined);
    assert.equal(readProfilePage({ inferenceProfileSummaries: [], nextToken: 'abc' })?.nextToken, 'abc');
    assert.equal(readProfilePage({ message: 'denied' }), undefined);
    assert.equal(readProfilePage('<html>'), undefined);
  });

  it('asks the control plane of the region, or ANTHROPIC_BEDROCK_BASE_URL with bedrock-runtime made bedrock, for a page of system-defined profiles', () => {
    assert.equal(bedrockControlPlaneUrl('eu-west-1', undefined), 'https://bedrock.eu-west-1.amazonaws.com');
    assert.equal(bedrockControlPlaneUrl('eu-west-1', ' '), 'https://bedrock.eu-west-1.amazonaws.com');
    assert.equal(bedrockControlPlaneUrl('us-east-1', 'https://bedrock-runtime.us-east-1.amazonaws.com'), 'https://bedrock.us-east-1.amazonaws.com');
    assert.equal(bedrockControlPlaneUrl('us-east-1', 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com/'), 'https://vpce-0abc.bedrock.us-east-1.vpce.amazonaws.com');
    assert.equal(bedrockControlPlaneUrl('us-east-1', 'http://127.0.0.1:8123'), 'http://127.0.0.1:8123');
    assert.equal(bedrockControlPlaneUrl('us-east-1', 'https://proxy.example.com/aws/bedrock/'), 'https://proxy.example.com/aws/bedrock');
    assert.equal(inferenceProfilesUrl('https://bedrock.us-east-1.amazonaws.com'), 'https://bedrock.us-east-1.amazonaws.com/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED');
    assert.equal(inferenceProfilesUrl('https://proxy.example.com/aws', 'a+b/c='), 'https://proxy.example.com/aws/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED&nextToken=a%2Bb%2Fc%3D');
  });
});
