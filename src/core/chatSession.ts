/**
 * One chat conversation: takes the webview's requests, streams replies through a backend (with
 * automatic, visible retries for rate limits and overloads) and reports every change as protocol
 * messages. Knows nothing of VS Code or the SDK.
 */
import { attachmentView, userContent, type Attachment } from './attachments';
import { type EditorContext, newConversationId, textOf, thinkingOf, titleFor, type AssistantTurn, type Conversation, type Turn, type UserTurn } from './conversation';
import { classifyError, type ClassifiedError } from './errors';
import { modelInfo, type ModelInfo } from './models';
import { assertNever, type ConversationUsage, type HostToWebview, type ReplyStatus, type TranscriptEntry, type WebviewToHost } from './protocol';
import { buildRequest } from './requestBuilder';
import { RetryPolicy, sleep, type Sleep } from './retry';
import type { Settings } from './settings';
import { TurnAccumulator } from './turnAccumulator';
import { labels, withPrefill } from './turnContent';
import { addUsage, promptTokens, summarizeUsage, ZERO_USAGE } from './usage';
import type { CreateMessageRequest, MessageParam, StreamEvent } from './wire';

/** What the session needs from an API client: a streamed reply that stops when `signal` aborts. */
export interface ChatBackend {
  stream(request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
}

export interface ChatSessionDeps {
  readonly settings: () => Settings;
  /** Models known now (from the API, else built in). */
  readonly models?: () => readonly ModelInfo[];
  /** System text blocks, in order. */
  readonly system?: () => readonly string[];
  /** The active editor's file, sent with each message as volatile context. */
  readonly editorContext?: () => EditorContext | undefined;
  /** Workspace instruction files in use (shown in the view). */
  readonly instructionFiles?: () => readonly string[];
  /** A backend for the current credentials and settings, or undefined when there is no key. */
  readonly backend: () => Promise<ChatBackend | undefined>;
  readonly post: (message: HostToWebview) => void;
  /** Runs the Set API Key flow. */
  readonly requestApiKey: () => void;
  /** Runs the model picker. */
  readonly pickModel?: () => void;
  /** Saves the conversation; `streaming` is true for saves made while a reply arrives. */
  readonly persist?: (conversation: Conversation, streaming: boolean) => void;
  readonly retry?: RetryPolicy;
  readonly sleep?: Sleep;
  readonly newId?: () => string;
}

interface LiveReply {
  readonly id: string;
  readonly model: string;
  accumulator: TurnAccumulator;
  /** The start of the reply the user wrote; the stored reply begins with it. */
  readonly prefill?: string;
}

export const NO_KEY_MESSAGE = "No API key is set. Set one to start chatting (it is kept in VS Code's secret storage).";

let counter = 0;
const defaultId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

export class ChatSession {
  private id = newConversationId();
  private createdAt = Date.now();
  private turns: Turn[] = [];
  /** Attachments waiting for the next message. */
  private pending: Attachment[] = [];
  private live: LiveReply | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: ChatSessionDeps) {}

  get busy(): boolean {
    return this.abort !== undefined;
  }

  get conversationId(): string {
    return this.id;
  }

  /** Resolves when the reply in progress (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'selectModel':
      case 'copyCode':
      case 'insertCode':
      case 'addImage':
      case 'attachImage':
      case 'attachUris':
        return; // handled by the host
      case 'send':
        return this.send(message.text, undefined, message.prefill);
      case 'stop':
        return this.stop();
      case 'retry':
        return this.retry();
      case 'newChat':
        return this.newChat();
      case 'setApiKey':
        return this.deps.requestApiKey();
      case 'pickModel':
        return this.deps.pickModel?.();
      case 'removeAttachment':
        return this.removeAttachment(message.id);
      default:
        return assertNever(message);
    }
  }

  /** The conversation as stored (a streaming reply is included with what has arrived). */
  conversation(): Conversation {
    const turns = this.live ? [...this.turns, this.liveTurn(this.live, 'streaming')] : [...this.turns];
    return { version: 1, id: this.id, title: titleFor(turns), createdAt: this.createdAt, updatedAt: Date.now(), turns };
  }

