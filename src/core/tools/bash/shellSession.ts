/**
 * What the bash tool needs of a shell (the host runs it as a child process; tests may run a real
 * one too). One persistent session per conversation: a `cd` or an exported variable holds for the
 * next command; `restart` gives a fresh one.
 */

/** How one command ended. */
export interface ShellRun {
  /** The exit code; null when the command was killed (Stop, timeout) or the shell died. */
  readonly exitCode: number | null;
  /** stdout and stderr as they interleaved; very long output keeps its start and end (see ./outputCut). */
  readonly output: string;
  readonly timedOut: boolean;
  /** Killed because the signal aborted (Stop, the view closed). */
  readonly stopped: boolean;
  /** The shell itself exited (the next command needs a restart, which happens by itself). */
  readonly shellDied: boolean;
  /** Set when this command ran in a fresh shell because the previous one ended (why), not by `restart`: its `cd` and variables are gone. */
  readonly restarted?: string;
}

export interface ShellRunOptions {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Output as it arrives (for the card's live view). */
  readonly onOutput: (chunk: string) => void;
}

export interface ShellSession {
  /** Which shell runs the commands ("bash", "Git Bash", "PowerShell"), for Claude and the system prompt. */
  readonly shellName: string;
  /** Runs one command in the session; on Stop or timeout the whole process group is killed. */
  run(command: string, options: ShellRunOptions): Promise<ShellRun>;
  /** Ends the session's shell (and everything it started) and starts a fresh one on the next run. */
  restart(): Promise<void>;
  dispose(): void;
}

/** One session per conversation. */
export interface ShellSessions {
  readonly shellName: string;
  forConversation(conversationId: string): ShellSession;
  dispose(): void;
}
