/**
 * A Searcher over MemoryFiles for the engine tests, matching with the same glob and regex rules as
 * the built-in fallback searcher. Records each query so a test can tell that a refused call never
 * searched.
 */
import { compileGlob } from '../../src/core/tools/search/globPattern';
import { toJsRegex } from '../../src/core/tools/search/regexCheck';
import type { FoundFile, GlobQuery, GrepFound, GrepMatch, GrepQuery, Searched, Searcher } from '../../src/core/tools/search/searcher';
import type { ResolvedPath } from '../../src/core/tools/workspaceFiles';
import type { MemoryFiles } from './memoryFiles';

export class MemorySearcher implements Searcher {
  readonly queries: Array<GlobQuery | GrepQuery> = [];
  /** Modification times by path (0 when not set). */
  readonly mtimes = new Map<string, number>();

  constructor(private readonly files: MemoryFiles) {}

  async glob(query: GlobQuery): Promise<Searched<readonly FoundFile[]>> {
    this.queries.push(query);
    const paths = await this.paths(query.within, query.pattern);
    if (!Array.isArray(paths)) return paths;
    return { ok: true, value: paths.map((path) => ({ path, mtimeMs: this.mtimes.get(path) ?? 0 })) };
  }

  async grep(query: GrepQuery): Promise<Searched<GrepFound>> {
    this.queries.push(query);
    const regex = toJsRegex(query.pattern, query.ignoreCase);
    if ('error' in regex) return { ok: false, error: regex.error };
    const paths = await this.paths(query.within, query.glob);
    if (!Array.isArray(paths)) return paths;
    const matches: GrepMatch[] = [];
    let total = 0;
    let files = 0;
    for (const path of paths) {
      const lines = (this.files.text(path) ?? '').split('\n');
      const hits = lines.flatMap((text, i) => {
        const hit = regex.exec(text);
        return hit ? [{ path, line: i + 1, column: hit.index + 1, text }] : [];
      });
      total += hits.length;
      if (hits.length) files++;
      matches.push(...hits.slice(0, Math.max(0, query.maxMatches - matches.length)));
    }
    return { ok: true, value: { matches, total, files } };
  }

  private async paths(within: ResolvedPath | undefined, glob: string | undefined): Promise<string[] | { ok: false; error: string }> {
    const base = within?.display ?? '.';
    const prefix = base === '.' ? '' : `${base}/`;
    const compiled = glob === undefined ? undefined : compileGlob(glob);
    if (compiled && !compiled.ok) return { ok: false, error: compiled.error };
    const stat = await this.files.stat(this.files.path(base));
    if (stat?.kind === 'file') return [base];
    const entries = await this.files.list(this.files.path(base), 100);
    return entries
      .filter((e) => !e.endsWith('/'))
      .filter((e) => !compiled || compiled.regex.test(e))
      .map((e) => prefix + e)
      .sort();
  }
}
