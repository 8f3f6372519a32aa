// The quick fixes in a real extension host: which actions VS Code collects from our provider for
// which diagnostics, and the two commands driven end to end through the fake server. The suite runs
// trusted and in Restricted Mode; tests that need one mode skip themselves in the other.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { ClaudeCodeActions } from '../../../src/host/codeActions/claudeCodeActions';
import { reply, textReply, toolUse } from '../../fake-anthropic/scripts';
import { eventually } from '../../support/eventually';
import { useFakeEndpoint } from '../fakeEndpoint';
import { DECLARED_TOOLS } from '../../support/declaredTools';

const FIX = 'Fix with Claude';
const EXPLAIN = 'Explain Problem with Claude';
const LINES = 60;
/** Line 30 (0-based 29) of a scratch file; its code context is then lines 10-50 (20 either side, no symbols in plain text). */
const PROBLEM = new vscode.Range(29, 4, 29, 12);
/** An error elsewhere in the file: once actions show for it, the editor has our markers. */
const SENTINEL = new vscode.Range(55, 0, 55, 6);

const scratchFiles: string[] = [];
function scratch(tag: string): { uri: vscode.Uri; path: string } {
  const path = `quickfix-${tag}-${process.pid}.txt`;
  const file = join(vscode.workspace.workspaceFolders![0].uri.fsPath, path);
  writeFileSync(file, Array.from({ length: LINES }, (_, i) => `row ${i + 1}: value = compute(${i});`).join('\n') + '\n');
  scratchFiles.push(file);
  return { uri: vscode.Uri.file(file), path };
}

function diagnostic(range: vscode.Range, severity: vscode.DiagnosticSeverity, message = 'Value is not a number.'): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, severity);
  d.source = 'qfx-lint';
  d.code = 'QF042';
  return d;
}

/** Our actions (kind quickfix.claude…) among everything VS Code collects for the range. */
async function ours(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (all ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && a.kind.value.startsWith('quickfix.claude'));
}

const titles = (actions: readonly vscode.CodeAction[]) => actions.map((a) => a.title);

/**
 * The diagnostics each action carries. vscode.executeCodeActionProvider leaves `diagnostics` out of
 * what it returns, so the provider is asked directly, with the context VS Code would give it.
 */
async function carried(uri: vscode.Uri, range: vscode.Range): Promise<string[][]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.range.intersection(range));
  const context: vscode.CodeActionContext = { diagnostics, only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke };
  return new ClaudeCodeActions().provideCodeActions(document, range, context).map((a) => (a.diagnostics ?? []).map((d) => d.message).sort());
}

