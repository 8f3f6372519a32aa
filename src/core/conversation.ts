/**
 * The conversation as stored and sent: user turns as text, assistant turns as the API's content
 * blocks, kept exactly as they arrived (thinking blocks go back unchanged).
 */
import { attachmentLabel, selectionText, type Attachment } from './attachments';
import type { ContentBlock, Usage } from './wire';

/** `streaming` only ever appears in a saved file when the window closed mid-reply; loading turns it into `interrupted`. */
export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface UserTurn {
  readonly id: string;
  readonly role: 'user';
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  /** The editor that was active when the message was sent (volatile context: it lives in the turn, not the system prompt). */
  readonly editor?: EditorContext;
}

export interface EditorContext {
  readonly path: string;
  readonly language: string;
}

export interface AssistantTurn {
  readonly id: string;
  readonly role: 'assistant';
  readonly content: readonly ContentBlock[];
  readonly status: TurnStatus;
  readonly model: string;
  readonly usage?: Usage;
}

export type Turn = UserTurn | AssistantTurn;

export interface Conversation {
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly turns: readonly Turn[];
}

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly turns: number;
}

export function newConversationId(now = Date.now()): string {
  return `c${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A title from the first user message: its first line, at most 60 characters. */
export function titleFor(turns: readonly Turn[]): string {
  const first = turns.find((t): t is UserTurn => t.role === 'user');
  const line = first?.text.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return 'New chat';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function textOf(content: readonly ContentBlock[]): string {
  let out = '';
  for (const block of content) if (block.type === 'text') out += block.text;
  return out;
}

export function thinkingOf(content: readonly ContentBlock[]): string {
  let out = '';
  for (const block of content) if (block.type === 'thinking') out += block.thinking;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BLOCK_TYPES = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);
const STATUSES = new Set<string>(['streaming', 'done', 'stopped', 'error', 'interrupted']);

function isContentBlock(value: unknown): value is ContentBlock {
  if (!isRecord(value) || !BLOCK_TYPES.has(value.type as string)) return false;
  switch (value.type) {
    case 'text':
      return typeof value.text === 'string';
    case 'thinking':
      return typeof value.thinking === 'string' && typeof value.signature === 'string';
    case 'redacted_thinking':
      return typeof value.data === 'string';
    default:
      return typeof value.id === 'string' && typeof value.name === 'string';
  }
}

function isAttachment(value: unknown): value is Attachment {
  if (isRecord(value) && value.kind === 'image') {
    return (
      typeof value.id === 'string' &&
      typeof value.name === 'string' &&
      typeof value.mediaType === 'string' &&
      typeof value.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(value.sha256) &&
      Number.isInteger(value.width) &&
      Number.isInteger(value.height)
    );
  }
  return (
    isRecord(value) &&
    value.kind === 'selection' &&
    typeof value.id === 'string' &&
    typeof value.path === 'string' &&
    typeof value.language === 'string' &&
    typeof value.code === 'string' &&
    Number.isInteger(value.startLine) &&
    Number.isInteger(value.endLine)
  );
}

function parseTurn(value: unknown): Turn | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  if (value.role === 'user' && typeof value.text === 'string') {
    const attachments = Array.isArray(value.attachments) ? value.attachments.filter(isAttachment) : [];
    const editor = isRecord(value.editor) && typeof value.editor.path === 'string' && typeof value.editor.language === 'string' ? { path: value.editor.path, language: value.editor.language } : undefined;
    return { id: value.id, role: 'user', text: value.text, ...(attachments.length ? { attachments } : {}), ...(editor ? { editor } : {}) };
  }
  if (value.role === 'assistant' && Array.isArray(value.content) && value.content.every(isContentBlock)) {
    const status = STATUSES.has(value.status as string) ? (value.status as TurnStatus) : 'done';
    const usage = isRecord(value.usage) && typeof value.usage.input_tokens === 'number' ? (value.usage as unknown as Usage) : undefined;
    return {
      id: value.id,
      role: 'assistant',
      content: value.content,
      status: status === 'streaming' ? 'interrupted' : status,
      model: typeof value.model === 'string' ? value.model : '',
      ...(usage ? { usage } : {}),
    };
  }
  return undefined;
}

/**
 * Parses a saved or exported conversation. Throws with a plain message when it is not one.
 * A reply that was still streaming when it was saved comes back as `interrupted`.
 */
export function parseConversation(json: string): Conversation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('The file is not valid JSON.');
  }
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.turns)) {
    throw new Error('The file is not a Claude Chat conversation (expected version 1 with "turns").');
  }
  const turns: Turn[] = [];
  for (const [i, raw] of data.turns.entries()) {
    const turn = parseTurn(raw);
    if (!turn) throw new Error(`Turn ${i + 1} of the conversation is malformed.`);
    turns.push(turn);
  }
  const now = Date.now();
  return {
    version: 1,
    id: typeof data.id === 'string' && /^[\w-]{1,64}$/.test(data.id) ? data.id : newConversationId(now),
    title: typeof data.title === 'string' && data.title.trim() ? data.title : titleFor(turns),
    createdAt: typeof data.createdAt === 'number' ? data.createdAt : now,
    updatedAt: typeof data.updatedAt === 'number' ? data.updatedAt : now,
    turns,
  };
}

/** Markdown for people to read (export). */
export function conversationToMarkdown(conversation: Conversation): string {
  const parts = [`# ${conversation.title}`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      parts.push('## You', '');
      for (const a of turn.attachments ?? []) parts.push(a.kind === 'selection' ? selectionText(a) : `[image: ${attachmentLabel(a)}]`, '');
      parts.push(turn.text, '');
    }
    else {
      parts.push(`## Claude${turn.model ? ` (${turn.model})` : ''}`, '');
      const thinking = thinkingOf(turn.content);
      if (thinking) parts.push('<details><summary>Thinking</summary>', '', thinking, '', '</details>', '');
      parts.push(textOf(turn.content), '');
      if (turn.status !== 'done') parts.push(`_(${turn.status})_`, '');
    }
  }
  return parts.join('\n');
}
