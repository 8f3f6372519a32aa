/**
 * The conversation as stored, defined once: these schemas give the types (turns.ts re-exports
 * them), check saved and imported files, and settle what was in flight when a file was saved.
 * Content blocks and tool results are checked but kept exactly as they arrived (same keys, same
 * order), so a reopened chat is sent back byte for byte and keeps its prompt cache.
 */
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import type { ContentBlock, ToolResultBlock, Usage } from '../api/wire';
import { count, lenient, lenientList, list, orElse } from '../protocol/fields';
import { CommandCardViewSchema, EditCardViewSchema, ReplyActionSchema, type ReplyAction } from '../protocol/views';

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Valid when `shape` accepts it; the value itself is kept, untouched. */
const asIs = <T>(shape: v.GenericSchema) => v.custom<T>((value) => v.is(shape, value));
const int = () => v.pipe(v.number(), v.integer());

export const ContentBlockSchema = asIs<ContentBlock>(
  v.variant('type', [
    v.object({ type: v.literal('text'), text: v.string() }),
    v.object({ type: v.literal('thinking'), thinking: v.string(), signature: v.string() }),
    v.object({ type: v.literal('redacted_thinking'), data: v.string() }),
    v.object({ type: v.literal('tool_use'), id: v.string(), name: v.string(), input: v.custom<Record<string, unknown>>(isObject) }),
    v.object({ type: v.literal('compaction'), content: v.nullable(v.string()), encrypted_content: v.optional(v.nullable(v.string())) }),
  ]),
);

export const ToolResultSchema = asIs<ToolResultBlock>(
  v.object({
    type: v.literal('tool_result'),
    tool_use_id: v.string(),
    content: v.union([v.string(), v.array(v.object({ type: v.literal('text'), text: v.string() }))]),
    is_error: v.optional(v.boolean()),
  }),
);

/** Token counts of one request; a missing cache count is 0. */
export const StoredUsageSchema = v.pipe(v.object({
  input_tokens: count(),
  output_tokens: count(),
  cache_creation_input_tokens: orElse(count(), 0),
  cache_read_input_tokens: orElse(count(), 0),
}), v.transform((usage): Usage => usage));

export const SelectionAttachmentSchema = v.object({
  kind: v.literal('selection'),
  id: v.string(),
  /** Workspace-relative path, with forward slashes. */
  path: v.string(),
  /** 1-based, inclusive. */
  startLine: int(),
  endLine: int(),
  /** VS Code language id, used as the fence's tag. */
  language: v.string(),
  code: v.string(),
});

/** An image or document uploaded through the Files API: its id, valid at the endpoint it was uploaded to. */
export const UploadSchema = v.object({
  fileId: v.pipe(v.string(), v.regex(/^[\w-]{1,200}$/)),
  /** The base URL of the API it was uploaded to (another endpoint does not know the id). */
  endpoint: v.pipe(v.string(), v.maxLength(2000)),
});

const HttpsUrlSchema = v.pipe(v.string(), v.maxLength(4000), v.regex(/^https:\/\/[^\s]+$/));

export const ImageAttachmentSchema = v.object({
  kind: v.literal('image'),
  id: v.string(),
  name: v.string(),
  mediaType: v.string(),
  width: int(),
  height: int(),
  /** Content hash: the image is stored once under it, apart from the conversation file. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** Base64 data; left out of saved conversations (the image store holds it). */
  data: lenient(v.string()),
  /** A small data: URL for the view; never saved or sent. */
  thumbnail: lenient(v.string()),
  /** The https address the image came from (dragged from a web page, pasted): sent as a `url` source where the endpoint takes them. */
  url: lenient(HttpsUrlSchema),
  /** The endpoint could not fetch `url`: the image goes as data from then on (the bytes of earlier requests stay the same). */
  urlRefused: lenient(v.literal(true)),
  /** Where the image was uploaded (Files API): later requests refer to it by id. */
  upload: lenient(UploadSchema),
});

/** A PDF, sent as a `document` block; its data lives in the same store as images. */
export const DocumentAttachmentSchema = v.object({
  kind: v.literal('document'),
  id: v.string(),
  name: v.string(),
  mediaType: v.literal('application/pdf'),
  pages: int(),
  /** Size of the file in bytes. */
  bytes: int(),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** Base64 data; left out of saved conversations (the store holds it). */
  data: lenient(v.string()),
  upload: lenient(UploadSchema),
});

export const AttachmentSchema = v.variant('kind', [SelectionAttachmentSchema, ImageAttachmentSchema, DocumentAttachmentSchema]);

/** The editor that was active when the message was sent (volatile context: it lives in the turn, not the system prompt). */
export const EditorContextSchema = v.object({ path: v.string(), language: v.string() });

/** Optional fields that came out undefined or as an empty list are left out, as the engine writes them. */
const compact =
  (...optional: string[]) =>
  <T extends Record<string, unknown>>(record: T): T => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (optional.includes(key) && (value === undefined || (Array.isArray(value) && value.length === 0))) continue;
      out[key] = value;
    }
    return out as T;
  };

export const UserTurnSchema = v.pipe(
  v.object({
    id: v.string(),
    role: v.literal('user'),
    text: v.string(),
    attachments: lenient(lenientList(AttachmentSchema)),
    editor: lenient(EditorContextSchema),
  }),
  v.transform(compact('attachments', 'editor')),
);

