/**
 * The records the webview shows (transcript entries, reply parts, review cards, usage, models,
 * attachments), defined once: the TypeScript types are inferred from these schemas, and the same
 * schemas repair what arrives (a bad optional field or list entry is left out, see fields.ts).
 */
import * as v from 'valibot';
import { count, lenient, lenientList, list, orElse } from './fields';

/** Actions an error message can offer; each is a button in the webview. */
export const ErrorActionSchema = v.picklist(['setApiKey', 'retry', 'pickModel']);
export type ErrorAction = v.InferOutput<typeof ErrorActionSchema>;

/** Actions a finished reply can offer: Continue (cut off at the token limit), New chat (too long for the model), Revert changes, Try again (a quick fix whose problem is still reported). */
export const ReplyActionSchema = v.picklist(['continue', 'newChat', 'revert', 'tryAgain']);
export type ReplyAction = v.InferOutput<typeof ReplyActionSchema>;

/** Where a proposed edit stands. `pending` waits for Accept or Reject. */
export const EditStateSchema = v.picklist(['pending', 'applied', 'rejected', 'notApplied']);
export type EditState = v.InferOutput<typeof EditStateSchema>;

export const ReplyStatusSchema = v.picklist(['done', 'stopped', 'error', 'interrupted']);
export type ReplyStatus = v.InferOutput<typeof ReplyStatusSchema>;

/** One line of a proposed edit's diff: context (' '), added ('+') or removed ('-'). */
export const DiffLineSchema = v.object({ kind: v.picklist([' ', '+', '-']), text: v.string() });
export type DiffLine = v.InferOutput<typeof DiffLineSchema>;

/** A proposed edit (or, with command `view`, a read that waits for permission) as the review card shows it. */
export const EditCardViewSchema = v.object({
  /** The tool_use id. */
  id: v.string(),
  command: v.picklist(['str_replace', 'insert', 'create', 'view']),
  /** Relative to the workspace. */
  path: v.string(),
  added: count(),
  removed: count(),
  /** The changed lines with a little context, capped (the diff editor shows everything). */
  lines: list(DiffLineSchema),
  /** Lines left out of `lines`. */
  omitted: count(),
  state: EditStateSchema,
  /** Why it was not applied, or what happened. */
  note: lenient(v.string()),
});
export type EditCardView = v.InferOutput<typeof EditCardViewSchema>;

/** Where a command stands: waiting for Run or Skip, running, finished (with its exit code), or not run. */
export const CommandStateSchema = v.picklist(['pending', 'running', 'done', 'skipped', 'stopped', 'notRun']);
export type CommandState = v.InferOutput<typeof CommandStateSchema>;

/** A command Claude asked to run, as its card shows it (role group "Run command: <command>"). */
export const CommandCardViewSchema = v.object({
  /** The tool_use id. */
  id: v.string(),
  /** The command line as Claude wrote it; empty for a restart of the shell. */
  command: v.string(),
  /** A `restart: true` call: a fresh shell, nothing else runs. */
  restart: lenient(v.boolean()),
  state: CommandStateSchema,
  /** The end of the output so far (what the card shows; Claude gets the whole, cut to its limit). */
  output: orElse(v.string(), ''),
  /** The exit code once it finished (null: killed by a signal). */
  exitCode: lenient(v.nullable(count())),
  /** How long it ran. */
  elapsedMs: lenient(count()),
  /** Why it ran without asking (an allowed prefix), why it was not run, or that it timed out (translated: never read by code). */
  note: lenient(v.string()),
  /** It ran past the time limit and was killed (the card says "Timed out" from this, not from the note's words). */
  timedOut: lenient(v.boolean()),
  /** The command prefix the card offers to allow from now on (e.g. "npm test"), when there is one. */
  prefix: lenient(v.string()),
});
export type CommandCardView = v.InferOutput<typeof CommandCardViewSchema>;

