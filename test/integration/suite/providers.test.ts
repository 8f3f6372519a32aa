// Claude through Amazon Bedrock, Google Vertex AI and Microsoft Foundry in a real VS Code extension
// host: the provider chosen in the user's settings, each cloud's SDK loaded from its own bundle on first use,
// credentials found the way the cloud's tools leave them, and the fake's cloud routes answering:
// a streamed reply, a tool loop with review, Stop, a throttled request retried.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { Gate, httpError, reply, text, textReply, toolUse } from '../../fake-anthropic/scripts';
import { useCloudProvider } from '../cloudProvider';

const NAMES = { bedrock: 'Amazon Bedrock', vertex: 'Google Vertex AI', foundry: 'Microsoft Foundry' } as const;
/** Foundry's Messages API, on the fake under /anthropic (as a resource's https://<resource>.services.ai.azure.com/anthropic). */
const FOUNDRY_MESSAGES = '/anthropic/v1/messages';

for (const cloud of ['bedrock', 'vertex', 'foundry'] as const) {
  describe(`Claude through ${NAMES[cloud]} in the extension host`, function () {
    this.timeout(60_000);
    const endpoint = useCloudProvider(cloud);
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
