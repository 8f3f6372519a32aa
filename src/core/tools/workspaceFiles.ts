/**
 * What the editor tool needs from the workspace, implemented over VS Code in
 * src/host/edits/workspaceFileSystem.ts and over an in-memory map in the unit tests.
 * Every path the model names goes through `resolve` first: nothing is read or written unless it
 * resolved inside a workspace folder.
 */

/** A model-given path, resolved inside a workspace folder. */
export interface ResolvedPath {
  /** Opaque to core: the adapter's key for the file (a URI string in VS Code). */
  readonly key: string;
  /** The path as people and the model see it: relative to the workspace, forward slashes (`folder/path` in a multi-root workspace). */
  readonly display: string;
  /** Where the path really leads when that differs (a symbolic link, another spelling), in the same form as `display`. */
  readonly real?: string;
}

/** A refused path says why twice: `error` for Claude (English, with what to do), `shown` for the person's tool line (a short reason in their language). */
export type Resolution = { readonly ok: true; readonly path: ResolvedPath } | { readonly ok: false; readonly error: string; readonly shown?: string };

export type FileStat = { readonly kind: 'file'; readonly size: number } | { readonly kind: 'directory' };

/** The text a person sees (the editor's buffer, unsaved changes included) and its version. */
export type ReadResult = { readonly text: string; readonly version: number } | { readonly error: string };

/** A change to one file, in offsets of its current text. */
export type FileChange =
  | {
      readonly kind: 'replace';
      readonly start: number;
      readonly end: number;
      readonly text: string;
      /** The version the offsets were computed against; the adapter refuses when the document moved on. */
      readonly version: number;
    }
  | { readonly kind: 'create'; readonly text: string }
  | { readonly kind: 'delete' };

/** A failed write says why twice: `error` for Claude (English), `shown` for the person (their language; `error` when absent). */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly shown?: string };

export interface WorkspaceFiles {
  /**
   * Resolves a path the model gave (relative to the workspace folder, `folderName/path` in a
   * multi-root workspace, or absolute inside a folder). Refuses `..` escapes, absolute paths
   * outside, symlinks whose real path is outside, anything under `.git/`, and every path in an
   * untrusted workspace, with a message the model can act on. Reads nothing.
   */
  resolve(path: string): Promise<Resolution>;
  /** What is at the path now, or undefined when nothing is. */
  stat(path: ResolvedPath): Promise<FileStat | undefined>;
  /** Refuses binary files and files over the size limit with a reason. */
  readText(path: ResolvedPath): Promise<ReadResult>;
  /** Entries up to `depth` levels below a directory, relative to it, folders ending in `/`, hidden entries left out, sorted. */
  list(path: ResolvedPath, depth: number): Promise<readonly string[]>;
  /** Applies a change through the editor (undoable with Ctrl+Z) and saves the file. */
  write(path: ResolvedPath, change: FileChange): Promise<WriteResult>;
}