describe('quick fix actions offered by Claude (extension host)', () => {
  const collection = vscode.languages.createDiagnosticCollection('qfx-test');
  let file: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension('claude-chat.claude-chat')!.activate();
    file = scratch('offer').uri;
    await vscode.workspace.openTextDocument(file);
  });
  afterEach(() => collection.clear());
  after(() => {
    collection.dispose();
    for (const f of scratchFiles.splice(0)) rmSync(f, { force: true });
  });

  /** Sets the diagnostics of a file plus an error at SENTINEL, and waits until the editor sees them. */
  async function report(uri: vscode.Uri, ...diagnostics: vscode.Diagnostic[]): Promise<void> {
    collection.set(uri, [...diagnostics, diagnostic(SENTINEL, vscode.DiagnosticSeverity.Error, 'Sentinel.')]);
    await eventually(async () => (await ours(uri, SENTINEL)).length > 0, 'actions on the sentinel error');
  }

  for (const [name, severity] of [['an Error', vscode.DiagnosticSeverity.Error], ['a Warning', vscode.DiagnosticSeverity.Warning]] as const) {
    it(`offers Fix and Explain on ${name}, with our kinds and the diagnostic`, async function () {
      if (!vscode.workspace.isTrusted) return this.skip();
      const problem = diagnostic(PROBLEM, severity);
      await report(file, problem);
      const actions = await ours(file, PROBLEM);
      assert.deepEqual(titles(actions), [FIX, EXPLAIN]);
      assert.deepEqual(actions.map((a) => a.kind?.value), ['quickfix.claude', 'quickfix.claude.explain']);
      assert.deepEqual(actions.map((a) => a.command?.command), ['claudeChat.fixDiagnostic', 'claudeChat.explainDiagnostic']);
      for (const a of actions) {
        const [uri, range] = a.command?.arguments ?? [];
        assert.ok(String(uri) === file.toString() && range instanceof vscode.Range && range.isEqual(PROBLEM), 'the place goes to the command');
      }
      assert.deepEqual(await carried(file, PROBLEM), [[problem.message], [problem.message]]);
    });
  }

  it('offers nothing on Information and Hint diagnostics, nor where there is no diagnostic', async () => {
    const info = new vscode.Range(10, 0, 10, 5);
    const hint = new vscode.Range(20, 0, 20, 5);
    await report(file, diagnostic(info, vscode.DiagnosticSeverity.Information), diagnostic(hint, vscode.DiagnosticSeverity.Hint));
    assert.deepEqual(titles(await ours(file, info)), []);
    assert.deepEqual(titles(await ours(file, hint)), []);
    assert.deepEqual(titles(await ours(file, new vscode.Range(40, 0, 40, 3))), []);
  });

  it('offers one pair for two errors on one line, carrying both diagnostics', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const first = diagnostic(new vscode.Range(29, 0, 29, 3), vscode.DiagnosticSeverity.Error, 'First problem.');
    const second = diagnostic(new vscode.Range(29, 6, 29, 11), vscode.DiagnosticSeverity.Warning, 'Second problem.');
    await report(file, first, second);
    const actions = await ours(file, new vscode.Range(29, 0, 29, 20));
    assert.deepEqual(titles(actions), [FIX, EXPLAIN]);
    const both = ['First problem.', 'Second problem.'];
    assert.deepEqual(await carried(file, new vscode.Range(29, 0, 29, 20)), [both, both]);
  });

  it('offers nothing with claudeChat.codeActions.enabled off', async () => {
    const config = () => vscode.workspace.getConfiguration('claudeChat');
    await report(file, diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error));
    assert.ok((await ours(file, PROBLEM)).length > 0, 'offered while the setting is on');
    await config().update('codeActions.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually(async () => (await ours(file, PROBLEM)).length === 0, 'no actions with the setting off', 5000);
    } finally {
      await config().update('codeActions.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(async () => (await ours(file, PROBLEM)).length > 0, 'the actions back with the setting restored', 5000);
  });

  it('offers only Explain in Restricted Mode', async function () {
    if (vscode.workspace.isTrusted) return this.skip();
    await report(file, diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error));
    const actions = await ours(file, PROBLEM);
    assert.deepEqual(titles(actions), [EXPLAIN]);
    assert.equal(actions[0].kind?.value, 'quickfix.claude.explain');
    assert.deepEqual(await carried(file, PROBLEM), [['Value is not a number.']]);
  });

  it('offers only Explain on an untitled document (nothing on disk to edit)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'value = compute();\n'.repeat(LINES) });
    await vscode.window.showTextDocument(document);
    try {
      await report(document.uri, diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error));
      assert.deepEqual(titles(await ours(document.uri, PROBLEM)), [EXPLAIN]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('keeps both commands out of the Command Palette, registered all the same', async () => {
    const palette: { command: string; when?: string }[] = vscode.extensions.getExtension('claude-chat.claude-chat')!.packageJSON.contributes.menus.commandPalette;
    for (const id of ['claudeChat.fixDiagnostic', 'claudeChat.explainDiagnostic']) {
      assert.equal(palette.find((entry) => entry.command === id)?.when, 'false', `${id} is hidden from the palette`);
    }
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('claudeChat.fixDiagnostic') && registered.includes('claudeChat.explainDiagnostic'));
  });
});

