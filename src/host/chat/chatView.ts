/**
 * The sidebar's webview: its document, the ready handshake and the messages both ways. What the
 * messages mean is elsewhere (webviewRouter.ts routes them, the engine answers them).
 */
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostToWebview, type WebviewToHost } from '../../core/protocol/protocol';
import { WebviewChannel } from '../../core/protocol/webviewChannel';
import { chatHtml } from '../webviewHtml';

export const CHAT_VIEW_ID = 'claudeChat.chatView';

export interface ChatViewEvents {
  /** A checked message from the webview; a failure becomes a message in the chat. */
  receive(message: WebviewToHost): Promise<void>;
  /** The view closed: nobody is watching the reply. */
  closed(): void;
}

export class ChatView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private viewListeners: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostToWebview>();
  /** Every message the host sends toward the webview (whether or not a webview is showing). */
  readonly onDidPost = this.posted.event;
  private readonly channel = new WebviewChannel((message) => this.view?.webview.postMessage(message));
  /** Set once by the composition (the router needs the engine, which needs this view to post). */
  events: ChatViewEvents | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.channel.reset();
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    this.viewListeners = [
      view.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      // Without retained context a hidden view has no document: hold messages until it is shown and says `ready`.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.channel.reset();
      }),
      view.onDidDispose(() => {
        this.disposeView();
        this.view = undefined;
        this.channel.reset();
        this.events?.closed();
      }),
    ];
    view.webview.html = chatHtml(view.webview, this.extensionUri);
  }

  post(message: HostToWebview): void {
    this.channel.post(message);
    this.posted.fire(message);
  }

  /** The webview said `ready`: the snapshot goes first, then what waited for it. Call synchronously after building it. */
  open(snapshot: HostToWebview): void {
    this.channel.open(snapshot);
    this.posted.fire(snapshot);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if ('problem' in parsed) {
      console.warn(`Claude Chat: ${parsed.problem}`);
      return;
    }
    await this.events?.receive(parsed.message);
  }

  private disposeView(): void {
    for (const d of this.viewListeners) d.dispose();
    this.viewListeners = [];
  }

  dispose(): void {
    this.disposeView();
    this.posted.dispose();
  }
}
