// Bedrock's model listing (ListInferenceProfiles) through the extension's own lister, signing for
// real with @smithy/signature-v4 and the AWS credential chain, against the fake's control plane:
// pages, credentials (environment, profile, API key), AWS's refusals, and the model catalog
// listing the account's Claude models or keeping the built-in table.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PROFILE_PAGES } from '../../src/core/api/bedrockModels';
import { BUILT_IN_MODELS } from '../../src/core/models/models';
import { BedrockListingError, listInferenceProfiles } from '../../src/host/providers/bedrockEntry';
import { ModelCatalog } from '../../src/host/modelCatalog';
import { inferenceProfile } from '../fake-anthropic/bedrockProfiles';
import { BEDROCK_TEST_API_KEY, BEDROCK_TEST_CREDENTIALS } from '../fake-anthropic/server';
import { useBedrockFake } from '../support/bedrockClient';

/** The error a promise rejects with (fails when it resolves). */
async function failure(promise: Promise<unknown>): Promise<BedrockListingError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BedrockListingError, String(error));
    return error;
  }
  assert.fail('expected the listing to fail');
}

describe('Bedrock model listing against the fake’s ListInferenceProfiles', () => {
  const suite = useBedrockFake();
  const useEnvironmentKeys = () => {
    process.env.AWS_ACCESS_KEY_ID = BEDROCK_TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = BEDROCK_TEST_CREDENTIALS.secretAccessKey;
  };
  const list = (options: { profile?: string; apiKey?: string; region?: string } = {}) => listInferenceProfiles({ region: options.region ?? suite.fake.bedrock.region, baseURL: suite.fake.url, ...options });

  it('signs with the credential chain for the bedrock service and the region, and asks for system-defined profiles', async () => {
    useEnvironmentKeys();
    const profiles = await list();
    assert.deepEqual(
      profiles.map((p) => p.inferenceProfileId),
      suite.fake.bedrock.profiles.map((p) => p.inferenceProfileId),
    );
    const [request] = suite.fake.bedrock.profileListings;
    assert.equal(request.fullPath, '/inference-profiles');
    assert.match(request.headers.authorization ?? '', new RegExp(`^AWS4-HMAC-SHA256 Credential=${BEDROCK_TEST_CREDENTIALS.accessKeyId}/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=`));
    assert.equal(request.query.get('type'), 'SYSTEM_DEFINED');
    assert.equal(request.query.get('maxResults'), '1000');
  });

  it('follows nextToken page after page, and stops after a bounded number of pages', async () => {
    useEnvironmentKeys();
    suite.fake.bedrock.profilePageSize = 4;
    const all = suite.fake.bedrock.profiles.map((p) => p.inferenceProfileId);
    assert.deepEqual(
      (await list()).map((p) => p.inferenceProfileId),
      all,
    );
    const pages = suite.fake.bedrock.profileListings;
    assert.equal(pages.length, Math.ceil(all.length / 4));
    assert.equal(pages[0].query.get('nextToken'), null);
    assert.ok(pages.slice(1).every((p) => p.query.get('nextToken')), 'each later page asked with the token');

    suite.fake.bedrock.profileListings.length = 0;
    suite.fake.bedrock.profilePageSize = 1;
    assert.equal((await list()).length, MAX_PROFILE_PAGES);
    assert.equal(suite.fake.bedrock.profileListings.length, MAX_PROFILE_PAGES);
  });

  it('uses the named profile of the AWS files, and a Bedrock API key as a bearer token instead of a signature', async () => {
    writeFileSync(join(suite.dir, 'credentials'), `[work]\naws_access_key_id = ${BEDROCK_TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${BEDROCK_TEST_CREDENTIALS.secretAccessKey}\n`);
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(suite.dir, 'credentials');
    assert.ok((await list({ profile: 'work' })).length > 0);
    assert.match(suite.fake.bedrock.profileListings[0].headers.authorization ?? '', /^AWS4-HMAC-SHA256 /);

    assert.ok((await list({ apiKey: BEDROCK_TEST_API_KEY })).length > 0);
    const byKey = suite.fake.bedrock.profileListings[1].headers;
    assert.equal(byKey.authorization, `Bearer ${BEDROCK_TEST_API_KEY}`);
    assert.equal(byKey['x-amz-date'], undefined, 'a key is not signed');
  });

  it('rejects with AWS’s exception when the listing is refused: denied, signed for another region, an unknown key or API key', async () => {
    useEnvironmentKeys();
    suite.fake.bedrock.listingDenied = true;
    const denied = await failure(list());
    assert.deepEqual([denied.status, denied.type], [403, 'AccessDeniedException']);
    assert.match(denied.message, /is not authorized to perform: bedrock:ListInferenceProfiles/);
    suite.fake.bedrock.listingDenied = false;

    const wrongRegion = await failure(list({ region: 'eu-west-1' }));
    assert.deepEqual([wrongRegion.status, wrongRegion.type], [403, 'InvalidSignatureException']);
    const badKey = await failure(list({ apiKey: 'ABSKnot-a-key' }));
    assert.deepEqual([badKey.status, badKey.type], [403, 'AccessDeniedException']);
    process.env.AWS_ACCESS_KEY_ID = 'AKIAUNKNOWNKEY000000';
    const unknown = await failure(list());
    assert.deepEqual([unknown.status, unknown.type], [403, 'UnrecognizedClientException']);
  });

  it('the model catalog on Bedrock lists the account’s Claude models, marks a model it lacks, and keeps the built-in table when refused', async () => {
    useEnvironmentKeys();
    process.env.ANTHROPIC_BEDROCK_BASE_URL = suite.fake.url;
    const region = suite.fake.bedrock.region;
    suite.fake.bedrock.profiles = [
      inferenceProfile('us', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Anthropic Claude Sonnet 4.5'),
      inferenceProfile('global', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Anthropic Claude Sonnet 4.5'),
      inferenceProfile('us', 'anthropic.claude-lyric-6-0-v1:0', 'Anthropic Claude Lyric 6'),
      inferenceProfile('us', 'amazon.nova-pro-v1:0', 'Nova Pro'),
    ];
    const catalog = new ModelCatalog();
    assert.equal(await catalog.refresh({ provider: 'bedrock', region }), true);
    assert.deepEqual(
      catalog.list().map((m) => [m.id, m.label]),
      [
        ['claude-sonnet-4-5', 'Claude Sonnet 4.5'],
        ['us.anthropic.claude-lyric-6-0-v1:0', 'US Anthropic Claude Lyric 6'],
      ],
    );
    assert.equal(catalog.unlisted('claude-opus-5-5'), true, 'a built-in model the account lacks');
    assert.equal(catalog.list('claude-opus-5-5')[0].described, false, 'offered first, marked');
    assert.equal(catalog.unlisted('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), false, 'a listed model typed by its profile id');
    assert.equal(catalog.unlisted('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'), false);

    catalog.reset();
    suite.fake.bedrock.listingDenied = true;
    assert.equal(await catalog.refresh({ provider: 'bedrock', region }), false);
    assert.deepEqual(catalog.list(), BUILT_IN_MODELS);
    assert.equal(catalog.unlisted('claude-opus-5-5'), false);
    suite.fake.bedrock.listingDenied = false;
    assert.equal(await catalog.refresh({ provider: 'bedrock', region }), true, 'a failed listing is not remembered');
    assert.equal(await catalog.refresh({ provider: 'vertex', region: 'global' }), true, 'listed once until reset');
    catalog.reset();
    assert.equal(await catalog.refresh({ provider: 'vertex', region: 'global' }), false, 'Vertex AI has no list: the built-in table');
    assert.deepEqual(catalog.list(), BUILT_IN_MODELS);
  });
});
