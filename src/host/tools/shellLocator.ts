/**
 * Which shell runs Claude's commands, and how its commands are framed. Bash wherever there is
 * one (on Windows: Git Bash, else WSL's bash); PowerShell on a Windows without bash. No 'vscode'
 * here, so the unit tests run the same code on a real shell.
 */
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';

export interface ShellLaunch {
  /** What Claude and the system prompt are told ("bash", "Git Bash", "WSL bash", "PowerShell"). */
  readonly name: string;
  readonly path: string;
  readonly args: readonly string[];
  readonly dialect: 'bash' | 'powershell';
}

type Env = Readonly<Record<string, string | undefined>>;

// No profile or rc files: aliases and prompts there would change what commands do and print.
const BASH_ARGS = ['--noprofile', '--norc'];

function onPath(names: readonly string[], env: Env, exists: (p: string) => boolean, { delimiter, join } = posix): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) for (const name of names) if (exists(join(dir, name))) return join(dir, name);
  return undefined;
}

function windowsShell(env: Env, exists: (p: string) => boolean): ShellLaunch {
  const { dirname, join } = win32;
  const git = onPath(['git.exe'], env, exists, win32);
  const gitBash = [
    git && join(dirname(dirname(git)), 'bin', 'bash.exe'),
    env.ProgramFiles && join(env.ProgramFiles, 'Git', 'bin', 'bash.exe'),
    env['ProgramFiles(x86)'] && join(env['ProgramFiles(x86)'], 'Git', 'bin', 'bash.exe'),
    env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'Programs', 'Git', 'bin', 'bash.exe'),
  ].find((p): p is string => !!p && exists(p));
  if (gitBash) return { name: 'Git Bash', path: gitBash, args: BASH_ARGS, dialect: 'bash' }; // not localized: the shell's name
  const system = join(env.SystemRoot ?? 'C:\\Windows', 'System32');
  const wsl = join(system, 'wsl.exe');
  if (exists(wsl)) return { name: 'WSL bash', path: wsl, args: ['-e', 'bash', ...BASH_ARGS], dialect: 'bash' }; // not localized: the shell's name
  const pwsh = onPath(['pwsh.exe'], env, exists, win32) ?? join(system, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  return { name: 'PowerShell', path: pwsh, args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'], dialect: 'powershell' };
}

/** The shell for this machine: `/bin/bash`, else `bash` on PATH, else `/bin/sh`; on Windows see windowsShell. */
export function locateShell(platform: NodeJS.Platform = process.platform, env: Env = process.env, exists: (p: string) => boolean = existsSync): ShellLaunch {
  if (platform === 'win32') return windowsShell(env, exists);
  const bash = exists('/bin/bash') ? '/bin/bash' : onPath(['bash'], env, exists);
  if (bash) return { name: 'bash', path: bash, args: BASH_ARGS, dialect: 'bash' };
  return { name: 'sh', path: '/bin/sh', args: [], dialect: 'bash' };
}

/**
 * One command as the shell reads it, followed by a line `<marker> <exit code>`. The command runs in
 * the shell itself (so `cd` and `export` hold) with stdin from /dev/null (a command that reads
 * input gets end-of-file at once, never the next command) and stderr into stdout (in the order
 * they were written). `eval` of a quoted string keeps a command with an unclosed quote from
 * swallowing the marker line: it fails as a syntax error instead.
 */
export function frameCommand(dialect: ShellLaunch['dialect'], command: string, marker: string): string {
  // The marker is written in two pieces so the literal never appears in what the shell was sent.
  const [a, b] = [marker.slice(0, 8), marker.slice(8)];
  if (dialect === 'bash') {
    const quoted = `'${command.replace(/'/g, `'\\''`)}'`;
    return `{ eval ${quoted}\n} </dev/null 2>&1; printf '\\n%s%s %s\\n' '${a}' '${b}' "$?"\n`; // not localized: shell code
  }
  // PowerShell reads one line per statement from stdin: the command travels base64-encoded.
  const encoded = Buffer.from(command, 'utf8').toString('base64');
  return (
    `$global:LASTEXITCODE = 0; $ok = $true; ` + // not localized: PowerShell code
    `try { Invoke-Expression ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}'))) 2>&1 | Out-String -Stream; $ok = $? } catch { $_ | Out-String -Stream; $ok = $false }; ` +
    `"\`n${a}" + "${b} " + $(if ($LASTEXITCODE) { $LASTEXITCODE } elseif ($ok) { 0 } else { 1 })\n` // not localized: PowerShell code
  );
}
