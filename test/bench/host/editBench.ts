/**
 * The edit bench inside a real extension host (the `extensionTestsPath` that ../edits.ts loads in
 * code-server). Times what follows a click on Accept, recheckEdit + writeEdit as the tool runner
 * calls them over the real WorkspaceFileSystem (re-read the buffer, minimal change, WorkspaceEdit,
 * save), and a `view` of a 5 MB file. Writes HostResults as JSON to the file named by
 * CLAUDE_CHAT_BENCH_RESULTS.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { MAX_VIEW_CHARACTERS } from '../../../src/core/engine/chatEngineDeps';
import { recheckEdit, runEditorCommand, writeEdit } from '../../../src/core/tools/textEditor';
import type { EditorInput, ProposedEdit } from '../../../src/core/tools/toolTypes';
import { WorkspaceFileSystem } from '../../../src/host/edits/workspaceFileSystem';
import { codeActionRuns } from './codeActionBench';
import { BENCH_RESULTS_ENV, EDIT_FILE_LINES, EDIT_RUNS, editFile, strReplace, VIEW_FILE_BYTES, VIEW_RUNS, viewFile, viewSize, type AcceptTimes, type HostResults } from '../editCorpus';

const WARMUP = 5;
/**
 * People accept edits seconds apart. Back to back, an accept would overlap the TypeScript
 * server's work on the previous change (two CPUs here) and measure that instead.
 */
const ACCEPT_PAUSE_MS = 1000;
const VIEW_PAUSE_MS = 50;

const files = new WorkspaceFileSystem();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let editsMade = 0;

async function propose(input: EditorInput): Promise<ProposedEdit> {
  const outcome = await runEditorCommand(`toolu_bench_${editsMade}`, input, files);
  if (outcome.kind !== 'edit') throw new Error(`no edit was proposed: ${outcome.content}`);
  return outcome.edit;
}

/**
 * Proposes each edit untimed (that happens before the card is shown), then times the accept and
 * checks the file on disk. `applied`: until the extension host saw the buffer change; the rest is the save.
 */
async function acceptRuns(rel: string, fsPath: string): Promise<AcceptTimes> {
  const times: AcceptTimes = { total: [], applied: [] };
  const uri = vscode.Uri.file(fsPath).toString();
  let changedAt = NaN;
  const listener = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.toString() === uri && e.contentChanges.length > 0 && Number.isNaN(changedAt)) changedAt = performance.now();
  });
  try {
    for (let run = 0; run < WARMUP + EDIT_RUNS; run++) {
      const edit = await propose(strReplace(rel, editsMade++));
      await pause(ACCEPT_PAUSE_MS);
      changedAt = NaN;
      const started = performance.now();
      const checked = await recheckEdit(edit, files);
      const written = checked.ok ? await writeEdit(checked.edit, files) : checked;
      const ms = performance.now() - started;
      if (!written.ok) throw new Error(`accept ${run} failed: ${written.error}`);
      if (readFileSync(fsPath, 'utf8') !== edit.after) throw new Error(`accept ${run} did not reach the disk`);
      if (run < WARMUP) continue;
      times.total.push(ms);
      times.applied.push(changedAt - started);
    }
  } finally {
    listener.dispose();
  }
  return times;
}

/** The same bytes the accepts saved, written with fs.writeFile to a file VS Code does not know. */
async function writeFileRuns(path: string, texts: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < WARMUP + EDIT_RUNS; run++) {
    const started = performance.now();
    await writeFile(path, texts[run % 2]);
    const ms = performance.now() - started;
    if (run >= WARMUP) times.push(ms);
  }
  return times;
}

async function view(rel: string): Promise<{ ms: number; content: string }> {
  const started = performance.now();
  const outcome = await runEditorCommand('toolu_view', { command: 'view', path: rel }, files, { maxCharacters: MAX_VIEW_CHARACTERS });
  const ms = performance.now() - started;
  if (outcome.kind !== 'result' || outcome.isError) throw new Error(`view of ${rel} failed: ${outcome.kind === 'result' ? outcome.content : outcome.kind}`);
  return { ms, content: outcome.content };
}

/**
 * Cold: a fresh file per run, so VS Code loads the document each time. Warm: the last one again,
 * already loaded. Plain text, so no language server parses 5 MB files meanwhile.
 */
async function viewRuns(root: string): Promise<Pick<HostResults, 'viewFile' | 'viewCold' | 'viewWarm' | 'viewReturned'>> {
  const text = viewFile(VIEW_FILE_BYTES);
  const viewCold: number[] = [];
  const viewWarm: number[] = [];
  let content = '';
  let rel = '';
  for (let run = 0; run < WARMUP + VIEW_RUNS; run++) {
    rel = `view-${run}.txt`;
    writeFileSync(join(root, rel), text);
    await pause(VIEW_PAUSE_MS);
    const result = await view(rel);
    content = result.content;
    if (run >= WARMUP) viewCold.push(result.ms);
  }
  for (let run = 0; run < WARMUP + VIEW_RUNS; run++) {
    const result = await view(rel);
    if (run >= WARMUP) viewWarm.push(result.ms);
  }
  return { viewFile: { bytes: Buffer.byteLength(text) }, viewCold, viewWarm, viewReturned: viewSize(content) };
}

async function measure(root: string): Promise<HostResults> {
  const rel = 'big.ts';
  const fsPath = join(root, rel);
  const text = editFile(EDIT_FILE_LINES);
  writeFileSync(fsPath, text);
  const acceptNotOpen = await acceptRuns(rel, fsPath);

  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const line = document.getText().split('\n').findIndex((l) => l.includes('benchTarget'));
  editor.revealRange(new vscode.Range(line, 0, line + 3, 0), vscode.TextEditorRevealType.InCenter);
  const acceptOpen = await acceptRuns(rel, fsPath);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');

  // Outside the workspace folder, so no file watcher reacts to the baseline's writes.
  const plain = join(dirname(root), 'baseline.ts');
  const edited = await propose(strReplace(rel, editsMade));
  const writeFileTimes = await writeFileRuns(plain, [edited.after, text]);
  rmSync(plain, { force: true });

  return {
    editFile: { lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text) },
    accept: { notOpen: acceptNotOpen, open: acceptOpen },
    writeFile: writeFileTimes,
    ...(await viewRuns(root)),
    codeActions: await codeActionRuns(vscode.Uri.file(fsPath)),
  };
}

export async function run(): Promise<void> {
  const out = process.env[BENCH_RESULTS_ENV];
  if (!out) throw new Error(`${BENCH_RESULTS_ENV} is not set`);
  const folder = vscode.workspace.workspaceFolders?.[0];
  let results: HostResults;
  try {
    if (!folder) throw new Error('no workspace folder is open');
    if (!vscode.workspace.isTrusted) throw new Error('the workspace is not trusted, so the editor tool refuses every path');
    results = await measure(folder.uri.fsPath);
  } catch (err) {
    results = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  writeFileSync(out, JSON.stringify(results));
  if (results.error) throw new Error(results.error);
}
