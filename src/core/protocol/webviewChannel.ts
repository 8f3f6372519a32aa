/**
 * The host's side of the ready handshake. Until the webview says `ready`, transcript updates are
 * dropped (the snapshot sent on `ready` already holds them) and other messages are queued; after
 * `ready` everything goes straight through. A hidden view without retained context has no live
 * document, so the host resets the channel when it hides; the view sends `ready` again when shown.
 */
import type { HostToWebview } from './protocol';

const COVERED_BY_SNAPSHOT: ReadonlySet<HostToWebview['type']> = new Set([
  'init',
  'keyStatus',
  'models',
  'instructions',
  'attachments',
  'userMessage',
  'replyStart',
  'replyDelta',
  'thinkingDelta',
  'replyReset',
  'replyStatus',
  'replyEnd',
  'usage',
  'removeMessage',
  'cleared',
  'toolsStatus',
  'toolNote',
  'editCard',
  'editState',
  'commandCard',
  'commandOutput',
  'commandState',
  'replyActions',
  'queue',
  // Sent again by the host after every `ready`.
  'ignoredSettings',
]);

/** A view never opened must not collect errors without bound; the newest are the ones worth showing. */
const MAX_QUEUED = 100;

/** Sends one message; may return a promise of false when the webview had no live document and dropped it. */
export type Send = (message: HostToWebview) => unknown;

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';

interface Queued {
  readonly seq: number;
  readonly message: HostToWebview;
}

export class WebviewChannel {
  private ready = false;
  private queue: Queued[] = [];
  private seq = 0;

  constructor(private readonly send: Send) {}

  get isReady(): boolean {
    return this.ready;
  }

  post(message: HostToWebview): void {
    // A key set or cleared, or a new chat: errors still waiting for the view no longer apply.
    if (message.type === 'keyStatus' || message.type === 'cleared') this.queue = this.queue.filter((q) => q.message.type !== 'error');
    const seq = this.seq++;
    if (this.ready) this.deliver({ seq, message });
    else if (!COVERED_BY_SNAPSHOT.has(message.type)) this.enqueue({ seq, message });
  }

  /** The webview (re)loaded: send the snapshot, then what was queued. Call synchronously after building it. */
  open(snapshot: HostToWebview): void {
    this.ready = true;
    const sent = this.send(snapshot);
    if (isThenable(sent)) sent.then(undefined, () => undefined); // a view gone again sends a new `ready`
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) this.deliver(item);
  }

  /** The webview's document is being replaced or went away (hidden, disposed); wait for its next `ready`. */
  reset(): void {
    this.ready = false;
  }

  private deliver(item: Queued): void {
    // Dropped on the way (the view hid or closed before the host heard of it): keep it for the next `ready`.
    const undelivered = () => COVERED_BY_SNAPSHOT.has(item.message.type) || this.enqueue(item);
    const result = this.send(item.message);
    if (isThenable(result)) result.then((delivered) => delivered !== false || undelivered(), undelivered);
  }

  private enqueue(item: Queued): void {
    const at = this.queue.findIndex((q) => q.seq > item.seq);
    if (at < 0) this.queue.push(item);
    else this.queue.splice(at, 0, item);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
  }
}
