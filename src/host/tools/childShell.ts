/**
 * A persistent shell as a child process: one per conversation, commands written to its stdin one
 * at a time, each followed by a unique end marker that carries the exit code. The shell leads its
 * own process group (`detached`), so Stop and a timeout kill everything a command started,
 * background jobs included. No 'vscode' here: the unit tests run it on a real shell.
 * Its notes are English on purpose: they are part of a command's result, sent to Claude.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { OutputKeeper } from '../../core/tools/bash/outputCut';
import type { ShellRun, ShellRunOptions, ShellSession } from '../../core/tools/bash/shellSession';
import { frameCommand, type ShellLaunch } from './shellLocator';

export interface ChildShellOptions {
  readonly launch: ShellLaunch;
  /** The working directory a fresh shell starts in (the first workspace folder). */
  readonly cwd: () => string;
  /** The environment of a fresh shell, credentials already removed (see core/tools/bash/shellEnvironment). */
  readonly env: () => Promise<Record<string, string>>;
}

/** How long a shell that exited may take to hand over the rest of its output. */
const CLOSE_GRACE_MS = 2000;

interface Command {
  readonly child: ChildProcess;
  /** The start of the end marker's line: newline, marker, space, then the exit code. */
  readonly needle: string;
  readonly keeper: OutputKeeper;
  readonly onOutput: (chunk: string) => void;
  pending: string;
  finish(end: Partial<ShellRun>): void;
}

/** Kills the shell's whole process group; on Windows, its process tree. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true }).on('error', () => child.kill());
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is already gone
  }
}

export class ChildShellSession implements ShellSession {
  readonly shellName: string;
  private child: ChildProcess | undefined;
  private command: Command | undefined;
  /** Why the last shell ended by itself or was killed (not by `restart`): the next command is told. */
  private lost: string | undefined;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ChildShellOptions) {
    this.shellName = options.launch.name;
  }

  run(command: string, options: ShellRunOptions): Promise<ShellRun> {
    const run = this.queue.then(() => this.runNow(command, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async restart(): Promise<void> {
    this.end();
    this.lost = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.end();
  }

  private async runNow(text: string, options: ShellRunOptions): Promise<ShellRun> {
    const base = { exitCode: null, output: '', timedOut: false, stopped: false, shellDied: false };
    if (options.signal.aborted) {
      // Stop as the command was about to start: the shell's jobs go all the same, as they would a moment later.
      if (this.child) this.kill(this.child, 'stopped');
      return { ...base, stopped: true };
    }
    // not localized: sent to Claude
    if (this.disposed) return { ...base, shellDied: true, output: 'The shell was closed.' };
    const restarted = this.child ? undefined : this.lost;
    this.lost = undefined;
    let child: ChildProcess;
    try {
      child = this.child ?? (await this.start());
    } catch (err) {
      // not localized: sent to Claude
      return { ...base, shellDied: true, output: `Could not start ${this.shellName}: ${(err as Error).message}` };
    }
    const keeper = new OutputKeeper();
    return new Promise<ShellRun>((resolve) => {
      const timer = setTimeout(() => this.kill(child, 'timedOut', options.timeoutMs), options.timeoutMs);
      const onAbort = () => this.kill(child, 'stopped');
      const marker = `__CLAUDE_CHAT_${randomUUID().replace(/-/g, '')}__`;
      const command: Command = {
        child,
        needle: `\n${marker} `,
        keeper,
        onOutput: options.onOutput,
        pending: '',
        finish: (end) => {
          clearTimeout(timer);
          options.signal.removeEventListener('abort', onAbort);
          if (this.command === command) this.command = undefined;
          resolve({ ...base, ...end, output: keeper.text(), ...(restarted ? { restarted } : {}) });
        },
      };
      this.command = command;
      options.signal.addEventListener('abort', onAbort);
      if (options.signal.aborted) return onAbort(); // Stop while the shell was starting
      child.stdin?.write(frameCommand(this.options.launch.dialect, text, marker));
    });
  }

  private async start(): Promise<ChildProcess> {
    const { launch } = this.options;
    const env = await this.options.env();
    const child = spawn(launch.path, [...launch.args], {
      cwd: this.options.cwd(),
      // An empty prompt keeps prompts out of the output; TERM=dumb asks programs for plain text.
      env: { ...env, PS1: '', PS2: '', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group (and no controlling terminal, so nothing can prompt for a password).
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    this.child = child;
    child.stdin?.on('error', () => undefined); // writing to a shell that just died: its exit says so
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.received(child, chunk));
    }
    child.once('exit', (code) => this.exited(child, code));
    return child;
  }

  /** Output of the current command; text that arrives between commands (a background job's) is dropped. */
  private received(child: ChildProcess, chunk: string): void {
    const command = this.command;
    if (command?.child !== child) return;
    command.pending += chunk;
    const at = command.pending.indexOf(command.needle);
    if (at >= 0) {
      const lineEnd = command.pending.indexOf('\n', at + command.needle.length);
      if (lineEnd < 0) return emit(command, at); // the exit code is still on its way
      const exitCode = Number.parseInt(command.pending.slice(at + command.needle.length, lineEnd), 10);
      emit(command, at, true);
      command.finish({ exitCode: Number.isNaN(exitCode) ? null : exitCode });
      return;
    }
    // Hold back what could be the start of the marker line, emit the rest.
    const newline = command.pending.lastIndexOf('\n');
    emit(command, newline >= 0 && command.needle.startsWith(command.pending.slice(newline)) ? newline : command.pending.length);
  }

  /** The shell exited by itself (`exit 3`): its leftover jobs go too, and the running command ends once the output is in. */
  private exited(child: ChildProcess, code: number | null): void {
    killGroup(child);
    if (child !== this.child) return;
    this.child = undefined;
    // not localized: sent to Claude
    this.lost = `the previous shell exited${code === null ? '' : ` with code ${code}`}`;
    const command = this.command;
    if (!command) return;
    const done = () => {
      clearTimeout(grace);
      emit(command, command.pending.length, true);
      command.finish({ exitCode: code, shellDied: true });
    };
    const grace = setTimeout(done, CLOSE_GRACE_MS); // a job that escaped the group may hold the pipes open
    child.once('close', done);
  }

  /** Stop or timeout: the whole group is killed, and the next command starts a fresh shell. */
  private kill(child: ChildProcess, why: 'stopped' | 'timedOut', timeoutMs = 0): void {
    const command = this.command;
    if (child !== this.child) return;
    this.child = undefined;
    this.command = undefined;
    // not localized: sent to Claude
    const reason = why === 'timedOut' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : 'stopped by the user';
    this.lost = `the previous shell was killed (${reason})`; // not localized: sent to Claude
    killGroup(child);
    if (!command) return;
    emit(command, command.pending.length, true);
    command.finish(why === 'timedOut' ? { timedOut: true } : { stopped: true });
  }

  private end(): void {
    const child = this.child;
    this.child = undefined;
    const command = this.command;
    this.command = undefined;
    if (child) killGroup(child);
    command?.finish({ shellDied: true });
  }
}

/** Passes the first `upTo` characters of the pending text on; `all` drops the rest (the marker line). */
function emit(command: Command, upTo: number, all = false): void {
  const text = command.pending.slice(0, upTo);
  command.pending = all ? '' : command.pending.slice(upTo);
  if (!text) return;
  command.keeper.add(text);
  command.onOutput(text);
}