/** What the chat showed for one tool_use: a line of activity, or a review card (one saved while it waited reopens as not applied: nothing was written). */
export const ToolViewSchema = v.variant('kind', [
  v.object({ kind: v.literal('tool'), text: v.string(), isError: orElse(v.boolean(), false) }),
  v.pipe(
    v.object({ kind: v.literal('edit'), card: EditCardViewSchema }),
    v.transform((view) => (view.card.state !== 'pending' ? view : { ...view, card: { ...view.card, state: 'notApplied' as const, note: l10n.t('the chat closed before it was reviewed') } })),
  ),
  // A command saved while it waited or ran reopens as not run: its process did not outlive the window.
  v.pipe(
    v.object({ kind: v.literal('command'), card: CommandCardViewSchema }),
    v.transform((view) => (view.card.state !== 'pending' && view.card.state !== 'running' ? view : { ...view, card: { ...view.card, state: 'notRun' as const, note: l10n.t('the chat closed before it finished') } })),
  ),
]);

/** Where the messages a summary did not replace begin: a user turn, or a round of a reply. */
export const KeepFromSchema = v.object({ turn: v.string(), round: orElse(count(), 0) });

/**
 * The extension's own summary of the conversation up to this round (for endpoints without
 * server-side compaction): later requests send it, then the messages from `keepFrom` on. The
 * turns themselves stay whole (export, history and Revert see everything).
 */
export const ClientSummarySchema = v.object({
  text: v.pipe(v.string(), v.nonEmpty()),
  keepFrom: KeepFromSchema,
  /** Estimated tokens the next request no longer carries. */
  freed: orElse(count(), 0),
  /** What the summary request cost. */
  usage: lenient(StoredUsageSchema),
});

/** One request of a reply: the assistant's blocks and, when it used tools, their results. */
export const RoundSchema = v.pipe(
  v.object({
    /** Blocks as they arrived. A thinking block cut off before its end has an empty signature and is never sent back. */
    content: list(ContentBlockSchema),
    results: lenient(lenientList(ToolResultSchema)),
    tools: lenient(lenientList(ToolViewSchema)),
    usage: lenient(StoredUsageSchema),
    /** The conversation was summarized after this round. */
    summary: lenient(ClientSummarySchema),
    /** Estimated tokens a server-side compaction in this round freed. */
    freed: lenient(count()),
    /** What that compaction cost (the API reports it apart from the request's usage). */
    compactionUsage: lenient(StoredUsageSchema),
  }),
  v.transform(compact('results', 'tools', 'usage', 'summary', 'freed', 'compactionUsage')),
);

/** `streaming` only ever appears in a saved file when the window closed mid-reply: it reopens as `interrupted`. */
export const TurnStatusSchema = v.picklist(['streaming', 'done', 'stopped', 'error', 'interrupted']);
export type TurnStatus = v.InferOutput<typeof TurnStatusSchema>;

const compactReply = compact('note', 'actions', 'changed', 'reverted');
const assistantFields = {
  id: v.string(),
  role: v.literal('assistant'),
  status: v.pipe(
    orElse(TurnStatusSchema, 'done'),
    v.transform((status): TurnStatus => (status === 'streaming' ? 'interrupted' : status)),
  ),
  model: orElse(v.string(), ''),
  /** A lasting note: cut off, refused, too long for the model, stopped at the step limit, reverted. */
  note: lenient(v.pipe(v.string(), v.nonEmpty())),
  /** Continue / New chat / Try again offers (Revert changes is derived from `changed`). */
  actions: lenient(v.pipe(lenientList(ReplyActionSchema), v.transform((actions): ReplyAction[] => actions.filter((a) => a !== 'revert')))),
  /** Files the reply changed (relative paths), for Revert changes. */
  changed: lenient(lenientList(v.string())),
  reverted: lenient(v.literal(true)),
};

/** A reply: one or more rounds. */
export const AssistantTurnSchema = v.pipe(v.object({ ...assistantFields, rounds: list(RoundSchema) }), v.transform(compactReply));

/** Version 1 kept one content array per reply: it becomes one round. */
const LegacyAssistantTurnSchema = v.pipe(
  v.object({ ...assistantFields, content: list(ContentBlockSchema), usage: lenient(StoredUsageSchema) }),
  v.transform(({ content, usage, ...turn }): v.InferOutput<typeof AssistantTurnSchema> => compactReply({ ...turn, rounds: [usage ? { content, usage } : { content }] })),
);

export const TurnSchema = v.variant('role', [UserTurnSchema, AssistantTurnSchema]);
export const LegacyTurnSchema = v.variant('role', [UserTurnSchema, LegacyAssistantTurnSchema]);

export const STORAGE_VERSION = 2;

/** A conversation's id: also its file name. */
export const CONVERSATION_ID = /^[\w-]{1,64}$/;

/** One entry of the store's index (a cache of the conversation files, for Show Chat History). */
export const ConversationSummarySchema = v.object({
  id: v.pipe(v.string(), v.regex(CONVERSATION_ID)),
  title: v.string(),
  updatedAt: count(),
  turns: orElse(v.pipe(v.number(), v.integer()), 0),
});

export const ConversationSchema = v.object({
  version: v.literal(STORAGE_VERSION),
  id: v.string(),
  title: v.string(),
  createdAt: count(),
  updatedAt: count(),
  turns: list(TurnSchema),
  /** Messages that waited for the reply in progress when it was saved: they go back to the message box when the chat opens. */
  queued: v.optional(list(v.string())),
});