  /** Replaces the conversation (reopened from history or imported). */
  async load(conversation: Conversation): Promise<void> {
    this.stop();
    await this.idle();
    this.id = conversation.id;
    this.createdAt = conversation.createdAt;
    this.turns = [...conversation.turns];
  }

  /** The transcript as the webview shows it, including a reply that is still streaming. */
  transcript(): TranscriptEntry[] {
    const entries: TranscriptEntry[] = this.turns.map((t) => this.entryFor(t));
    if (this.live) {
      const content = withPrefill(this.live.accumulator.content(), this.live.prefill);
      entries.push({ id: this.live.id, role: 'assistant', text: textOf(content), thinking: thinkingOf(content) || undefined });
    }
    return entries;
  }

  private entryFor(turn: Turn): TranscriptEntry {
    if (turn.role === 'user') return { id: turn.id, role: 'user', text: turn.text, ...labels(turn) };
    const status: ReplyStatus = turn.status === 'streaming' ? 'interrupted' : turn.status;
    return {
      id: turn.id,
      role: 'assistant',
      text: textOf(turn.content),
      thinking: thinkingOf(turn.content) || undefined,
      status,
      usage: turn.usage ? summarizeUsage(turn.usage, this.modelFor(turn.model)) : undefined,
    };
  }

  usage(): ConversationUsage {
    let total = ZERO_USAGE;
    let contextUsed = 0;
    for (const turn of this.turns) {
      if (turn.role !== 'assistant' || !turn.usage) continue;
      const summary = summarizeUsage(turn.usage, this.modelFor(turn.model));
      total = addUsage(total, summary);
      contextUsed = promptTokens(summary) + summary.output;
    }
    return { total, contextUsed, contextLimit: this.modelFor(this.deps.settings().model).contextWindow };
  }

  snapshot(hasKey: boolean): HostToWebview {
    const settings = this.deps.settings();
    const models = this.knownModels().map((m) => ({ id: m.id, label: m.label, prefill: m.prefill }));
    const instructionFiles = this.deps.instructionFiles?.() ?? [];
    const attachments = this.pending.map(attachmentView);
    return { type: 'init', hasKey, model: settings.model, models, transcript: this.transcript(), usage: this.usage(), instructionFiles, attachments };
  }

  /** Images waiting for the next message. */
  pendingImages(): number {
    return this.pending.filter((a) => a.kind === 'image').length;
  }

  /** Adds context for the next message (Add Selection to Chat, a pasted image). */
  addAttachment(attachment: Attachment): void {
    this.pending = [...this.pending.filter((a) => a.id !== attachment.id), attachment];
    this.postAttachments();
  }

  removeAttachment(id: string): void {
    this.pending = this.pending.filter((a) => a.id !== id);
    this.postAttachments();
  }

  private postAttachments(): void {
    this.deps.post({ type: 'attachments', items: this.pending.map(attachmentView) });
  }

  /** The conversation as API messages (the API is stateless: every request carries all of it). */
  history(): MessageParam[] {
    const out: MessageParam[] = [];
    for (const turn of this.turns) {
      if (turn.role === 'user') out.push({ role: 'user', content: turn.attachments?.length || turn.editor ? userContent(turn.text, turn.attachments ?? [], turn.editor) : turn.text });
      else {
        const content = turn.content.filter((b) => b.type !== 'text' || b.text.length > 0);
        if (content.length) out.push({ role: 'assistant', content });
      }
    }
    return out;
  }

