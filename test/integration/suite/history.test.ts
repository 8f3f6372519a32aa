// Export, import and storage of conversations, inside the extension host.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseConversation } from '../../../src/core/conversation/storageFormat';
import { textReply } from '../../fake-anthropic/scripts';
import { useFakeEndpoint } from '../fakeEndpoint';

describe('chat history, export and import', () => {
  const endpoint = useFakeEndpoint('sk-history');
  const dir = mkdtempSync(join(tmpdir(), 'claude-export-'));

  it('exports the open chat as JSON and Markdown, and imports the JSON as a new chat', async () => {
    endpoint.fake.enqueue(textReply(['Export ', 'me.']));
    await endpoint.api.session.send('Keep this conversation');
    const original = endpoint.api.session.conversation();

    const json = vscode.Uri.file(join(dir, 'chat.json'));
    await vscode.commands.executeCommand('claudeChat.exportChat', 'json', json);
    const exported = parseConversation(readFileSync(json.fsPath, 'utf8'));
    assert.deepEqual(exported.turns, original.turns);

    const md = vscode.Uri.file(join(dir, 'chat.md'));
    await vscode.commands.executeCommand('claudeChat.exportChat', 'markdown', md);
    assert.match(readFileSync(md.fsPath, 'utf8'), /^# Keep this conversation\n\n## You\n\nKeep this conversation\n\n## Claude \(claude-sonnet-5-5\)\n\nExport me\./);

    await endpoint.api.session.newChat();
    assert.equal(endpoint.api.session.transcript().length, 0);
    await vscode.commands.executeCommand('claudeChat.importChat', json);
    assert.deepEqual(endpoint.api.session.transcript().map((e) => e.text), ['Keep this conversation', 'Export me.']);
    assert.notEqual(endpoint.api.session.conversationId, original.id, 'an import is a new chat, not an overwrite');
    const listed = await endpoint.api.store.list();
    assert.ok(listed.some((s) => s.id === endpoint.api.session.conversationId));
    assert.ok(listed.some((s) => s.id === original.id));
  });

  it('refuses a file that is not a conversation, keeping the open chat', async () => {
    const before = endpoint.api.session.conversationId;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello":"world"}');
    const result = await vscode.commands.executeCommand('claudeChat.importChat', vscode.Uri.file(bad));
    assert.equal(result, undefined);
    assert.equal(endpoint.api.session.conversationId, before);
  });

  it('the imported chat continues with its history sent to the API', async () => {
    endpoint.fake.enqueue(textReply(['Continued.']));
    await endpoint.api.session.send('And now?');
    const last = endpoint.fake.messageRequests.at(-1)!;
    assert.equal(last.json.messages.length, 3);
  });
});
