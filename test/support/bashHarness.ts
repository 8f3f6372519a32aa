/**
 * The bash tool on the engine harness with real shells (the host's child process sessions) in a
 * fresh temporary folder: what Claude asks, the card the person sees, and what ran on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatEngine } from '../../src/core/engine/chatEngine';
import { BashTool } from '../../src/core/tools/bash/bashTool';
import { shellEnvironment } from '../../src/core/tools/bash/shellEnvironment';
import { EditorTool } from '../../src/core/tools/editorTool';
import { locateShell } from '../../src/host/tools/shellLocator';
import { ChildShellSessions } from '../../src/host/tools/shellSessions';
import { reply, text, toolUse } from '../fake-anthropic/scripts';
import { lastResults, useEngineHarness, type EngineHarness } from './engineHarness';
export { processGone, waitFor } from './processes';

export interface BashHarness {
  readonly h: EngineHarness;
  /** The folder the shells start in. */
  dir: string;
  sessions: ChildShellSessions;
  /** Secrets kept out of the shells' environment besides the credential variables. */
  secrets: string[];
  engine(): ChatEngine;
  /** Queues replies that call bash with each input in turn (one per request), then a closing text. */
  script(...inputs: Array<Record<string, unknown>>): void;
  /** The tool_result of request `n` (1-based: the answer to the n-th call). */
  result(n: number): { tool_use_id: string; content: string; is_error?: boolean };
  /** From now on, the person presses Run on every command card as it appears. */
  runEveryCommand(engine: ChatEngine): void;
  /** Waits for the card of `toolu_<n>` and decides it. */
  decide(engine: ChatEngine, n: number, run: boolean): Promise<void>;
}

export function useBashHarness(): BashHarness {
  const h = useEngineHarness();
  const b = { h } as BashHarness;
  beforeEach(() => {
    b.dir = mkdtempSync(join(tmpdir(), 'claude-chat-bash-'));
    b.secrets = [];
    b.sessions = new ChildShellSessions({ launch: locateShell(), cwd: () => b.dir, env: async () => shellEnvironment(process.env, b.secrets) });
    h.settings = { ...h.settings, allowedCommands: [], commandTimeout: 20 };
  });
  afterEach(() => {
    b.sessions.dispose();
    rmSync(b.dir, { recursive: true, force: true });
  });
  b.engine = () =>
    h.engine({
      tools: {
        tools: [new EditorTool({ files: h.files, maxCharacters: 60_000 }), new BashTool({ sessions: b.sessions, settings: () => h.settings, outputIntervalMs: 100 })],
        autoApprove: () => h.settings.autoApprove,
      },
    });
  b.script = (...inputs) => h.fake.enqueue(...inputs.map((input, i) => reply([toolUse(`toolu_${i + 1}`, 'bash', input)])), reply([text('Done.')]));
  b.result = (n) => lastResults(h.fake.messageRequests[n].json)[0];
  b.runEveryCommand = (engine) =>
    h.onPost((m) => {
      // A decision arrives after the card is shown, as a click does (the engine waits for it right after posting).
      if (m.type === 'commandCard' && m.card.state === 'pending') setImmediate(() => void engine.handle({ type: 'commandDecision', cardId: m.card.id, run: true }));
    });
  b.decide = async (engine, n, run) => {
    await h.until('commandCard', (m) => m.card.id === `toolu_${n}`, 10_000);
    void engine.handle({ type: 'commandDecision', cardId: `toolu_${n}`, run });
  };
  return b;
}