  /**
   * Sends a message with the pending attachments, or with `attachments` when given (Explain
   * Selection sends its own without touching what the user has collected).
   */
  async send(text: string, attachments?: readonly Attachment[], prefill?: string): Promise<void> {
    if (this.busy || !text.trim()) return;
    const backend = await this.deps.backend();
    if (!backend) {
      this.deps.post({ type: 'error', message: NO_KEY_MESSAGE, actions: ['setApiKey'] });
      if (!attachments) this.deps.post({ type: 'restoreComposer', text });
      return;
    }
    const attached = attachments ?? this.pending;
    if (!attachments && this.pending.length) {
      this.pending = [];
      this.postAttachments();
    }
    const editor = this.deps.editorContext?.();
    const user: UserTurn = { id: this.newId(), role: 'user', text, ...(attached.length ? { attachments: [...attached] } : {}), ...(editor ? { editor } : {}) };
    this.turns.push(user);
    this.deps.post({ type: 'userMessage', id: user.id, text, ...labels(user) });
    this.save(false);
    await this.reply(backend, user, prefill);
  }

  stop(): void {
    this.abort?.abort();
  }

  async retry(): Promise<void> {
    if (this.busy) return;
    const last = this.turns.at(-1);
    if (!last) return;
    if (last.role === 'assistant') {
      this.turns.pop();
      this.deps.post({ type: 'removeMessage', id: last.id });
    }
    const backend = await this.deps.backend();
    if (!backend) {
      this.deps.post({ type: 'error', message: NO_KEY_MESSAGE, actions: ['setApiKey'] });
      return;
    }
    await this.reply(backend, undefined);
  }

  async newChat(): Promise<void> {
    this.stop();
    await this.idle();
    this.id = newConversationId();
    this.createdAt = Date.now();
    this.turns = [];
    this.deps.post({ type: 'cleared' });
    this.deps.post({ type: 'usage', usage: this.usage() });
  }

  /** Streams one reply. `fresh` is the user turn just sent (its text returns to the composer if nothing arrives). */
  private reply(backend: ChatBackend, fresh: UserTurn | undefined, prefill?: string): Promise<void> {
    const run = this.streamReply(backend, fresh, prefill);
    this.running = run;
    return run;
  }

  private async streamReply(backend: ChatBackend, fresh: UserTurn | undefined, prefillText?: string): Promise<void> {
    const settings = this.deps.settings();
    const model = this.modelFor(settings.model);
    // Offered for models that accept it; the API's 400 explains itself if one does not after all.
    const prefill = prefillText?.trim() ? prefillText.trimEnd() : undefined;
    const request = buildRequest({ settings, model, system: this.deps.system?.(), prefill }, this.history());
    const live: LiveReply = { id: this.newId(), model: model.id, accumulator: new TurnAccumulator(), prefill };
    const abort = new AbortController();
    const policy = this.deps.retry ?? new RetryPolicy();
    this.abort = abort;
    this.live = live;
    this.deps.post({ type: 'replyStart', id: live.id, model: model.id });
    if (prefill) this.deps.post({ type: 'replyDelta', id: live.id, text: prefill });
    try {
      for (let attempt = 1; ; attempt++) {
        const error = await this.attempt(backend, request, live, abort.signal);
        if (!error) return this.finish(live, 'done');
        if (error.kind === 'aborted') return this.finish(live, 'stopped');
        const wait = policy.delayFor(error, attempt, live.accumulator.hasText);
        if (wait === undefined) return this.fail(live, fresh, error);
        const seconds = Math.max(1, Math.round(wait / 1000));
        this.deps.post({ type: 'replyStatus', id: live.id, text: `${error.message.split('.')[0]}. Retrying in ${seconds} s (attempt ${attempt + 1} of ${policy.maxAttempts})…` });
        await (this.deps.sleep ?? sleep)(wait, abort.signal);
        if (abort.signal.aborted) return live.accumulator.hasText ? this.finish(live, 'stopped') : this.fail(live, fresh, error, true);
        this.deps.post({ type: 'replyStatus', id: live.id, text: '' });
        if (live.accumulator.hasText) {
          this.deps.post({ type: 'replyReset', id: live.id });
          if (prefill) this.deps.post({ type: 'replyDelta', id: live.id, text: prefill });
        }
        live.accumulator = new TurnAccumulator();
      }
    } finally {
      if (this.abort === abort) this.abort = undefined;
      if (this.live === live) this.live = undefined;
    }
  }

