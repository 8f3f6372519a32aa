/**
 * What the `glob` and `grep` tools need from the machine: a search over the workspace folders that
 * honours the person's ignore rules. The host implements it with ripgrep (VS Code's copy, or `rg`
 * on PATH) and with a slower built-in walk when there is no ripgrep at all.
 */
import type { ResolvedPath } from '../workspaceFiles';

export interface GlobQuery {
  /** A glob in ripgrep's syntax; without a `/` it matches file names at any depth. */
  readonly pattern: string;
  /** The folder to list under; every workspace folder when undefined. */
  readonly within?: ResolvedPath;
  readonly signal: AbortSignal;
}

/** A file found, with a path shaped like ResolvedPath.display. */
export interface FoundFile {
  readonly path: string;
  readonly mtimeMs: number;
}

export interface GrepQuery {
  /** A regex in ripgrep's syntax. */
  readonly pattern: string;
  /** The folder or file to search; every workspace folder when undefined. */
  readonly within?: ResolvedPath;
  /** Only files matching this glob (same rules as GlobQuery.pattern). */
  readonly glob?: string;
  readonly ignoreCase: boolean;
  /** Matches kept in `matches`; the rest are only counted. */
  readonly maxMatches: number;
  readonly signal: AbortSignal;
}

export interface GrepMatch {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based character column of the first match on the line, when known. */
  readonly column?: number;
  readonly text: string;
}

export interface GrepFound {
  /** The first `maxMatches` matching lines, in ripgrep's order. */
  readonly matches: readonly GrepMatch[];
  /** Every matching line, kept or not. */
  readonly total: number;
  /** Files with at least one match. */
  readonly files: number;
}

/** A search's outcome, or why it failed (ripgrep's own error text, a timeout) in words Claude can act on. */
export type Searched<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Searcher {
  glob(query: GlobQuery): Promise<Searched<readonly FoundFile[]>>;
  grep(query: GrepQuery): Promise<Searched<GrepFound>>;
}
