/**
 * Decides whether a path the model gave lands inside a workspace folder: normalised, symlinks
 * followed (Node's realpath; the VS Code API has none), `.git` and untrusted workspaces refused.
 * Its refusals are English on purpose: they are tool results, sent to Claude (Revert may show one too).
 */
import { lstat, realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { Resolution } from '../../core/tools/workspaceFiles';

export interface Folder {
  readonly name: string;
  readonly uri: vscode.Uri;
}

interface Placed {
  readonly folder: Folder;
  /** Relative to the folder, forward slashes; '' for the folder itself. */
  readonly rel: string;
}

const refuse = (error: string, shown: string): Resolution => ({ ok: false, error, shown });

/** `full` relative to `root` with forward slashes, or undefined when it is not inside. */
function within(root: string, full: string): string | undefined {
  const rel = nodePath.relative(root, full);
  if (rel === '') return '';
  if (nodePath.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${nodePath.sep}`)) return undefined;
  return rel.split(nodePath.sep).join('/');
}

/** The innermost folder holding `full` (folders may nest). */
function place(folders: readonly { folder: Folder; root: string }[], full: string): Placed | undefined {
  let best: (Placed & { depth: number }) | undefined;
  for (const { folder, root } of folders) {
    const rel = within(root, full);
    if (rel !== undefined && (!best || root.length > best.depth)) best = { folder, rel, depth: root.length };
  }
  return best && { folder: best.folder, rel: best.rel };
}

const inGit = (rel: string) => rel.split('/').some((part) => part.toLowerCase() === '.git');

class DanglingLink extends Error {}

/**
 * The real path of `full`, or of its nearest existing ancestor joined with the rest, so a file
 * that does not exist yet is judged by the folder it would be created in.
 */
async function realPathOf(full: string): Promise<string> {
  const tail: string[] = [];
  let current = full;
  for (;;) {
    try {
      return nodePath.join(await realpath(current), ...tail);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      // It is there but cannot be followed: a link to something missing, which a write would create wherever it points.
      if (await lstat(current).then(() => true, () => false)) throw new DanglingLink();
      const parent = nodePath.dirname(current);
      if (parent === current) throw err;
      tail.unshift(nodePath.basename(current));
      current = parent;
    }
  }
}

function describeFolders(folders: readonly Folder[]): string {
  // not localized: sent to Claude
  if (folders.length === 1) return `use a path inside ${folders[0].uri.fsPath} (relative paths start there)`;
  // not localized: sent to Claude
  return `use a path inside one of the workspace folders, as folderName/path: ${folders.map((f) => `${f.name} (${f.uri.fsPath})`).join(', ')}`;
}

/**
 * Resolves `input` (relative, `folderName/rest` in a multi-root workspace, absolute, or a file:
 * URI) to a URI inside one of `allFolders`, or says why not in words the model can act on.
 */
export async function confinePath(input: string, allFolders: readonly Folder[], trusted: boolean): Promise<Resolution> {
  // not localized: sent to Claude
  if (!trusted) return refuse('Restricted Mode: this workspace is not trusted, so Claude may not read or change its files. The user can trust it with "Manage Workspace Trust".', vscode.l10n.t('Restricted Mode: Claude may not read or change files until you trust this workspace')); // not localized: the first text is sent to Claude
  const folders = allFolders.filter((f) => f.uri.scheme === 'file');
  // not localized: sent to Claude
  if (!folders.length) {
    return allFolders.length
      ? refuse('Refused: only folders on this computer (file:) are supported for now.', vscode.l10n.t('only folders on this computer are supported')) // not localized: the first text is sent to Claude
      : refuse('No folder is open in VS Code, so there are no files to work with.', vscode.l10n.t('no folder is open')); // not localized: the first text is sent to Claude
  }
  const raw = input.trim();
  // not localized: sent to Claude
  if (!raw || raw.includes('\0')) return refuse('Refused: the path is empty or invalid; give a path relative to the workspace folder.', vscode.l10n.t('the path is empty or invalid')); // not localized: the first text is sent to Claude
  // not localized: sent to Claude
  const outside = `Refused: ${raw} is outside the workspace folder${folders.length > 1 ? 's' : ''}; ${describeFolders(folders)}.`;

  let full: string;
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw) || /^untitled:/i.test(raw)) {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(raw, true);
    } catch {
      // not localized: sent to Claude
      return refuse(`Refused: ${raw} is not a valid URI; give a path relative to the workspace folder.`, vscode.l10n.t('not a valid URI'));
    }
    // not localized: sent to Claude
    if (uri.scheme !== 'file') return refuse(`Refused: ${raw} is not a file on disk (${uri.scheme}:); give a path inside the workspace folder.`, vscode.l10n.t('not a file on disk ({0})', `${uri.scheme}:`));
    full = nodePath.resolve(uri.fsPath);
  } else if (nodePath.isAbsolute(raw)) {
    full = nodePath.resolve(raw);
  } else {
    const [first, ...rest] = raw.split(nodePath.sep === '\\' ? /[\\/]/ : '/');
    const named = folders.length > 1 ? folders.find((f) => f.name === first) : undefined;
    full = named ? nodePath.resolve(named.uri.fsPath, ...rest) : nodePath.resolve(folders[0].uri.fsPath, raw);
  }

  const placed = place(folders.map((folder) => ({ folder, root: nodePath.resolve(folder.uri.fsPath) })), full);
  if (!placed) return refuse(outside, vscode.l10n.t('outside the workspace'));
  // not localized: sent to Claude
  const gitRefusal = `Refused: ${raw} is inside a .git folder; git's own files are off limits.`;
  const gitShown = () => vscode.l10n.t("inside a .git folder (git's own files are off limits)");
  if (inGit(placed.rel)) return refuse(gitRefusal, gitShown());

  let real: string;
  try {
    real = await realPathOf(full);
  } catch (err) {
    // not localized: sent to Claude
    if (err instanceof DanglingLink) return refuse(`Refused: ${raw} goes through a symbolic link whose target does not exist.`, vscode.l10n.t('a symbolic link whose target does not exist'));
    // not localized: sent to Claude
    return refuse(`Refused: ${raw} cannot be resolved (${(err as Error).message}).`, vscode.l10n.t('cannot be resolved ({0})', (err as Error).message));
  }
  const realFolders = await Promise.all(folders.map(async (folder) => ({ folder, root: await realpath(folder.uri.fsPath).catch(() => nodePath.resolve(folder.uri.fsPath)) })));
  const realPlaced = place(realFolders, real);
  // not localized: sent to Claude
  if (!realPlaced) return refuse(`Refused: ${raw} is a symbolic link (or inside one) that points outside the workspace folder${folders.length > 1 ? 's' : ''}; ${describeFolders(folders)}.`, vscode.l10n.t('a symbolic link that points outside the workspace'));
  if (inGit(realPlaced.rel)) return refuse(gitRefusal, gitShown());

  const shown = (p: Placed) => (folders.length > 1 ? (p.rel ? `${p.folder.name}/${p.rel}` : p.folder.name) : p.rel || '.');
  const display = shown(placed);
  // A link's target (or the file system's own spelling of the name) decides whether an edit is protected.
  const leadsTo = shown(realPlaced);
  return { ok: true, path: { key: vscode.Uri.file(full).toString(), display, ...(leadsTo === display ? {} : { real: leadsTo }) } };
}
