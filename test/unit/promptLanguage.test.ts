// The display language never reaches the prompt: a conversation with tool calls (reads, edits, a
// refused edit, searches, problems, commands, bad inputs, an unknown tool) sends byte-identical
// requests whether the chat runs in English or with every text translated and a Japanese locale.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { CONTINUE_TEXT } from '../../src/core/engine/chatEngine';
import { setDisplayLocale } from '../../src/core/l10n/format';
import { systemBlocks } from '../../src/core/settings/systemPrompt';
import { BashTool } from '../../src/core/tools/bash/bashTool';
import type { ShellRun, ShellSession, ShellSessions } from '../../src/core/tools/bash/shellSession';
import { EditorTool } from '../../src/core/tools/editorTool';
import { ProblemsTool } from '../../src/core/tools/problemsTool';
import { GlobTool } from '../../src/core/tools/search/globTool';
import { GrepTool } from '../../src/core/tools/search/grepTool';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { useEngineHarness } from '../support/engineHarness';
import { MemoryDiagnostics } from '../support/memoryDiagnostics';
import { MemoryFiles } from '../support/memoryFiles';
import { MemorySearcher } from '../support/memorySearcher';

/** A bundle that translates every key: each text the extension shows comes out changed. */
const EVERYTHING_TRANSLATED = new Proxy({} as Record<string, string>, { get: (_, key) => (typeof key === 'string' ? `《訳》${key.split('/')[0]}` : undefined) });

/** A shell that answers from a script: `echo x` prints x, `sleep` times out, anything else exits 1. */
class ScriptedShell implements ShellSession, ShellSessions {
  readonly shellName = 'bash';
  async run(command: string): Promise<ShellRun> {
    const base = { timedOut: false, stopped: false, shellDied: false };
    if (command.startsWith('type -t')) return { ...base, exitCode: 0, output: '\n' };
    if (command.startsWith('echo ')) return { ...base, exitCode: 0, output: `${command.slice(5)}\n` };
    if (command.startsWith('sleep')) return { ...base, exitCode: null, output: '', timedOut: true };
    return { ...base, exitCode: 1, output: 'not found\n' };
  }
  async restart(): Promise<void> {}
  forConversation(): ShellSession {
    return this;
  }
  dispose(): void {}
}

