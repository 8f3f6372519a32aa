/**
 * `npm run bench`, editing path: the time from Accept to saved for a str_replace in a 10,000-line
 * file and the time to `view` a 5 MB file with max_characters, measured in a real extension host
 * (code-server in headless Chromium running host/editBench.ts, as the integration tier runs its
 * suite) and, for the core's own share, in Node over in-memory files.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_VIEW_CHARACTERS } from '../../src/core/engine/chatEngineDeps';
import { recheckEdit, runEditorCommand, writeEdit } from '../../src/core/tools/textEditor';
import { CODE_SERVER_VERSION, launchBrowser, ROOT, runExtensionTests, startCodeServer } from '../support/codeServer';
import { MemoryFiles } from '../support/memoryFiles';
import {
  ACCEPT_TARGET_MS,
  BENCH_RESULTS_ENV,
  EDIT_FILE_LINES,
  EDIT_RUNS,
  editFile,
  stats,
  strReplace,
  VIEW_FILE_BYTES,
  VIEW_RUNS,
  viewFile,
  viewSize,
  type HostResults,
  type ViewSize,
} from './editCorpus';

const HOST_INDEX = join(ROOT, 'out', 'test', 'bench', 'host', 'editBench.js');
const HOST_TIMEOUT_MS = 240_000;
const WARMUP = 5;

const time = async (task: () => Promise<void>): Promise<number> => {
  const started = performance.now();
  await task();
  return performance.now() - started;
};

/** The core alone: the same accepts over in-memory files. */
async function coreAccept(): Promise<number[]> {
  const files = new MemoryFiles({ 'big.ts': editFile(EDIT_FILE_LINES) });
  const times: number[] = [];
  for (let run = 0; run < WARMUP + EDIT_RUNS; run++) {
    const outcome = await runEditorCommand('toolu_bench', strReplace('big.ts', run), files);
    if (outcome.kind !== 'edit') throw new Error(`no edit was proposed: ${outcome.content}`);
    const ms = await time(async () => {
      const checked = await recheckEdit(outcome.edit, files);
      const written = checked.ok ? await writeEdit(checked.edit, files) : checked;
      if (!written.ok) throw new Error(written.error);
    });
    if (run >= WARMUP) times.push(ms);
  }
  return times;
}

/** The core alone: view of a 5 MB file over in-memory files. */
async function coreView(): Promise<{ times: number[]; returned: ViewSize }> {
  const files = new MemoryFiles({ 'big.txt': viewFile(VIEW_FILE_BYTES) });
  const times: number[] = [];
  let content = '';
  for (let run = 0; run < WARMUP + VIEW_RUNS; run++) {
    const ms = await time(async () => {
      const outcome = await runEditorCommand('toolu_view', { command: 'view', path: 'big.txt' }, files, { maxCharacters: MAX_VIEW_CHARACTERS });
      if (outcome.kind !== 'result' || outcome.isError) throw new Error('the view failed');
      content = outcome.content;
    });
    if (run >= WARMUP) times.push(ms);
  }
  return { times, returned: viewSize(content) };
}

