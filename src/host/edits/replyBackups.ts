/**
 * Copies of the files a reply changed, as they were before it, so "Revert changes" can put them
 * back (and delete the files it created). Stored beside the conversations:
 * `<root>/<conversationId>/<replyId>/manifest.json` plus one file per entry, each written to a
 * temporary file and renamed into place. A manifest that cannot be read is an error, never an empty
 * list: the next write would otherwise replace it with one that forgets the earlier copies.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { messageOf } from '../../core/api/errors';
import type { ResolvedPath, WorkspaceFiles } from '../../core/tools/workspaceFiles';
import { exists, moveAside } from '../atomicFile';
import { READ_RETRY, readTextIfExists, type ReadRetry } from '../readTextIfExists';

const MANIFEST = 'manifest.json';
const ID = /^[\w-]{1,64}$/;

interface Entry {
  readonly key: string;
  readonly display: string;
  readonly existed: boolean;
  /** The backup's file name in the reply folder (only when the file existed). */
  readonly file?: string;
}

export interface TouchedFile {
  readonly path: ResolvedPath;
  readonly existed: boolean;
}

export interface RestoreReport {
  readonly restored: string[];
  readonly failed: { path: string; error: string }[];
}

/**
 * The list of saved copies could not be used. Its message is English: it also ends up in the
 * edit's result, sent to Claude; `shown` is the same in the person's language, for Revert's error.
 */
