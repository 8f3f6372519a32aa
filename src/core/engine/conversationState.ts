/** The conversation the engine holds: its id, its turns, and what is derived from them alone. */
import { toApiMessages, withoutThinking } from '../conversation/history';
import { imagesOf, newConversationId, STORAGE_VERSION, titleFor, type AssistantTurn, type Conversation, type Turn } from '../conversation/turns';
import type { MessageParam } from '../api/wire';

export class ConversationState {
  id = newConversationId();
  createdAt = Date.now();
  turns: Turn[] = [];

  /** Starts a new, empty conversation. */
  reset(): void {
    this.id = newConversationId();
    this.createdAt = Date.now();
    this.turns = [];
  }

  load(conversation: Conversation): void {
    this.id = conversation.id;
    this.createdAt = conversation.createdAt;
    this.turns = [...conversation.turns];
  }

  /** The conversation as stored; `inProgress` is a reply still being produced, `queued` the messages waiting for it. */
  toConversation(inProgress?: AssistantTurn, queued: readonly string[] = []): Conversation {
    const turns = inProgress ? [...this.turns, inProgress] : [...this.turns];
    return { version: STORAGE_VERSION, id: this.id, title: titleFor(turns), createdAt: this.createdAt, updatedAt: Date.now(), turns, ...(queued.length ? { queued } : {}) };
  }

  /** The stored turns as API messages (without `leaveOut`: a reply being regenerated). */
  history(leaveOut: readonly Turn[] = []): MessageParam[] {
    return toApiMessages(leaveOut.length ? this.turns.filter((t) => !leaveOut.includes(t)) : this.turns);
  }

  /** Drops every thinking block (the API refused one); false when there were none. */
  healThinking(): boolean {
    const healed = withoutThinking(this.turns);
    if (healed) this.turns = healed;
    return healed !== undefined;
  }

  /** Replaces the turn with the same id; returns its index (-1 when absent). */
  replace(turn: Turn): number {
    const index = this.turns.findIndex((t) => t.id === turn.id);
    if (index >= 0) this.turns[index] = turn;
    return index;
  }

  isLast(turn: Turn): boolean {
    return this.turns.at(-1)?.id === turn.id;
  }

  images(): Map<string, { data: string; mediaType: string }> {
    return imagesOf(this.turns);
  }
}
