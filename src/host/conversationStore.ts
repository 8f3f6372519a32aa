/**
 * Conversations as JSON files under the extension's workspace storage, one file each plus an
 * index, one write at a time. The conversation file is written before the index, and the index is
 * only a cache of the files: when it is missing, unreadable or behind them, it is rebuilt from
 * them, so a crash between the two writes or a damaged index loses no chat.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { messageOf } from '../core/api/errors';
import * as v from 'valibot';
import { parseConversation } from '../core/conversation/storageFormat';
import { CONVERSATION_ID, ConversationSummarySchema } from '../core/conversation/storedConversation';
import type { Conversation, ConversationSummary } from '../core/conversation/turns';
import { moveAside, writeFileAtomic } from './atomicFile';
import { isMissing, READ_RETRY, readTextIfExists, type ReadRetry } from './readTextIfExists';

const INDEX = 'index.json';
const ID = CONVERSATION_ID;

/** A conversation file that could not be read, moved aside so that nothing overwrites it. */
export interface StoreProblem {
  /** The file's name in the store's folder. */
  readonly file: string;
  /** Its title as the index knew it, when it did. */
  readonly title?: string;
  /** Full path of the copy kept aside. */
  readonly keptAs: string;
  readonly reason: string;
}

/** Turns the conversation into what its file holds (image data goes to the image store); run inside the write queue. */
export type PrepareForDisk = (conversation: Conversation) => Promise<Conversation>;

/** The newest state of one conversation waiting for its write, and the promise of that write. */
interface PendingSave {
  conversation: Conversation;
  prepare: PrepareForDisk;
  written?: Promise<void>;
}

interface IndexRead {
  readonly entries: Map<string, ConversationSummary>;
  /** Modification time of the index read; conversation files newer than it are read again. */
  readonly mtime: number;
  /** False when the index was missing or unreadable: it must be written again. */
  readonly sound: boolean;
}

function summaryOf(id: string, c: Conversation): ConversationSummary {
  return { id, title: c.title, updatedAt: c.updatedAt, turns: c.turns.length };
}

function parseSummary(s: unknown): ConversationSummary | undefined {
  const parsed = v.safeParse(ConversationSummarySchema, s);
  return parsed.success ? parsed.output : undefined;
}

export class ConversationStore {
  private index: Map<string, ConversationSummary> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Per id, the save queued and not yet started: later calls replace its state, so a burst is one write of the newest. */
  private readonly pending = new Map<string, PendingSave>();
  private readonly listeners = new Set<(problem: StoreProblem) => void>();
  /** Every conversation file moved aside since the store opened. */
  readonly problems: StoreProblem[] = [];

  /** `dir` is a local folder (the extension's storage path). */
  constructor(
    readonly dir: string,
    private readonly retry: ReadRetry = READ_RETRY,
  ) {}

