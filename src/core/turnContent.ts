/** How turns are shown and stored: attachment names, and a prefilled reply start joined to its continuation. */
import { attachmentView } from './attachments';
import type { UserTurn } from './conversation';
import type { ContentBlock } from './wire';

/** The names of a user turn's attachments, as the view lists them. */
export function labels(turn: UserTurn): { attachments?: string[] } {
  return turn.attachments?.length ? { attachments: turn.attachments.map((a) => attachmentView(a).label) } : {};
}

/** The reply as stored: the prefilled start joined to the first text block that continued it. */
export function withPrefill(content: readonly ContentBlock[], prefill: string | undefined): ContentBlock[] {
  if (!prefill) return [...content];
  const first = content.findIndex((b) => b.type === 'text');
  if (first < 0) return [{ type: 'text', text: prefill }, ...content];
  return content.map((b, i) => (i === first && b.type === 'text' ? { ...b, text: prefill + b.text } : b));
}
