// Claude through each cloud, through the UI: the provider picked with Claude: Select Provider, the
// cloud's credentials where its tools leave them, and a reply in the chat view from the fake's
// cloud routes (Bedrock's event stream, Vertex AI's streamRawPredict, Foundry's Messages API).
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textReply } from '../fake-anthropic/scripts';
import { BEDROCK_TEST_CREDENTIALS, type FakeAnthropic } from '../fake-anthropic/server';
import { writeServiceAccount } from '../support/vertexCredentials';
import { ask, chatWorkbench, lastMessage, openClaudeView, pickRow, replyDone, runCommand, until } from './workbench';

/** No credentials of the machine's own: no ~/.aws, no instance metadata, no Google metadata server. */
function isolated(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'claude-chat-cloud-e2e-'));
  return { AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'), AWS_EC2_METADATA_DISABLED: 'true', METADATA_SERVER_DETECTION: 'none' };
}

/** Trusts the Vertex service account again after the fake's reset before each test. */
let retrust = () => {};

const CLOUDS = {
  bedrock: {
    name: 'Amazon Bedrock',
    env: (fake: FakeAnthropic) => ({ ...isolated(), AWS_ACCESS_KEY_ID: BEDROCK_TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: BEDROCK_TEST_CREDENTIALS.secretAccessKey, ANTHROPIC_BEDROCK_BASE_URL: fake.url }),
    settings: () => ({ 'claudeChat.bedrock.region': 'us-east-1' }),
    calls: (fake: FakeAnthropic) => fake.bedrock.calls.length,
  },
  vertex: {
    name: 'Google Vertex AI',
    env: (fake: FakeAnthropic) => {
      const account = writeServiceAccount(fake, { universeDomain: 'fake-universe.test' });
      retrust = account.trust;
      return { ...isolated(), GOOGLE_APPLICATION_CREDENTIALS: account.path, ANTHROPIC_VERTEX_BASE_URL: `${fake.url}/v1` };
    },
    settings: () => ({ 'claudeChat.vertex.projectId': 'test-project', 'claudeChat.vertex.region': 'us-east5' }),
    calls: (fake: FakeAnthropic) => fake.vertex.messageRequests.length,
  },
  foundry: {
    name: 'Microsoft Foundry',
    env: (fake: FakeAnthropic) => ({ ...isolated(), ANTHROPIC_FOUNDRY_BASE_URL: `${fake.url}/anthropic`, ANTHROPIC_FOUNDRY_API_KEY: 'foundry-test-key' }),
    settings: () => ({ 'claudeChat.foundry.resource': 'acme-ai' }),
    calls: (fake: FakeAnthropic) => fake.messageRequests.filter((r) => r.fullPath === '/anthropic/v1/messages').length,
  },
} as const;

for (const [id, cloud] of Object.entries(CLOUDS)) {
  describe(`Claude through ${cloud.name} (e2e)`, function () {
    this.timeout(180_000);
    const w = chatWorkbench({ key: null, env: cloud.env, settings: cloud.settings });
    beforeEach(() => retrust());

    it('answers in the chat view, through the cloud picked with Claude: Select Provider', async () => {
      const chat = await openClaudeView(w.page);
      const keyNeeded = chat.getByRole('region', { name: 'API key needed' });
      await keyNeeded.waitFor({ state: 'visible' }); // the Anthropic API, and no key for it
      await runCommand(w.page, 'Claude: Select Provider');
      await pickRow(w.page, new RegExp(`^${cloud.name}`));
      // The cloud needs no Anthropic key: the banner goes once the pick is in the settings.
      await keyNeeded.waitFor({ state: 'hidden' });
      w.fake.enqueue(textReply(['Hello ', `from ${cloud.name}.`]));
      // The workbench gives focus back to the view once the picker has closed; then the box is clicked, as a person would.
      await until(async () => !(await w.page.locator('.quick-input-widget').isVisible()), 'the provider picker to close', 5000);
      await chat.getByRole('textbox', { name: 'Message Claude' }).click();
      await ask(chat, 'Hi');
      await replyDone(chat);
      const reply = lastMessage(chat, 'Claude');
      await reply.scrollIntoViewIfNeeded();
      assert.match(await reply.innerText(), new RegExp(`Hello from ${cloud.name}\\.`));
      assert.equal(cloud.calls(w.fake), 1, `the request went through ${id}'s route`);
      assert.equal(await chat.getByRole('alert').count(), 0, 'no "Set API Key": the cloud needs none');
    });
  });
}
