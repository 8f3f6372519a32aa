/**
 * Anthropic's bash tool: each command shows as a card and runs only after Run, unless every part
 * of it starts with a prefix the person allowed (their user setting; `autoApprove: "all"` does not
 * cover commands, and nothing in the tool input can skip the card). The card shows the output live
 * (its last lines), the elapsed time and the exit code; Claude gets the output's start and end,
 * the exit code, and why a command ended early.
 */
import * as l10n from '@vscode/l10n';
import { STOPPED_RESULT } from '../../conversation/history';
import type { CommandCardView, CommandState } from '../../protocol/protocol';
import type { Settings } from '../../settings/settings';
import type { AgentTool, ToolAnswer, ToolCall } from '../agentTool';
import { allowedBy, programsOf } from './commandLine';
import { suggestedPrefix } from './prefixOffer';
import { formatNumber } from '../../l10n/format';
import { cutForClaude, lastLines } from './outputCut';
import type { ShellRun, ShellSessions } from './shellSession';

export const BASH_TOOL_NAME = 'bash';
/** Schema-less: the model knows its inputs, `{command}` or `{restart: true}`. */
export const BASH_TOOL_DEFINITION = { type: 'bash_20250124', name: BASH_TOOL_NAME } as const;
export const SKIPPED_RESULT = 'The user skipped this command.'; // not localized: sent to Claude
// not localized: sent to Claude
const INPUT_HELP = 'Call bash with {"command": "<command line>"} to run a command, or {"restart": true} to start a fresh shell.';

export interface BashToolOptions {
  readonly sessions: ShellSessions;
  readonly settings: () => Pick<Settings, 'allowedCommands' | 'commandTimeout'>;
  /** The card's live output is posted at most this often (default 250 ms). */
  readonly outputIntervalMs?: number;
}

const answer = (content: string, isError: boolean): ToolAnswer => ({ content, isError });

/** What is wrong with the input, or the command / restart it asks for. */
function readInput(input: Readonly<Record<string, unknown>>): { command: string } | { restart: true } | { error: string } {
  const unknown = Object.keys(input).filter((k) => k !== 'command' && k !== 'restart');
  // not localized: sent to Claude
  if (unknown.length) return { error: `Unknown input ${unknown.map((k) => `"${k}"`).join(', ')}. ${INPUT_HELP}` };
  if ('restart' in input) {
    // not localized: sent to Claude
    if (input.restart !== true) return { error: `"restart" must be true. ${INPUT_HELP}` };
    // not localized: sent to Claude
    if ('command' in input) return { error: `Give either "command" or "restart", not both. ${INPUT_HELP}` };
    return { restart: true };
  }
  // not localized: sent to Claude
  if (typeof input.command !== 'string') return { error: `"command" must be a string. ${INPUT_HELP}` };
  // not localized: sent to Claude
  if (!input.command.trim()) return { error: `"command" is empty. ${INPUT_HELP}` };
  return { command: input.command };
}

export class BashTool implements AgentTool {
  readonly name = BASH_TOOL_NAME;
  readonly definition = BASH_TOOL_DEFINITION;

  /** Why a fresh shell was started, when the shell check before a command started it (the command's answer says so). */
  private readonly freshShell = new Map<string, string>();
  /** The prefix each waiting card offers to always allow. */
  private readonly offered = new Map<string, string>();

  constructor(private readonly options: BashToolOptions) {}

  offeredPrefix(cardId: string): string | undefined {
    return this.offered.get(cardId);
  }

  /** The allowlist reads bash syntax: for PowerShell (no Git Bash or WSL on Windows) every command asks. */
  private allowsPrefixes(): boolean {
    return this.options.sessions.shellName !== 'PowerShell';
  }

  /**
   * A program name that an earlier command (which the person ran) turned into a function or an
   * alias in this persistent shell: the allowed prefix no longer means the program, so it asks.
   * `type -t` only reports; the names are plain words (the allowlist let them through).
   */
  private async redefined(call: ToolCall, command: string): Promise<string | undefined> {
    const programs = programsOf(command);
    const session = this.options.sessions.forConversation(call.conversationId);
    // One line per name: `type -t` prints nothing for a name it does not know.
    const probe = await session.run(programs.map((p) => `type -t -- ${p} || echo`).join('; '), { signal: call.signal, timeoutMs: 5000, onOutput: () => undefined });
    if (probe.restarted) this.freshShell.set(call.id, probe.restarted);
    if (probe.stopped || probe.timedOut || probe.shellDied) return programs[0] ?? '';
    const kinds = probe.output.split('\n');
    return programs.find((_, i) => kinds[i] === 'function' || kinds[i] === 'alias');
  }

  async run(call: ToolCall): Promise<ToolAnswer> {
    const input = readInput(call.input);
    if ('error' in input) {
      call.line(l10n.t('bash: invalid input'), true);
      return answer(input.error, true);
    }
    if ('restart' in input) return this.restart(call);
    return this.command(call, input.command);
  }

  /**
   * A restart runs without asking: it runs nothing, it only ends what this conversation's shell
   * started (commands the person already allowed), and refusing it would leave Claude a shell in a
   * state it asked to leave. The card still shows that it happened.
   */
  private async restart(call: ToolCall): Promise<ToolAnswer> {
    const session = this.options.sessions.forConversation(call.conversationId);
    await session.restart();
    const card: CommandCardView = { id: call.id, command: '', restart: true, state: 'done', output: '', note: l10n.t('Shell restarted') };
    call.show({ kind: 'command', card }, { type: 'commandCard', id: call.replyId, card });
    // not localized: sent to Claude
    return answer(`The shell (${session.shellName}) was restarted: background jobs ended, the working directory and variables are back to their start.`, false);
  }

