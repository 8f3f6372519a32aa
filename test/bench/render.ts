/**
 * `npm run bench`: streams a 200 KB markdown reply in 5-character deltas into the real webview
 * bundle (dist/webview.js) in headless Chromium and reports main-thread time (Chromium's own
 * TaskDuration: script, style, layout and paint) for
 *   (a) the chat renderer,
 *   (b) a naive baseline that re-parses and re-renders the whole message on every delta with the
 *       same markdown pipeline (measured on a systematic sample of deltas, scaled up),
 *   (c) plain-text append, the lower bound,
 * all in one run, plus the cost of a delta near the start and near the end, the time to open a
 * 200-turn conversation and the webview heap. Each delta arrives in its own frame; a frame's cost
 * is its script plus a forced style and layout (paint is left out).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import type { HostToWebview, TranscriptEntry } from '../../src/core/protocol/protocol';
import { CHROMIUM, ROOT } from '../support/codeServer';
import { deltas as toDeltas, markdownCorpus } from './corpus';

const SIZE = Number(process.env.BENCH_SIZE) || 200_000;
const DELTAS_PER_FRAME = Number(process.env.BENCH_DELTAS_PER_FRAME) || 1;
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE) || 400;
const SEGMENTS = 10;

const EMPTY_USAGE = { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, cost: 0 }, contextUsed: 0, contextLimit: 1_000_000, freed: 0 };
/** Typed against the protocol, so a new required field fails the typecheck instead of the webview's guard dropping the message. */
const initMessage = (transcript: TranscriptEntry[]): HostToWebview => ({
  type: 'init',
  hasKey: true,
  model: 'm',
  models: [],
  transcript,
  usage: EMPTY_USAGE,
  instructionFiles: [],
  attachments: [],
  tools: { enabled: true },
  queue: [],
});
const CSS = readFileSync(join(ROOT, 'media', 'chat.css'), 'utf8');

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
}

async function pageWith(browser: Browser, script: string, withVsCodeApi: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await page.setContent(`<!DOCTYPE html><html><head><style>${CSS}</style></head><body><main id="app"></main></body></html>`);
  // Frames are driven by the bench: requestAnimationFrame callbacks run when the driver ends a
  // frame, followed by a forced style and layout, so each frame costs what it would on screen
  // (minus paint) without waiting for a 60 Hz clock.
  await page.evaluate(() => {
    const queue = new Map<number, FrameRequestCallback>();
    let next = 1;
    const w = window as unknown as Record<string, unknown>;
    w.requestAnimationFrame = (cb: FrameRequestCallback) => (queue.set(next, cb), next++);
    w.cancelAnimationFrame = (id: number) => queue.delete(id);
    w.nextFrame = async () => {
      const callbacks = [...queue.values()];
      queue.clear();
      for (const cb of callbacks) cb(performance.now());
      void document.body.offsetHeight;
    };
  });
  if (withVsCodeApi) await page.evaluate(() => Object.assign(window, { acquireVsCodeApi: () => ({ postMessage() {}, getState() {}, setState() {} }) }));
  await page.addScriptTag({ path: script });
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    w.post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

type Feed = (page: Page, deltas: string[], offset: number) => Promise<void>;

/** Streams the deltas in SEGMENTS parts; returns main-thread ms per part. */
async function stream(page: Page, cdp: CDPSession, all: string[], feed: Feed): Promise<number[]> {
  const per = Math.ceil(all.length / SEGMENTS);
  const times: number[] = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const before = await taskSeconds(cdp);
    await feed(page, all.slice(s * per, (s + 1) * per), s * per);
    times.push((await taskSeconds(cdp)) - before);
  }
  return times.map((t) => t * 1000);
}

/** (a) the real webview: protocol messages into dist/webview.js, one frame per DELTAS_PER_FRAME deltas. */
const feedWebview: Feed = (page, deltas) =>
  page.evaluate(
    async ([deltas, k]) => {
      const w = window as unknown as { post: (m: unknown) => void; nextFrame: () => Promise<void> };
      for (let i = 0; i < deltas.length; i += k) {
        for (let j = i; j < Math.min(i + k, deltas.length); j++) w.post({ type: 'replyDelta', id: 'r', text: deltas[j] });
        await w.nextFrame();
      }
    },
    [deltas, DELTAS_PER_FRAME] as const,
  );

/**
 * (c) plain-text append: each delta's text goes into the current line's element, one element per
 * line (a single growing text element would re-lay out the whole reply on every frame).
 */