/** A piece of a reply, in order: streamed text and thinking, tool activity, review cards. */
export const ReplyPartSchema = v.variant('kind', [
  v.object({ kind: v.literal('text'), text: v.string() }),
  v.object({ kind: v.literal('thinking'), text: v.string() }),
  v.object({ kind: v.literal('tool'), text: v.string(), isError: v.boolean() }),
  v.object({ kind: v.literal('edit'), card: EditCardViewSchema }),
  v.object({ kind: v.literal('command'), card: CommandCardViewSchema }),
  /** The conversation before this point was summarized (by the server, or by the extension); `text` is the summary. */
  v.object({ kind: v.literal('summary'), text: v.string(), freed: orElse(count(), 0) }),
]);
export type ReplyPart = v.InferOutput<typeof ReplyPartSchema>;

/** Token counts of a reply or a conversation, and their cost in dollars. */
export const UsageSummarySchema = v.object({
  input: count(),
  cacheRead: count(),
  cacheWrite: count(),
  output: count(),
  /** Undefined when the model's price is unknown. */
  cost: lenient(count()),
});
export type UsageSummary = v.InferOutput<typeof UsageSummarySchema>;

/** Whether Claude may use tools in this window, and why not. */
export const ToolsStatusSchema = v.object({ enabled: v.boolean(), reason: lenient(v.string()) });
export type ToolsStatus = v.InferOutput<typeof ToolsStatusSchema>;

/** What the webview shows of an attachment. */
export const AttachmentViewSchema = v.object({
  id: v.string(),
  kind: v.picklist(['selection', 'image', 'document']),
  label: v.string(),
  /** Images and documents: the estimate of their input tokens (an image: width × height / 750). */
  tokens: lenient(count()),
  thumbnail: lenient(v.pipe(v.string(), v.startsWith('data:image/'))),
});
export type AttachmentView = v.InferOutput<typeof AttachmentViewSchema>;

export const TranscriptEntrySchema = v.object({
  id: v.string(),
  role: v.picklist(['user', 'assistant']),
  text: v.string(),
  thinking: lenient(v.string()),
  /** Names of what was attached to a user message (`path:start-end`). */
  attachments: lenient(lenientList(v.string())),
  /** True for a message the extension wrote for the person (Continue): ArrowUp does not bring it back. */
  automatic: lenient(v.boolean()),
  /** Undefined while the reply streams. */
  status: lenient(ReplyStatusSchema),
  usage: lenient(UsageSummarySchema),
  /** An assistant reply's pieces in order (text, thinking, tools, edit cards). */
  parts: lenient(lenientList(ReplyPartSchema)),
  /** A lasting note on a finished reply (cut off, refused, too long, stopped at the step limit). */
  note: lenient(v.string()),
  actions: lenient(lenientList(ReplyActionSchema)),
  /** The model that wrote a reply, by its friendly name. */
  model: lenient(v.string()),
});
export type TranscriptEntry = v.InferOutput<typeof TranscriptEntrySchema>;

/** A message sent while a reply runs, waiting to go out when it ends. */
export const QueuedMessageSchema = v.object({ id: v.string(), text: v.string() });
export type QueuedMessage = v.InferOutput<typeof QueuedMessageSchema>;

export const ModelOptionSchema = v.object({
  id: v.string(),
  label: v.string(),
  /** Accepts "Start Claude's reply with…" (assistant prefill). */
  prefill: lenient(v.boolean()),
});
export type ModelOption = v.InferOutput<typeof ModelOptionSchema>;

export const ConversationUsageSchema = v.object({
  total: UsageSummarySchema,
  /** Prompt + output tokens of the last reply: what the next request starts from. */
  contextUsed: count(),
  contextLimit: count(),
  /** Tokens the latest compaction took out of the context (0: none yet). */
  freed: orElse(count(), 0),
});
export type ConversationUsage = v.InferOutput<typeof ConversationUsageSchema>;

export const ZERO_CONVERSATION_USAGE: ConversationUsage = { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1, freed: 0 };
