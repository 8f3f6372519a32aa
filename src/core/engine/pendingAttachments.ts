/** Context waiting for the next message: selections and images the user added. */
import { attachmentView, type Attachment } from '../context/attachments';
import type { HostToWebview } from '../protocol/protocol';

export class PendingAttachments {
  private items: Attachment[] = [];

  constructor(private readonly post: (message: HostToWebview) => void) {}

  get list(): readonly Attachment[] {
    return this.items;
  }

  images(): number {
    return this.items.filter((a) => a.kind === 'image').length;
  }

  add(attachment: Attachment): void {
    this.items = [...this.items.filter((a) => a.id !== attachment.id), attachment];
    this.changed();
  }

  remove(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
    this.changed();
  }

  /** Hands the attachments to a message being sent. */
  take(): Attachment[] {
    const taken = this.items;
    if (taken.length) {
      this.items = [];
      this.changed();
    }
    return taken;
  }

  /** Puts a failed message's attachments back in front of any added since. */
  restore(attachments: readonly Attachment[]): void {
    if (!attachments.length) return;
    this.items = [...attachments, ...this.items.filter((a) => !attachments.some((f) => f.id === a.id))];
    this.changed();
  }

  private changed(): void {
    this.post({ type: 'attachments', items: this.items.map(attachmentView) });
  }
}
