/**
 * The parts of the Messages API wire format the extension uses, typed independently of the SDK so
 * that core stays free of it. Field names are the API's own (snake_case).
 */

export type Role = 'user' | 'assistant';

export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

export interface TextBlock {
  readonly type: 'text';
  readonly text: string;
  readonly cache_control?: CacheControl;
}

export interface ThinkingBlock {
  readonly type: 'thinking';
  readonly thinking: string;
  readonly signature: string;
}

export interface RedactedThinkingBlock {
  readonly type: 'redacted_thinking';
  readonly data: string;
}

export interface ToolUseBlock {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/**
 * The server's summary of the conversation before it (context management's `compact_20260112`).
 * Sent back exactly as received: the API drops everything before it. `content: null` is a
 * compaction that failed (sending it back is a no-op).
 */
export interface CompactionBlock {
  readonly type: 'compaction';
  readonly content: string | null;
  readonly encrypted_content: string | null;
  readonly signature?: string | null;
}

/** A block of an assistant reply. */
export type ContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | CompactionBlock;

/** Where an image or document comes from: its bytes, a web address the API fetches, or an upload (Files API). */
export type Base64Source = { readonly type: 'base64'; readonly media_type: string; readonly data: string };
export type UrlSource = { readonly type: 'url'; readonly url: string };
export type FileSource = { readonly type: 'file'; readonly file_id: string };

export interface ImageBlock {
  readonly type: 'image';
  readonly source: Base64Source | UrlSource | FileSource;
  readonly cache_control?: CacheControl;
}

/** A PDF (user messages only). */
export interface DocumentBlock {
  readonly type: 'document';
  readonly source: Base64Source | UrlSource | FileSource;
  readonly title?: string;
  readonly cache_control?: CacheControl;
}

/** A user-side block: text, or a tool's result. */
export interface ToolResultBlock {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  readonly content: string | readonly TextBlock[];
  readonly is_error?: boolean;
  readonly cache_control?: CacheControl;
}

export type RequestBlock = ContentBlock | ToolResultBlock | ImageBlock | DocumentBlock;

export interface MessageParam {
  readonly role: Role;
  readonly content: string | readonly RequestBlock[];
}

export interface Usage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/** One sampling step of a request (context management): a `compaction` entry's tokens are not in the top-level usage. */
export interface UsageIteration extends Partial<Usage> {
  readonly type: string;
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'compaction'
  | 'model_context_window_exceeded';

/** Why the model stopped, when the API says more than the stop reason (a refusal's explanation). */
export interface StopDetails {
  readonly type: 'refusal';
  readonly category?: string | null;
  readonly explanation?: string | null;
}

/** An Anthropic-defined tool (the text editor, bash): no schema, the model is trained on it. */
export interface BuiltInToolDefinition {
  readonly type: string;
  readonly name: string;
  readonly max_characters?: number;
}

/** A tool of ours: a name, what it is for, and a JSON schema of its input. */
export interface CustomToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly input_schema: { readonly type: 'object'; readonly properties: Readonly<Record<string, unknown>>; readonly required?: readonly string[] };
}

export type ToolDefinition = BuiltInToolDefinition | CustomToolDefinition;

export interface WireMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly ContentBlock[];
  readonly stop_reason: StopReason | null;
  readonly stop_sequence: string | null;
  readonly usage: Usage;
}

export type Delta =
  | { readonly type: 'text_delta'; readonly text: string }
  | { readonly type: 'input_json_delta'; readonly partial_json: string }
  | { readonly type: 'thinking_delta'; readonly thinking: string }
  | { readonly type: 'signature_delta'; readonly signature: string }
  | { readonly type: 'citations_delta'; readonly citation: unknown }
  | { readonly type: 'compaction_delta'; readonly content: string | null; readonly encrypted_content?: string | null };

/** One server-sent event of a streamed reply (`event: error` surfaces as a thrown error instead). */
export type StreamEvent =
  | { readonly type: 'message_start'; readonly message: WireMessage }
  | { readonly type: 'content_block_start'; readonly index: number; readonly content_block: ContentBlock }
  | { readonly type: 'content_block_delta'; readonly index: number; readonly delta: Delta }
  | { readonly type: 'content_block_stop'; readonly index: number }
  | {
      readonly type: 'message_delta';
      readonly delta: { readonly stop_reason: StopReason | null; readonly stop_sequence?: string | null; readonly stop_details?: StopDetails | null };
      readonly usage: Partial<Usage> & { readonly output_tokens: number; readonly iterations?: readonly UsageIteration[] | null };
    }
  | { readonly type: 'message_stop' }
  | { readonly type: 'ping' };

export type ThinkingParam =
  | { readonly type: 'adaptive'; readonly display?: 'summarized' | 'omitted' }
  | { readonly type: 'enabled'; readonly budget_tokens: number }
  | { readonly type: 'disabled' };

export interface CreateMessageRequest {
  readonly model: string;
  readonly max_tokens: number;
  readonly system?: string | readonly TextBlock[];
  readonly messages: readonly MessageParam[];
  readonly thinking?: ThinkingParam;
  readonly output_config?: { readonly effort: string };
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly tools?: readonly ToolDefinition[];
  readonly stream?: boolean;
  /** Context management edits (beta): server-side compaction and clearing of old tool results. */
  readonly context_management?: ContextManagement;
  /** Beta features the request uses (the SDK sends them as the `anthropic-beta` header, not in the body). */
  readonly betas?: readonly string[];
}

/** `context_management` of a request: the edits the server applies when their trigger is passed. */
export interface ContextManagement {
  readonly edits: readonly ContextEdit[];
}

export type ContextEdit =
  | {
      readonly type: 'compact_20260112';
      readonly trigger?: { readonly type: 'input_tokens'; readonly value: number };
      readonly instructions?: string;
      readonly pause_after_compaction?: boolean;
    }
  | {
      readonly type: 'clear_tool_uses_20250919';
      readonly trigger?: { readonly type: 'input_tokens'; readonly value: number };
      readonly keep?: { readonly type: 'tool_uses'; readonly value: number };
      readonly clear_at_least?: { readonly type: 'input_tokens'; readonly value: number };
      readonly exclude_tools?: readonly string[];
    };