const feedPlain: Feed = (page, deltas) =>
  page.evaluate(
    async ([deltas, k]) => {
      const w = window as unknown as { plain: HTMLElement; line?: HTMLElement; nextFrame: () => Promise<void> };
      const append = (text: string) => {
        text.split('\n').forEach((part, n) => {
          if (n > 0 || !w.line) {
            w.line = document.createElement('div');
            w.plain.append(w.line);
          }
          if (part) w.line.append(document.createTextNode(part));
        });
      };
      for (let i = 0; i < deltas.length; i += k) {
        for (let j = i; j < Math.min(i + k, deltas.length); j++) append(deltas[j]);
        await w.nextFrame();
      }
    },
    [deltas, DELTAS_PER_FRAME] as const,
  );

/**
 * (c') an optimised floor: text nodes in one element per line, lines in pages of 32 that skip
 * layout off screen (what the chat renderer does with finished blocks), with no markdown at all.
 */
const feedPlainPaged: Feed = (page, deltas) =>
  page.evaluate(
    async ([deltas, k]) => {
      const w = window as unknown as { plain: HTMLElement; page?: HTMLElement; lines: number; line?: HTMLElement; nextFrame: () => Promise<void> };
      const newLine = () => {
        if (!w.page || w.lines >= 32) {
          w.page = document.createElement('div');
          w.page.className = 'md-page';
          w.plain.append(w.page);
          w.lines = 0;
        }
        w.line = document.createElement('div');
        w.page.append(w.line);
        w.lines++;
      };
      const append = (text: string) => {
        text.split('\n').forEach((part, n) => {
          if (n > 0 || !w.line) newLine();
          if (part) w.line!.append(document.createTextNode(part));
        });
      };
      for (let i = 0; i < deltas.length; i += k) {
        for (let j = i; j < Math.min(i + k, deltas.length); j++) append(deltas[j]);
        await w.nextFrame();
      }
    },
    [deltas, DELTAS_PER_FRAME] as const,
  );

/** (b) naive: every NAIVE_SAMPLE-th delta re-renders the whole message so far (the others only accumulate). */
const feedNaive: Feed = (page, deltas, offset) =>
  page.evaluate(
    async ([deltas, offset, sample]) => {
      const w = window as unknown as { naiveDelta: (d: string) => void; nextFrame: () => Promise<void> };
      let pending = '';
      for (let i = 0; i < deltas.length; i++) {
        pending += deltas[i];
        if ((offset + i) % sample === 0) {
          w.naiveDelta(pending);
          pending = '';
          await w.nextFrame();
        }
      }
      if (pending) w.naiveDelta(pending);
      await w.nextFrame();
    },
    [deltas, offset, NAIVE_SAMPLE] as const,
  );

