/**
 * The editor tool's view of the workspace over VS Code: paths confined to the workspace folders,
 * reads from the editor's buffers, writes through WorkspaceEdit (so Ctrl+Z undoes them) and save.
 * Its errors are English on purpose: they are tool results, sent to Claude (an edit card's note and
 * Revert's error show them too).
 */
import { createHash } from 'node:crypto';
import { open, stat as statOnDisk } from 'node:fs/promises';
import * as vscode from 'vscode';
import { messageOf } from '../../core/api/errors';
import type { FileChange, FileStat, ReadResult, Resolution, ResolvedPath, WorkspaceFiles, WriteResult } from '../../core/tools/workspaceFiles';
import { confinePath, type Folder } from './confinePath';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Most entries a listing returns (the rest are counted in a last line). */
export const MAX_LIST_ENTRIES = 1000;
const SNIFF_BYTES = 8192;
/** A listing stops walking after this many entries, so a huge tree cannot stall a reply. */
const SCAN_LIMIT = 20 * MAX_LIST_ENTRIES;

export interface WorkspaceFileSystemOptions {
  readonly folders?: () => readonly Folder[];
  readonly isTrusted?: () => boolean;
  readonly maxFileBytes?: number;
}

type Target = { readonly uri: vscode.Uri; readonly display: string } | { readonly error: string };

/** A refused or failed write: `error` in English for Claude, `shown` in the display language for the card. */
const fail = (error: string, shown?: string): WriteResult => ({ ok: false, error, ...(shown ? { shown } : {}) });
const digest = (text: string) => createHash('sha1').update(text).digest('hex');

