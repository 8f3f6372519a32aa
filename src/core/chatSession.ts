/**
 * One chat conversation: takes the webview's requests, streams replies through a backend and
 * reports every change as protocol messages. Knows nothing of VS Code or the SDK.
 */
import { classifyError } from './errors';
import { assertNever, type HostToWebview, type ReplyStatus, type TranscriptEntry, type WebviewToHost } from './protocol';
import { buildRequest } from './requestBuilder';
import type { Settings } from './settings';
import { TurnAccumulator } from './turnAccumulator';
import type { ContentBlock, CreateMessageRequest, MessageParam, StreamEvent } from './wire';

/** What the session needs from an API client: a streamed reply that stops when `signal` aborts. */
export interface ChatBackend {
  stream(request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
}

export interface ChatSessionDeps {
  readonly settings: () => Settings;
  /** A backend for the current credentials and settings, or undefined when there is no key. */
  readonly backend: () => Promise<ChatBackend | undefined>;
  readonly post: (message: HostToWebview) => void;
  /** Runs the Set API Key flow. */
  readonly requestApiKey: () => void;
  readonly newId?: () => string;
}

interface UserEntry {
  readonly id: string;
  readonly role: 'user';
  readonly text: string;
}

interface AssistantEntry {
  readonly id: string;
  readonly role: 'assistant';
  content: ContentBlock[];
  /** Undefined while it streams. */
  status?: ReplyStatus;
  /** Set while it streams. */
  live?: TurnAccumulator;
}

type Entry = UserEntry | AssistantEntry;

export const NO_KEY_MESSAGE = 'No API key is set. Set one to start chatting (it is kept in VS Code\'s secret storage).';

let counter = 0;
const defaultId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

export class ChatSession {
  private entries: Entry[] = [];
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: ChatSessionDeps) {}

  get busy(): boolean {
    return this.abort !== undefined;
  }

  /** Resolves when the reply in progress (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return; // the host answers `ready` with a snapshot (see WebviewChannel)
      case 'send':
        return this.send(message.text);
      case 'stop':
        return this.stop();
      case 'retry':
        return this.retry();
      case 'newChat':
        return this.newChat();
      case 'setApiKey':
        return this.deps.requestApiKey();
      default:
        return assertNever(message);
    }
  }

  /** The transcript as the webview shows it, including a reply that is still streaming. */
  transcript(): TranscriptEntry[] {
    return this.entries.map((e) =>
      e.role === 'user'
        ? { id: e.id, role: 'user', text: e.text }
        : { id: e.id, role: 'assistant', text: e.live ? e.live.text() : textOf(e.content), status: e.status },
    );
  }

  snapshot(hasKey: boolean): HostToWebview {
    return { type: 'init', hasKey, model: this.deps.settings().model, transcript: this.transcript() };
  }

  /** The conversation as API messages (the API is stateless: every request carries all of it). */
  history(): MessageParam[] {
    const out: MessageParam[] = [];
    for (const e of this.entries) {
      if (e.role === 'user') out.push({ role: 'user', content: e.text });
      else {
        const content = e.content.filter((b) => b.type !== 'text' || b.text.length > 0);
        if (content.length) out.push({ role: 'assistant', content });
      }
    }
    return out;
  }

  async send(text: string): Promise<void> {
    if (this.busy || !text.trim()) return;
    const backend = await this.deps.backend();
    if (!backend) {
      this.deps.post({ type: 'error', message: NO_KEY_MESSAGE, actions: ['setApiKey'] });
      this.deps.post({ type: 'restoreComposer', text });
      return;
    }
    const user: UserEntry = { id: this.newId(), role: 'user', text };
    this.entries.push(user);
    this.deps.post({ type: 'userMessage', id: user.id, text });
    await this.reply(backend, user);
  }

  stop(): void {
    this.abort?.abort();
  }

  async retry(): Promise<void> {
    if (this.busy) return;
    const last = this.entries.at(-1);
    if (!last) return;
    if (last.role === 'assistant') {
      this.entries.pop();
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
    this.entries = [];
    this.deps.post({ type: 'cleared' });
  }

  /** Streams one reply. `fresh` is the user turn just sent (its text returns to the composer if nothing arrives). */
  private reply(backend: ChatBackend, fresh: UserEntry | undefined): Promise<void> {
    const run = this.streamReply(backend, fresh);
    this.running = run;
    return run;
  }

  private async streamReply(backend: ChatBackend, fresh: UserEntry | undefined): Promise<void> {
    const settings = this.deps.settings();
    const request = buildRequest(settings, this.history());
    const live = new TurnAccumulator();
    const entry: AssistantEntry = { id: this.newId(), role: 'assistant', content: [], live };
    const abort = new AbortController();
    this.abort = abort;
    this.entries.push(entry);
    this.deps.post({ type: 'replyStart', id: entry.id, model: settings.model });
    try {
      for await (const event of backend.stream(request, abort.signal)) {
        const update = live.apply(event);
        if (update?.kind === 'text') this.deps.post({ type: 'replyDelta', id: entry.id, text: update.delta });
      }
      if (abort.signal.aborted) throw new Error('aborted');
      this.finish(entry, 'done');
    } catch (err) {
      const error = classifyError(err, { aborted: abort.signal.aborted, model: settings.model, partial: live.hasText });
      if (error.kind === 'aborted') {
        this.finish(entry, 'stopped');
      } else if (!live.hasText && fresh) {
        // Nothing arrived: take the turn back and give the user their text again.
        this.entries = this.entries.filter((e) => e !== entry && e !== fresh);
        this.deps.post({ type: 'removeMessage', id: entry.id });
        this.deps.post({ type: 'removeMessage', id: fresh.id });
        this.deps.post({ type: 'restoreComposer', text: fresh.text });
        this.deps.post({ type: 'error', message: error.message, actions: error.actions.filter((a) => a !== 'retry') });
      } else {
        this.finish(entry, 'error');
        this.deps.post({ type: 'error', message: error.message, actions: error.actions });
      }
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private finish(entry: AssistantEntry, status: ReplyStatus): void {
    entry.content = entry.live?.content() ?? entry.content;
    entry.live = undefined;
    entry.status = status;
    this.deps.post({ type: 'replyEnd', id: entry.id, status });
  }

  private newId(): string {
    return (this.deps.newId ?? defaultId)();
  }
}

function textOf(content: readonly ContentBlock[]): string {
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}