  private async command(call: ToolCall, command: string): Promise<ToolAnswer> {
    const settings = this.options.settings();
    const byPrefix = this.allowsPrefixes() ? allowedBy(command, settings.allowedCommands) : undefined;
    const redefined = byPrefix ? await this.redefined(call, command) : undefined;
    const allowed = redefined === undefined ? byPrefix : undefined;
    const note = allowed
      ? l10n.t('Allowed by your setting: {0}', allowed.join(', '))
      : redefined && l10n.t('Asking: `{0}` is a function or an alias in this shell now, not the program you allowed.', redefined);
    const prefix = allowed ? undefined : suggestedPrefix(command);
    // An allowed command shows as running at once: Run and Skip never flash on its card.
    const card: CommandCardView = { id: call.id, command, state: allowed ? 'running' : 'pending', output: '', ...(note ? { note } : {}), ...(prefix ? { prefix } : {}) };
    call.show({ kind: 'command', card }, { type: 'commandCard', id: call.replyId, card });
    if (prefix) this.offered.set(call.id, prefix);
    const decided = allowed ? 'accept' : await call.decision(call.id).finally(() => this.offered.delete(call.id));
    const decision = call.signal.aborted ? 'stopped' : decided; // Stop wins over a late Run
    if (decision === 'stopped') {
      setState(call, 'notRun', { note: l10n.t('stopped before it ran') });
      return answer(STOPPED_RESULT, true);
    }
    if (decision !== 'accept') this.freshShell.delete(call.id);
    if (decision === 'reject') {
      setState(call, 'skipped');
      return answer(SKIPPED_RESULT, true);
    }
    return this.execute(call, command, settings.commandTimeout);
  }

  private async execute(call: ToolCall, command: string, timeoutSeconds: number): Promise<ToolAnswer> {
    const session = this.options.sessions.forConversation(call.conversationId);
    setState(call, 'running');
    const started = Date.now();
    const live = new LiveOutput(call, this.options.outputIntervalMs ?? 250);
    let run: ShellRun;
    try {
      run = await session.run(command, { signal: call.signal, timeoutMs: timeoutSeconds * 1000, onOutput: (chunk) => live.add(chunk) });
    } finally {
      live.flush();
    }
    const elapsedMs = Date.now() - started;
    const exitCode = run.exitCode;
    if (run.stopped) {
      setState(call, 'stopped', { exitCode: null, elapsedMs });
      return answer(STOPPED_RESULT, true);
    }
    const ending = endingOf(run, timeoutSeconds);
    setState(call, 'done', { exitCode, elapsedMs, ...(ending.note ? { note: ending.note } : {}), timedOut: run.timedOut });
    const restarted = run.restarted ?? this.freshShell.get(call.id);
    this.freshShell.delete(call.id);
    // not localized: sent to Claude
    const fresh = restarted ? `[A fresh shell was started because ${restarted}: the working directory and variables were reset.]\n` : '';
    const shell = session.shellName === 'bash' ? '' : ` (${session.shellName})`;
    const output = cutForClaude(run.output) || '(no output)'; // not localized: sent to Claude
    return answer(`${fresh}${output}${output.endsWith('\n') ? '' : '\n'}${ending.text}${shell}`, ending.isError);
  }
}

/** How a run that was not stopped ended: the text for Claude (English), the card's note (translated), and whether it is an error. */
function endingOf(run: ShellRun, timeoutSeconds: number): { text: string; note?: string; isError: boolean } {
  if (run.timedOut) {
    return {
      // not localized: sent to Claude
      text: `The command timed out after ${timeoutSeconds} s; the command and its processes were killed. The shell was restarted: the working directory and variables were reset.`,
      note: l10n.t('timed out after {0} s; the command and its processes were killed', formatNumber(timeoutSeconds)),
      isError: true,
    };
  }
  if (run.shellDied) {
    const code = run.exitCode === null ? '' : ` with code ${run.exitCode}`; // not localized: sent to Claude
    return {
      // not localized: sent to Claude
      text: `The shell exited${code}. The next command starts in a fresh shell (working directory and variables reset).`,
      note: run.exitCode === null ? l10n.t('the shell exited') : l10n.t('the shell exited with code {0}', run.exitCode),
      isError: true,
    };
  }
  return { text: `Exit code: ${run.exitCode ?? 'none'}`, isError: run.exitCode !== 0 }; // not localized: sent to Claude
}

/** Changes the card's state (kept with the conversation) and posts it. */
function setState(call: ToolCall, state: CommandState, change: { exitCode?: number | null; elapsedMs?: number; note?: string; timedOut?: boolean } = {}): void {
  call.update(
    call.id,
    (view) => (view.kind === 'command' ? { kind: 'command', card: { ...view.card, state, ...change } } : view),
    { type: 'commandState', cardId: call.id, state, ...change },
  );
}

/**
 * The card's live output: chunks are collected and posted at most every `intervalMs`, and the
 * stored card keeps the last lines, so a command that floods output costs a few small messages a
 * second and never grows the webview or the saved conversation.
 */
class LiveOutput {
  private pending = '';
  private tail = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly call: ToolCall,
    private readonly intervalMs: number,
  ) {}

  add(chunk: string): void {
    // Only the end can show: what the card would drop anyway is never posted.
    this.pending = lastLines(this.pending + chunk);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.tail = lastLines(this.tail + text);
    const output = this.tail;
    this.call.update(
      this.call.id,
      (view) => (view.kind === 'command' ? { kind: 'command', card: { ...view.card, output } } : view),
      { type: 'commandOutput', cardId: this.call.id, text },
    );
  }
}
