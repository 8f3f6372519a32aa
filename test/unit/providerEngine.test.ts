/**
 * The chat through each cloud, end to end in Node: the real engine, the cloud's real SDK (as the
 * extension builds it, with the credentials found the way the cloud's tools find them) and the
 * fake's Bedrock and Vertex AI routes over HTTP: a streamed reply, a tool loop with review, Stop,
 * a throttled request retried, and missing credentials said as their fix with the text kept.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerOptions } from '../../src/core/api/providerOptions';
import type { ChatEngine } from '../../src/core/engine/chatEngine';
import type { Settings } from '../../src/core/settings/settings';
import { createChatBackend } from '../../src/host/providers/providerBackend';
import { Gate, reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { BEDROCK_TEST_CREDENTIALS } from '../fake-anthropic/server';
import { useEngineHarness, type EngineHarness } from '../support/engineHarness';
import { removeCredentialFiles, writeServiceAccount } from '../support/vertexCredentials';

/** Environment variables a test sets, put back after it. */
const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_BEARER_TOKEN_BEDROCK', 'ANTHROPIC_BEDROCK_BASE_URL', 'ANTHROPIC_VERTEX_BASE_URL', 'GOOGLE_APPLICATION_CREDENTIALS', 'METADATA_SERVER_DETECTION', 'CLOUD_ML_REGION'];

type Cloud = 'bedrock' | 'vertex';

/** An engine whose backend is built as the extension builds it for `cloud`, against the harness's fake. */
function cloudEngine(h: EngineHarness, cloud: Cloud, settings: Partial<Settings> = {}): ChatEngine {
  const base: Partial<Settings> = cloud === 'bedrock' ? { provider: 'bedrock', bedrockRegion: h.fake.bedrock.region } : { provider: 'vertex', vertexProjectId: h.fake.vertex.projectId, vertexRegion: h.fake.vertex.region };
  h.settings = { ...h.settings, baseURL: '', ...base, ...settings };
  return h.engine({ backend: async () => createChatBackend(providerOptions(h.settings, undefined, process.env)!), pricesKnown: () => false });
}

