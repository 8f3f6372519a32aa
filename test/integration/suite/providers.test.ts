// Claude through Amazon Bedrock, Google Vertex AI and Microsoft Foundry in a real VS Code extension
// host: the provider chosen in the user's settings, each cloud's SDK loaded from its own bundle on first use,
// credentials found the way the cloud's tools leave them, and the fake's cloud routes answering:
// a streamed reply, a tool loop with review, Stop, a throttled request retried.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { Gate, httpError, reply, text, textReply, toolUse } from '../../fake-anthropic/scripts';
import { BEDROCK_TEST_CREDENTIALS } from '../../fake-anthropic/server';
import { removeCredentialFiles, writeServiceAccount } from '../../support/vertexCredentials';
import { useFakeEndpoint } from '../fakeEndpoint';

const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_BEARER_TOKEN_BEDROCK', 'ANTHROPIC_BEDROCK_BASE_URL', 'ANTHROPIC_VERTEX_BASE_URL', 'GOOGLE_APPLICATION_CREDENTIALS', 'METADATA_SERVER_DETECTION', 'CLOUD_ML_REGION', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_RESOURCE'];
const config = () => vscode.workspace.getConfiguration('claudeChat');
const SETTINGS = ['provider', 'bedrock.region', 'vertex.projectId', 'vertex.region', 'foundry.resource'];
const NAMES = { bedrock: 'Amazon Bedrock', vertex: 'Google Vertex AI', foundry: 'Microsoft Foundry' } as const;
/** Foundry's Messages API, on the fake under /anthropic (as a resource's https://<resource>.services.ai.azure.com/anthropic). */
const FOUNDRY_MESSAGES = '/anthropic/v1/messages';

for (const cloud of ['bedrock', 'vertex', 'foundry'] as const) {
  describe(`Claude through ${NAMES[cloud]} in the extension host`, function () {
    this.timeout(60_000);
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
        await config().update('bedrock.region', fake.bedrock.region, vscode.ConfigurationTarget.Global);
      } else if (cloud === 'foundry') {
        process.env.ANTHROPIC_FOUNDRY_BASE_URL = `${fake.url}/anthropic`;
        process.env.ANTHROPIC_FOUNDRY_API_KEY = 'foundry-test-key';
        await config().update('foundry.resource', 'acme-ai', vscode.ConfigurationTarget.Global);
      } else {
        process.env.ANTHROPIC_VERTEX_BASE_URL = `${fake.url}/v1`;
        await config().update('vertex.projectId', fake.vertex.projectId, vscode.ConfigurationTarget.Global);
        await config().update('vertex.region', fake.vertex.region, vscode.ConfigurationTarget.Global);
      }
      await config().update('provider', cloud, vscode.ConfigurationTarget.Global);
    });
    beforeEach(async () => {
      endpoint.fake.reset();
      // A fresh service account each time: the fake forgets the keys it trusts on reset.
      if (cloud === 'vertex') process.env.GOOGLE_APPLICATION_CREDENTIALS = writeServiceAccount(endpoint.fake, { universeDomain: 'fake-universe.test' }).path;
      await endpoint.api.session.newChat();
    });
    after(async () => {
      for (const key of SETTINGS) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
      removeCredentialFiles();
    });
    const cloudRequests = () =>
      cloud === 'bedrock' ? endpoint.fake.bedrock.calls.map((c) => c.request) : cloud === 'vertex' ? endpoint.fake.vertex.messageRequests : endpoint.fake.messageRequests.filter((r) => r.fullPath === FOUNDRY_MESSAGES);
    const cloudCalls = () => cloudRequests().length;
    const lastCloudRequest = () => cloudRequests().at(-1)!;

    it('streams a reply through the cloud chosen in the settings', async () => {
      endpoint.fake.enqueue(textReply(['Hello from ', cloud, '.']));
      const turn = await endpoint.api.session.send('Hi');
      assert.equal(turn?.status, 'done');
      assert.match(endpoint.api.session.transcript().at(-1)?.text ?? '', new RegExp(`Hello from ${cloud}\\.`));
      assert.equal(cloudCalls(), 1);
      assert.equal(endpoint.fake.requests.filter((r) => r.fullPath === '/v1/messages').length, 0, 'nothing went to the Anthropic API');
    });

    it('runs a tool loop with review: the edit waits for Accept, then is written', async function () {
      if (!vscode.workspace.isTrusted) return this.skip();
      const file = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `cloud-${cloud}-${process.pid}.ts`);
      writeFileSync(file, 'export const a = 1;\n');
      try {
        const edit = toolUse('toolu_cloud', 'str_replace_based_edit_tool', { command: 'str_replace', path: file, old_str: 'a = 1', new_str: 'a = 2' });
        endpoint.fake.enqueue(reply([edit]), reply([text('Changed.')]));
        const card = new Promise<void>((resolve) => {
          const sub = endpoint.api.onDidPost((m: HostToWebview) => {
            if (m.type === 'editCard') resolve(void sub.dispose());
          });
        });
        const sent = endpoint.api.session.send('Change a');
        await card;
        assert.equal(readFileSync(file, 'utf8'), 'export const a = 1;\n', 'nothing written before Accept');
        await endpoint.api.session.handle({ type: 'editDecision', cardId: 'toolu_cloud', accept: true });
        assert.equal((await sent)?.status, 'done');
        const saved = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
        assert.equal(saved.getText(), 'export const a = 2;\n');
        assert.equal(cloudCalls(), 2, 'the tool result went back through the cloud');
      } finally {
        rmSync(file, { force: true });
      }
    });

    it('stops at once and closes the stream', async () => {
      const gate = new Gate();
      endpoint.fake.enqueue(textReply(['Part one. ', 'Part two.'], { pauseAfter: { chunks: 1, gate } }));
      const firstPart = new Promise<void>((resolve) => {
        const sub = endpoint.api.onDidPost((m: HostToWebview) => {
          if (m.type === 'replyDelta') resolve(void sub.dispose());
        });
      });
      const sent = endpoint.api.session.send('A long story, please');
      await firstPart; // something arrived: Stop keeps it (stopped before anything, the message would go back to the box)
      endpoint.api.session.stop();
      assert.equal((await sent)?.status, 'stopped');
      const request = lastCloudRequest();
      const closed = await Promise.race([request.closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
      gate.open();
      assert.ok(closed && request.aborted, 'Stop closed the stream');
    });

    it('retries a throttled request by itself', async () => {
      if (cloud === 'bedrock') endpoint.fake.bedrock.throttle = 1;
      else if (cloud === 'vertex') endpoint.fake.vertex.throttle = 1;
      // Foundry throttles as the Messages API does: a 429 rate_limit_error with retry-after.
      else endpoint.fake.enqueue(httpError(429, 'rate_limit_error', 'Rate limit exceeded for this deployment.', { 'retry-after': '1' }));
      endpoint.fake.enqueue(textReply(['After the wait.']));
      const statuses: string[] = [];
      const sub = endpoint.api.onDidPost((m: HostToWebview) => void (m.type === 'replyStatus' && m.text && statuses.push(m.text)));
      try {
        const turn = await endpoint.api.session.send('Busy?');
        assert.equal(turn?.status, 'done');
      } finally {
        sub.dispose();
      }
      assert.ok(statuses.some((s) => /Retrying in \d+ s/.test(s)), statuses.join(' | '));
      assert.equal(cloudCalls(), 2, 'refused once, then answered');
    });
  });
}
