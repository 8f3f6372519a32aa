/**
 * Messages the person sent while a reply runs. They wait at the end of the conversation and go out
 * as one turn when the reply ends normally; anything else (a failure, Stop, a reply that needs a
 * decision, a new chat, a reload) gives their text back to the message box, so nothing typed is
 * lost and nothing is sent behind the person's back.
 */
import type { AssistantTurn } from '../conversation/turns';
import type { HostToWebview, QueuedMessage } from '../protocol/protocol';

/** Queued messages are joined into one turn, and into the box, with a blank line between them. */
export const QUEUE_SEPARATOR = '\n\n';

/** A reply after which queued messages may go: it ended by itself and asks nothing of the person (no Continue, refusal or step-limit note). */
export function endedNormally(turn: AssistantTurn | undefined): boolean {
  return turn?.status === 'done' && !turn.note && !turn.actions?.length;
}

export class MessageQueue {
  private items: QueuedMessage[] = [];

  /** `save`: called after each change of the list. */
  constructor(
    private readonly post: (message: HostToWebview) => void,
    private readonly newId: () => string,
    private readonly save: () => void = () => undefined,
  ) {}

  get list(): readonly QueuedMessage[] {
    return this.items;
  }

  add(text: string): void {
    this.items = [...this.items, { id: this.newId(), text }];
    this.changed();
  }

  /** Remove: the message is dropped (the person asked for it). */
  remove(id: string): void {
    if (!this.items.some((m) => m.id === id)) return;
    this.items = this.items.filter((m) => m.id !== id);
    this.changed();
  }

  /** Edit: the message leaves the queue and its text goes to the message box. */
  edit(id: string): void {
    const item = this.items.find((m) => m.id === id);
    if (!item) return;
    this.remove(id);
    this.post({ type: 'restoreComposer', text: item.text, append: true });
  }

  /** Empties the queue; the texts joined as one message, or undefined when it was empty. */
  take(): string | undefined {
    if (!this.items.length) return undefined;
    const text = this.items.map((m) => m.text).join(QUEUE_SEPARATOR);
    this.items = [];
    this.changed();
    return text;
  }

  /** Puts every queued text back in the message box, after what is there. */
  giveBack(): void {
    const text = this.take();
    if (text !== undefined) this.post({ type: 'restoreComposer', text, append: true });
  }

  private changed(): void {
    this.post({ type: 'queue', items: [...this.items] });
    this.save();
  }
}
