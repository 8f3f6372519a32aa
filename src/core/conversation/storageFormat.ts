/**
 * Reading saved and imported conversations (the schemas are in storedConversation.ts). Version 2
 * stores replies as rounds (content blocks, tool results, the cards shown); version 1 files (one
 * content array per reply) open unchanged. Whatever was in flight when a file was saved comes back
 * settled: a streaming reply as interrupted, a card waiting for review as not applied.
 */
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import { CONVERSATION_ID, LegacyTurnSchema, STORAGE_VERSION, TurnSchema } from './storedConversation';
import { newConversationId, titleFor, type Conversation, type Turn } from './turns';
import { formatNumber } from '../l10n/format';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a saved or exported conversation (version 1 or 2). Throws with a plain message when it is
 * not one.
 */
export function parseConversation(json: string): Conversation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(l10n.t('The file is not valid JSON.'));
  }
  if (!isObject(data) || (data.version !== 1 && data.version !== STORAGE_VERSION) || !Array.isArray(data.turns)) {
    throw new Error(l10n.t('The file is not a Claude Chat conversation (expected version 1 or {0} with "turns").', STORAGE_VERSION));
  }
  const schema = data.version === 1 ? LegacyTurnSchema : TurnSchema;
  const turns: Turn[] = [];
  for (const [i, raw] of data.turns.entries()) {
    const parsed = v.safeParse(schema, raw);
    if (!parsed.success) throw new Error(l10n.t('Turn {0} of the conversation is malformed.', formatNumber(i + 1)));
    turns.push(parsed.output);
  }
  const now = Date.now();
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : now);
  return {
    version: STORAGE_VERSION,
    id: typeof data.id === 'string' && CONVERSATION_ID.test(data.id) ? data.id : newConversationId(now),
    title: typeof data.title === 'string' && data.title.trim() ? data.title : titleFor(turns), // not localized: code
    createdAt: number(data.createdAt),
    updatedAt: number(data.updatedAt),
    turns,
    ...(Array.isArray(data.queued) && data.queued.length && data.queued.every((q) => typeof q === 'string') ? { queued: data.queued as string[] } : {}),
  };
}
