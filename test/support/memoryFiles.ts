/** An in-memory WorkspaceFiles for unit tests: files by display path, directories implied by them. */
import type { FileChange, FileStat, ReadResult, Resolution, ResolvedPath, WorkspaceFiles, WriteResult } from '../../src/core/tools/workspaceFiles';

/** A file whose text contains this is refused by readText as binary. */
export const BINARY = '\u0000binary\u0000';

export interface MemoryFilesOptions {
  /** The fake absolute path of the workspace folder (absolute paths inside it resolve). */
  readonly root?: string;
  /** readText refuses longer files. */
  readonly maxSize?: number;
  /** An untrusted workspace: every path is refused. */
  readonly untrusted?: boolean;
  /** Paths that are symbolic links, and the paths they lead to (resolve reports it as `real`; reads and writes do not follow). */
  readonly links?: Readonly<Record<string, string>>;
}

/**
 * `new MemoryFiles({ 'src/a.ts': 'text' })`. Paths resolve relative to the root (`.` is the root),
 * `..`, `.git/` and absolute paths outside the root are refused. Versions start at 1 and grow with
 * every write and every `set`; `write` refuses a replace computed against an older version.
 */
export class MemoryFiles implements WorkspaceFiles {
  readonly root: string;
  /** Successful writes, in order. */
  readonly log: { readonly path: string; readonly change: FileChange }[] = [];
  private readonly files = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private readonly options: MemoryFilesOptions;

  constructor(files: Readonly<Record<string, string>> = {}, options: MemoryFilesOptions = {}) {
    this.options = options;
    this.root = options.root ?? '/workspace';
    for (const [path, text] of Object.entries(files)) this.set(path, text);
  }

  /** How many writes succeeded. */
  get writes(): number {
    return this.log.length;
  }

  /** A file's text, or undefined when there is none. */
  text(path: string): string | undefined {
    return this.files.get(path);
  }

  /** A file's current version (1 when first set). */
  version(path: string): number | undefined {
    return this.versions.get(path);
  }

  /** Sets a file's text as someone else would (not counted in `writes`); bumps its version. */
  set(path: string, text: string): void {
    this.files.set(path, text);
    this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
  }

  /** Removes a file as someone else would (not counted in `writes`). */
  delete(path: string): void {
    this.files.delete(path);
  }

  /** A resolved path for tests that skip `resolve`. */
  path(display: string): ResolvedPath {
    return { key: `memory:${display}`, display };
  }

  async resolve(path: string): Promise<Resolution> {
    if (this.options.untrusted) return refuse('the workspace is not trusted, so files cannot be read or edited');
    let relative = path.replace(/\\/g, '/');
    if (relative.startsWith('/')) {
      if (relative !== this.root && !relative.startsWith(`${this.root}/`)) return refuse(`${path} is outside the workspace folder ${this.root}`);
      relative = relative.slice(this.root.length);
    }
    const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..')) return refuse(`${path} leaves the workspace (paths may not contain ..)`);
    if (segments.includes('.git')) return refuse(`${path} is inside .git, which the editor tool may not touch`);
    const display = segments.length === 0 ? '.' : segments.join('/');
    const real = this.options.links?.[display];
    return { ok: true, path: { ...this.path(display), ...(real === undefined ? {} : { real }) } };
  }

  async stat(path: ResolvedPath): Promise<FileStat | undefined> {
    const text = this.files.get(path.display);
    if (text !== undefined) return { kind: 'file', size: text.length };
    return this.isDirectory(path.display) ? { kind: 'directory' } : undefined;
  }

  async readText(path: ResolvedPath): Promise<ReadResult> {
    const text = this.files.get(path.display);
    if (text === undefined) return { error: `The file ${path.display} does not exist.` };
    if (text.includes('\u0000')) return { error: `${path.display} is a binary file; the editor tool reads text files only.` };
    if (this.options.maxSize !== undefined && text.length > this.options.maxSize) {
      return { error: `${path.display} is too large to read (${text.length} characters; the limit is ${this.options.maxSize}).` };
    }
    return { text, version: this.versions.get(path.display) ?? 1 };
  }

  async list(path: ResolvedPath, depth: number): Promise<readonly string[]> {
    const prefix = path.display === '.' ? '' : `${path.display}/`;
    const entries = new Set<string>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const parts = file.slice(prefix.length).split('/');
      for (let i = 0; i < Math.min(depth, parts.length); i++) {
        if (parts[i].startsWith('.')) break;
        entries.add(parts.slice(0, i + 1).join('/') + (i < parts.length - 1 ? '/' : ''));
      }
    }
    return [...entries].sort();
  }

  async write(path: ResolvedPath, change: FileChange): Promise<WriteResult> {
    const p = path.display;
    const current = this.files.get(p);
    if (change.kind === 'create') {
      if (current !== undefined || this.isDirectory(p)) return { ok: false, error: `${p} already exists.` };
      this.set(p, change.text);
    } else if (change.kind === 'delete') {
      if (current === undefined) return { ok: false, error: `${p} does not exist.` };
      this.files.delete(p);
    } else {
      if (current === undefined) return { ok: false, error: `${p} does not exist.` };
      if (change.version !== this.versions.get(p)) return { ok: false, error: `${p} changed while the edit was being applied; nothing was written.` };
      if (change.start < 0 || change.end < change.start || change.end > current.length) return { ok: false, error: `Bad range for ${p}.` };
      this.set(p, current.slice(0, change.start) + change.text + current.slice(change.end));
    }
    this.log.push({ path: p, change });
    return { ok: true };
  }

  private isDirectory(display: string): boolean {
    if (display === '.') return true;
    for (const file of this.files.keys()) if (file.startsWith(`${display}/`)) return true;
    return false;
  }
}

function refuse(error: string): Resolution {
  return { ok: false, error: `Refused: ${error}.` };
}
