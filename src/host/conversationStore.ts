/**
 * Conversations as JSON files under the extension's workspace storage, one file each plus an
 * index, written atomically (temporary file, then rename) and one write at a time.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConversation } from '../core/conversation/storageFormat';
import type { Conversation, ConversationSummary } from '../core/conversation/turns';

const INDEX = 'index.json';

export class ConversationStore {
  private index: Map<string, ConversationSummary> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Latest conversation waiting to be written, per id (saves in a burst collapse into one write). */
  private readonly pending = new Map<string, Conversation>();
  private writes = 0;

  /** `dir` is a local folder (the extension's storage path). */
  constructor(private readonly dir: string) {}

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Write to a temporary file, then rename over the target: readers see the old file or the new one, never half. */
  private async writeAtomic(target: string, text: string): Promise<void> {
    const temp = `${target}.${process.pid}.${++this.writes}.tmp`;
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  }

  private async loadIndex(): Promise<Map<string, ConversationSummary>> {
    if (this.index) return this.index;
    const index = new Map<string, ConversationSummary>();
    try {
      const raw = JSON.parse(await readFile(join(this.dir, INDEX), 'utf8'));
      for (const s of Array.isArray(raw) ? raw : []) {
        if (typeof s?.id === 'string' && typeof s.title === 'string' && typeof s.updatedAt === 'number') index.set(s.id, { id: s.id, title: s.title, updatedAt: s.updatedAt, turns: Number(s.turns) || 0 });
      }
    } catch {
      // no index yet (or unreadable): start empty; conversation files stay readable one by one
    }
    this.index = index;
    return index;
  }

  /** Schedules a save; resolves once this conversation's latest state is on disk. */
  save(conversation: Conversation): Promise<void> {
    this.pending.set(conversation.id, conversation);
    const run = this.queue.then(async () => {
      const latest = this.pending.get(conversation.id);
      if (!latest) return; // already written by an earlier run
      this.pending.delete(conversation.id);
      await mkdir(this.dir, { recursive: true });
      await this.writeAtomic(this.file(latest.id), JSON.stringify(latest));
      const index = await this.loadIndex();
      index.set(latest.id, { id: latest.id, title: latest.title, updatedAt: latest.updatedAt, turns: latest.turns.length });
      await this.writeAtomic(join(this.dir, INDEX), JSON.stringify([...index.values()]));
    });
    this.queue = run.catch((err) => console.error('Claude Chat: could not save the conversation', err));
    return run;
  }

  /** Conversations, most recent first. */
  async list(): Promise<ConversationSummary[]> {
    await this.queue;
    return [...(await this.loadIndex()).values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<Conversation | undefined> {
    await this.queue;
    try {
      return parseConversation(await readFile(this.file(id), 'utf8'));
    } catch {
      return undefined;
    }
  }

  async latest(): Promise<Conversation | undefined> {
    for (const summary of await this.list()) {
      const conversation = await this.load(summary.id);
      if (conversation) return conversation;
    }
    return undefined;
  }

  async delete(id: string): Promise<void> {
    await this.queue;
    const index = await this.loadIndex();
    index.delete(id);
    this.queue = this.queue.then(async () => {
      await rm(this.file(id), { force: true });
      await this.writeAtomic(join(this.dir, INDEX), JSON.stringify([...index.values()]));
    });
    await this.queue;
  }

  /** Resolves when every scheduled write has finished. */
  flush(): Promise<void> {
    return this.queue;
  }
}
