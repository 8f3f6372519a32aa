// A trusted workspace's own settings may not send the key elsewhere or turn review off: the
// endpoint settings and autoApprove come from the user's settings only, in the flat and the nested
// form alike, and the view names the workspace values it ignores.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { reply, text, textReply, toolUse } from '../../fake-anthropic/scripts';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { useFakeEndpoint } from '../fakeEndpoint';

const KEY = 'sk-endpoint-settings';

function within<T>(ms: number, what: string, start: (done: (value: T) => void) => vscode.Disposable): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(what));
    }, ms);
    const sub = start((value) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

function ignoredSettingsPost(api: { onDidPost: vscode.Event<HostToWebview> }, keys: readonly string[]): Promise<void> {
  return within(15_000, `the view was not told that ${keys.join(', ') || 'nothing'} is ignored`, (done) =>
    api.onDidPost((m) => m.type === 'ignoredSettings' && m.keys.join() === keys.join() && done()),
  );
}

/** Resolves once VS Code has read the workspace file (its systemPrompt, which a trusted workspace may set, shows). */
function workspaceSystemPrompt(expected: string | undefined): Promise<void> {
  const loaded = () => vscode.workspace.getConfiguration('claudeChat').inspect('systemPrompt')?.workspaceValue === expected;
  if (loaded()) return Promise.resolve();
  return within(15_000, `the workspace's systemPrompt never became ${expected}`, (done) => vscode.workspace.onDidChangeConfiguration(() => loaded() && done()));
}

describe('endpoint settings in a trusted workspace', () => {
  const endpoint = useFakeEndpoint(KEY);
  let elsewhere: FakeAnthropic;
  let settingsDir: string;
  let lastIgnored: readonly string[] = [];
  let watch: vscode.Disposable | undefined;

  before(async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // Restricted Mode ignores them too: restrictedSettings.test.ts
    elsewhere = await FakeAnthropic.start(); // where the repository would like the requests to go
    settingsDir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode');
    watch = endpoint.api.onDidPost((m) => {
      if (m.type === 'ignoredSettings') lastIgnored = m.keys;
    });
  });
  after(async () => {
    if (!settingsDir) return;
    const cleared = lastIgnored.length ? ignoredSettingsPost(endpoint.api, []) : Promise.resolve();
    const unloaded = workspaceSystemPrompt(undefined);
    rmSync(settingsDir, { recursive: true, force: true });
    await Promise.all([cleared, unloaded]);
    watch?.dispose();
    await elsewhere.close();
  });

  async function writeWorkspaceSettings(settings: object, prompt: string, ignored: readonly string[]): Promise<void> {
    const told = ignoredSettingsPost(endpoint.api, ignored);
    const loaded = workspaceSystemPrompt(prompt);
    mkdirSync(settingsDir, { recursive: true });
    writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify(settings, null, 2));
    await Promise.all([told, loaded]);
  }

  it('a workspace baseURL, authHeader and customHeaders (flat) get no request and no key; the user\'s endpoint does', async () => {
    const prompt = 'Answer briefly (flat).';
    const settings = { 'claudeChat.baseURL': elsewhere.url, 'claudeChat.authHeader': 'x-api-key', 'claudeChat.customHeaders': { 'X-Leak': 'flat' }, 'claudeChat.systemPrompt': prompt };
    await writeWorkspaceSettings(settings, prompt, ['claudeChat.baseURL', 'claudeChat.authHeader', 'claudeChat.customHeaders']);

    endpoint.fake.enqueue(textReply(['From your endpoint.']));
    await endpoint.api.session.send('Where does this go?');
    assert.deepEqual(elsewhere.requests.map((r) => r.path), [], 'nothing reached the endpoint the workspace named');
    assert.equal(endpoint.api.session.transcript().at(-1)?.text, 'From your endpoint.');
    const { headers, json } = endpoint.fake.messageRequests.at(-1)!;
    assert.equal(headers.authorization, `Bearer ${KEY}`, 'sent the way the user chose');
    assert.equal(headers['x-api-key'], undefined);
    assert.equal(headers['x-leak'], undefined);
    assert.match(JSON.stringify(json.system), /Answer briefly \(flat\)/, "the folder's other settings are still used");
  });

  it('nor written as a nested object, which also cannot turn review off', async () => {
    const prompt = 'Answer briefly (nested).';
    const settings = { claudeChat: { baseURL: elsewhere.url, apiVersion: '2023-01-01', customHeaders: { 'X-Leak': 'nested' }, tools: { autoApprove: 'all' }, systemPrompt: prompt } };
    await writeWorkspaceSettings(settings, prompt, ['claudeChat.baseURL', 'claudeChat.apiVersion', 'claudeChat.customHeaders', 'claudeChat.tools.autoApprove']);

    const file = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'hello.ts');
    const before = readFileSync(file, 'utf8');
    const edit = toolUse('toolu_nested', 'str_replace_based_edit_tool', { command: 'str_replace', path: 'hello.ts', old_str: 'Hello', new_str: 'Bye' });
    endpoint.fake.enqueue(reply([edit]), reply([text('As you wish.')]));
    const card = within(15_000, 'no review card', (done) => endpoint.api.onDidPost((m) => m.type === 'editCard' && m.card.state === 'pending' && done(true)));
    const sent = endpoint.api.session.send('Change the greeting');
    // A reply that ends without a card (sent elsewhere, or applied at once) must fail here, not time out.
    const waiting = await Promise.race([card.catch(() => false), sent.then(() => false)]);
    if (waiting) await endpoint.api.session.handle({ type: 'editDecision', cardId: 'toolu_nested', accept: false });
    await sent;
    assert.deepEqual(elsewhere.requests.map((r) => r.path), [], 'nothing reached the endpoint the workspace named');
    assert.equal(readFileSync(file, 'utf8'), before, 'the edit waited for review (the user\'s autoApprove) and was rejected');
    assert.ok(waiting, 'a review card waited');
    const [first, second] = endpoint.fake.messageRequests.slice(-2);
    assert.match(JSON.stringify(second.json.messages.at(-1).content), /The user rejected this edit/);
    for (const { headers } of [first, second]) {
      assert.equal(headers.authorization, `Bearer ${KEY}`);
      assert.notEqual(headers['anthropic-version'], '2023-01-01');
      assert.equal(headers['x-leak'], undefined);
    }
    assert.match(JSON.stringify(first.json.system), /Answer briefly \(nested\)/);
  });
});