function transcript(turns: number, corpus: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (let i = 0; i < turns / 2; i++) {
    entries.push({ id: `u${i}`, role: 'user', text: `Question ${i}: how does part ${i} work?` });
    const start = (i * 1543) % (corpus.length - 2000);
    entries.push({ id: `a${i}`, role: 'assistant', text: corpus.slice(start, start + 1500), status: 'done', usage: { input: 1000, cacheRead: 500, cacheWrite: 0, output: 400, cost: 0.01 } });
  }
  return entries;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  const corpus = markdownCorpus(SIZE);
  const all = toDeltas(corpus, 5);
  const webviewJs = join(ROOT, 'dist', 'webview.js');
  const naiveJs = join(ROOT, 'out', 'bench', 'naive.js');
  console.log(`corpus: ${(corpus.length / 1000).toFixed(0)} KB markdown, ${(corpus.match(/^```\w/gm) ?? []).length} code blocks, ${all.length} deltas of 5 characters, ${DELTAS_PER_FRAME} delta(s) per frame`);
  const browser = await launch();
  try {
    // (a) the chat renderer, through the real webview bundle and protocol.
    const a = await pageWith(browser, webviewJs, true);
    await a.page.evaluate((init) => {
      const w = window as unknown as { post: (m: unknown) => void };
      w.post(init);
      w.post({ type: 'userMessage', id: 'u', text: 'Write a long answer.' });
      w.post({ type: 'replyStart', id: 'r', model: 'm' });
    }, initMessage([]));
    const aTimes = await stream(a.page, a.cdp, all, feedWebview);
    await a.page.evaluate(() => (window as unknown as { post: (m: unknown) => void }).post({ type: 'replyEnd', id: 'r', status: 'done' }));
    const rendered = await a.page.evaluate(() => document.querySelector('article[aria-label="Claude"]')?.textContent?.length ?? 0);
    const streamHeap = await heapMB(a.cdp);
    await a.page.close();

    // (c) and (c') plain text, in the same block container the chat renders into.
    const plainRun = async (className: string, feed: Feed) => {
      const c = await pageWith(browser, webviewJs, true);
      await c.page.evaluate((className) => {
        const plain = document.createElement('div');
        plain.className = className;
        document.querySelector('.transcript')?.append(plain);
        Object.assign(window, { plain });
      }, className);
      const times = await stream(c.page, c.cdp, all, feed);
      await c.page.close();
      return times;
    };
    const cTimes = await plainRun('body plain', feedPlain);
    const c2Times = await plainRun('body plain markdown', feedPlainPaged);

    // (b) naive re-render of the whole message, sampled.
    const b = await pageWith(browser, naiveJs, false);
    const bSampled = await stream(b.page, b.cdp, all, feedNaive);
    const bTimes = bSampled.map((t) => t * NAIVE_SAMPLE);
    await b.page.close();

    // A 200-turn conversation opening (the `init` snapshot a reload sends).
    const o = await pageWith(browser, webviewJs, true);
    const entries = transcript(200, corpus);
    const openMs = await o.page.evaluate((init) => {
      const started = performance.now();
      (window as unknown as { post: (m: unknown) => void }).post(init);
      void document.body.offsetHeight; // include style and layout
      return performance.now() - started;
    }, initMessage(entries));
    await o.page.evaluate(() => (window as unknown as { nextFrame: () => Promise<void> }).nextFrame());
    const opened = await o.page.evaluate(() => document.querySelectorAll('.transcript article').length);
    if (rendered === 0 || opened !== entries.length) throw new Error(`the webview dropped the bench's messages (rendered ${rendered} characters, opened ${opened} of ${entries.length} turns): check them against its protocol guard`);
    const openHeap = await heapMB(o.cdp);
    await o.page.close();

    const [aTotal, bTotal, cTotal, c2Total] = [sum(aTimes), sum(bTimes), sum(cTimes), sum(c2Times)];
    const perDelta = (ms: number) => `${((ms * 1000) / (all.length / SEGMENTS)).toFixed(1)} µs`;
    const startVsEnd = aTimes[SEGMENTS - 1] / aTimes[0];
    const rows: Array<[string, string, string]> = [
      ['(a) chat renderer (dist/webview.js)', fmt(aTotal), '1.0×'],
      [`(b) naive full re-render per delta (1 in ${NAIVE_SAMPLE} measured, ×${NAIVE_SAMPLE})`, fmt(bTotal), `${(bTotal / aTotal).toFixed(1)}× of (a)`],
      ['(c) plain-text append, an element per line (lower bound)', fmt(cTotal), `${(cTotal / aTotal).toFixed(2)}× of (a)`],
      ["(c') plain text, paged lines skipped off screen (no markdown)", fmt(c2Total), `${(c2Total / aTotal).toFixed(3)}× of (a)`],
    ];
    console.log('\n| variant | main-thread time | ratio |\n|---|---:|---:|');
    for (const [name, time, ratio] of rows) console.log(`| ${name} | ${time} | ${ratio} |`);
    console.log('\n| check | value | target |\n|---|---:|---:|');
    const checks: Array<[string, string, string, boolean]> = [
      ['a / c (cost over the plain-text floor)', (aTotal / cTotal).toFixed(2), '≤ 3', aTotal / cTotal <= 3],
      ['b / a (gain over naive re-rendering)', (bTotal / aTotal).toFixed(1), '≥ 20', bTotal / aTotal >= 20],
      [`(a) per delta, first 10% → last 10%`, `${perDelta(aTimes[0])} → ${perDelta(aTimes[SEGMENTS - 1])} (${startVsEnd.toFixed(2)}×)`, '≤ 2×', startVsEnd <= 2],
      ['open a 200-turn conversation', `${openMs.toFixed(0)} ms`, '< 300 ms', openMs < 300],
      ['webview heap after the 200 KB reply', `${streamHeap.toFixed(1)} MB`, '< 100 MB', streamHeap < 100],
      ['webview heap with 200 turns open', `${openHeap.toFixed(1)} MB`, '< 100 MB', openHeap < 100],
    ];
    for (const [name, value, target, ok] of checks) console.log(`| ${name} | ${value} | ${target} ${ok ? '✓' : '✗'} |`);
    const seg = (xs: number[]) => `[${xs.map((t) => t.toFixed(0)).join(', ')}]`;
    console.log(`\n(a) rendered ${rendered} characters of text. Main-thread ms per tenth of the stream: a=${seg(aTimes)} b=${seg(bTimes)} c=${seg(cTimes)} c'=${seg(c2Times)}`);
    const dir = join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'render.json'), JSON.stringify({ size: corpus.length, deltas: all.length, deltasPerFrame: DELTAS_PER_FRAME, aTimes, bTimes, cTimes, c2Times, openMs, streamHeap, openHeap }, null, 2));
    if (checks.some(([, , , ok]) => !ok)) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

void main();