describe('the prompt in any display language', () => {
  const h = useEngineHarness();
  afterEach(() => {
    l10n.config({ contents: {} });
    setDisplayLocale('en');
  });

  /** Runs the same conversation from scratch; returns every request body as sent. */
  async function conversation(): Promise<string[]> {
    h.fake.reset();
    h.posted = [];
    h.files = new MemoryFiles({ 'src/a.ts': 'export const a = 1;\nvar b = nope;\n', 'README.md': '# Demo\n' });
    h.settings = { ...h.settings, autoApprove: 'reads', allowedCommands: ['echo', 'sleep'], commandTimeout: 3 };
    const searcher = new MemorySearcher(h.files);
    const diagnostics = new MemoryDiagnostics(h.files);
    const tools = [
      new EditorTool({ files: h.files, maxCharacters: 60_000, checkEdit: (path) => diagnostics.watchEdit(path) }),
      new GlobTool(h.files, searcher),
      new GrepTool(h.files, searcher),
      new ProblemsTool({ files: h.files, diagnostics }),
      new BashTool({ sessions: new ScriptedShell(), settings: () => h.settings }),
    ];
    const environment = { platform: 'linux', shell: 'bash', folders: [{ name: 'demo', path: '/workspace' }] };
    const chat = h.engine({ system: () => systemBlocks('Be brief.', [{ path: 'CLAUDE.md', text: 'Use tabs.' }], environment), tools: { tools, autoApprove: () => h.settings.autoApprove } });
    // The person accepts the first edit and rejects the second, a moment after each card shows (as a click does).
    let cards = 0;
    h.onPost((m) => {
      if (m.type !== 'editCard' || m.card.state !== 'pending') return;
      const accept = cards++ === 0;
      setTimeout(() => void chat.handle({ type: 'editDecision', cardId: m.card.id, accept }), 0);
    });
    const editor = 'str_replace_based_edit_tool';
    h.fake.enqueue(
      reply([
        text('Looking.'),
        toolUse('toolu_1', editor, { command: 'view', path: 'src/a.ts' }),
        toolUse('toolu_2', editor, { command: 'view', path: 'missing.ts' }),
        toolUse('toolu_3', editor, { command: 'view', path: 'src', view_range: [1, 2] }),
        toolUse('toolu_4', editor, { command: 'str_replace', path: 'src/a.ts', old_str: 'not there', new_str: 'x' }),
        toolUse('toolu_5', 'glob', { pattern: '**/*.ts' }),
        toolUse('toolu_6', 'grep', { pattern: 'export', path: 'nowhere' }),
        toolUse('toolu_7', 'grep', { pattern: '(?<=a)b' }),
        toolUse('toolu_8', 'problems', {}),
        toolUse('toolu_9', 'problems', { path: 'missing.ts' }),
        toolUse('toolu_10', 'bash', { command: 'echo hi' }),
        toolUse('toolu_11', 'bash', { command: 'sleep 9' }),
        toolUse('toolu_12', 'bash', { bogus: 1 }),
        toolUse('toolu_13', 'nope', {}),
      ]),
      reply([toolUse('toolu_14', editor, { command: 'str_replace', path: 'src/a.ts', old_str: 'var b = nope;', new_str: 'const b = 2;' })]),
      reply([toolUse('toolu_15', editor, { command: 'insert', path: 'src/a.ts', insert_line: 0, insert_text: '// top' })]),
      reply([text('Done.')]),
      reply([text('You are welcome.')]),
    );
    await chat.send('Look at the project and fix it');
    await chat.send('Thanks');
    return h.fake.messageRequests.map((r) => r.body);
  }

  it('sends byte-identical requests in English and with every text translated', async () => {
    const english = await conversation();
    assert.equal(english.length, 5);
    const shownInEnglish = h.ofType('toolNote').map((m) => m.text);
    assert.ok(shownInEnglish.some((t) => t.startsWith('Read src/a.ts')), 'the English run shows English lines');

    l10n.config({ contents: EVERYTHING_TRANSLATED });
    setDisplayLocale('ja');
    const translated = await conversation();
    const shown = h.ofType('toolNote').map((m) => m.text);
    assert.ok(shown.length > 0 && shown.every((t) => t.startsWith('《訳》')), `every line the person reads is translated: ${JSON.stringify(shown)}`);
    assert.ok(h.ofType('editState').some((m) => m.state === 'rejected'), 'the second edit was rejected');
    assert.equal(translated.length, english.length);
    for (const [i, body] of translated.entries()) {
      if (body === english[i]) continue;
      let at = 0;
      while (body[at] === english[i][at]) at++;
      assert.fail(`request ${i + 1} differs at ${at}: English …${english[i].slice(at - 80, at + 80)}… translated …${body.slice(at - 80, at + 80)}…`);
    }
  });

  it('Continue, and Edit last on its message sent again unchanged, send the English text whatever the view shows', async () => {
    l10n.config({ contents: EVERYTHING_TRANSLATED });
    h.fake.enqueue(reply([text('The first half')], { stopReason: 'max_tokens' }), reply([text(' and the rest.')]), reply([text(' Again.')]));
    const chat = h.engine();
    await chat.send('Long answer');
    await chat.handle({ type: 'continue' });
    const shown = h.ofType('userMessage').at(-1);
    assert.equal(shown?.text, `《訳》${CONTINUE_TEXT}`, 'the view shows Continue in the display language');
    await chat.handle({ type: 'editLast', text: shown.text });
    const [, continued, edited] = h.fake.messageRequests.map((r) => r.json.messages.at(-1).content.at(-1).text);
    assert.deepEqual([continued, edited], [CONTINUE_TEXT, CONTINUE_TEXT]);
    assert.equal(h.ofType('userMessage').at(-1)?.automatic, true, 'still the automatic message');
  });
});
