/**
 * The host's side of the ready handshake. Until the webview says `ready`, transcript updates are
 * dropped (the snapshot sent on `ready` already holds them) and other messages are queued; after
 * `ready` everything goes straight through.
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
  'replyActions',
]);

export class WebviewChannel {
  private ready = false;
  private queue: HostToWebview[] = [];

  constructor(private readonly send: (message: HostToWebview) => void) {}

  get isReady(): boolean {
    return this.ready;
  }

  post(message: HostToWebview): void {
    if (this.ready) this.send(message);
    else if (!COVERED_BY_SNAPSHOT.has(message.type)) this.queue.push(message);
  }

  /** The webview (re)loaded: send the snapshot, then what was queued. Call synchronously after building it. */
  open(snapshot: HostToWebview): void {
    this.ready = true;
    this.send(snapshot);
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) this.send(message);
  }

  /** The webview's document is being replaced; wait for its next `ready`. */
  reset(): void {
    this.ready = false;
  }
}
