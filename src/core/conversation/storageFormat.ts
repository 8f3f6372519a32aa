/**
 * Reading saved and imported conversations. Version 2 stores replies as rounds (content blocks,
 * tool results, the cards shown); version 1 files (one content array per reply) open unchanged.
 * Whatever was in flight when a file was saved comes back settled: a streaming reply as
 * interrupted, a card waiting for review as not applied.
 */
import type { Attachment } from '../context/attachments';
import { isEditCardView, isRecord } from '../protocol/protocolGuards';
import type { ContentBlock, ToolResultBlock, Usage } from '../api/wire';
import { newConversationId, STORAGE_VERSION, titleFor, type AssistantTurn, type Conversation, type Round, type ToolView, type Turn, type TurnStatus } from './turns';

const STATUSES = new Set<string>(['streaming', 'done', 'stopped', 'error', 'interrupted']);
const ACTIONS = new Set<string>(['continue', 'newChat', 'tryAgain']);

function isContentBlock(value: unknown): value is ContentBlock {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'text':
      return typeof value.text === 'string';
    case 'thinking':
      return typeof value.thinking === 'string' && typeof value.signature === 'string';
    case 'redacted_thinking':
      return typeof value.data === 'string';
    case 'tool_use':
      return typeof value.id === 'string' && typeof value.name === 'string' && isRecord(value.input);
    default:
      return false;
  }
}

function isToolResult(value: unknown): value is ToolResultBlock {
  return (
    isRecord(value) &&
    value.type === 'tool_result' &&
    typeof value.tool_use_id === 'string' &&
    (typeof value.content === 'string' || (Array.isArray(value.content) && value.content.every((b) => isRecord(b) && b.type === 'text' && typeof b.text === 'string'))) &&
    (value.is_error === undefined || typeof value.is_error === 'boolean')
  );
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

function parseUsage(value: unknown): Usage | undefined {
  if (!isRecord(value) || !Number.isFinite(value.input_tokens) || !Number.isFinite(value.output_tokens)) return undefined;
  const optional = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    input_tokens: value.input_tokens as number,
    output_tokens: value.output_tokens as number,
    cache_creation_input_tokens: optional(value.cache_creation_input_tokens),
    cache_read_input_tokens: optional(value.cache_read_input_tokens),
  };
}

/** A card saved while it waited for review reopens as not applied: nothing was written. */
function settleView(view: ToolView): ToolView {
  if (view.kind !== 'edit' || view.card.state !== 'pending') return view;
  return { kind: 'edit', card: { ...view.card, state: 'notApplied', note: 'the chat closed before it was reviewed' } };
}

function parseToolView(value: unknown): ToolView | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'tool' && typeof value.text === 'string') return { kind: 'tool', text: value.text, isError: value.isError === true };
  if (value.kind === 'edit' && isEditCardView(value.card)) return settleView({ kind: 'edit', card: value.card });
  return undefined;
}

function parseRound(value: unknown): Round | undefined {
  if (!isRecord(value) || !Array.isArray(value.content) || !value.content.every(isContentBlock)) return undefined;
  const results = Array.isArray(value.results) ? value.results.filter(isToolResult) : [];
  const tools = Array.isArray(value.tools) ? value.tools.flatMap((v) => parseToolView(v) ?? []) : [];
  const usage = parseUsage(value.usage);
  return { content: value.content, ...(results.length ? { results } : {}), ...(tools.length ? { tools } : {}), ...(usage ? { usage } : {}) };
}

function parseAssistant(value: Record<string, unknown>, version: number): AssistantTurn | undefined {
  let rounds: Round[];
  if (version === 1) {
    if (!Array.isArray(value.content) || !value.content.every(isContentBlock)) return undefined;
    const usage = parseUsage(value.usage);
    rounds = [{ content: value.content, ...(usage ? { usage } : {}) }];
  } else {
    if (!Array.isArray(value.rounds)) return undefined;
    const parsed = value.rounds.map(parseRound);
    if (parsed.some((r) => !r)) return undefined;
    rounds = parsed as Round[];
  }
  const status = STATUSES.has(value.status as string) ? (value.status as TurnStatus) : 'done';
  const actions = Array.isArray(value.actions) ? value.actions.filter((a): a is 'continue' | 'newChat' | 'tryAgain' => ACTIONS.has(a as string)) : [];
  const changed = Array.isArray(value.changed) ? value.changed.filter((p): p is string => typeof p === 'string') : [];
  return {
    id: value.id as string,
    role: 'assistant',
    rounds,
    status: status === 'streaming' ? 'interrupted' : status,
    model: typeof value.model === 'string' ? value.model : '',
    ...(typeof value.note === 'string' && value.note ? { note: value.note } : {}),
    ...(actions.length ? { actions } : {}),
    ...(changed.length ? { changed } : {}),
    ...(value.reverted === true ? { reverted: true } : {}),
  };
}

function parseTurn(value: unknown, version: number): Turn | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  if (value.role === 'user' && typeof value.text === 'string') {
    const attachments = Array.isArray(value.attachments) ? value.attachments.filter(isAttachment) : [];
    const editor = isRecord(value.editor) && typeof value.editor.path === 'string' && typeof value.editor.language === 'string' ? { path: value.editor.path, language: value.editor.language } : undefined;
    return { id: value.id, role: 'user', text: value.text, ...(attachments.length ? { attachments } : {}), ...(editor ? { editor } : {}) };
  }
  if (value.role === 'assistant') return parseAssistant(value, version);
  return undefined;
}

/**
 * Parses a saved or exported conversation (version 1 or 2). Throws with a plain message when it is
 * not one.
 */
export function parseConversation(json: string): Conversation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('The file is not valid JSON.');
  }
  if (!isRecord(data) || (data.version !== 1 && data.version !== STORAGE_VERSION) || !Array.isArray(data.turns)) {
    throw new Error(`The file is not a Claude Chat conversation (expected version 1 or ${STORAGE_VERSION} with "turns").`);
  }
  const version = data.version;
  const turns: Turn[] = [];
  for (const [i, raw] of data.turns.entries()) {
    const turn = parseTurn(raw, version);
    if (!turn) throw new Error(`Turn ${i + 1} of the conversation is malformed.`);
    turns.push(turn);
  }
  const now = Date.now();
  return {
    version: STORAGE_VERSION,
    id: typeof data.id === 'string' && /^[\w-]{1,64}$/.test(data.id) ? data.id : newConversationId(now),
    title: typeof data.title === 'string' && data.title.trim() ? data.title : titleFor(turns),
    createdAt: typeof data.createdAt === 'number' ? data.createdAt : now,
    updatedAt: typeof data.updatedAt === 'number' ? data.updatedAt : now,
    turns,
  };
}
