/** A conversation as Markdown for people to read (Export Chat). */
import { attachmentLabel, selectionText } from '../context/attachments';
import { type Conversation } from './turns';

export function conversationToMarkdown(conversation: Conversation): string {
  const parts = [`# ${conversation.title}`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      parts.push('## You', '');
      for (const a of turn.attachments ?? []) parts.push(a.kind === 'selection' ? selectionText(a) : `[image: ${attachmentLabel(a)}]`, '');
      parts.push(turn.text, '');
      continue;
    }
    parts.push(`## Claude${turn.model ? ` (${turn.model})` : ''}`, '');
    for (const round of turn.rounds) {
      for (const block of round.content) {
        if (block.type === 'thinking' && block.thinking) parts.push('<details><summary>Thinking</summary>', '', block.thinking, '', '</details>', '');
        if (block.type === 'text' && block.text) parts.push(block.text, '');
      }
      for (const view of round.tools ?? []) {
        if (view.kind === 'tool') parts.push(`> ${view.text}`, '');
        else if (view.kind === 'edit') parts.push(`> Proposed edit: ${view.card.path} (+${view.card.added} −${view.card.removed}): ${view.card.state}${view.card.note ? ` (${view.card.note})` : ''}`, '');
        else parts.push(`> Command: \`${view.card.command || 'restart'}\`: ${view.card.state}${view.card.exitCode !== undefined ? `, exit code ${view.card.exitCode}` : ''}${view.card.note ? ` (${view.card.note})` : ''}`, '');
      }
    }
    if (turn.note) parts.push(`_${turn.note}_`, '');
    if (turn.status !== 'done') parts.push(`_(${turn.status})_`, '');
  }
  return parts.join('\n');
}
