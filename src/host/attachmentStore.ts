/**
 * Images and PDFs of saved conversations, one file per attachment named by its hash, written once.
 * Conversation files refer to them, so saving a conversation never re-encodes them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { messageOf } from '../core/api/errors';
import { storedAttachment } from '../core/context/attachments';
import type { Conversation, Turn } from '../core/conversation/turns';
import { exists, writeFileAtomic } from './atomicFile';
import { READ_RETRY, readTextIfExists, type ReadRetry } from './readTextIfExists';

export class AttachmentStore {
  /** The write of each hash, done or under way: saves of the same image share one write. */
  private readonly saved = new Map<string, Promise<void>>();

  constructor(
    readonly dir: string,
    private readonly retry: ReadRetry = READ_RETRY,
  ) {}

  private file(sha256: string): string {
    return join(this.dir, `${sha256}.b64`);
  }

  put(sha256: string, data: string): Promise<void> {
    let write = this.saved.get(sha256);
    if (!write) {
      write = this.writeOnce(sha256, data);
      this.saved.set(sha256, write);
      write.catch(() => this.saved.delete(sha256)); // a failed write is tried again by the next save
    }
    return write;
  }

  private async writeOnce(sha256: string, data: string): Promise<void> {
    const file = this.file(sha256);
    if (await exists(file)) return;
    await mkdir(this.dir, { recursive: true });
    await this.writeFile(file, data);
  }

  /** Another store on the same folder (another window) may write the same image at the same time: each uses its own temporary file. */
  protected writeFile(file: string, data: string): Promise<void> {
    return writeFileAtomic(file, data);
  }

  /** The image's data, or undefined when its file does not exist; a file that cannot be read throws. */
  get(sha256: string): Promise<string | undefined> {
    return readTextIfExists(this.file(sha256), this.retry);
  }

  /** The conversation as saved: image data goes to the store (once per image), the file keeps references. */
  async prepare(conversation: Conversation, images: Map<string, { data: string }>): Promise<Conversation> {
    for (const [sha256, { data }] of images) await this.put(sha256, data);
    const turns = conversation.turns.map((t): Turn => (t.role === 'user' && t.attachments ? { ...t, attachments: t.attachments.map(storedAttachment) } : t));
    return { ...conversation, turns };
  }

  /**
   * Puts image data back into a loaded conversation's attachments. An image whose file is gone is
   * left out; one that cannot be read fails the whole load, so that no save of a chat without it
   * replaces the one on disk.
   */
  async hydrate(conversation: Conversation): Promise<Conversation> {
    const turns: Turn[] = [];
    for (const turn of conversation.turns) {
      if (turn.role !== 'user' || !turn.attachments?.some((a) => a.kind !== 'selection' && !a.data)) {
        turns.push(turn);
        continue;
      }
      const attachments = [];
      for (const a of turn.attachments) {
        if (a.kind === 'selection' || a.data) attachments.push(a);
        else {
          const data = await this.get(a.sha256).catch((err: unknown) => {
            // Shown to the person (the chat's error, or Show Chat History's), so in their language.
            const message = l10n.t('the image {0} could not be read from {1} ({2}); nothing was changed, the chat is still saved with it', a.name, this.file(a.sha256), messageOf(err));
            throw new Error(message, { cause: err });
          });
          if (data) attachments.push({ ...a, data });
        }
      }
      turns.push({ ...turn, attachments });
    }
    return { ...conversation, turns };
  }
}
