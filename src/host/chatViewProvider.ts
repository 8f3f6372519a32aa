import * as vscode from 'vscode';
import { ChatSession } from '../core/chatSession';
import { buildClientOptions } from '../core/clientOptions';
import { isWebviewToHost, type HostToWebview } from '../core/protocol';
import { WebviewChannel } from '../core/webviewChannel';
import type { ApiKeyStore } from './apiKeyStore';
import { createBackend } from './clientFactory';
import { Command } from './commandIds';
import { readSettings } from './settingsReader';
import { chatHtml } from './webviewHtml';

export const CHAT_VIEW_ID = 'claudeChat.chatView';

/** The sidebar chat: hosts the webview and connects it to a ChatSession. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly session: ChatSession;
  private view: vscode.WebviewView | undefined;
  private viewListeners: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostToWebview>();
  /** Every message the host sends toward the webview (whether or not a webview is showing). */
  readonly onDidPost = this.posted.event;
  private readonly channel = new WebviewChannel((message) => {
    void this.view?.webview.postMessage(message);
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly keys: ApiKeyStore,
  ) {
    this.session = new ChatSession({
      settings: readSettings,
      backend: async () => {
        const credentials = await this.keys.credentials();
        return credentials && createBackend(buildClientOptions(readSettings(), credentials, process.env));
      },
      post: (message) => this.post(message),
      requestApiKey: () => void vscode.commands.executeCommand(Command.setApiKey),
    });
  }

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
      view.onDidDispose(() => {
        this.disposeView();
        this.view = undefined;
        this.channel.reset();
      }),
    ];
    view.webview.html = chatHtml(view.webview, this.extensionUri);
  }

  /** Sends the key state to the webview (after the key was set or cleared). */
  async refreshKeyStatus(): Promise<void> {
    this.post({ type: 'keyStatus', hasKey: (await this.keys.credentials()) !== undefined });
  }

  private post(message: HostToWebview): void {
    this.channel.post(message);
    this.posted.fire(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewToHost(message)) return;
    if (message.type === 'ready') {
      const hasKey = (await this.keys.credentials()) !== undefined;
      const snapshot = this.session.snapshot(hasKey);
      this.channel.open(snapshot);
      this.posted.fire(snapshot);
      return;
    }
    await this.session.handle(message);
  }

  private disposeView(): void {
    for (const d of this.viewListeners) d.dispose();
    this.viewListeners = [];
  }

  dispose(): void {
    this.session.stop();
    this.disposeView();
    this.posted.dispose();
  }
}

export function registerChatView(context: vscode.ExtensionContext, keys: ApiKeyStore): ChatViewProvider {
  const provider = new ChatViewProvider(context.extensionUri, keys);
  context.subscriptions.push(provider);
  context.subscriptions.push(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider));
  context.subscriptions.push(keys.onDidChange(() => void provider.refreshKeyStatus()));
  return provider;
}
