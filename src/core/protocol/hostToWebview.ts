/**
 * Messages the host sends to the webview, one schema each. Replies arrive as deltas, never as
 * whole snapshots. The webview reads every message through `readHostMessage`, which repairs what
 * it can (a bad optional field or list entry is left out, see fields.ts) and refuses a message
 * whose required fields are wrong.
 */
import * as v from 'valibot';
import { count, lenient, lenientList, orElse } from './fields';
import {
  AttachmentViewSchema,
  CommandCardViewSchema,
  CommandStateSchema,
  ConversationUsageSchema,
  EditCardViewSchema,
  EditStateSchema,
  ErrorActionSchema,
  ModelOptionSchema,
  QueuedMessageSchema,
  ReplyActionSchema,
  ReplyStatusSchema,
  ToolsStatusSchema,
  TranscriptEntrySchema,
  UsageSummarySchema,
  ZERO_CONVERSATION_USAGE,
} from './views';

const bare = <T extends string>(type: T) => v.object({ type: v.literal(type) });
const message = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) => v.object({ type: v.literal(type), ...entries });
const strings = () => orElse(lenientList(v.string()), []);

export const HostToWebviewSchema = v.variant('type', [
  message('init', {
    hasKey: v.boolean(),
    model: v.string(),
    models: orElse(lenientList(ModelOptionSchema), []),
    transcript: orElse(lenientList(TranscriptEntrySchema), []),
    usage: orElse(ConversationUsageSchema, ZERO_CONVERSATION_USAGE),
    /** Workspace instruction files in the system prompt (CLAUDE.md, AGENTS.md). */
    instructionFiles: strings(),
    /** Attachments waiting for the next message. */
    attachments: orElse(lenientList(AttachmentViewSchema), []),
    tools: orElse(ToolsStatusSchema, { enabled: false }),
    /** Messages waiting for the reply in progress to end. */
    queue: orElse(lenientList(QueuedMessageSchema), []),
  }),
  /** The queued messages changed (the whole list: it is short). */
  message('queue', { items: orElse(lenientList(QueuedMessageSchema), []) }),
  message('toolsStatus', { status: ToolsStatusSchema }),
  /** A line of tool activity in a reply ("Read src/a.ts", or a refusal). */
  message('toolNote', { id: v.string(), text: v.string(), isError: v.boolean() }),
  /** A review card in a reply. */
  message('editCard', { id: v.string(), card: EditCardViewSchema }),
  /** A card's decision or outcome. */
  message('editState', { cardId: v.string(), state: EditStateSchema, note: lenient(v.string()) }),
  /** A command card in a reply (new, or its whole state again). */
  message('commandCard', { id: v.string(), card: CommandCardViewSchema }),
  /** More output of a running command, to append (the card keeps its last lines). */
  message('commandOutput', { cardId: v.string(), text: v.string() }),
  /** A command's decision or outcome. */
  message('commandState', { cardId: v.string(), state: CommandStateSchema, exitCode: lenient(v.nullable(count())), elapsedMs: lenient(count()), note: lenient(v.string()), timedOut: lenient(v.boolean()) }),
  /** The actions of a finished reply changed (Revert changes done). */
  message('replyActions', { id: v.string(), actions: orElse(lenientList(ReplyActionSchema), []), note: lenient(v.string()) }),
  message('attachments', { items: orElse(lenientList(AttachmentViewSchema), []) }),
  /** A file picked with "Attach image", for the webview to size and encode. */
  message('imageFile', { name: v.string(), mediaType: v.string(), data: v.string(), url: v.optional(v.string()) }),
  message('instructions', { files: strings() }),
  /** Settings this workspace sets that are not used (empty: none); `userOnly` are those read from user settings only, in any workspace, the rest wait for trust (Restricted Mode). */
  message('ignoredSettings', { keys: strings(), userOnly: strings() }),
  message('keyStatus', { hasKey: v.boolean() }),
  message('models', { models: orElse(lenientList(ModelOptionSchema), []), selected: v.string() }),
  message('userMessage', { id: v.string(), text: v.string(), attachments: lenient(lenientList(v.string())), automatic: lenient(v.boolean()) }),
  message('replyStart', { id: v.string(), model: v.string() }),
  message('replyDelta', { id: v.string(), text: v.string() }),
  message('thinkingDelta', { id: v.string(), text: v.string() }),
  /** An automatic retry starts the current request's part of the reply over (text and thinking after the last tool part). */
  message('replyReset', { id: v.string() }),
  /** A transient note on a reply (a retry countdown); empty text clears it. */
  message('replyStatus', { id: v.string(), text: v.string() }),
  message('replyEnd', {
    id: v.string(),
    status: ReplyStatusSchema,
    usage: lenient(UsageSummarySchema),
    note: lenient(v.string()),
    actions: lenient(lenientList(ReplyActionSchema)),
  }),
  message('usage', { usage: ConversationUsageSchema }),
  /** The conversation was summarized after what reply `id` shows so far: a collapsed "Earlier conversation summarized" part there. */
  /** `streamed`: the server's compaction at the start of the request streaming now (an automatic retry of it takes the part back). */
  message('summary', { id: v.string(), text: v.string(), freed: orElse(count(), 0), streamed: lenient(v.boolean()) }),
  /** Compact now is running (the button waits) or has ended. */
  message('compacting', { active: v.boolean() }),
  message('removeMessage', { id: v.string() }),
  /** A failure. With `replyId`, it belongs to that reply and shows there. */
  message('error', { message: v.string(), actions: orElse(lenientList(ErrorActionSchema), []), replyId: lenient(v.string()) }),
  /** Put keyboard focus in the message box (after Add Selection to Chat or Explain Selection). */
  bare('focusComposer'),
  /** Text back to the message box: before what is there (a send that failed), or after it with `append` (queued messages). */
  message('restoreComposer', { text: v.string(), append: lenient(v.boolean()) }),
  bare('cleared'),
]);
export type HostToWebview = v.InferOutput<typeof HostToWebviewSchema>;

/** The message as the webview can use it, or undefined when its required fields are wrong. */
export function readHostMessage(value: unknown): HostToWebview | undefined {
  const parsed = v.safeParse(HostToWebviewSchema, value);
  return parsed.success ? parsed.output : undefined;
}
