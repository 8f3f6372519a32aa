/**
 * The Searcher the chat uses: ripgrep when one is found (probed once, VS Code's copy first), the
 * built-in search otherwise, over the workspace folders with their files.exclude and
 * search.exclude settings read at each search (they may change while the window is open).
 */
import * as vscode from 'vscode';
import type { FoundFile, GlobQuery, GrepFound, GrepQuery, Searched, Searcher } from '../../core/tools/search/searcher';
import { FallbackSearcher } from './fallbackSearcher';
import { RIPGREP_DID_NOT_START, RipgrepSearcher } from './ripgrepSearcher';
import { findRipgrep, type RipgrepFound } from './ripgrepPath';
import type { SearchFolder } from './searchScope';

/** The globs a folder's `files.exclude` and `search.exclude` switch on (`when` conditions are not expressible to ripgrep and are left out). */
function enabledGlobs(section: 'files' | 'search', folder: vscode.Uri): string[] {
  const map = vscode.workspace.getConfiguration(section, folder).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(map)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** The workspace's folders on disk, with their exclude settings. */
export function workspaceSearchFolders(): SearchFolder[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => ({ name: f.name, root: f.uri.fsPath, excludes: [...new Set([...enabledGlobs('files', f.uri), ...enabledGlobs('search', f.uri)])] }));
}

export type SearchEngine = { readonly kind: 'ripgrep'; readonly ripgrep: RipgrepFound } | { readonly kind: 'builtin' };

export class WorkspaceSearcher implements Searcher {
  private engine: Promise<{ readonly engine: SearchEngine; readonly searcher: Searcher }> | undefined;

  /** `pathEnv`: where to look for `rg` after VS Code's own copy (the extension host's PATH by default). */
  constructor(
    private readonly appRoot: string = vscode.env.appRoot,
    private readonly pathEnv?: string,
  ) {}

  /** Which search runs (probed on first use). */
  async which(): Promise<SearchEngine> {
    return (await this.current()).engine;
  }

  async glob(query: GlobQuery): Promise<Searched<readonly FoundFile[]>> {
    const found = await (await this.current()).searcher.glob(query);
    return this.brokenRipgrep(found) ? (await this.current()).searcher.glob(query) : found;
  }

  async grep(query: GrepQuery): Promise<Searched<GrepFound>> {
    const found = await (await this.current()).searcher.grep(query);
    return this.brokenRipgrep(found) ? (await this.current()).searcher.grep(query) : found;
  }

  /** A ripgrep that was found but does not start: the built-in search takes over from now on, so the tools keep working. */
  private brokenRipgrep(found: Searched<unknown>): boolean {
    if (found.ok || !found.error.startsWith(RIPGREP_DID_NOT_START)) return false;
    this.engine = Promise.resolve({ engine: { kind: 'builtin' }, searcher: new FallbackSearcher(workspaceSearchFolders) });
    return true;
  }

  private current() {
    this.engine ??= findRipgrep({ appRoot: this.appRoot, pathEnv: this.pathEnv }).then((ripgrep) =>
      ripgrep
        ? { engine: { kind: 'ripgrep', ripgrep } as const, searcher: new RipgrepSearcher({ rgPath: ripgrep.path, folders: workspaceSearchFolders }) }
        : { engine: { kind: 'builtin' } as const, searcher: new FallbackSearcher(workspaceSearchFolders) },
    );
    return this.engine;
  }
}
