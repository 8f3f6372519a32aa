/**
 * The system blocks, in a fixed order: the extension's own guidance, the user's setting, then
 * workspace instruction files in folder order and file-name order. Stable input gives
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
  'You are Claude, helping a developer inside the VS Code editor. Answer in GitHub-flavoured Markdown; ' +
  'put code in fenced blocks tagged with their language.';

/** Largest instruction file taken whole; longer ones are cut with a note (they are re-sent on every request). */
export const MAX_INSTRUCTION_CHARS = 50_000;

export function systemBlocks(setting: string, files: readonly InstructionFile[]): string[] {
  const blocks = [BASE_PROMPT];
  if (setting.trim()) blocks.push(setting.trim());
  for (const file of files) {
    const text = file.text.trim();
    if (!text) continue;
    const body = text.length > MAX_INSTRUCTION_CHARS ? `${text.slice(0, MAX_INSTRUCTION_CHARS)}\n[… cut at ${MAX_INSTRUCTION_CHARS} characters]` : text;
    blocks.push(`Instructions from ${file.path}:\n\n${body}`);
  }
  return blocks;
}
