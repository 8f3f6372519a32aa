/**
 * Files whose change alters what runs or where requests go (architecture rule 12, deny by
 * default): an edit to one always waits for the person, even with autoApprove "all". Reads are
 * not affected. Matched at any depth, because a subfolder may be opened as a workspace folder of
 * its own and agents read nested instruction files, and case-insensitively on every OS, because
 * on Windows and macOS `.VSCode/Tasks.json` is the same file as `.vscode/tasks.json`.
 */
import * as l10n from '@vscode/l10n';
import { INSTRUCTION_FILES } from '../settings/systemPrompt';
import type { ResolvedPath } from './workspaceFiles';

/** What a protected edit's card says. */
export const protectedEditNote = () => l10n.t('Always reviewed: this file changes what runs or where requests go.');

/**
 * Every file inside these folders: `.vscode/` holds settings (the endpoint, interpreters, the
 * terminal), tasks that run on folder open, launch configurations, MCP servers and the extension
 * recommendations VS Code offers to install; `.devcontainer/` the commands run when the folder
 * reopens in a container; `.claude/` Claude Code's settings (hooks run commands, env redirects requests).
 */
const FOLDERS = new Set(['.vscode', '.devcontainer', '.claude']);

/**
 * These names anywhere: the instruction files that go into Claude's system prompt, a single-file
 * dev container and Claude Code's MCP servers.
 */
const FILES = new Set([...INSTRUCTION_FILES, '.devcontainer.json', '.mcp.json'].map((name) => name.toLowerCase()));

/** Workspace files carry settings, tasks and launch configurations of their own. */
const EXTENSIONS = ['.code-workspace'];

/**
 * One path segment as the file system compares it: Windows drops trailing dots and spaces and
 * reads `name:stream` as `name`, and folding through upper case catches letters like `ı` and `ſ`
 * that a case-insensitive file system takes for `I` and `S`.
 */
function fold(segment: string): string {
  return segment
    .replace(/:.*$/, '')
    .replace(/[. ]+$/, '')
    .toUpperCase()
    .toLowerCase();
}

/** True when an edit of `path` (`/` or `\` separated, relative or absolute) must be reviewed. */
export function isProtectedPath(path: string): boolean {
  const parts = path
    .split(/[\\/]+/)
    .map(fold)
    .filter((part) => part !== '');
  const name = parts.at(-1);
  if (name === undefined) return false;
  return parts.slice(0, -1).some((folder) => FOLDERS.has(folder)) || FILES.has(name) || EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** The card's note when an edit of `path` must be reviewed (by the name used or the file it really is), else undefined. */
export function protectedNote(path: ResolvedPath): string | undefined {
  return [path.display, path.real].some((p) => p !== undefined && isProtectedPath(p)) ? protectedEditNote() : undefined;
}