  /** One HTTP attempt; resolves with the classified error, or undefined when the reply completed. */
  private async attempt(backend: ChatBackend, request: CreateMessageRequest, live: LiveReply, signal: AbortSignal): Promise<ClassifiedError | undefined> {
    let lastSave = Date.now();
    try {
      for await (const event of backend.stream(request, signal)) {
        const update = live.accumulator.apply(event);
        if (!update) continue;
        this.deps.post({ type: update.kind === 'text' ? 'replyDelta' : 'thinkingDelta', id: live.id, text: update.delta });
        if (Date.now() - lastSave > 2000) {
          lastSave = Date.now();
          this.save(true);
        }
      }
      if (signal.aborted) throw new Error('aborted');
      return undefined;
    } catch (err) {
      return classifyError(err, { aborted: signal.aborted, model: request.model, partial: live.accumulator.hasText });
    }
  }

  private liveTurn(live: LiveReply, status: AssistantTurn['status']): AssistantTurn {
    const acc = live.accumulator;
    const usage = acc.usage.input_tokens || acc.usage.output_tokens ? { usage: acc.usage } : {};
    return { id: live.id, role: 'assistant', content: withPrefill(acc.content(), live.prefill), status, model: live.model, ...usage };
  }

  private finish(live: LiveReply, status: ReplyStatus): void {
    const turn = this.liveTurn(live, status);
    this.turns.push(turn);
    this.live = undefined;
    const usage = turn.usage ? summarizeUsage(turn.usage, this.modelFor(turn.model)) : undefined;
    this.deps.post({ type: 'replyEnd', id: live.id, status, ...(usage ? { usage } : {}) });
    this.deps.post({ type: 'usage', usage: this.usage() });
    this.save(false);
  }

  private fail(live: LiveReply, fresh: UserTurn | undefined, error: ClassifiedError, stopped = false): void {
    if (live.accumulator.hasText) {
      this.finish(live, 'error');
      this.deps.post({ type: 'error', message: error.message, actions: error.actions });
      return;
    }
    this.live = undefined;
    this.deps.post({ type: 'removeMessage', id: live.id });
    if (fresh) {
      // Nothing arrived: take the turn back and give the user their text again.
      this.turns = this.turns.filter((t) => t !== fresh);
      this.deps.post({ type: 'removeMessage', id: fresh.id });
      this.deps.post({ type: 'restoreComposer', text: fresh.text });
      if (fresh.attachments?.length) {
        this.pending = [...fresh.attachments, ...this.pending.filter((a) => !fresh.attachments?.some((f) => f.id === a.id))];
        this.postAttachments();
      }
      this.save(false);
      if (!stopped) this.deps.post({ type: 'error', message: error.message, actions: error.actions.filter((a) => a !== 'retry') });
    } else if (!stopped) {
      this.deps.post({ type: 'error', message: error.message, actions: error.actions });
    }
  }

  private save(streaming: boolean): void {
    if (this.turns.length || this.live) this.deps.persist?.(this.conversation(), streaming);
  }

  /** Image data of the conversation's turns, by hash (the host's store writes each image once). */
  images(): Map<string, { data: string; mediaType: string }> {
    const out = new Map<string, { data: string; mediaType: string }>();
    for (const turn of this.turns) {
      if (turn.role !== 'user') continue;
      for (const a of turn.attachments ?? []) if (a.kind === 'image' && a.data) out.set(a.sha256, { data: a.data, mediaType: a.mediaType });
    }
    return out;
  }

  private knownModels(): readonly ModelInfo[] {
    return this.deps.models?.() ?? [];
  }

  private modelFor(id: string): ModelInfo {
    return modelInfo(id, this.knownModels());
  }

  private newId(): string {
    return (this.deps.newId ?? defaultId)();
  }
}
