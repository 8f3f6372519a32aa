// Export, import and storage of conversations, inside the extension host.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseConversation } from '../../../src/core/conversation';
import type { ClaudeChatApi } from '../../../src/host/api';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { textReply } from '../../fake-anthropic/scripts';

describe('chat history, export and import', () => {
  let api: ClaudeChatApi;
  let fake: FakeAnthropic;
  const dir = mkdtempSync(join(tmpdir(), 'claude-export-'));

  before(async () => {
    fake = await FakeAnthropic.start();
    api = await vscode.extensions.getExtension<ClaudeChatApi>('claude-chat.claude-chat')!.activate();
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', fake.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('claudeChat.setApiKey', 'sk-history');
    await api.session.newChat();
  });
  after(async () => {
    await vscode.commands.executeCommand('claudeChat.clearApiKey');
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  it('exports the open chat as JSON and Markdown, and imports the JSON as a new chat', async () => {
    fake.enqueue(textReply(['Export ', 'me.']));
    await api.session.send('Keep this conversation');
    const original = api.session.conversation();

    const json = vscode.Uri.file(join(dir, 'chat.json'));
    await vscode.commands.executeCommand('claudeChat.exportChat', 'json', json);
    const exported = parseConversation(readFileSync(json.fsPath, 'utf8'));
    assert.deepEqual(exported.turns, original.turns);

    const md = vscode.Uri.file(join(dir, 'chat.md'));
    await vscode.commands.executeCommand('claudeChat.exportChat', 'markdown', md);
    assert.match(readFileSync(md.fsPath, 'utf8'), /^# Keep this conversation\n\n## You\n\nKeep this conversation\n\n## Claude \(claude-sonnet-5-5\)\n\nExport me\./);

    await api.session.newChat();
    assert.equal(api.session.transcript().length, 0);
    await vscode.commands.executeCommand('claudeChat.importChat', json);
    assert.deepEqual(api.session.transcript().map((e) => e.text), ['Keep this conversation', 'Export me.']);
    assert.notEqual(api.session.conversationId, original.id, 'an import is a new chat, not an overwrite');
    const listed = await api.store.list();
    assert.ok(listed.some((s) => s.id === api.session.conversationId));
    assert.ok(listed.some((s) => s.id === original.id));
  });

  it('refuses a file that is not a conversation, keeping the open chat', async () => {
    const before = api.session.conversationId;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello":"world"}');
    const result = await vscode.commands.executeCommand('claudeChat.importChat', vscode.Uri.file(bad));
    assert.equal(result, undefined);
    assert.equal(api.session.conversationId, before);
  });

  it('the imported chat continues with its history sent to the API', async () => {
    fake.enqueue(textReply(['Continued.']));
    await api.session.send('And now?');
    const last = fake.messageRequests.at(-1)!;
    assert.equal(last.json.messages.length, 3);
  });
});
