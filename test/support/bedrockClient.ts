/**
 * A fake server for a Bedrock suite with clients of the real `@anthropic-ai/bedrock-sdk` pointed
 * at it, and an AWS environment emptied for each test: no keys, region, profile, API key or
 * `~/.aws` files of the machine reach the SDK, and instance metadata is off unless a test turns it on.
 */
import * as assert from 'node:assert/strict';
import { AnthropicBedrock, type ClientOptions } from '@anthropic-ai/bedrock-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BEDROCK_TEST_CREDENTIALS, FakeAnthropic } from '../fake-anthropic/server';

/** Every variable the Bedrock SDK or the AWS credential chain reads. */
const AWS_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_BEARER_TOKEN_BEDROCK',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];

export interface BedrockSuite {
  readonly fake: FakeAnthropic;
  /** A folder of the test's own, removed after it (for AWS config and credentials files). */
  readonly dir: string;
  /** A client signing with the fake's known key in the fake's region, without retries; `options` override. */
  client(options?: ClientOptions): AnthropicBedrock;
}

/** Registers the hooks in the calling `describe`; the returned object is filled in before each test. */
export function useBedrockFake(): BedrockSuite {
  const suite = {} as { fake: FakeAnthropic; dir: string; client: BedrockSuite['client'] };
  const saved = new Map<string, string | undefined>();
  before(async () => {
    suite.fake = await FakeAnthropic.start();
  });
  after(() => suite.fake.close());
  beforeEach(() => {
    suite.fake.reset();
    suite.dir = mkdtempSync(join(tmpdir(), 'claude-chat-bedrock-'));
    for (const name of AWS_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    // Files that do not exist, so that the chain never reads the machine's ~/.aws.
    process.env.AWS_CONFIG_FILE = join(suite.dir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(suite.dir, 'no-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    suite.client = (options = {}) =>
      new AnthropicBedrock({
        awsRegion: suite.fake.bedrock.region,
        awsAccessKey: BEDROCK_TEST_CREDENTIALS.accessKeyId,
        awsSecretKey: BEDROCK_TEST_CREDENTIALS.secretAccessKey,
        baseURL: suite.fake.url,
        // Bedrock's documented version, as the extension sends it (the SDK alone would copy the API's version into the body).
        defaultHeaders: { 'anthropic-version': 'bedrock-2023-05-31' },
        maxRetries: 0,
        ...options,
      } as ClientOptions & { awsAccessKey: string; awsSecretKey: string });
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

/** The error a promise rejects with (fails when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ status?: number; message: string; headers?: Headers; error?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { status?: number; message: string; headers?: Headers; error?: unknown };
  }
  assert.fail('expected the request to fail');
}

/** The exception AWS names in `x-amzn-errortype`. */
export const exceptionOf = (error: { headers?: Headers }) => error.headers?.get('x-amzn-errortype')?.split(':')[0];