export class BackupListError extends Error {
  constructor(
    message: string,
    readonly shown: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

function checkId(kind: string, id: string): void {
  if (!ID.test(id)) throw new Error(`Invalid ${kind} id for a backup: ${JSON.stringify(id)}`); // not localized: a bug of ours, the ids are generated
}

function isEntry(e: Partial<Entry> | null): e is Entry {
  return (
    typeof e?.key === 'string' &&
    typeof e.display === 'string' &&
    typeof e.existed === 'boolean' &&
    (e.file === undefined || (typeof e.file === 'string' && /^\d+\.txt$/.test(e.file)))
  );
}

/** The entries of a manifest's text; throws on anything else (a damaged manifest is never half trusted). */
function parseManifest(text: string): Entry[] {
  const list = (JSON.parse(text) as { entries?: unknown } | null)?.entries;
  // not localized: sent to Claude (in BackupListError's message), like the parser's own errors
  if (!Array.isArray(list)) throw new Error('it has no list of entries');
  const bad = list.findIndex((e) => !isEntry(e as Partial<Entry> | null));
  if (bad >= 0) throw new Error(`entry ${bad + 1} is not a saved copy`); // not localized: sent to Claude, as above
  return list as Entry[];
}

export class ReplyBackups {
  /** One change at a time: parallel tool calls of a reply remember files concurrently. */
  private queue: Promise<unknown> = Promise.resolve();
  private writes = 0;

  /** `root` is a local folder, e.g. `<storage>/backups`. */
  constructor(
    private readonly root: string,
    private readonly retry: ReadRetry = READ_RETRY,
  ) {}

  private replyDir(conversationId: string, replyId: string): string {
    checkId('conversation', conversationId);
    checkId('reply', replyId);
    return join(this.root, conversationId, replyId);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeAtomic(target: string, text: string): Promise<void> {
    const temp = `${target}.${process.pid}.${++this.writes}.tmp`;
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  }

  /** The reply's entries; none when it has no manifest yet. A damaged manifest is moved aside and reported. */
  private async entries(dir: string): Promise<Entry[]> {
    const path = join(dir, MANIFEST);
    let text: string | undefined;
    try {
      text = await readTextIfExists(path, this.retry);
    } catch (err) {
      const why = messageOf(err);
      // not localized: sent to Claude (an edit that could not keep its copy says why); `shown` is for people
      throw new BackupListError(`the list of saved copies (${path}) could not be read (${why})`, l10n.t('the list of saved copies ({0}) could not be read ({1})', path, why), err);
    }
    if (text === undefined) return [];
    try {
      return parseManifest(text);
    } catch (err) {
      const keptAs = await moveAside(path);
      const why = messageOf(err);
      // not localized: sent to Claude (an edit that could not keep its copy says why); `shown` is for people
      throw new BackupListError(`the list of saved copies was damaged (${why}); it is kept as ${keptAs}`, l10n.t('the list of saved copies was damaged ({0}); it is kept as {1}', why, keptAs), err);
    }
  }

  /** A name no copy in the folder has: after a damaged manifest was set aside, its copies stay too. */
  private async freeName(dir: string, from: number): Promise<string> {
    let n = from;
    while (await exists(join(dir, `${n}.txt`))) n++;
    return `${n}.txt`;
  }

  /**
   * Records a file's content before the reply changed it; only the first call per path counts.
   * `before` undefined means the reply created the file.
   */
  async remember(conversationId: string, replyId: string, path: ResolvedPath, before: string | undefined): Promise<void> {
    const dir = this.replyDir(conversationId, replyId);
    return this.serially(async () => {
      try {
        const entries = await this.entries(dir);
        if (entries.some((e) => e.key === path.key)) return;
        await mkdir(dir, { recursive: true });
        let file: string | undefined;
        if (before !== undefined) {
          file = await this.freeName(dir, entries.length);
          await this.writeAtomic(join(dir, file), before);
        }
        entries.push({ key: path.key, display: path.display, existed: before !== undefined, ...(file ? { file } : {}) });
        await this.writeAtomic(join(dir, MANIFEST), JSON.stringify({ version: 1, entries }));
      } catch (err) {
        throw new Error(`no copy of ${path.display} could be kept for Revert changes: ${messageOf(err)}`, { cause: err }); // not localized: sent to Claude (the edit's result)
      }
    });
  }

  /** The files the reply changed, in the order it first touched them. */
  async touched(conversationId: string, replyId: string): Promise<TouchedFile[]> {
    const dir = this.replyDir(conversationId, replyId);
    return (await this.serially(() => this.entries(dir))).map((e) => ({ path: { key: e.key, display: e.display }, existed: e.existed }));
  }

  /**
   * Puts every file the reply touched back as it was, through `files` (so the changes are
   * confined to the workspace and undoable in the editor), newest first.
   */
  async restore(conversationId: string, replyId: string, files: WorkspaceFiles): Promise<RestoreReport> {
    const dir = this.replyDir(conversationId, replyId);
    const entries = await this.serially(() => this.entries(dir));
    const report: RestoreReport = { restored: [], failed: [] };
    for (const entry of entries.reverse()) {
      const path: ResolvedPath = { key: entry.key, display: entry.display };
      try {
        const error = entry.existed && entry.file ? await this.putBack(path, await readFile(join(dir, entry.file), 'utf8'), files) : await this.removeCreated(path, files);
        if (error) report.failed.push({ path: entry.display, error });
        else report.restored.push(entry.display);
      } catch (err) {
        report.failed.push({ path: entry.display, error: messageOf(err) });
      }
    }
    return report;
  }

  private async putBack(path: ResolvedPath, backup: string, files: WorkspaceFiles): Promise<string | undefined> {
    if (!(await files.stat(path))) {
      const created = await files.write(path, { kind: 'create', text: backup });
      return created.ok ? undefined : created.error;
    }
    const current = await files.readText(path);
    if ('error' in current) return current.error;
    if (current.text === backup) return undefined;
    const written = await files.write(path, { kind: 'replace', start: 0, end: current.text.length, text: backup, version: current.version });
    return written.ok ? undefined : written.error;
  }

  /** Deleting a file that is already gone succeeds; a refusal (Restricted Mode, say) is reported, not taken for "gone". */
  private async removeCreated(path: ResolvedPath, files: WorkspaceFiles): Promise<string | undefined> {
    const deleted = await files.write(path, { kind: 'delete' });
    return deleted.ok ? undefined : deleted.error;
  }

  /** Deletes every backup of a conversation (when the conversation is deleted). */
  async forget(conversationId: string): Promise<void> {
    checkId('conversation', conversationId);
    return this.serially(() => rm(join(this.root, conversationId), { recursive: true, force: true }));
  }
}
