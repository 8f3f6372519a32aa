// Who may call the fake's Bedrock routes, read through the real @anthropic-ai/bedrock-sdk: SigV4
// signatures (region, key, secret, session token), Bedrock API keys, the AWS credential chain from
// the environment or a profile, and throttling.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEDROCK_TEST_API_KEY, BEDROCK_TEST_CREDENTIALS } from '../fake-anthropic/server';
import { textReply } from '../fake-anthropic/scripts';
import { exceptionOf, failure, useBedrockFake } from '../support/bedrockClient';

const ask = () => ({ model: 'us.anthropic.claude-sonnet-5-5', max_tokens: 128, messages: [{ role: 'user' as const, content: 'Hi' }] });

describe('fake Bedrock: authentication and throttling through the Bedrock SDK', () => {
  const suite = useBedrockFake();
  const noKeys = { awsAccessKey: null, awsSecretKey: null };

  it('refuses a request with no Authorization header as AWS does', async () => {
    const refused = await failure(suite.client({ skipAuth: true }).messages.create(ask()));
    assert.equal(refused.status, 403);
    assert.equal(exceptionOf(refused), 'AccessDeniedException');
    assert.match(refused.message, /^403 \{"Message":"Authorization header is missing"\}/);
    assert.equal(suite.fake.bedrock.calls[0].auth, undefined);
  });

  it('checks the signature: scoped to its region and to bedrock, by a known key, with the right secret, and a session token that has not expired', async () => {
    const wrongRegion = await failure(suite.client({ awsRegion: 'eu-west-1' }).messages.create(ask()));
    assert.deepEqual([wrongRegion.status, exceptionOf(wrongRegion)], [403, 'InvalidSignatureException']);
    assert.match(wrongRegion.message, /Credential should be scoped to a valid region\./);

    const unknownKey = await failure(suite.client({ awsAccessKey: 'AKIAUNKNOWNKEY000000', awsSecretKey: 'secret' }).messages.create(ask()));
    assert.deepEqual([unknownKey.status, exceptionOf(unknownKey)], [403, 'UnrecognizedClientException']);
    assert.match(unknownKey.message, /The security token included in the request is invalid\./);

    const wrongSecret = await failure(suite.client({ awsSecretKey: 'not-the-secret' }).messages.create(ask()));
    assert.deepEqual([wrongSecret.status, exceptionOf(wrongSecret)], [403, 'InvalidSignatureException']);
    assert.match(wrongSecret.message, /The request signature we calculated does not match the signature you provided\./);

    suite.fake.bedrock.expiredTokens.add('session-that-expired');
    const expired = await failure(suite.client({ awsSessionToken: 'session-that-expired' }).messages.create(ask()));
    assert.deepEqual([expired.status, exceptionOf(expired)], [403, 'ExpiredTokenException']);
    assert.match(expired.message, /The security token included in the request is expired/);

    suite.fake.bedrock.region = 'eu-west-1';
    suite.fake.enqueue(textReply(['Signed in Ireland']));
    await suite.client({ awsRegion: 'eu-west-1', awsSessionToken: 'session-1' }).messages.create(ask());
    const auth = suite.fake.bedrock.calls.at(-1)!.auth;
    assert.deepEqual(auth?.kind === 'sigv4' && [auth.accessKeyId, auth.region, auth.service, auth.sessionToken], [BEDROCK_TEST_CREDENTIALS.accessKeyId, 'eu-west-1', 'bedrock', 'session-1']);
  });

  it('takes a known Bedrock API key as a bearer token, from the options or AWS_BEARER_TOKEN_BEDROCK, and refuses an unknown or expired one', async () => {
    suite.fake.enqueue(textReply(['By key']));
    await suite.client({ ...noKeys, apiKey: BEDROCK_TEST_API_KEY }).messages.create(ask());
    assert.deepEqual(suite.fake.bedrock.calls[0].auth, { kind: 'apiKey', key: BEDROCK_TEST_API_KEY });
    assert.equal(suite.fake.messageRequests[0].headers['x-amz-date'], undefined, 'a key is not signed');

    process.env.AWS_BEARER_TOKEN_BEDROCK = BEDROCK_TEST_API_KEY;
    suite.fake.enqueue(textReply(['By key from the environment']));
    await suite.client(noKeys).messages.create(ask());
    assert.equal(suite.fake.bedrock.calls[1].auth?.kind, 'apiKey');

    const unknown = await failure(suite.client({ ...noKeys, apiKey: 'ABSKnot-a-key' }).messages.create(ask()));
    assert.deepEqual([unknown.status, exceptionOf(unknown)], [403, 'AccessDeniedException']);
    assert.match(unknown.message, /Authentication failed: Please make sure your API Key is valid\./);
    suite.fake.bedrock.expiredTokens.add(BEDROCK_TEST_API_KEY);
    const expired = await failure(suite.client(noKeys).messages.create(ask()));
    assert.match(expired.message, /Authentication failed: Please make sure your API Key is valid\./);
  });

  it('throttles the next requests with 429 ThrottlingException, leaving the script for the retry', async () => {
    suite.fake.bedrock.throttle = 1;
    suite.fake.enqueue(textReply(['After the wait']));
    const throttled = await failure(suite.client().messages.stream(ask()).finalMessage());
    assert.deepEqual([throttled.status, exceptionOf(throttled)], [429, 'ThrottlingException']);
    assert.match(throttled.message, /^429 Too many requests, please wait before trying again\./);
    const retried = await suite.client().messages.stream(ask()).finalMessage();
    assert.deepEqual(retried.content, [{ type: 'text', text: 'After the wait' }]);

    suite.fake.bedrock.throttle = 1;
    suite.fake.enqueue(textReply(['Retried by the SDK']));
    const message = await suite.client({ maxRetries: 1 }).messages.create(ask());
    assert.deepEqual(message.content, [{ type: 'text', text: 'Retried by the SDK' }]);
    assert.equal(suite.fake.messageRequests.length, 4);
    assert.equal(suite.fake.messageRequests[3].headers['x-stainless-retry-count'], '1', 'the SDK retries a 429 on its own');
  });

  it('signs with keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the region of AWS_REGION when none are given', async () => {
    process.env.AWS_ACCESS_KEY_ID = BEDROCK_TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = BEDROCK_TEST_CREDENTIALS.secretAccessKey;
    process.env.AWS_SESSION_TOKEN = 'session-from-env';
    process.env.AWS_REGION = 'eu-central-1';
    suite.fake.bedrock.region = 'eu-central-1';
    suite.fake.enqueue(textReply(['From the environment']));
    const message = await suite.client({ ...noKeys, awsRegion: undefined }).messages.create(ask());
    assert.deepEqual(message.content, [{ type: 'text', text: 'From the environment' }]);
    const auth = suite.fake.bedrock.calls[0].auth;
    assert.deepEqual(auth?.kind === 'sigv4' && [auth.accessKeyId, auth.region, auth.sessionToken], [BEDROCK_TEST_CREDENTIALS.accessKeyId, 'eu-central-1', 'session-from-env']);
  });

  it("signs with an AWS profile's keys (AWS_PROFILE, config and credentials files) without asking instance metadata; the profile's region is not read", async () => {
    const config = join(suite.dir, 'config');
    const credentials = join(suite.dir, 'credentials');
    writeFileSync(config, '[default]\nregion = ap-south-1\n\n[profile work]\nregion = eu-west-3\n');
    writeFileSync(
      credentials,
      `[default]\naws_access_key_id = AKIADEFAULTPROFILE00\naws_secret_access_key = other\n\n[work]\naws_access_key_id = ${BEDROCK_TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${BEDROCK_TEST_CREDENTIALS.secretAccessKey}\naws_session_token = session-of-work\n`,
    );
    Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: 'work' });
    // Instance metadata on, but pointed at the fake: had the chain gone past the profile, the fake would see it.
    delete process.env.AWS_EC2_METADATA_DISABLED;
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = suite.fake.url;

    suite.fake.enqueue(textReply(['From the profile']));
    const message = await suite.client({ ...noKeys, awsRegion: undefined }).messages.create(ask());
    assert.deepEqual(message.content, [{ type: 'text', text: 'From the profile' }]);
    const auth = suite.fake.bedrock.calls[0].auth;
    assert.deepEqual(auth?.kind === 'sigv4' && [auth.accessKeyId, auth.sessionToken], [BEDROCK_TEST_CREDENTIALS.accessKeyId, 'session-of-work']);
    assert.equal(auth?.kind === 'sigv4' && auth.region, 'us-east-1', 'the SDK takes the region from awsRegion or AWS_REGION only');
    assert.deepEqual(
      suite.fake.requests.map((r) => r.fullPath),
      ['/model/us.anthropic.claude-sonnet-5-5/invoke'],
    );
  });

  it('fails before sending anything when no credentials are found anywhere', async () => {
    const error = await failure(suite.client({ ...noKeys, awsRegion: undefined }).messages.create(ask()));
    assert.equal(error.status, undefined);
    assert.match(error.message, /Failed to resolve AWS credentials from the credential provider chain\./);
    assert.equal(suite.fake.requests.length, 0);
  });
});
