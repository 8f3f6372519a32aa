/**
 * `npm run bench`, long session: one reply of 150 tool iterations, each reading a 4 KB file, on a
 * model with a 50,000-token window, through the real engine, SDK and HTTP against the fake server,
 * which enforces the window and reports usage as the real prompt cache would (byte-identical
 * prefixes). Targets: no request over the window, the task in every request, ≥ 80 % of the input
 * read from cache. Run three ways: the extension summarizing on the client (gateways, older models),
 * the server compacting (`compact_20260112`), and a model whose window the extension does not know
 * (it learns it from the first "prompt is too long" and recovers; before compaction that refusal
 * ended the session, after 41 rounds).
 */
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { SUMMARY_REQUEST } from '../../src/core/context/compaction';
import { ChatEngine } from '../../src/core/engine/chatEngine';
import { builtInModel, type ModelInfo } from '../../src/core/models/models';
import type { HostToWebview } from '../../src/core/protocol/protocol';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { EditorTool } from '../../src/core/tools/editorTool';
import { createBackend } from '../../src/host/clientFactory';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { estimateTokens, FakeAnthropic, type RecordedRequest } from '../fake-anthropic/server';
import { MemoryFiles } from '../support/memoryFiles';
import { messageText } from '../support/wire';

const WINDOW = 50_000;
const ITERATIONS = 150;
const RESULT_BYTES = 4096;
const CACHE_TARGET = 0.8;
const TASK = 'Go through every module under src/ one by one and list the ones that still call the old logger.';
const SUMMARY = `Task: ${TASK}\nProgress: modules read so far are listed in the recent messages; none calls the old logger yet.`;

type Mode = 'client' | 'server' | 'none';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lastText = (r: RecordedRequest) => messageText(r.json.messages.at(-1) as any);
const isSummaryRequest = (r: RecordedRequest) => lastText(r).includes(SUMMARY_REQUEST.slice(0, 60));

function workspace(): MemoryFiles {
  const files: Record<string, string> = {};
  for (let n = 1; n <= ITERATIONS; n++) {
    const line = `export function module${n}Step(value: number): number { return value * ${n}; }\n`;
    files[`src/m${n}.ts`] = line.repeat(Math.ceil(RESULT_BYTES / line.length)).slice(0, RESULT_BYTES);
  }
  return new MemoryFiles(files);
}

async function session(mode: Mode) {
  const fake = await FakeAnthropic.start();
  try {
    fake.emulateUsage = true;
    fake.setWindow('claude-sonnet-5-5', WINDOW);
    let step = 0;
    const next = (r: RecordedRequest) => {
      if (isSummaryRequest(r)) return reply([text(SUMMARY)]);
      step++;
      return step <= ITERATIONS ? reply([toolUse(`toolu_${step}`, 'str_replace_based_edit_tool', { command: 'view', path: `src/m${step}.ts` })]) : reply([text('None of them calls the old logger.')]);
    };
    fake.enqueue(...Array.from({ length: ITERATIONS * 3 }, () => next));
    const base = builtInModel('claude-sonnet-5-5') as ModelInfo;
    const model: ModelInfo = mode === 'server' ? { ...base, contextWindow: WINDOW, contextManagement: ['clear_tool_uses_20250919', 'compact_20260112'] } : { ...base, contextWindow: mode === 'none' ? 10_000_000 : WINDOW };
    const settings = { ...DEFAULT_SETTINGS, baseURL: fake.url, model: model.id, maxTokens: 1000, thinking: 'off' as const, maxIterations: ITERATIONS + 10 };
    const errors: string[] = [];
    const files = workspace();
    const engine = new ChatEngine({
      settings: () => settings,
      models: () => [model],
      backend: () => createBackend(buildClientOptions(settings, { kind: 'apiKey', value: 'sk-bench', source: 'env' }, {})),
      post: (m: HostToWebview) => void (m.type === 'error' && errors.push(m.message)),
      requestApiKey: () => {},
      tools: { tools: [new EditorTool({ files, maxCharacters: 60_000 })], autoApprove: () => 'reads' },
    });
    const started = performance.now();
    await engine.send(TASK);
    const seconds = (performance.now() - started) / 1000;
    const requests = fake.messageRequests;
    const work = requests.filter((r) => !isSummaryRequest(r));
    const withTask = work.filter((r) => JSON.stringify(r.json.messages).includes(TASK.slice(0, 50))).length;
    const reply_ = engine.conversation().turns.at(-1);
    const rounds = reply_?.role === 'assistant' ? reply_.rounds.length : 0;
    return { mode, seconds, requests: requests.length, summaries: requests.length - work.length, withTask, work: work.length, refused: requests.filter((r) => estimateTokens(r.json) > WINDOW).length, errors, share: fake.cacheReadShare, totals: fake.usageTotals, rounds, done: step > ITERATIONS };
  } finally {
    await fake.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  console.log(`\nlong-session bench: ${ITERATIONS} tool iterations × ${RESULT_BYTES} B results, ${WINDOW.toLocaleString('en')}-token window (fake server, real SDK over HTTP)`);
  const results = [];
  for (const mode of ['none', 'client', 'server'] as const) results.push(await session(mode));
  console.log('| compaction | finished | requests (summaries) | refused as too long | task in every request | input read from cache | wall time |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const name = r.mode === 'none' ? 'window unknown to the extension (recovery only)' : r.mode === 'client' ? 'client summaries' : 'server (compact_20260112)';
    console.log(`| ${name} | ${r.done ? `yes, ${r.rounds} rounds` : `no: stopped after ${r.rounds} rounds`} | ${r.requests} (${r.summaries}) | ${r.refused} | ${r.withTask}/${r.work} | ${pct(r.share)} | ${r.seconds.toFixed(1)} s |`);
  }
  const failures = results
    .filter((r) => r.mode !== 'none')
    .flatMap((r) => [
      ...(r.done ? [] : [`${r.mode}: the session did not finish (${r.errors.join('; ') || 'no error shown'})`]),
      ...(r.refused ? [`${r.mode}: ${r.refused} request(s) over the window`] : []),
      ...(r.withTask < r.work ? [`${r.mode}: the task missing from ${r.work - r.withTask} request(s)`] : []),
      ...(r.share < CACHE_TARGET ? [`${r.mode}: ${pct(r.share)} of input read from cache (target ${pct(CACHE_TARGET)})`] : []),
    ]);
  if (failures.length) {
    console.log(`long-session bench: target missed:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log(`long-session bench: targets met (0 requests over the window, the task in every request, ≥ ${pct(CACHE_TARGET)} read from cache)`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
