/**
 * The Searcher when no ripgrep can be found: VS Code lists the files (workspace.findFiles) and
 * each is read and matched in JavaScript. Slower, but it answers as ripgrep would: the same glob
 * rules (../../core/tools/search/globPattern), .gitignore files, the exclude settings,
 * node_modules and .git left out, binary files skipped, hidden files included, links not followed.
 * Its errors are English on purpose: they are search tool results, sent to Claude.
 */
import { realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { compileGlob } from '../../core/tools/search/globPattern';
import { toJsRegex } from '../../core/tools/search/regexCheck';
import type { FoundFile, GlobQuery, GrepFound, GrepMatch, GrepQuery, Searched, Searcher } from '../../core/tools/search/searcher';
import { ALWAYS_EXCLUDED, globLiteral, globUnder, placeSearch, shownPath, type Placed, type SearchFolder } from './searchScope';

const BATCH = 32;
const SNIFF_BYTES = 8192;
/** Larger files are not read: reading them whole in the extension host would stall it. */
const MAX_BYTES = 10 * 1024 * 1024;

interface Listed {
  readonly place: Placed;
  /** Relative to the folder, forward slashes. */
  readonly rels: readonly string[];
}

export class FallbackSearcher implements Searcher {
  constructor(private readonly folders: () => readonly SearchFolder[]) {}

  async glob(query: GlobQuery): Promise<Searched<readonly FoundFile[]>> {
    const listed = await this.list(query.within, query.pattern, query.signal);
    if (!listed.ok) return listed;
    const folders = this.folders();
    const found: FoundFile[] = [];
    for (const { place, rels } of listed.value) {
      for (let i = 0; i < rels.length && !query.signal.aborted; i += BATCH) {
        const batch = rels.slice(i, i + BATCH);
        const times = await Promise.all(batch.map((rel) => vscode.workspace.fs.stat(uriOf(place.folder, rel)).then((s) => s.mtime, () => 0)));
        batch.forEach((rel, k) => found.push({ path: shownPath(folders, place.folder, rel), mtimeMs: times[k] }));
      }
    }
    return { ok: true, value: found };
  }

  async grep(query: GrepQuery): Promise<Searched<GrepFound>> {
    const regex = toJsRegex(query.pattern, query.ignoreCase);
    // not localized: sent to Claude
    if ('error' in regex) return { ok: false, error: `The pattern is not a regex the built-in search understands (ripgrep was not found): ${regex.error}` };
    const listed = await this.list(query.within, query.glob, query.signal);
    if (!listed.ok) return listed;
    const folders = this.folders();
    const matches: GrepMatch[] = [];
    let total = 0;
    let files = 0;
    for (const { place, rels } of listed.value) {
      for (let i = 0; i < rels.length && !query.signal.aborted; i += BATCH) {
        const batch = rels.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map((rel) => readText(uriOf(place.folder, rel))));
        batch.forEach((rel, k) => {
          const text = texts[k];
          if (text === undefined) return;
          let inFile = 0;
          text.split('\n').forEach((line, index) => {
            const hit = regex.exec(line);
            if (!hit) return;
            inFile++;
            if (matches.length < query.maxMatches) matches.push({ path: shownPath(folders, place.folder, rel), line: index + 1, column: hit.index + 1, text: line.replace(/\r$/, '') });
          });
          total += inFile;
          if (inFile) files++;
        });
      }
    }
    return { ok: true, value: { matches, total, files } };
  }

  /** The files to search, folder by folder, sorted: everything not excluded under `within`, matching `glob` when given. */
  private async list(within: GlobQuery['within'], glob: string | undefined, signal: AbortSignal): Promise<Searched<readonly Listed[]>> {
    const placed = placeSearch(this.folders(), within);
    if (!placed.ok) return placed;
    const out: Listed[] = [];
    for (const place of placed.value) {
      if (signal.aborted) break;
      const base = uriOf(place.folder, place.rel);
      const selected = glob === undefined ? undefined : compileGlob(globUnder(glob, place.rel));
      // not localized: sent to Claude
      if (selected && !selected.ok) return { ok: false, error: `Invalid glob ${JSON.stringify(glob)}: ${selected.error}.` };
      const isFile = place.rel !== '' && (await vscode.workspace.fs.stat(base).then((s) => (s.type & vscode.FileType.File) !== 0, () => false));
      // A file named explicitly is searched whatever the ignore rules say, as ripgrep does (Claude's glob still applies).
      if (isFile) {
        out.push({ place, rels: !selected || selected.regex.test(place.rel) ? [place.rel] : [] });
        continue;
      }
      const excluded = await exclusions(place.folder);
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*'), `{${ALWAYS_EXCLUDED.map((g) => `${g}/**`).join(',')}}`);
      const rels = uris
        .map((uri) => relativeTo(place.folder, uri))
        .filter((rel) => !excluded.some((regex) => regex.test(rel)) && (!selected || selected.regex.test(rel)))
        .sort();
      out.push({ place, rels: await withoutLinks(place.folder, rels) });
    }
    return { ok: true, value: out };
  }
}

/**
 * The paths that reach their file through no symbolic link: ripgrep follows none, and a link may
 * lead out of the workspace (VS Code's file search follows them).
 */
async function withoutLinks(folder: SearchFolder, rels: readonly string[]): Promise<string[]> {
  const root = await realpath(folder.root).catch(() => folder.root);
  const kept: string[] = [];
  for (let i = 0; i < rels.length; i += BATCH) {
    const batch = rels.slice(i, i + BATCH);
    const real = await Promise.all(batch.map((rel) => realpath(join(folder.root, rel)).catch(() => undefined)));
    batch.forEach((rel, k) => void (real[k] === join(root, rel) && kept.push(rel)));
  }
  return kept;
}

function uriOf(folder: SearchFolder, rel: string): vscode.Uri {
  return rel ? vscode.Uri.joinPath(vscode.Uri.file(folder.root), ...rel.split('/')) : vscode.Uri.file(folder.root);
}

/** The file's path relative to the folder, forward slashes. */
function relativeTo(folder: SearchFolder, uri: vscode.Uri): string {
  return relative(folder.root, uri.fsPath).split(sep).join('/');
}

/** The folder's exclude settings, node_modules and .git, and every .gitignore in it, as path regexes. */
async function exclusions(folder: SearchFolder): Promise<RegExp[]> {
  const globs = [...ALWAYS_EXCLUDED, ...folder.excludes];
  const ignoreFiles = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(folder.root), '**/.gitignore'), '{**/node_modules/**,**/.git/**}');
  for (const uri of ignoreFiles) {
    const text = await readText(uri);
    const dir = relativeTo(folder, uri).replace(/\/?\.gitignore$/, '');
    for (const raw of (text ?? '').split('\n')) {
      const line = raw.replace(/\r$/, '').trim();
      // Negations (`!keep.me`) are not followed here: the file stays excluded, as the safer reading.
      if (!line || line.startsWith('#') || line.startsWith('!')) continue;
      const anchored = line.slice(0, -1).includes('/');
      const body = line.replace(/^\//, '');
      globs.push(dir ? `${globLiteral(dir)}/${anchored ? '' : '**/'}${body}` : anchored ? `/${body}` : body);
    }
  }
  return globs.flatMap((glob) => {
    const compiled = compileGlob(glob, 'exclude');
    return compiled.ok ? [compiled.regex] : [];
  });
}

/** The file's text, or undefined for a binary, unreadable or very large file. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_BYTES || bytes.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}
