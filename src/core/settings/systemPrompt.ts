/**
 * The system blocks, in a fixed order: the extension's own guidance, where the tools work (when
 * tools are on), the user's setting, then workspace instruction files in folder order and
 * file-name order. Stable input gives
 * byte-identical output, so the system block stays cached; volatile context (the active file,
 * selections) goes in the user turn instead.
 */

export const INSTRUCTION_FILES = ['CLAUDE.md', 'AGENTS.md'] as const;

export interface InstructionFile {
  /** Workspace-relative path, e.g. `CLAUDE.md` or `api/AGENTS.md` in a multi-root workspace. */
  readonly path: string;
  readonly text: string;
}

export const BASE_PROMPT =
  'You are Claude, helping a developer inside the VS Code editor. Answer in GitHub-flavoured Markdown; ' + // not localized: sent to Claude
  'put code in fenced blocks tagged with their language.'; // not localized: sent to Claude

/** Largest instruction file taken whole; longer ones are cut with a note (they are re-sent on every request). */
export const MAX_INSTRUCTION_CHARS = 50_000;

/** Where Claude's tools work; only values that hold for a whole conversation (no clock), so the block stays cached. */
export interface WorkEnvironment {
  /** `process.platform` of the machine the tools run on (the extension host's). */
  readonly platform: string;
  /** The shell that runs commands ("bash", "Git Bash", "PowerShell"), when the bash tool is offered. */
  readonly shell?: string;
  /** The workspace folders in order; commands start in the first. */
  readonly folders: readonly { readonly name: string; readonly path: string }[];
}

const OS_NAMES: Readonly<Record<string, string>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/** The environment block: the OS, the workspace folders, and (with the bash tool) the shell and that every command waits for the person. */
export function environmentBlock(env: WorkEnvironment): string {
  const lines = [`The tools work on ${OS_NAMES[env.platform] ?? env.platform}.`]; // not localized: sent to Claude
  if (env.folders.length) {
    lines.push(env.folders.length === 1 ? 'The workspace folder:' : 'The workspace folders:'); // not localized: sent to Claude
    lines.push(...env.folders.map((f, i) => `- ${f.name}: ${f.path}${i === 0 && env.shell ? ' (commands start here)' : ''}`)); // not localized: sent to Claude
  }
  if (env.shell) {
    lines.push(
      `Commands you run with the bash tool run in ${env.shell}: write them for that shell. ` + // not localized: sent to Claude
        'Each command waits for the person, who sees it and chooses Run or Skip, unless it starts with a prefix they allowed themselves; ' + // not localized: sent to Claude
        'nothing you write can approve a command. A skipped command did not run: go on without it or ask.', // not localized: sent to Claude
    );
  }
  return lines.join('\n');
}

/** `environment`: where the tools work, when tools are on (left out otherwise). */
export function systemBlocks(setting: string, files: readonly InstructionFile[], environment?: WorkEnvironment): string[] {
  const blocks = [BASE_PROMPT];
  if (environment) blocks.push(environmentBlock(environment));
  if (setting.trim()) blocks.push(setting.trim());
  for (const file of files) {
    const text = file.text.trim();
    if (!text) continue;
    const body = text.length > MAX_INSTRUCTION_CHARS ? `${text.slice(0, MAX_INSTRUCTION_CHARS)}\n[… cut at ${MAX_INSTRUCTION_CHARS} characters]` : text; // not localized: sent to Claude
    blocks.push(`Instructions from ${file.path}:\n\n${body}`); // not localized: sent to Claude
  }
  return blocks;
}