/** A size in English formats, as the tool results sent to Claude write it (not core/l10n/format: not for people). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export class WorkspaceFileSystem implements WorkspaceFiles {
  private readonly folders: () => readonly Folder[];
  private readonly isTrusted: () => boolean;
  private readonly maxFileBytes: number;
  /**
   * What each read served, by key: a document that VS Code unloaded and reloaded starts again at
   * version 1, so an equal version alone does not prove the text is the one the change was computed on.
   */
  private readonly served = new Map<string, { readonly version: number; readonly digest: string }>();

  constructor(options: WorkspaceFileSystemOptions = {}) {
    this.folders = options.folders ?? (() => vscode.workspace.workspaceFolders ?? []);
    this.isTrusted = options.isTrusted ?? (() => vscode.workspace.isTrusted);
    this.maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  }

  resolve(path: string): Promise<Resolution> {
    return confinePath(path, this.folders(), this.isTrusted());
  }

  /** Every operation re-checks the key, so a forged or stale ResolvedPath cannot reach outside. */
  private async target(path: ResolvedPath): Promise<Target> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(path.key, true);
    } catch {
      // not localized: sent to Claude
      return { error: `Refused: ${path.display} is not a valid workspace path.` };
    }
    // not localized: sent to Claude
    if (uri.scheme !== 'file') return { error: `Refused: ${path.display} is not a file on disk.` };
    const resolution = await this.resolve(uri.fsPath);
    if (!resolution.ok) return { error: resolution.error };
    return { uri: vscode.Uri.parse(resolution.path.key, true), display: path.display };
  }

  async stat(path: ResolvedPath): Promise<FileStat | undefined> {
    const target = await this.target(path);
    if ('error' in target) return undefined;
    try {
      const found = await vscode.workspace.fs.stat(target.uri);
      return found.type & vscode.FileType.Directory ? { kind: 'directory' } : { kind: 'file', size: found.size };
    } catch {
      return undefined;
    }
  }

  async readText(path: ResolvedPath): Promise<ReadResult> {
    const target = await this.target(path);
    if ('error' in target) return target;
    const { uri, display } = target;
    try {
      const loaded = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!loaded) {
        const refusal = await this.refuseOnDisk(uri.fsPath, display);
        if (refusal) return { error: refusal };
      }
      const document = loaded ?? (await vscode.workspace.openTextDocument(uri));
      const text = document.getText();
      if (text.length > this.maxFileBytes) return { error: this.tooLarge(display, Buffer.byteLength(text)) };
      this.served.set(uri.toString(), { version: document.version, digest: digest(text) });
      return { text, version: document.version };
    } catch (err) {
      // not localized: sent to Claude
      return { error: `Could not read ${display}: ${messageOf(err)}` };
    }
  }

  private tooLarge(display: string, bytes: number): string {
    // not localized: sent to Claude
    return `Refused: ${display} is ${formatSize(bytes)}, over the ${formatSize(this.maxFileBytes)} limit for files Claude reads.`;
  }

  /** Size and binary checks on disk, before VS Code loads the whole file into a document. */
  private async refuseOnDisk(fsPath: string, display: string): Promise<string | undefined> {
    const info = await statOnDisk(fsPath).catch(() => undefined);
    // not localized: sent to Claude
    if (!info) return `${display} does not exist.`;
    // not localized: sent to Claude
    if (info.isDirectory()) return `${display} is a directory, not a file.`;
    if (info.size > this.maxFileBytes) return this.tooLarge(display, info.size);
    const handle = await open(fsPath, 'r');
    try {
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      // not localized: sent to Claude
      if (head.subarray(0, bytesRead).includes(0)) return `Refused: ${display} is a binary file.`;
    } finally {
      await handle.close();
    }
    return undefined;
  }

  async list(path: ResolvedPath, depth: number): Promise<readonly string[]> {
    const target = await this.target(path);
    if ('error' in target) return [];
    const shown: string[] = [];
    let hidden = 0;
    let scanned = 0;
    const walk = async (dir: vscode.Uri, prefix: string, level: number): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return;
      }
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, type] of entries) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        if (++scanned > SCAN_LIMIT) return;
        const isDir = (type & vscode.FileType.Directory) !== 0;
        const rel = `${prefix}${name}${isDir ? '/' : ''}`;
        if (shown.length < MAX_LIST_ENTRIES) shown.push(rel);
        else hidden++;
        // Links are listed but not entered: they may lead outside the folder or in circles.
        if (isDir && level < depth && !(type & vscode.FileType.SymbolicLink)) await walk(vscode.Uri.joinPath(dir, name), rel, level + 1);
      }
    };
    if (depth >= 1) await walk(target.uri, '', 1);
    if (hidden || scanned > SCAN_LIMIT) shown.push(`… (${hidden}${scanned > SCAN_LIMIT ? '+' : ''} more)`);
    return shown;
  }

  async write(path: ResolvedPath, change: FileChange): Promise<WriteResult> {
    const target = await this.target(path);
    if ('error' in target) return fail(target.error);
    try {
      switch (change.kind) {
        case 'replace':
          return await this.replace(target.uri, target.display, change);
        case 'create':
          return await this.create(target.uri, target.display, change.text);
        case 'delete':
          return await this.remove(target.uri, target.display);
      }
    } catch (err) {
      // not localized: sent to Claude
      return fail(`Could not change ${target.display}: ${messageOf(err)}`, vscode.l10n.t('Could not change {0}: {1}', target.display, messageOf(err)));
    }
  }

  private async replace(uri: vscode.Uri, display: string, change: Extract<FileChange, { kind: 'replace' }>): Promise<WriteResult> {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const seen = this.served.get(uri.toString());
    const moved = document.version !== change.version || (seen?.version === change.version && seen.digest !== digest(text));
    // not localized: `error` is sent to Claude
    if (moved) return fail(`${display} changed since it was read (it is now at version ${document.version}); nothing was written. Read it again.`, vscode.l10n.t('{0} changed since Claude read it; nothing was written.', display));
    if (!(change.start >= 0 && change.start <= change.end && change.end <= text.length)) {
      // not localized: sent to Claude
      return fail(`The change does not fit ${display} (offsets ${change.start}–${change.end} in ${text.length} characters); nothing was written.`, vscode.l10n.t('The change does not fit {0} as it is now; nothing was written.', display));
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
    return this.applyAndSave(edit, uri, display, document.isDirty ? undefined : text);
  }

  private async create(uri: vscode.Uri, display: string, text: string): Promise<WriteResult> {
    const existing = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    // not localized: sent to Claude
    if (existing && existing.type & vscode.FileType.Directory) return fail(`${display} is a directory; nothing was written.`, vscode.l10n.t('{0} is a folder; nothing was written.', display));
    const edit = new vscode.WorkspaceEdit();
    if (existing) {
      const document = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    } else {
      edit.createFile(uri, { ignoreIfExists: true });
      if (text) edit.insert(uri, new vscode.Position(0, 0), text);
    }
    return this.applyAndSave(edit, uri, display);
  }

  private async remove(uri: vscode.Uri, display: string): Promise<WriteResult> {
    const existing = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (!existing) return { ok: true };
    // not localized: sent to Claude
    if (existing.type & vscode.FileType.Directory) return fail(`${display} is a directory; only files are deleted.`, vscode.l10n.t('{0} is a folder; only files are deleted.', display));
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(uri, { ignoreIfNotExists: true });
    // not localized: sent to Claude
    if (!(await vscode.workspace.applyEdit(edit))) return fail(`VS Code did not delete ${display}.`, vscode.l10n.t('VS Code did not delete {0}.', display));
    this.served.delete(uri.toString());
    return { ok: true };
  }

  /** `saved` is the text of a document that had no unsaved changes: a failed save puts it back, so no half-applied edit stays in the editor. */
  private async applyAndSave(edit: vscode.WorkspaceEdit, uri: vscode.Uri, display: string, saved?: string): Promise<WriteResult> {
    // not localized: sent to Claude
    if (!(await vscode.workspace.applyEdit(edit))) return fail(`VS Code did not apply the change to ${display}; nothing was written.`, vscode.l10n.t('VS Code did not apply the change to {0}; nothing was written.', display));
    const document = await vscode.workspace.openTextDocument(uri);
    if (!document.isDirty || (await document.save())) return { ok: true };
    // not localized: sent to Claude
    if (saved === undefined) return fail(`${display} was changed in the editor but could not be saved; the change is unsaved there.`, vscode.l10n.t('{0} was changed in the editor but could not be saved; the change is unsaved there.', display));
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), saved);
    await vscode.workspace.applyEdit(back);
    // not localized: sent to Claude
    return fail(`${display} could not be saved (is it read-only?); the change was taken back and nothing was written.`, vscode.l10n.t('{0} could not be saved (is it read-only?); the change was taken back and nothing was written.', display));
  }
}
