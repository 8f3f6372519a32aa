/**
 * The one setup of the engine tests: a ChatEngine on the real SDK (through the host's client
 * factory) against the fake server over HTTP, with in-memory workspace files. Everything the engine
 * hands its host is recorded: posted messages, saves, key requests, retry waits.
 */
import { isDeepStrictEqual } from 'node:util';
import { buildClientOptions, type Credentials } from '../../src/core/api/clientOptions';
import { ChatEngine, type ChatEngineDeps } from '../../src/core/engine/chatEngine';
import type { Conversation } from '../../src/core/conversation/turns';
import { readHostMessage, type HostToWebview } from '../../src/core/protocol/protocol';
import { RetryPolicy } from '../../src/core/api/retry';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings/settings';
import { EditorTool } from '../../src/core/tools/editorTool';
import { createBackend } from '../../src/host/clientFactory';
import { FakeAnthropic } from '../fake-anthropic/server';
import { MemoryFiles } from './memoryFiles';

type Posted<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

/** How long `until` waits before failing with what was posted: well inside mocha's own timeout. */
const UNTIL_TIMEOUT_MS = 5000;
const anyMessage = () => true;

export interface EngineHarness {
  fake: FakeAnthropic;
  posted: HostToWebview[];
  settings: Settings;
  files: MemoryFiles;
  /** The key the backend is built with; undefined is "no key set". */
  credentials: Credentials | undefined;
  /** How often the engine asked the host for a key (Set API Key). */
  keyRequests: number;
  /** Every save, in order; `streaming` for the saves made while a reply is in progress. */
  saves: Array<{ conversation: Conversation; streaming: boolean }>;
  /** The automatic retries' waits in ms, in order (the harness does not really wait). */
  waits: number[];
  /** An engine on the harness; `extra` replaces any of its dependencies (`tools: undefined`: no tools). */
  engine(extra?: Partial<ChatEngineDeps>): ChatEngine;
  ofType<T extends HostToWebview['type']>(type: T): Posted<T>[];
  /** Resolves with the first posted `type` message that matches; fails after a few seconds, naming what was posted. */
  until<T extends HostToWebview['type']>(type: T, match?: (m: Posted<T>) => boolean, timeoutMs?: number): Promise<Posted<T>>;
  /** Calls `listener` with every message posted from now until the test ends (a person reacting to the view). */
  onPost(listener: (message: HostToWebview) => void): void;
}

/** Registers mocha hooks in the calling `describe`; the harness is ready inside each test. */
export function useEngineHarness(): EngineHarness {
  const h = { posted: [] } as unknown as EngineHarness;
  const watchers = new Set<() => void>();
  const listeners = new Set<(message: HostToWebview) => void>();
  afterEach(() => listeners.clear());
  /** Messages the webview would refuse or repair: the engine must only post what the protocol's schemas accept as they are. */
  let offSchema: string[] = [];
  const checkAgainstSchema = (m: HostToWebview) => {
    const sent: unknown = JSON.parse(JSON.stringify(m));
    const read = readHostMessage(sent);
    if (!read || !isDeepStrictEqual(JSON.parse(JSON.stringify(read)), sent)) offSchema.push(`${m.type}: ${JSON.stringify(m).slice(0, 300)}`);
  };
  afterEach(() => {
    const problems = offSchema;
    offSchema = [];
    if (problems.length) throw new Error(`The engine posted messages the webview's schema refuses or repairs:\n${problems.join('\n')}`);
  });
  before(async () => {
    h.fake = await FakeAnthropic.start();
  });
  after(() => h.fake.close());
  beforeEach(() => {
    h.fake.reset();
    h.posted = [];
    h.saves = [];
    h.waits = [];
    h.keyRequests = 0;
    h.credentials = { kind: 'apiKey', value: 'sk-unit', source: 'env' };
    h.files = new MemoryFiles({ 'src/a.ts': 'export const a = 1;\nexport const b = 2;\n', 'README.md': '# Demo\n' });
    h.settings = { ...DEFAULT_SETTINGS, baseURL: h.fake.url, model: 'claude-sonnet-5-5', maxTokens: 1000, thinking: 'off' };
  });
  h.engine = (extra = {}) =>
    new ChatEngine({
      settings: () => h.settings,
      backend: async () => h.credentials && createBackend(buildClientOptions(h.settings, h.credentials, {})),
      post: (m) => {
        h.posted.push(m);
        checkAgainstSchema(m);
        for (const listener of [...listeners]) listener(m);
        for (const watch of [...watchers]) watch();
      },
      requestApiKey: () => void h.keyRequests++,
      persist: (conversation, streaming) => void h.saves.push({ conversation, streaming }),
      retry: new RetryPolicy(3, 1000, 8000, 60_000, () => 1),
      sleep: async (ms) => void h.waits.push(ms),
      tools: { tools: [new EditorTool({ files: h.files, maxCharacters: 60_000 })], autoApprove: () => h.settings.autoApprove },
      ...extra,
    });
  h.onPost = (listener) => void listeners.add(listener);
  h.ofType = <T extends HostToWebview['type']>(type: T) => h.posted.filter((m): m is Posted<T> => m.type === type);
  h.until = <T extends HostToWebview['type']>(type: T, match: (m: Posted<T>) => boolean = anyMessage, timeoutMs = UNTIL_TIMEOUT_MS) =>
    new Promise<Posted<T>>((resolve, reject) => {
      const watch = () => {
        const found = h.ofType(type).find(match);
        if (!found) return;
        settle();
        resolve(found);
      };
      const timer = setTimeout(() => {
        settle();
        const seen = h.posted.map((m) => m.type).join(', ') || 'nothing';
        reject(new Error(`No "${type}" message${match === anyMessage ? '' : ' that matches'} was posted within ${timeoutMs} ms (posted: ${seen}).`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        watchers.delete(watch);
      };
      watchers.add(watch);
      watch();
    });
  return h;
}

/** The tool_result blocks of a recorded request's last message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lastResults(body: any): Array<{ tool_use_id: string; content: string; is_error?: boolean }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return body.messages.at(-1).content.filter((b: any) => b.type === 'tool_result');
}