for (const cloud of ['bedrock', 'vertex'] as const) {
  describe(`the chat through ${cloud === 'bedrock' ? 'Amazon Bedrock' : 'Google Vertex AI'} (real SDK, fake cloud)`, () => {
    const h = useEngineHarness();
    const saved = new Map<string, string | undefined>();
    let dir = '';
    beforeEach(() => {
      for (const name of VARIABLES) {
        saved.set(name, process.env[name]);
        delete process.env[name];
      }
      dir = mkdtempSync(join(tmpdir(), 'claude-chat-cloud-'));
      // Credentials as each cloud's tools leave them: AWS keys in the environment (no ~/.aws, no instance metadata); a Google service account file.
      process.env.AWS_CONFIG_FILE = join(dir, 'no-config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      process.env.METADATA_SERVER_DETECTION = 'none';
      if (cloud === 'bedrock') {
        process.env.AWS_ACCESS_KEY_ID = BEDROCK_TEST_CREDENTIALS.accessKeyId;
        process.env.AWS_SECRET_ACCESS_KEY = BEDROCK_TEST_CREDENTIALS.secretAccessKey;
        process.env.ANTHROPIC_BEDROCK_BASE_URL = h.fake.url;
      } else {
        process.env.GOOGLE_APPLICATION_CREDENTIALS = writeServiceAccount(h.fake, { universeDomain: 'fake-universe.test' }).path;
        process.env.ANTHROPIC_VERTEX_BASE_URL = `${h.fake.url}/v1`;
      }
    });
    afterEach(() => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
      removeCredentialFiles();
    });
    const calls = () => (cloud === 'bedrock' ? h.fake.bedrock.calls.length : h.fake.vertex.messageRequests.length);

    it('streams a reply, the request in the cloud’s own form', async () => {
      h.fake.enqueue(textReply(['Hello ', 'from the cloud.']));
      const turn = await cloudEngine(h, cloud).send('Hi');
      assert.equal(turn?.status, 'done');
      assert.match(h.ofType('replyDelta').map((m) => m.text).join(''), /Hello from the cloud\./);
      assert.equal(calls(), 1, 'the request went through the cloud’s route');
      assert.equal(h.ofType('error').length, 0);
      const usage = h.ofType('replyEnd').at(-1)?.usage;
      assert.ok(usage && usage.output > 0, 'tokens are counted');
      assert.equal(usage.cost, undefined, 'no cost: the list prices do not hold on a cloud');
    });

    it('runs a tool loop with review: nothing is written before Accept', async () => {
      const edit = toolUse('toolu_1', 'str_replace_based_edit_tool', { command: 'str_replace', path: 'src/a.ts', old_str: 'a = 1', new_str: 'a = 2' });
      h.fake.enqueue(reply([edit]), reply([text('Changed.')]));
      const chat = cloudEngine(h, cloud);
      const sent = chat.send('Change a');
      await h.until('editCard');
      assert.equal(h.files.text('src/a.ts')?.startsWith('export const a = 1;'), true, 'unchanged while the card waits');
      await chat.handle({ type: 'editDecision', cardId: 'toolu_1', accept: true });
      const turn = await sent;
      assert.equal(turn?.status, 'done');
      assert.equal(h.files.text('src/a.ts')?.startsWith('export const a = 2;'), true);
      assert.equal(calls(), 2, 'the tool result went back through the cloud');
    });

    it('stops at once: what arrived stays, the connection is closed', async () => {
      const gate = new Gate();
      h.fake.enqueue(textReply(['Part one. ', 'Part two.'], { pauseAfter: { chunks: 1, gate } }));
      const chat = cloudEngine(h, cloud);
      const sent = chat.send('Tell me a long story');
      await h.until('replyDelta');
      chat.stop();
      const turn = await sent;
      assert.equal(turn?.status, 'stopped');
      const request = cloud === 'bedrock' ? h.fake.bedrock.calls.at(-1)!.request : h.fake.vertex.messageRequests.at(-1)!;
      // The gate still holds the rest: only the client closing the connection ends it now.
      const closed = await Promise.race([request.closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000))]);
      gate.open();
      assert.ok(closed && request.aborted, 'Stop closed the stream');
    });

    it('retries a throttled request by itself, with the wait shown', async () => {
      if (cloud === 'bedrock') h.fake.bedrock.throttle = 1;
      else h.fake.vertex.throttle = 1;
      h.fake.enqueue(textReply(['After the wait.']));
      const turn = await cloudEngine(h, cloud).send('Busy?');
      assert.equal(turn?.status, 'done');
      assert.equal(h.waits.length, 1, 'one wait, then the request again');
      assert.ok(h.ofType('replyStatus').some((m) => /Retrying in \d+ s/.test(m.text)));
    });

    it('sends without the effort setting where the cloud refuses it, says so on the reply, and leaves it out after that', async () => {
      (cloud === 'bedrock' ? h.fake.bedrock : h.fake.vertex).refusedFields.add('output_config');
      h.fake.enqueue(textReply(['Without effort.']), textReply(['Again without.']));
      const chat = cloudEngine(h, cloud, { effort: 'high' });
      const turn = await chat.send('Think hard');
      assert.equal(turn?.status, 'done');
      assert.match(turn?.note ?? '', /does not take the effort setting \(high\)/);
      assert.match(h.ofType('replyEnd').at(-1)?.note ?? '', /sent without it/, 'the note is shown on the reply');
      assert.equal(h.ofType('error').length, 0);
      const bodies = () => (cloud === 'bedrock' ? h.fake.bedrock.calls.map((c) => c.body) : h.fake.vertex.messageRequests.map((r) => r.json as Record<string, unknown>));
      assert.deepEqual(bodies().map((b) => b.output_config), [{ effort: 'high' }, undefined], 'refused once, then sent without it');
      assert.equal((await chat.send('And again'))?.status, 'done');
      assert.equal(bodies().length, 3, 'the next reply goes at once without it: not refused again');
      assert.equal(bodies()[2].output_config, undefined);
      assert.equal(h.ofType('replyEnd').at(-1)?.note, undefined, 'said once, on the reply where it was found');
    });

    it('says how to fix missing credentials, and gives the text back', async () => {
      if (cloud === 'bedrock') {
        delete process.env.AWS_ACCESS_KEY_ID;
        delete process.env.AWS_SECRET_ACCESS_KEY;
      } else {
        process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'missing.json');
      }
      const turn = await cloudEngine(h, cloud, cloud === 'bedrock' ? { bedrockProfile: '' } : {}).send('Hello?');
      assert.equal(turn, undefined);
      const [error] = h.ofType('error');
      assert.match(error?.message ?? '', cloud === 'bedrock' ? /No AWS credentials were found\. Run `aws configure` or `aws sso login`/ : /gcloud auth application-default login|GOOGLE_APPLICATION_CREDENTIALS/);
      assert.deepEqual(h.ofType('restoreComposer').map((m) => m.text), ['Hello?']);
      assert.equal(calls(), 0, 'nothing reached the cloud');
    });
  });
}
