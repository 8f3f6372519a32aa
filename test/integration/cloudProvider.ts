/**
 * A suite on a cloud provider in the running extension: the fake endpoint, an environment emptied
 * of the machine's AWS, Google and Foundry settings, the cloud's credentials and base URL pointing at the
 * fake, and the provider chosen in the user settings; all put back after the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { BEDROCK_TEST_CREDENTIALS } from '../fake-anthropic/server';
import { removeCredentialFiles, writeServiceAccount } from '../support/vertexCredentials';
import { useFakeEndpoint, type FakeEndpoint } from './fakeEndpoint';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_BEARER_TOKEN_BEDROCK', 'ANTHROPIC_BEDROCK_BASE_URL', 'ANTHROPIC_VERTEX_BASE_URL', 'GOOGLE_APPLICATION_CREDENTIALS', 'METADATA_SERVER_DETECTION', 'CLOUD_ML_REGION', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_RESOURCE'];
const SETTINGS = ['provider', 'bedrock.region', 'vertex.projectId', 'vertex.region', 'foundry.resource'];

export const claudeConfig = () => vscode.workspace.getConfiguration('claudeChat');

/** Registers the hooks in the calling `describe`; each test starts with the fake reset and a new chat. */
export function useCloudProvider(cloud: 'bedrock' | 'vertex' | 'foundry'): FakeEndpoint {
  const endpoint = useFakeEndpoint(`sk-${cloud}`);
  const saved = new Map<string, string | undefined>();
  let dir = '';
  before(async () => {
    for (const name of VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    dir = mkdtempSync(join(tmpdir(), `claude-chat-${cloud}-`));
    process.env.AWS_CONFIG_FILE = join(dir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.METADATA_SERVER_DETECTION = 'none';
    const fake = endpoint.fake;
    if (cloud === 'bedrock') {
      process.env.AWS_ACCESS_KEY_ID = BEDROCK_TEST_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = BEDROCK_TEST_CREDENTIALS.secretAccessKey;
      process.env.ANTHROPIC_BEDROCK_BASE_URL = fake.url;
      await claudeConfig().update('bedrock.region', fake.bedrock.region, vscode.ConfigurationTarget.Global);
    } else if (cloud === 'foundry') {
      // Foundry's Messages API on the fake under /anthropic, with the resource's key.
      process.env.ANTHROPIC_FOUNDRY_BASE_URL = `${fake.url}/anthropic`;
      process.env.ANTHROPIC_FOUNDRY_API_KEY = 'foundry-test-key';
      await claudeConfig().update('foundry.resource', 'acme-ai', vscode.ConfigurationTarget.Global);
    } else {
      process.env.ANTHROPIC_VERTEX_BASE_URL = `${fake.url}/v1`;
      await claudeConfig().update('vertex.projectId', fake.vertex.projectId, vscode.ConfigurationTarget.Global);
      await claudeConfig().update('vertex.region', fake.vertex.region, vscode.ConfigurationTarget.Global);
    }
    await claudeConfig().update('provider', cloud, vscode.ConfigurationTarget.Global);
  });
  beforeEach(async () => {
    endpoint.fake.reset();
    // A fresh service account each time: the fake forgets the keys it trusts on reset.
    if (cloud === 'vertex') process.env.GOOGLE_APPLICATION_CREDENTIALS = writeServiceAccount(endpoint.fake, { universeDomain: 'fake-universe.test' }).path;
    await endpoint.api.session.newChat();
  });
  after(async () => {
    for (const key of SETTINGS) await claudeConfig().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
    removeCredentialFiles();
  });
  return endpoint;
}
