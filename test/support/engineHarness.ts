/** A ChatEngine on the real SDK against the fake server, with in-memory workspace files, for unit tests. */
import { buildClientOptions } from '../../src/core/api/clientOptions';
import { ChatEngine, type ChatEngineDeps } from '../../src/core/engine/chatEngine';
import type { HostToWebview } from '../../src/core/protocol/protocol';
import { RetryPolicy } from '../../src/core/api/retry';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings/settings';
import { createBackend } from '../../src/host/clientFactory';
import { FakeAnthropic } from '../fake-anthropic/server';
import { MemoryFiles } from './memoryFiles';

export interface EngineHarness {
  fake: FakeAnthropic;
  posted: HostToWebview[];
  settings: Settings;
  files: MemoryFiles;
  engine(extra?: Partial<ChatEngineDeps>): ChatEngine;
  ofType<T extends HostToWebview['type']>(type: T): Extract<HostToWebview, { type: T }>[];
  /** Resolves once a posted message matches. */
  until<T extends HostToWebview['type']>(type: T, match?: (m: Extract<HostToWebview, { type: T }>) => boolean): Promise<Extract<HostToWebview, { type: T }>>;
}

/** Registers mocha hooks in the calling `describe`; the harness is ready inside each test. */
export function useEngineHarness(): EngineHarness {
  const h = { posted: [] } as unknown as EngineHarness;
  const waiters: Array<() => void> = [];
  before(async () => {
    h.fake = await FakeAnthropic.start();
  });
  after(() => h.fake.close());
  beforeEach(() => {
    h.fake.reset();
    h.posted = [];
    h.files = new MemoryFiles({ 'src/a.ts': 'export const a = 1;\nexport const b = 2;\n', 'README.md': '# Demo\n' });
    h.settings = { ...DEFAULT_SETTINGS, baseURL: h.fake.url, model: 'claude-sonnet-5-5', maxTokens: 1000, thinking: 'off' };
  });
  h.engine = (extra = {}) =>
    new ChatEngine({
      settings: () => h.settings,
      backend: async () => createBackend(buildClientOptions(h.settings, { kind: 'apiKey', value: 'sk-unit', source: 'env' }, {})),
      post: (m) => {
        h.posted.push(m);
        for (const wake of waiters.splice(0)) wake();
      },
      requestApiKey: () => undefined,
      retry: new RetryPolicy(3, 1000, 8000, 60_000, () => 1),
      sleep: async () => undefined,
      tools: { files: h.files, autoApprove: () => h.settings.autoApprove, maxCharacters: 60_000 },
      ...extra,
    });
  h.ofType = <T extends HostToWebview['type']>(type: T) => h.posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type);
  h.until = async <T extends HostToWebview['type']>(type: T, match: (m: Extract<HostToWebview, { type: T }>) => boolean = () => true) => {
    for (;;) {
      const found = h.ofType(type).find(match);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return h;
}

/** The tool_result blocks of a recorded request's last message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lastResults(body: any): Array<{ tool_use_id: string; content: string; is_error?: boolean }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return body.messages.at(-1).content.filter((b: any) => b.type === 'tool_result');
}
