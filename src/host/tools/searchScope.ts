/**
 * Where a search runs, shared by the ripgrep and the built-in searchers: the workspace folders
 * with their exclude globs, the folder a confined path lies in, and how found paths are shown
 * (relative, `folder/path` in a multi-root workspace, like the editor tool's `display`).
 * Its errors are English on purpose: they are search tool results, sent to Claude.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Searched } from '../../core/tools/search/searcher';
import type { ResolvedPath } from '../../core/tools/workspaceFiles';

export interface SearchFolder {
  readonly name: string;
  /** Absolute path on disk. */
  readonly root: string;
  /** files.exclude and search.exclude globs that are on, as written in the settings (relative to the folder). */
  readonly excludes: readonly string[];
}

/** Always skipped, whatever the settings say: dependencies and git's own files. */
export const ALWAYS_EXCLUDED = ['**/node_modules', '**/.git'];

export interface Placed {
  readonly folder: SearchFolder;
  /** Relative to the folder, forward slashes; '' for the folder itself. */
  readonly rel: string;
}

const toSlashes = (path: string) => (sep === '\\' ? path.split(sep).join('/') : path);

/** The folders to search: all of them, or the innermost one holding `within` (already confined by WorkspaceFiles.resolve). */
export function placeSearch(folders: readonly SearchFolder[], within: ResolvedPath | undefined): Searched<readonly Placed[]> {
  // not localized: sent to Claude
  if (!folders.length) return { ok: false, error: 'No folder is open in VS Code, so there is nothing to search.' };
  if (!within) return { ok: true, value: folders.map((folder) => ({ folder, rel: '' })) };
  let full: string;
  try {
    full = fileURLToPath(within.key);
  } catch {
    // not localized: sent to Claude
    return { ok: false, error: `Refused: ${within.display} is not a folder on disk.` };
  }
  let best: Placed | undefined;
  for (const folder of folders) {
    const rel = relative(folder.root, full);
    if (rel.startsWith('..') || /^[a-zA-Z]:|^[\\/]/.test(rel)) continue;
    if (!best || folder.root.length > best.folder.root.length) best = { folder, rel: toSlashes(rel) };
  }
  // not localized: sent to Claude
  return best ? { ok: true, value: [best] } : { ok: false, error: `Refused: ${within.display} is outside the workspace folders.` };
}

/** A path found under `folder` as Claude sees it. */
export function shownPath(folders: readonly SearchFolder[], folder: SearchFolder, rel: string): string {
  const clean = toSlashes(rel).replace(/^\.\//, '');
  return folders.length > 1 ? `${folder.name}/${clean}` : clean;
}

/** Escapes a literal path for use inside a glob. */
export function globLiteral(path: string): string {
  return path.replace(/[[\]{}*?\\]/g, (c) => `[${c}]`);
}

/**
 * A glob Claude gave for files under `rel`, as a glob relative to the folder. One without `/` (or
 * only `**` before its last `/`) matches names at any depth and comes back as a bare name glob,
 * which ripgrep can apply as a file type; one with `/` is read from `rel`, and a leading `/`
 * anchors it there too.
 */
export function globUnder(pattern: string, rel: string): string {
  const trimmed = pattern.replace(/^\.\//, '');
  const rooted = trimmed.startsWith('/');
  let body = trimmed.replace(/^\/+/, '');
  if (!rooted && /^(\*\*\/)+[^/]*$/.test(body)) body = body.replace(/^(\*\*\/)+/, '');
  if (!rooted && !body.slice(0, -1).includes('/')) return body;
  return rel ? `${globLiteral(rel)}/${body}` : `/${body}`;
}

/** An exclude glob from the settings, anchored at the folder as VS Code's own search anchors it. */
export function anchoredExclude(glob: string): string {
  return glob.startsWith('**') || glob.startsWith('/') ? glob : `/${glob}`;
}

/** The environment for a child process: the extension host's, minus credentials and ripgrep's config file. */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'RIPGREP_CONFIG_PATH']) delete clean[name];
  return clean;
}
