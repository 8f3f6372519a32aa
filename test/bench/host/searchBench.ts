/**
 * The search bench inside a real extension host (the `extensionTestsPath` that ../search.ts loads in
 * code-server). Each iteration: the fake server streams a reply whose only block is a `grep`
 * tool_use; the time runs from the end of that reply to the arrival of the next request, which
 * carries the result (the engine, the tool, ripgrep, the request). Raw rg over the same files runs
 * between iterations, so both see the same machine. Writes SearchHostResults as JSON to the file
 * named by CLAUDE_CHAT_SEARCH_BENCH_RESULTS.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ClaudeChatApi } from '../../../src/host/api';
import { WorkspaceSearcher } from '../../../src/host/tools/workspaceSearcher';
import { reply, text, toolUse, type Reply } from '../../fake-anthropic/scripts';
import { FakeAnthropic } from '../../fake-anthropic/server';
import { SEARCH_PATTERN, SEARCH_RESULTS_ENV, SEARCH_RUNS, SEARCH_WARMUP, VIEW_PATH, type SearchHostResults } from '../searchCorpus';

/** Raw rg as the searcher runs it, minus what only the tool needs: spawn to exit, every line read. */
function rawRg(rgPath: string, root: string): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(rgPath, ['--no-config', '--no-require-git', '--hidden', '--line-number', '--no-heading', '--color', 'never', '-e', SEARCH_PATTERN], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: performance.now() - started, lines }));
  });
}

/** A reply whose only block is a tool_use, with a mark at its very end: the moment the extension has received it all. */
function toolReply(id: string, name: string, input: Record<string, unknown>, marked: (at: number) => void): Reply {
  const scripted = reply([toolUse(id, name, input)]);
  if (scripted.kind !== 'stream') throw new Error('expected a streamed reply');
  return { ...scripted, steps: [...scripted.steps, { kind: 'wait', until: Promise.resolve(), reached: () => marked(performance.now()) }] };
}

/** The same span for a `view` of one file of the workspace (the editor tool's read path). */
async function viewIterations(api: ClaudeChatApi, fake: FakeAnthropic): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < SEARCH_WARMUP + SEARCH_RUNS; run++) {
    await api.session.newChat();
    let replied = NaN;
    const before = fake.messageRequests.length;
    fake.enqueue(toolReply(`toolu_view_${run}`, 'str_replace_based_edit_tool', { command: 'view', path: VIEW_PATH }, (at) => (replied = at)), reply([text('Read it.')]));
    const sent = api.session.send('What is in the first file?');
    const next = await fake.waitForMessageRequests(before + 2);
    const arrived = performance.now();
    await sent;
    const result = next.json.messages.at(-1).content[0];
    if (result.is_error) throw new Error(`the view failed: ${result.content}`);
    if (run >= SEARCH_WARMUP) times.push(arrived - replied);
  }
  return times;
}

async function measure(root: string): Promise<SearchHostResults> {
  const engine = await new WorkspaceSearcher().which();
  if (engine.kind !== 'ripgrep') throw new Error('no ripgrep was found: the bench compares against it');
  const api = await vscode.extensions.getExtension<ClaudeChatApi>('claude-chat.claude-chat')!.activate();
  const fake = await FakeAnthropic.start();
  try {
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', fake.url, vscode.ConfigurationTarget.Global);
    if (!api.setApiKey) throw new Error('the extension does not run in development mode');
    await api.setApiKey('sk-bench');
    const iteration: number[] = [];
    const rg: number[] = [];
    let toolTotal = 0;
    let rgLines = 0;
    for (let run = 0; run < SEARCH_WARMUP + SEARCH_RUNS; run++) {
      const raw = await rawRg(engine.ripgrep.path, root);
      rgLines = raw.lines;
      await api.session.newChat();
      let replied = NaN;
      const before = fake.messageRequests.length;
      fake.enqueue(toolReply(`toolu_bench_${run}`, 'grep', { pattern: SEARCH_PATTERN }, (at) => (replied = at)), reply([text('Found them.')]));
      const sent = api.session.send('Where is needle called?');
      const next = await fake.waitForMessageRequests(before + 2);
      const arrived = performance.now();
      await sent;
      const result = next.json.messages.at(-1).content[0];
      if (result.is_error) throw new Error(`the grep failed: ${result.content}`);
      toolTotal = Number(/^\[([\d,]+) matching lines/m.exec(result.content)?.[1].replace(/,/g, '') ?? result.content.split('\n').length);
      if (run < SEARCH_WARMUP) continue;
      iteration.push(arrived - replied);
      rg.push(raw.ms);
    }
    const viewIteration = await viewIterations(api, fake);
    return { iteration, rg, ripgrep: `${engine.ripgrep.path} (${engine.ripgrep.source})`, toolTotal, rgLines, viewIteration };
  } finally {
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  }
}

export async function run(): Promise<void> {
  const out = process.env[SEARCH_RESULTS_ENV];
  if (!out) throw new Error(`${SEARCH_RESULTS_ENV} is not set`);
  const folder = vscode.workspace.workspaceFolders?.[0];
  let results: SearchHostResults;
  try {
    if (!folder) throw new Error('no workspace folder is open');
    results = await measure(folder.uri.fsPath);
  } catch (err) {
    results = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  writeFileSync(out, JSON.stringify(results));
  if (results.error) throw new Error(results.error);
}
