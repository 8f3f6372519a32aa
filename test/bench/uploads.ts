/**
 * `npm run bench`, uploads: bytes sent over a 20-turn conversation that opened with a 4 MB
 * screenshot, through the real engine, SDK and HTTP against the fake server. Without a Files API
 * (a gateway, and every endpoint before uploads) the screenshot goes as base64 in every request;
 * with one it is uploaded once and each request refers to it by id. Target: ≤ 1.1 × the
 * screenshot's size in all, and the screenshot's message byte-identical in every request (the
 * prompt cache's prefix holds).
 */
import { randomBytes } from 'node:crypto';
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { imageHash } from '../../src/core/context/imageCheck';
import type { ImageAttachment } from '../../src/core/context/attachments';
import { ChatEngine } from '../../src/core/engine/chatEngine';
import type { HostToWebview } from '../../src/core/protocol/protocol';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { createBackend } from '../../src/host/clientFactory';
import { reply, text } from '../fake-anthropic/scripts';
import { FakeAnthropic } from '../fake-anthropic/server';

const TURNS = 20;
const SCREENSHOT_BYTES = 4 * 1024 * 1024;
const TARGET = 1.1;

/** A 4 MB "PNG": the signature, then bytes that do not compress (as a detailed screenshot's). */
function screenshot(): ImageAttachment {
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(SCREENSHOT_BYTES - 8)]);
  const data = bytes.toString('base64');
  const sha256 = imageHash(data);
  return { kind: 'image', id: `img-${sha256.slice(0, 12)}`, name: 'screenshot.png', mediaType: 'image/png', width: 1568, height: 980, sha256, data };
}

async function conversation(filesApi: boolean) {
  const fake = await FakeAnthropic.start();
  try {
    fake.filesApi = filesApi;
    fake.enqueue(...Array.from({ length: TURNS }, (_, i) => reply([text(`Answer ${i + 1}.`)])));
    const settings = { ...DEFAULT_SETTINGS, baseURL: fake.url, maxTokens: 1000, thinking: 'off' as const };
    const errors: string[] = [];
    const engine = new ChatEngine({
      settings: () => settings,
      backend: () => createBackend(buildClientOptions(settings, { kind: 'apiKey', value: 'sk-bench', source: 'env' }, {})),
      post: (m: HostToWebview) => void (m.type === 'error' && errors.push(m.message)),
      requestApiKey: () => {},
    });
    const started = performance.now();
    await engine.send('What is wrong with this layout?', [screenshot()]);
    for (let turn = 2; turn <= TURNS; turn++) await engine.send(`Follow-up question ${turn}: what about the sidebar?`);
    const seconds = (performance.now() - started) / 1000;
    const requests = fake.messageRequests;
    // The first message less its cache breakpoint (it carries one while it is among the last two user turns).
    const firstMessages = requests.map((r) => JSON.stringify(r.json.messages[0], (key, value: unknown) => (key === 'cache_control' ? undefined : value)));
    const stable = firstMessages.every((m) => m === firstMessages[0]);
    return { filesApi, bytes: fake.bytesReceived, uploads: fake.fileUploads.length, requests: requests.length, stable, seconds, errors };
  } finally {
    await fake.close();
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  console.log(`\nuploads bench: ${TURNS} turns after a ${mb(SCREENSHOT_BYTES)} screenshot (fake server, real SDK over HTTP)`);
  const base64 = await conversation(false);
  const files = await conversation(true);
  console.log('| sources | requests | uploads | bytes sent | × the screenshot | first message the same in every request | wall time |');
  console.log('|---|---:|---:|---:|---:|---|---:|');
  for (const r of [base64, files]) {
    const name = r.filesApi ? 'Files API (`file_id`)' : 'base64 every turn (no Files API)';
    console.log(`| ${name} | ${r.requests} | ${r.uploads} | ${mb(r.bytes)} | ${(r.bytes / SCREENSHOT_BYTES).toFixed(2)} × | ${r.stable ? 'yes' : 'no'} | ${r.seconds.toFixed(1)} s |`);
  }
  console.log(`ratio: the Files API sends ${(files.bytes / base64.bytes).toFixed(3)} × the bytes of base64 every turn`);
  const failures = [
    ...[base64, files].flatMap((r) => (r.errors.length ? [`${r.filesApi ? 'files' : 'base64'}: ${r.errors.join('; ')}`] : [])),
    ...(files.bytes > TARGET * SCREENSHOT_BYTES ? [`Files API: ${(files.bytes / SCREENSHOT_BYTES).toFixed(2)} × the screenshot (target ≤ ${TARGET} ×)`] : []),
    ...(files.uploads !== 1 ? [`Files API: ${files.uploads} uploads (1 expected)`] : []),
    ...(!files.stable || !base64.stable ? ['the first message changed between requests (the cached prefix breaks)'] : []),
  ];
  if (failures.length) {
    console.log(`uploads bench: target missed:\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log(`uploads bench: target met (≤ ${TARGET} × the screenshot over ${TURNS} turns, one upload, a stable prefix)`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
