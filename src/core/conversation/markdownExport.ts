/** A conversation as Markdown for people to read (Export Chat), in the display language. */
import * as l10n from '@vscode/l10n';
import { attachmentLabel, selectionText } from '../context/attachments';
import type { CommandState, EditState } from '../protocol/views';
import { type Conversation, type TurnStatus } from './turns';

/** A card's state as a word. */
function editStateWord(state: EditState): string {
  switch (state) {
    case 'pending':
      return l10n.t({ message: 'pending', comment: ['A proposed edit in an exported chat: still waiting for review'] });
    case 'applied':
      return l10n.t({ message: 'applied', comment: ['A proposed edit in an exported chat: written to the file'] });
    case 'rejected':
      return l10n.t({ message: 'rejected', comment: ['A proposed edit in an exported chat: the person rejected it'] });
    case 'notApplied':
      return l10n.t({ message: 'notApplied', comment: ['A proposed edit in an exported chat: it could not be written (translate as "not applied")'] });
  }
}

function commandStateWord(state: CommandState): string {
  switch (state) {
    case 'pending':
      return l10n.t({ message: 'pending', comment: ['A command in an exported chat: still waiting for Run or Skip'] });
    case 'running':
      return l10n.t({ message: 'running', comment: ['A command in an exported chat: still running'] });
    case 'done':
      return l10n.t({ message: 'done', comment: ['A command in an exported chat: it finished'] });
    case 'skipped':
      return l10n.t({ message: 'skipped', comment: ['A command in an exported chat: the person chose Skip'] });
    case 'stopped':
      return l10n.t({ message: 'stopped', comment: ['A command in an exported chat: Stop ended it'] });
    case 'notRun':
      return l10n.t({ message: 'notRun', comment: ['A command in an exported chat: it never ran (translate as "not run")'] });
  }
}

function statusWord(status: TurnStatus): string {
  switch (status) {
    case 'streaming':
    case 'interrupted':
      return l10n.t({ message: 'interrupted', comment: ['A reply in an exported chat: it did not finish'] });
    case 'stopped':
      return l10n.t({ message: 'stopped', comment: ['A reply in an exported chat: the person pressed Stop'] });
    case 'error':
      return l10n.t({ message: 'error', comment: ['A reply in an exported chat: it failed'] });
    case 'done':
      return l10n.t({ message: 'done', comment: ['A reply in an exported chat: it finished'] });
  }
}

/** `text`, then `(note)` when there is one. */
const withNote = (text: string, note: string | undefined) =>
  note ? l10n.t({ message: '{0} ({1})', args: [text, note], comment: ['An outcome in an exported chat, then its note in parentheses'] }) : text;

export function conversationToMarkdown(conversation: Conversation): string {
  const parts = [`# ${conversation.title}`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      parts.push(`## ${l10n.t('You')}`, '');
      for (const a of turn.attachments ?? []) parts.push(a.kind === 'selection' ? selectionText(a) : a.kind === 'document' ? `[${l10n.t('PDF: {0}', attachmentLabel(a))}]` : `[${l10n.t('image: {0}', attachmentLabel(a))}]`, '');
      parts.push(turn.text, '');
      continue;
    }
    parts.push(`## ${turn.model ? l10n.t('Claude ({0})', turn.model) : l10n.t('Claude')}`, '');
    for (const round of turn.rounds) {
      for (const block of round.content) {
        if (block.type === 'thinking' && block.thinking) parts.push(`<details><summary>${l10n.t('Thinking')}</summary>`, '', block.thinking, '', '</details>', '');
        if (block.type === 'text' && block.text) parts.push(block.text, '');
      }
      for (const view of round.tools ?? []) {
        if (view.kind === 'tool') parts.push(`> ${view.text}`, '');
        else if (view.kind === 'edit') {
          const { path, added, removed, state, note } = view.card;
          parts.push(`> ${withNote(l10n.t('Proposed edit: {0} (+{1} −{2}): {3}', path, added, removed, editStateWord(state)), note)}`, '');
        } else {
          const { command, state, exitCode, note } = view.card;
          const shown = `\`${command || 'restart'}\``;
          const outcome = exitCode !== undefined ? l10n.t('Command: {0}: {1}, exit code {2}', shown, commandStateWord(state), String(exitCode)) : l10n.t('Command: {0}: {1}', shown, commandStateWord(state));
          parts.push(`> ${withNote(outcome, note)}`, '');
        }
      }
    }
    if (turn.note) parts.push(`_${turn.note}_`, '');
    if (turn.status !== 'done') parts.push(`_(${statusWord(turn.status)})_`, '');
  }
  return parts.join('\n');
}