async function hostRun(): Promise<HostResults> {
  const scratch = mkdtempSync(join(tmpdir(), 'claude-chat-bench-'));
  const resultsFile = join(scratch, 'edits.json');
  const server = await startCodeServer({ env: { [BENCH_RESULTS_ENV]: resultsFile } });
  const browser = await launchBrowser();
  try {
    const code = await runExtensionTests(browser, server, HOST_INDEX, HOST_TIMEOUT_MS);
    if (existsSync(resultsFile)) return JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
    return { error: code === 124 ? `the extension host did not finish within ${HOST_TIMEOUT_MS / 1000} s` : `the extension host did not report (exit ${code})` };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const began = performance.now();
  const core = { accept: await coreAccept(), view: await coreView() };
  console.log(`\nedit bench: extension host in code-server ${CODE_SERVER_VERSION} (headless Chromium)…`);
  const host = await hostRun();
  const { accept, writeFile, viewCold, viewWarm, editFile: edited, viewFile: viewed, viewReturned } = host;
  if (host.error || !accept || !writeFile || !viewCold || !viewWarm || !edited || !viewed || !viewReturned) {
    throw new Error(`the extension-host part failed: ${host.error ?? 'incomplete results'}`);
  }
  console.log(`str_replace of 2 lines in the middle of a ${edited.lines}-line TypeScript file (${kb(edited.bytes)}), ${EDIT_RUNS} accepts per row, two edits alternating;`);
  console.log(`view of a ${mb(viewed.bytes)} plain-text file with max_characters ${MAX_VIEW_CHARACTERS}, ${VIEW_RUNS} runs per row.`);

  const [notOpen, open, plain] = [stats(accept.notOpen.total), stats(accept.open.total), stats(writeFile)];
  const acceptTarget = (p95: number) => `p95 ≤ ${ACCEPT_TARGET_MS} ms ${p95 <= ACCEPT_TARGET_MS ? '✓' : '✗'}`;
  const rows: Array<[string, number[], string]> = [
    ['accept → saved, file not open in an editor (host)', accept.notOpen.total, acceptTarget(notOpen.p95)],
    ['accept → saved, file open in an editor (host)', accept.open.total, acceptTarget(open.p95)],
    ['fs.writeFile of the same content (host, baseline)', writeFile, '—'],
    ['accept, core only (in-memory files, Node)', core.accept, '—'],
    ['view 5 MB, document not loaded yet (host)', viewCold, '—'],
    ['view 5 MB, document already loaded (host)', viewWarm, '—'],
    ['view 5 MB, core only (in-memory files, Node)', core.view.times, '—'],
  ];
  console.log('\n| editing path | median | p95 | target |\n|---|---:|---:|---:|');
  for (const [name, samples, target] of rows) {
    const s = stats(samples);
    console.log(`| ${name} | ${ms(s.median)} | ${ms(s.p95)} | ${target} |`);
  }

  const returned = [core.view.returned, viewReturned];
  const fits = returned.every((r) => r.truncated && r.capped > 0 && r.capped <= MAX_VIEW_CHARACTERS);
  const size = (r: ViewSize) => `${r.total.toLocaleString('en')} (${r.capped.toLocaleString('en')} + note)`;
  const checks: Array<[string, string, string, boolean | undefined]> = [
    ['accept / fs.writeFile (medians), not open', `${(notOpen.median / plain.median).toFixed(0)}×`, '—', undefined],
    ['accept / fs.writeFile (medians), open in an editor', `${(open.median / plain.median).toFixed(0)}×`, '—', undefined],
    ['characters a view returns, Node / host', returned.map(size).join(' / '), `text before the note ≤ ${MAX_VIEW_CHARACTERS.toLocaleString('en')}`, fits],
  ];
  console.log('\n| check | value | target |\n|---|---:|---:|');
  for (const [name, value, target, ok] of checks) console.log(`| ${name} | ${value} | ${target}${ok === undefined ? '' : ok ? ' ✓' : ' ✗'} |`);
  const split = (name: string, t: { total: number[]; applied: number[] }) => {
    const applied = stats(t.applied).median;
    return `${name} ${ms(applied)} until the buffer changed + ${ms(stats(t.total).median - applied)} to save`;
  };
  if (host.codeActions) {
    const { provider, baseline, diagnostics, offered } = host.codeActions;
    const [ours, base] = [stats(provider), stats(baseline)];
    const us = (v: number) => `${v.toFixed(1)} µs`;
    console.log(`\nprovideCodeActions: ${provider.length} calls on a file with ${diagnostics} diagnostics (${offered} calls on a problem offered actions)`);
    console.log('\n| code actions | median | p95 | target |\n|---|---:|---:|---:|');
    console.log(`| provideCodeActions (host) | ${us(ours.median)} | ${us(ours.p95)} | p95 < 1 ms ${ours.p95 < 1000 ? '✓' : '✗'} |`);
    console.log(`| baseline: filtering the diagnostics only (host) | ${us(base.median)} | ${us(base.p95)} | — |`);
    console.log(`| ratio (medians) | ${(ours.median / Math.max(base.median, 0.001)).toFixed(1)}× | | |`);
  }
  console.log(`\nWhere an accept's time goes (medians): ${split('not open', accept.notOpen)}; ${split('open', accept.open)}.`);
  console.log(`Edit bench took ${((performance.now() - began) / 1000).toFixed(0)} s.`);

  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'edits.json'), JSON.stringify({ core: { accept: core.accept, view: core.view.times, viewReturned: core.view.returned }, host }, null, 2));
  if (notOpen.p95 > ACCEPT_TARGET_MS || open.p95 > ACCEPT_TARGET_MS || !fits) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