  /** Tells the listener about each conversation file moved aside (the host shows it; the store has no UI). */
  onProblem(listener: (problem: StoreProblem) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Runs after every earlier task, so no read can interleave with a write. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      (err) => console.error('Claude Chat: a conversation storage task failed', err),
    );
    return run;
  }

  private async readIndex(): Promise<IndexRead> {
    const path = join(this.dir, INDEX);
    let raw: unknown;
    let mtime: number;
    try {
      mtime = (await stat(path)).mtimeMs;
      const text = await readTextIfExists(path, this.retry);
      if (text === undefined) return { entries: new Map(), mtime: -Infinity, sound: false };
      raw = JSON.parse(text);
      if (!Array.isArray(raw)) throw new Error('not a list');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        const keptAs = await moveAside(path).catch(() => path);
        console.warn(`Claude Chat: the chat index could not be read (${(err as Error).message}); rebuilding it from the chats, the old one kept as ${keptAs}`);
      }
      return { entries: new Map(), mtime: -Infinity, sound: false };
    }
    const entries = new Map<string, ConversationSummary>();
    for (const s of raw as unknown[]) {
      const summary = parseSummary(s);
      if (summary) entries.set(summary.id, summary);
    }
    return { entries, mtime, sound: true };
  }

  /** The index, read once and reconciled with the conversation files on disk. Only inside a queued task. */
  private async loadIndex(): Promise<Map<string, ConversationSummary>> {
    if (this.index) return this.index;
    const { entries, mtime, sound } = await this.readIndex();
    // Only a folder that does not exist yet is empty; any other failure is an error, never "no chats".
    const names = await readdir(this.dir).catch((err: unknown) => {
      if (isMissing(err)) return [] as string[];
      throw err;
    });
    const ids = names.filter((n) => n.endsWith('.json') && n !== INDEX && ID.test(n.slice(0, -5))).map((n) => n.slice(0, -5));
    const onDisk = new Set(ids);
    let changed = !sound && ids.length > 0;
    for (const id of entries.keys()) {
      if (onDisk.has(id)) continue;
      entries.delete(id);
      changed = true;
    }
    const newer = (id: string) =>
      stat(this.file(id)).then(
        (s) => s.mtimeMs > mtime,
        () => false,
      );
    const stale = await Promise.all(ids.map(async (id) => (!entries.has(id) || (await newer(id)) ? id : undefined)));
    for (const id of stale) {
      if (!id) continue;
      let conversation: Conversation | undefined;
      try {
        conversation = await this.read(id, entries.get(id)?.title);
      } catch (err) {
        // Listed as the index knew it (or not yet): the file stays as it is and is read again next time.
        console.warn(`Claude Chat: ${messageOf(err)}`);
        continue;
      }
      if (conversation) entries.set(id, summaryOf(id, conversation));
      else entries.delete(id);
      changed = true;
    }
    this.index = entries;
    if (changed) await this.writeIndex(entries);
    return entries;
  }

  private async writeIndex(index: Map<string, ConversationSummary>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, INDEX), JSON.stringify([...index.values()]));
  }

  /**
   * Reads one conversation: undefined when its file does not exist; a file that does not parse is
   * moved aside and reported, never left to be overwritten; one that cannot be read throws.
   */
  private async read(id: string, title?: string): Promise<Conversation | undefined> {
    let text: string | undefined;
    try {
      text = await readTextIfExists(this.file(id), this.retry);
    } catch (err) {
      // Shown to the person (the chat's error, or Show Chat History's), so in their language.
      const message = title
        ? l10n.t('the saved chat "{0}" ({1}) could not be read ({2}); nothing was changed, the file is kept as it is', title, `${id}.json`, messageOf(err))
        : l10n.t('the saved chat {0} could not be read ({1}); nothing was changed, the file is kept as it is', `${id}.json`, messageOf(err));
      throw new Error(message, { cause: err });
    }
    if (text === undefined) return undefined;
    try {
      return { ...parseConversation(text), id };
    } catch (err) {
      const keptAs = await moveAside(this.file(id)).catch(() => this.file(id));
      const problem: StoreProblem = { file: `${id}.json`, ...(title ? { title } : {}), keptAs, reason: (err as Error).message };
      this.problems.push(problem);
      for (const listener of this.listeners) {
        try {
          listener(problem);
        } catch (listenerError) {
          console.error('Claude Chat: a storage problem listener failed', listenerError);
        }
      }
      return undefined;
    }
  }

  /**
   * Schedules a save of the conversation as it is at this call; resolves once that state (or a
   * newer one) is on disk. `prepare` runs inside the queue, so however long it takes, a later
   * call's state is always written after an earlier one's, never before it.
   */
  save(conversation: Conversation, prepare: PrepareForDisk = async (c) => c): Promise<void> {
    const waiting = this.pending.get(conversation.id);
    if (waiting?.written) {
      waiting.conversation = conversation;
      waiting.prepare = prepare;
      return waiting.written;
    }
    const entry: PendingSave = { conversation, prepare };
    this.pending.set(conversation.id, entry);
    entry.written = this.enqueue(async () => {
      this.pending.delete(conversation.id); // from here on, a new call queues a write of its own after this one
      const latest = await entry.prepare(entry.conversation);
      const index = await this.loadIndex();
      if (!latest.turns.length) return this.remove(latest.id, index); // its only message was taken back: nothing to reopen
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.file(latest.id), JSON.stringify(latest));
      index.set(latest.id, summaryOf(latest.id, latest));
      await this.writeIndex(index);
    });
    return entry.written;
  }

  /** Conversations, most recent first. */
  list(): Promise<ConversationSummary[]> {
    return this.enqueue(async () => [...(await this.loadIndex()).values()].sort((a, b) => b.updatedAt - a.updatedAt));
  }

  /** Undefined when the chat's file is gone or was set aside as corrupt; throws when it exists and cannot be read. */
  load(id: string): Promise<Conversation | undefined> {
    return this.enqueue(async () => {
      if (!ID.test(id)) return undefined;
      const conversation = await this.read(id, this.index?.get(id)?.title);
      if (!conversation && this.index?.delete(id)) await this.writeIndex(this.index);
      return conversation;
    });
  }

  async latest(): Promise<Conversation | undefined> {
    for (const summary of await this.list()) {
      const conversation = await this.load(summary.id);
      if (conversation) return conversation;
    }
    return undefined;
  }

  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.remove(id, await this.loadIndex());
    });
  }

  private async remove(id: string, index: Map<string, ConversationSummary>): Promise<void> {
    // the file goes first: a crash before the index is written leaves an entry the next load drops, not a chat that comes back
    await rm(this.file(id), { force: true });
    if (index.delete(id)) await this.writeIndex(index);
  }

  /** Forgets the index held in memory: the next call reads the folder again, as after a window reload. */
  reload(): Promise<void> {
    return this.enqueue(async () => {
      this.index = undefined;
    });
  }

  /** Resolves when every scheduled write has finished. */
  flush(): Promise<void> {
    return this.queue;
  }
}
