// Claude's bash tool in a real extension host with real processes: the shell persists, Stop and a
// timeout leave nothing running, no credential reaches a command, and a flood or a dying shell is survived.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { STOPPED_RESULT } from '../../../src/core/conversation/history';
import { reply, text, toolUse } from '../../fake-anthropic/scripts';
import { processGone, waitFor } from '../../support/processes';
import { useFakeEndpoint } from '../fakeEndpoint';

type Result = { tool_use_id: string; content: string; is_error?: boolean };
const STORED_KEY = 'sk-bash-integration-key';

describe('Claude bash tool in the extension host', () => {
  const endpoint = useFakeEndpoint(STORED_KEY);
  const posts: HostToWebview[] = [];
  let subscription: vscode.Disposable | undefined;

  before(function () {
    if (!vscode.workspace.isTrusted) return this.skip(); // Restricted Mode declares no tools at all (tools.test.ts)
    // The person presses Run on every command card; like the webview's answer, it arrives after the card is shown.
    subscription = endpoint.api.onDidPost((m) => {
      posts.push(m);
      if (m.type === 'commandCard' && m.card.state === 'pending') setImmediate(() => void endpoint.api.session.handle({ type: 'commandDecision', cardId: m.card.id, run: true }));
    });
  });
  after(() => subscription?.dispose());
  beforeEach(() => endpoint.api.session.newChat());

  /** Sends a message whose reply calls bash with each input in turn; resolves once the reply ends. */
  async function calls(...inputs: Array<Record<string, unknown>>): Promise<Result[]> {
    const first = endpoint.fake.messageRequests.length;
    endpoint.fake.enqueue(...inputs.map((input, i) => reply([toolUse(`toolu_b${i}`, 'bash', input)])), reply([text('Done.')]));
    await endpoint.api.session.send('Run these');
    return endpoint.fake.messageRequests.slice(first + 1).map((r) => r.json.messages.at(-1).content[0] as Result);
  }

  it('declares bash beside the editor, waits for Run, and keeps one shell: a cd and an export hold', async () => {
    const [made, kept] = await calls({ command: 'mkdir -p bash-sub && cd bash-sub && export GREETING=hello' }, { command: 'pwd; echo "$GREETING"' });
    const declared = endpoint.fake.messageRequests.at(-1)?.json.tools.map((t: { type: string; name: string }) => [t.type, t.name]);
    assert.deepEqual(declared.slice(0, 2).map((t: string[]) => t[1]), ['str_replace_based_edit_tool', 'bash']);
    assert.deepEqual(declared[1], ['bash_20250124', 'bash']);
    assert.equal(made.content, '(no output)\nExit code: 0');
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.equal(kept.content, `${root}/bash-sub\nhello\nExit code: 0`);
    const states = posts.filter((m) => m.type === 'commandState').map((m) => m.type === 'commandState' && m.state);
    assert.deepEqual(states.slice(-4), ['running', 'done', 'running', 'done']);
  });

  it('keeps the API key out of the environment, though the extension host has one', async () => {
    const had = { ...process.env };
    Object.assign(process.env, { ANTHROPIC_API_KEY: 'sk-host-environment-key', COPY_OF_STORED: STORED_KEY, BASH_TEST_MARK: 'visible' });
    try {
      const [env] = await calls({ command: 'env' });
      assert.match(env.content, /^BASH_TEST_MARK=visible$/m, 'the rest of the environment is there');
      assert.doesNotMatch(env.content, /ANTHROPIC_API_KEY|sk-host-environment-key|COPY_OF_STORED|sk-bash-integration-key/);
    } finally {
      for (const key of ['ANTHROPIC_API_KEY', 'COPY_OF_STORED', 'BASH_TEST_MARK']) if (!(key in had)) delete process.env[key];
    }
  });

  it('keeps every provider’s stored key out of the environment, not only the one in use', async () => {
    const config = vscode.workspace.getConfiguration('claudeChat');
    const bedrockKey = 'bedrock-stored-key-for-bash-test';
    await config.update('provider', 'bedrock', vscode.ConfigurationTarget.Global);
    await endpoint.api.setApiKey!(bedrockKey);
    await config.update('provider', undefined, vscode.ConfigurationTarget.Global);
    const had = { ...process.env };
    Object.assign(process.env, { COPY_OF_BEDROCK_KEY: bedrockKey, BASH_TEST_MARK: 'visible' });
    try {
      const [env] = await calls({ command: 'env' });
      assert.match(env.content, /^BASH_TEST_MARK=visible$/m);
      assert.doesNotMatch(env.content, /COPY_OF_BEDROCK_KEY|bedrock-stored-key/);
    } finally {
      for (const key of ['COPY_OF_BEDROCK_KEY', 'BASH_TEST_MARK']) if (!(key in had)) delete process.env[key];
      await config.update('provider', 'bedrock', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('claudeChat.clearApiKey');
      await config.update('provider', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a command that reads stdin ends at once', async () => {
    const [read] = await calls({ command: 'cat; echo "after cat"' });
    assert.equal(read.content, 'after cat\nExit code: 0');
  });

  it('Stop kills the whole process group, background jobs included, and the next question works', async () => {
    endpoint.fake.enqueue(reply([toolUse('toolu_s1', 'bash', { command: 'sleep 1000 & echo $!' })]), reply([toolUse('toolu_s2', 'bash', { command: 'sleep 1000' })]));
    const sent = endpoint.api.session.send('Start and wait');
    await waitFor(() => posts.some((m) => m.type === 'commandState' && m.cardId === 'toolu_s2' && m.state === 'running'), 'the second command to run', 10_000);
    const background = Number(/^(\d+)\n/.exec(endpoint.fake.messageRequests.at(-1)?.json.messages.at(-1).content[0].content)?.[1]);
    assert.ok(background > 0);
    endpoint.api.session.stop();
    await sent;
    assert.ok(posts.some((m) => m.type === 'commandState' && m.cardId === 'toolu_s2' && m.state === 'stopped'));
    await waitFor(() => processGone(background), `the background sleep ${background} to be killed`);
    const [next] = await calls({ command: 'echo still here' });
    assert.match(next.content, /fresh shell was started because the previous shell was killed \(stopped by the user\)[^]*still here\nExit code: 0$/);
    const stored = endpoint.api.session.conversation().turns.find((t) => t.role === 'assistant');
    assert.equal(stored?.role === 'assistant' && stored.rounds?.at(-1)?.results?.[0].content, STOPPED_RESULT);
  });

  it('a command past claudeChat.tools.commandTimeout is killed with its jobs and Claude is told', async () => {
    const config = vscode.workspace.getConfiguration('claudeChat');
    await config.update('tools.commandTimeout', 1, vscode.ConfigurationTarget.Global);
    try {
      const [slow] = await calls({ command: 'sleep 1000 & echo $!; sleep 1000' });
      assert.match(slow.content, /The command timed out after 1 s; the command and its processes were killed/);
      assert.equal(slow.is_error, true);
      const background = Number(/^(\d+)\n/.exec(slow.content)?.[1]);
      await waitFor(() => processGone(background), 'the background sleep to be killed');
    } finally {
      await config.update('tools.commandTimeout', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a flood of output is cut for Claude while the extension host stays responsive', async () => {
    let worstGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      worstGap = Math.max(worstGap, Date.now() - last);
      last = Date.now();
    }, 20);
    try {
      const before = posts.length;
      const [flood] = await calls({ command: 'yes | head -c 5000000; echo; echo THE END' });
      assert.ok(flood.content.length <= 30_000, `${flood.content.length} characters`);
      assert.match(flood.content, /cut from the middle of the output[^]*THE END\nExit code: 0$/);
      const outputs = posts.slice(before).filter((m) => m.type === 'commandOutput');
      assert.ok(outputs.length <= 50, `${outputs.length} output messages to the view`);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(worstGap < 1000, `the extension host was blocked for ${worstGap} ms`);
  });

  it('a shell that exits is reported; the next command and restart work', async () => {
    const [died, next, restarted, after] = await calls({ command: 'export X=1; exit 3' }, { command: 'echo "x=$X"' }, { restart: true }, { command: 'echo ok' });
    assert.match(died.content, /The shell exited with code 3/);
    assert.equal(died.is_error, true);
    assert.match(next.content, /fresh shell was started because the previous shell exited with code 3[^]*\nx=\nExit code: 0$/);
    assert.match(restarted.content, /^The shell \(bash\) was restarted/);
    assert.equal(after.content, 'ok\nExit code: 0');
  });
});