describe('quick fix commands through the fake server (extension host)', () => {
  const endpoint = useFakeEndpoint('sk-quick-fix');
  const collection = vscode.languages.createDiagnosticCollection('qfx-commands');
  const posts: HostToWebview[] = [];
  let subscription: vscode.Disposable;

  before(() => (subscription = endpoint.api.onDidPost((m) => posts.push(m))));
  beforeEach(async () => {
    await endpoint.api.session.newChat();
    endpoint.fake.reset();
    posts.length = 0;
  });
  afterEach(() => collection.clear());
  after(() => {
    subscription?.dispose();
    collection.dispose();
    for (const f of scratchFiles.splice(0)) rmSync(f, { force: true });
  });

  /** The text of the last user message of a request, all its blocks together. */
  const lastUserText = (index: number) => {
    const content = endpoint.fake.messageRequests[index].json.messages.at(-1).content;
    return typeof content === 'string' ? content : content.map((b: { text?: string }) => b.text ?? '').join('\n');
  };
  const posted = <T extends HostToWebview['type']>(type: T, match: (m: Extract<HostToWebview, { type: T }>) => boolean = () => true) =>
    eventually(async () => posts.find((m): m is Extract<HostToWebview, { type: T }> => m.type === type && match(m as Extract<HostToWebview, { type: T }>)), `a ${type} post`);

  it('Explain Problem sends the diagnostic, where it came from, the path and the code around it', async () => {
    const { uri, path } = scratch('explain');
    collection.set(uri, [diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error)]);
    endpoint.fake.enqueue(textReply(['It is ', 'a string.']));
    await vscode.commands.executeCommand('claudeChat.explainDiagnostic', uri, PROBLEM);
    assert.equal(endpoint.fake.messageRequests.length, 1);
    const sent = lastUserText(0);
    assert.match(sent, /^Explain this problem in /m);
    assert.ok(sent.includes('- error (qfx-lint QF042) at line 30, columns 5–13: Value is not a number.'), sent);
    assert.ok(sent.includes(`Selected code from ${path}:10-50:`), sent);
    assert.ok(sent.includes('row 30: value = compute(29);'), 'the code itself is attached');
    assert.deepEqual(endpoint.api.session.transcript().map((e) => e.role), ['user', 'assistant']);
    assert.equal(endpoint.api.session.transcript()[1].text, 'It is a string.');
  });

  /** Runs Fix with Claude on PROBLEM with a scripted str_replace, accepts it, then lets `afterEdit` play the language server. */
  async function acceptedFix(afterEdit: (uri: vscode.Uri) => void) {
    const { uri, path } = scratch(`fix${scratchFiles.length}`);
    collection.set(uri, [diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error)]);
    endpoint.fake.enqueue(
      reply([toolUse('toolu_fix', 'str_replace_based_edit_tool', { command: 'str_replace', path, old_str: 'compute(29)', new_str: 'Number(compute(29))' })]),
      textReply(['Wrapped it in Number().']),
    );
    const running = vscode.commands.executeCommand('claudeChat.fixDiagnostic', uri, PROBLEM);
    const { id: replyId, card } = await posted('editCard');
    assert.deepEqual([card.path, card.added, card.removed, card.state], [path, 1, 1, 'pending']);
    void endpoint.api.session.handle({ type: 'editDecision', cardId: card.id, accept: true });
    await posted('replyEnd', (m) => m.id === replyId);
    afterEdit(uri);
    await running;
    assert.ok(readFileSync(uri.fsPath, 'utf8').includes('row 30: value = Number(compute(29));'), 'Accept wrote the fix');
    const first = endpoint.fake.messageRequests[0].json;
    assert.deepEqual(first.tools?.map((t: { name: string }) => t.name), DECLARED_TOOLS);
    assert.match(lastUserText(0), /^Fix this problem in .* with the smallest change/m);
    return { uri, replyId, outcome: await posted('replyActions', (m) => m.id === replyId && m.note !== undefined) };
  }

  it('Fix with Claude: an accepted fix whose diagnostic goes away says "Problem resolved."', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const { outcome } = await acceptedFix((uri) => collection.delete(uri));
    assert.equal(outcome.note, 'Problem resolved.');
    assert.equal(outcome.actions.includes('tryAgain'), false);
  });

  it('Fix with Claude: a diagnostic that stays says "Still reported", and Try again sends it as it is now', async function () {
    if (!vscode.workspace.isTrusted) return this.skip();
    const { uri, replyId, outcome } = await acceptedFix((u) => collection.set(u, [diagnostic(PROBLEM, vscode.DiagnosticSeverity.Error)]));
    assert.equal(outcome.note, 'Still reported: Value is not a number.');
    assert.ok(outcome.actions.includes('tryAgain'), `actions: ${outcome.actions.join(', ')}`);

    collection.set(uri, [diagnostic(PROBLEM, vscode.DiagnosticSeverity.Warning, 'Number() of a number is redundant.')]);
    endpoint.fake.enqueue(textReply(['Looking again.']));
    await endpoint.api.session.handle({ type: 'tryAgain', id: replyId });
    await eventually(async () => endpoint.fake.messageRequests.length === 3 && !endpoint.api.session.busy, 'the Try again reply');
    const again = lastUserText(2);
    assert.ok(again.includes('- warning (qfx-lint QF042) at line 30, columns 5–13: Number() of a number is redundant.'), again);
    assert.equal(again.includes('Value is not a number.'), false, 'the old diagnostic is not sent again');
  });
});
