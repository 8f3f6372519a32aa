/**
 * The Searcher over ripgrep: one `rg` per workspace folder, spawned with arguments (no shell), in
 * the folder, with the environment minus credentials, a timeout, and the call's abort signal
 * (Stop kills it). ripgrep itself honours .gitignore (also outside a git repository), the
 * exclude settings arrive as `-g !glob`, node_modules and .git are always left out. Claude's own
 * glob is never a `-g` (a `-g` that selects a file overrides .gitignore): a name-only glob becomes
 * a file type, which ripgrep applies after its ignore rules, and every found path is matched
 * against the glob here as well. No vscode import: the Node tests run it against real folders.
 * Its errors are English on purpose: they are search tool results, sent to Claude.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { compileGlob } from '../../core/tools/search/globPattern';
import type { FoundFile, GlobQuery, GrepFound, GrepMatch, GrepQuery, Searched, Searcher } from '../../core/tools/search/searcher';
import { ALWAYS_EXCLUDED, anchoredExclude, childEnvironment, globUnder, placeSearch, shownPath, type Placed, type SearchFolder } from './searchScope';

export interface RipgrepSearcherOptions {
  readonly rgPath: string;
  readonly folders: () => readonly SearchFolder[];
  /** A search that takes longer is killed and reported. */
  readonly timeoutMs?: number;
}

/** Longest line ripgrep hands over whole; the tool cuts lines much shorter, this only bounds the pipe. */
const MAX_COLUMNS = 2000;
const STAT_BATCH = 64;
const SELECTED_TYPE = 'claudeselected';
/** How a failure to start rg at all begins (the caller may switch to the built-in search). */
// not localized: sent to Claude
export const RIPGREP_DID_NOT_START = 'ripgrep could not run';

/** ripgrep arguments that narrow the walk to files a name-only glob can match (none for a glob with a `/`), and the full test on a folder-relative path. */
function selection(pattern: string | undefined, rel: string): { readonly args: string[]; readonly test: (path: string) => boolean } {
  if (pattern === undefined) return { args: [], test: () => true };
  const glob = globUnder(pattern, rel);
  const compiled = compileGlob(glob);
  const test = compiled.ok ? (path: string) => compiled.regex.test(path) : () => false;
  return { args: glob.includes('/') ? [] : ['--type-add', `${SELECTED_TYPE}:${glob}`, '--type', SELECTED_TYPE], test };
}

/** A finished run (its output already handed over line by line), or why it failed. */
type Run = { readonly error?: undefined } | { readonly error: string };

export class RipgrepSearcher implements Searcher {
  private readonly timeoutMs: number;

  constructor(private readonly options: RipgrepSearcherOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async glob(query: GlobQuery): Promise<Searched<readonly FoundFile[]>> {
    const folders = this.options.folders();
    const placed = placeSearch(folders, query.within);
    if (!placed.ok) return placed;
    const found: FoundFile[] = [];
    for (const place of placed.value) {
      const rels: string[] = [];
      const selected = selection(query.pattern, place.rel);
      const run = await this.rg(place, ['--files', ...selected.args], query.signal, (line) => void (line && selected.test(line) && rels.push(line)));
      if (run.error !== undefined) return { ok: false, error: run.error };
      for (let i = 0; i < rels.length; i += STAT_BATCH) {
        const batch = rels.slice(i, i + STAT_BATCH);
        const times = await Promise.all(batch.map((rel) => stat(join(place.folder.root, rel)).then((s) => s.mtimeMs, () => 0)));
        batch.forEach((rel, k) => found.push({ path: shownPath(folders, place.folder, rel), mtimeMs: times[k] }));
      }
    }
    return { ok: true, value: found };
  }

  async grep(query: GrepQuery): Promise<Searched<GrepFound>> {
    const folders = this.options.folders();
    const placed = placeSearch(folders, query.within);
    if (!placed.ok) return placed;
    const matches: GrepMatch[] = [];
    let total = 0;
    let files = 0;
    for (const place of placed.value) {
      const args = ['--line-number', '--column', '--no-heading', '--with-filename', '--null', '--color', 'never', '--max-columns', String(MAX_COLUMNS), '--max-columns-preview'];
      if (query.ignoreCase) args.push('--ignore-case');
      const selected = selection(query.glob, place.rel);
      args.push(...selected.args, '-e', query.pattern);
      let lastFile = '';
      const run = await this.rg(place, args, query.signal, (line) => {
        const nul = line.indexOf('\0');
        const parsed = nul < 0 ? undefined : /^(\d+):(\d+):/.exec(line.slice(nul + 1, nul + 24));
        if (!parsed) return; // "binary file matches" notices and the like
        const rel = line.slice(0, nul);
        if (!selected.test(rel)) return;
        total++;
        if (rel !== lastFile) {
          files++;
          lastFile = rel;
        }
        if (matches.length >= query.maxMatches) return;
        const text = line.slice(nul + 1 + parsed[0].length).replace(/\r$/, '');
        matches.push({ path: shownPath(folders, place.folder, rel), line: Number(parsed[1]), column: Number(parsed[2]), text });
      });
      if (run.error !== undefined) return { ok: false, error: run.error };
    }
    return { ok: true, value: { matches, total, files } };
  }

  /** Runs rg in the folder over `place.rel` (or all of it), calling `onLine` for each line of its output. */
  private rg(place: Placed, specific: readonly string[], signal: AbortSignal, onLine: (line: string) => void): Promise<Run> {
    const excludes = [...ALWAYS_EXCLUDED, ...place.folder.excludes.map(anchoredExclude)].flatMap((glob) => ['-g', `!${glob}`]);
    const args = ['--no-config', '--no-require-git', '--hidden', '--no-messages', ...specific, ...excludes, '--', ...(place.rel ? [place.rel] : [])];
    return new Promise<Run>((resolve) => {
      if (signal.aborted) return resolve({ error: 'Stopped.' }); // not localized: sent to Claude
      const child = spawn(this.options.rgPath, args, { cwd: place.folder.root, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const decoder = new StringDecoder('utf8');
      let pending = '';
      let stderr = '';
      let ended: string | undefined;
      const end = (why: string) => {
        ended ??= why;
        child.kill('SIGKILL');
      };
      const limit = this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`;
      // not localized: sent to Claude
      const timer = setTimeout(() => end(`The search took longer than ${limit} and was stopped; narrow it with path or a glob.`), this.timeoutMs);
      const onAbort = () => end('Stopped.'); // not localized: sent to Claude
      signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (pending + decoder.write(chunk)).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
      child.stderr.on('data', (chunk: Buffer) => void (stderr.length < 4000 && (stderr += chunk.toString('utf8'))));
      const finish = (run: Run) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(run);
      };
      child.on('error', (err) => finish({ error: `${RIPGREP_DID_NOT_START} (${this.options.rgPath}): ${err.message}` }));
      child.on('close', (code) => {
        const rest = pending + decoder.end();
        if (rest && !ended) onLine(rest);
        if (ended) return finish({ error: ended });
        // 0: found, 1: nothing found, 2: an error (a bad regex or glob; unreadable files are not reported, --no-messages).
        // not localized: sent to Claude
        if (code === 2 && stderr.trim()) return finish({ error: `ripgrep refused the search:\n${stderr.trim()}` });
        finish({});
      });
    });
  }
}
