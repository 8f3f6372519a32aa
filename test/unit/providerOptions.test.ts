/**
 * The provider settings and what each cloud's client is built with: regions and projects from the
 * settings or the environment, keys kept per provider, model ids in each cloud's form, and
 * credentials problems said as the command or setting that fixes them.
 */
import * as assert from 'node:assert/strict';
import { providerSetupProblem } from '../../src/core/api/providerErrors';
import { providerModelId } from '../../src/core/api/providerModels';
import { providerEndpoint, providerOptions, type ProviderOptions } from '../../src/core/api/providerOptions';
import { parseProviderSettings, ProviderSettingKey } from '../../src/core/settings/providerSettings';
import { DEFAULT_SETTINGS, parseSettings, USER_ONLY_SETTINGS } from '../../src/core/settings/settings';

const settings = (values: Record<string, unknown>) => parseSettings((key) => values[key]);

describe('providers: settings, client options, model ids, credentials', () => {
  it('parses the provider settings, dropping values a cloud would not take, and reads them from user settings only', () => {
    const values: Record<string, unknown> = { provider: 'bedrock', 'bedrock.region': 'eu-west-3', 'bedrock.profile': 'work', 'vertex.projectId': 'my-project-123', 'vertex.region': 'us-east5', 'foundry.resource': 'acme-ai', 'foundry.auth': 'entraId' };
    const parsed = parseProviderSettings((key) => values[key]);
    assert.deepEqual(parsed, { provider: 'bedrock', bedrockRegion: 'eu-west-3', bedrockProfile: 'work', vertexProjectId: 'my-project-123', vertexRegion: 'us-east5', foundryResource: 'acme-ai', foundryAuth: 'entraId' });
    const junkValues: Record<string, unknown> = { provider: 'openai', 'bedrock.region': 'us east 1; rm -rf', 'foundry.resource': 'https://evil.example.com', 'foundry.auth': 'password' };
    const junk = parseProviderSettings((key) => junkValues[key]);
    assert.equal(junk.provider, 'anthropic');
    assert.equal(junk.bedrockRegion, '');
    assert.equal(junk.foundryResource, '');
    assert.equal(junk.foundryAuth, 'apiKey');
    for (const key of Object.values(ProviderSettingKey)) assert.ok(USER_ONLY_SETTINGS.includes(key), `${key} is user-only`);
    assert.equal(DEFAULT_SETTINGS.provider, 'anthropic');
  });

  it('builds each cloud’s options from the settings, then the environment, and keeps the Anthropic key away from the clouds', () => {
    const stored = { kind: 'apiKey' as const, value: 'sk-stored', source: 'secretStorage' as const };
    const fromEnv = { kind: 'apiKey' as const, value: 'sk-env', source: 'env' as const };
    assert.equal(providerOptions(settings({}), undefined, {}), undefined, 'the Anthropic API without a key: ask for one');
    assert.deepEqual(providerOptions(settings({ provider: 'bedrock' }), undefined, { AWS_REGION: 'eu-central-1' }), { provider: 'bedrock', region: 'eu-central-1' });
    assert.deepEqual(providerOptions(settings({ provider: 'bedrock', 'bedrock.region': 'us-west-2', 'bedrock.profile': 'work' }), stored, { AWS_REGION: 'eu-central-1' }), { provider: 'bedrock', region: 'us-west-2', profile: 'work', apiKey: 'sk-stored' });
    assert.deepEqual(providerOptions(settings({ provider: 'bedrock' }), fromEnv, {}), { provider: 'bedrock', region: 'us-east-1' }, 'ANTHROPIC_API_KEY is not a Bedrock key');
    assert.deepEqual(providerOptions(settings({ provider: 'vertex' }), undefined, { CLOUD_ML_REGION: 'europe-west1' }), { provider: 'vertex', region: 'europe-west1' });
    assert.deepEqual(providerOptions(settings({ provider: 'vertex', 'vertex.projectId': 'proj-1234', 'vertex.region': 'global' }), undefined, {}), { provider: 'vertex', region: 'global', projectId: 'proj-1234' });
    assert.deepEqual(providerOptions(settings({ provider: 'foundry', 'foundry.resource': 'acme', 'foundry.auth': 'entraId' }), stored, {}), { provider: 'foundry', resource: 'acme', entraId: true });
    assert.deepEqual(providerOptions(settings({ provider: 'foundry', 'foundry.resource': 'acme' }), stored, { ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/anthropic' }), { provider: 'foundry', apiKey: 'sk-stored', entraId: false }, 'a base URL of its own replaces the resource');
    assert.equal(providerEndpoint({ provider: 'bedrock', region: 'us-west-2' }), 'bedrock:us-west-2');
  });

  it('names models as each cloud does, and leaves an id already in a cloud’s form as typed', () => {
    const bedrock: ProviderOptions = { provider: 'bedrock', region: 'eu-west-1' };
    const vertex: ProviderOptions = { provider: 'vertex', region: 'us-east5' };
    assert.equal(providerModelId(bedrock, 'claude-sonnet-4-5'), 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'us-east-1' }, 'claude-sonnet-5-5'), 'us.anthropic.claude-sonnet-5-5');
    // Bedrock's own ids: the 4.5 generation with snapshot and -v1:0, Opus 4.6 with -v1, later models plain.
    assert.equal(providerModelId({ provider: 'bedrock', region: 'us-east-1' }, 'claude-opus-4-6'), 'us.anthropic.claude-opus-4-6-v1');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'us-east-1' }, 'claude-opus-4-8'), 'us.anthropic.claude-opus-4-8');
    // Regions whose profiles have a geography of their own: Tokyo (jp), Sydney (au), GovCloud (us-gov); the rest of Asia Pacific apac.
    assert.equal(providerModelId({ provider: 'bedrock', region: 'ap-northeast-1' }, 'claude-haiku-4-5'), 'jp.anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'ap-southeast-2' }, 'claude-opus-5-5'), 'au.anthropic.claude-opus-5-5');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'us-gov-west-1' }, 'claude-sonnet-4-6'), 'us-gov.anthropic.claude-sonnet-4-6');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'ap-south-1' }, 'claude-sonnet-4-6'), 'apac.anthropic.claude-sonnet-4-6');
    assert.equal(providerModelId({ provider: 'bedrock', region: 'me-central-1' }, 'claude-sonnet-4-6'), 'global.anthropic.claude-sonnet-4-6');
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    assert.equal(providerModelId(bedrock, arn), arn);
    assert.equal(providerModelId(bedrock, 'global.anthropic.claude-opus-4-5-20251101-v1:0'), 'global.anthropic.claude-opus-4-5-20251101-v1:0');
    assert.equal(providerModelId(vertex, 'claude-opus-4-5'), 'claude-opus-4-5@20251101');
    assert.equal(providerModelId(vertex, 'claude-sonnet-5-5'), 'claude-sonnet-5-5');
    assert.equal(providerModelId(vertex, 'claude-sonnet-4-5@20250929'), 'claude-sonnet-4-5@20250929');
  });

  it('says the command or setting that fixes missing or expired cloud credentials', () => {
    const expired = providerSetupProblem(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { provider: 'bedrock', region: 'us-east-1', profile: 'work' });
    assert.equal(expired?.message, 'Your AWS sign-in for the profile "work" has expired. Run `aws sso login --profile work`, then send again.');
    // The SDK's wrapper says "provider chain" whatever the cause; only the cause decides.
    const unreachable = new Error('Failed to resolve AWS credentials from the credential provider chain.', { cause: new Error('connect ETIMEDOUT 169.254.169.254:80') });
    assert.equal(providerSetupProblem(unreachable, { provider: 'bedrock', region: 'us-east-1' }), undefined, 'a connection failure is not "no credentials"');
    const missing = providerSetupProblem(new Error('Could not load credentials from any providers'), { provider: 'bedrock', region: 'us-east-1' });
    assert.match(missing?.message ?? '', /Run `aws configure` or `aws sso login`, or name a profile in `claudeChat.bedrock.profile`/);
    const adc = providerSetupProblem(new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.'), { provider: 'vertex', region: 'global' });
    assert.match(adc?.message ?? '', /Run `gcloud auth application-default login`/);
    const resource = providerSetupProblem(new Error('Must provide one of the `baseURL` or `resource` arguments, or the `ANTHROPIC_FOUNDRY_RESOURCE` environment variable'), { provider: 'foundry', entraId: false });
    assert.match(resource?.message ?? '', /Set `claudeChat.foundry.resource`/);
    assert.equal(providerSetupProblem(new Error('Overloaded'), { provider: 'vertex', region: 'global' }), undefined, 'other errors stay as they are');
  });
});
