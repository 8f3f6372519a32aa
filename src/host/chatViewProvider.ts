import * as vscode from 'vscode';
import { ChatEngine } from '../core/engine/chatEngine';
import { buildClientOptions, type ClientOptions } from '../core/api/clientOptions';
import type { Conversation } from '../core/conversation/turns';
import { messageOf } from '../core/api/errors';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../core/protocol/protocol';
import { CONFIG_SECTION, SettingKey } from '../core/settings/settings';
import { systemBlocks } from '../core/settings/systemPrompt';
import { WebviewChannel } from '../core/protocol/webviewChannel';
import type { ApiKeyStore } from './apiKeyStore';
import { createBackend } from './clientFactory';
import { Command } from './commandIds';
import type { ConversationStore } from './conversationStore';
import type { ChatTools } from './edits/chatTools';
import { IgnoredWorkspaceSettings, restrictedSettingsOf } from './ignoredSettings';
import { ImageAttachments } from './imageAttachments';
import type { ImageStore } from './imageStore';
import { copyToClipboard, insertAtCursor } from './editorInsert';
import type { ModelCatalog } from './modelCatalog';
import { onDidChangeSettings, readSettings, updateModelSetting } from './settingsReader';
import { chatHtml } from './webviewHtml';
import { WorkspaceInstructions } from './workspaceInstructions';

export const CHAT_VIEW_ID = 'claudeChat.chatView';

/** The sidebar chat: hosts the webview and connects it to the chat engine. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly session: ChatEngine;
  private readonly imageInput: ImageAttachments;
  private view: vscode.WebviewView | undefined;
  private viewListeners: vscode.Disposable[] = [];
  private restored: Promise<void> | undefined;
  /** Try again on a quick fix's reply (set by the quick fixes). */
  onTryAgain: ((replyId: string) => Promise<void>) | undefined;
  /** A model picked in the webview whose setting is still being written. */
  private pendingModel: string | undefined;
  private readonly posted = new vscode.EventEmitter<HostToWebview>();
  /** Every message the host sends toward the webview (whether or not a webview is showing). */
  readonly onDidPost = this.posted.event;
  private readonly channel = new WebviewChannel((message) => this.view?.webview.postMessage(message));
  /** Restricted settings the workspace sets and VS Code ignores (Restricted Mode); set by registerChatView. */
  ignoredSettings: () => readonly string[] = () => [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly keys: ApiKeyStore,
    private readonly store: ConversationStore,
    private readonly catalog: ModelCatalog,
    private readonly instructions: WorkspaceInstructions,
    private readonly images: ImageStore,
    tools: ChatTools,
  ) {
    const settings = () => {
      const current = readSettings();
      return this.pendingModel ? { ...current, model: this.pendingModel } : current;
    };
    this.session = new ChatEngine({
      settings,
      models: () => this.catalog.list(readSettings().model),
      system: () => systemBlocks(settings().systemPrompt, this.instructions.current()),
      instructionFiles: () => this.instructions.current().map((f) => f.path),
      editorContext: () => {
        const document = vscode.window.activeTextEditor?.document;
        if (!document || document.uri.scheme === 'output') return undefined;
        return { path: vscode.workspace.asRelativePath(document.uri).replace(/\\/g, '/'), language: document.languageId };
      },
      backend: async () => {
        await this.instructions.ready();
        const options = await this.clientOptions();
        return options && createBackend(options);
      },
      post: (message) => this.post(message),
      requestApiKey: () => void Promise.resolve(vscode.commands.executeCommand(Command.setApiKey)).catch((err: unknown) => this.reportError('Could not store the key', err)),
      pickModel: () => void vscode.commands.executeCommand(Command.selectModel),
      persist: (conversation) => void this.persist(conversation).catch((err: unknown) => this.reportError('Could not save this chat', err)),
      tools: tools.environment(),
      toolsStatus: () => tools.status(),
      revertReply: (conversationId, turn) => tools.revert(conversationId, turn),
      tryAgain: (replyId) => this.onTryAgain?.(replyId) ?? Promise.resolve(),
    });
    this.imageInput = new ImageAttachments(this.session, (message) => this.post(message));
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
      // Without retained context a hidden view has no document: hold messages until it is shown and says `ready`.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.channel.reset();
      }),
      view.onDidDispose(() => {
        this.disposeView();
        this.view = undefined;
        this.channel.reset();
        this.session.stop(); // nobody is watching the reply; it is kept as stopped
      }),
    ];
    view.webview.html = chatHtml(view.webview, this.extensionUri);
  }

  /** Options for the SDK client with the current key and settings, or undefined without a key. */
  async clientOptions(): Promise<ClientOptions | undefined> {
    const credentials = await this.keys.credentials();
    return credentials && buildClientOptions(readSettings(), credentials, process.env);
  }

  private async persist(conversation: Conversation): Promise<void> {
    const images = this.session.images(); // of this state: the chat may be another one by the time the queue gets to it
    await this.store.save(conversation, (stored) => this.images.prepare(stored, images));
  }

  /** Brings back the most recent conversation of this workspace, once. */
  ensureRestored(): Promise<void> {
    this.restored ??= this.store
      .latest()
      .then(async (conversation) => {
        if (conversation && this.session.conversation().turns.length === 0) await this.session.load(await this.images.hydrate(conversation));
      })
      .catch((err: unknown) => {
        this.restored = undefined; // tried again next time
        this.reportError('Could not reopen the last chat', err);
      });
    return this.restored;
  }

  /** Shows a conversation from history or an import. */
  async open(conversation: Conversation): Promise<void> {
    this.restored = Promise.resolve();
    await this.session.load(await this.images.hydrate(conversation));
    await this.resync();
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  /** Puts keyboard focus in the message box (once the webview is ready, if it is still loading). */
  focusComposer(): void {
    this.post({ type: 'focusComposer' });
  }

  /** Sends the whole state again (after a load, or a settings change). */
  async resync(): Promise<void> {
    const snapshot = this.session.snapshot((await this.keys.credentials().catch(() => undefined)) !== undefined);
    this.post(snapshot);
  }

  /** The key changed: a new key may see other models (and one that failed to load may load now). */
  async refreshKeyStatus(): Promise<void> {
    const hasKey = (await this.keys.credentials().catch(() => undefined)) !== undefined;
    this.post({ type: 'keyStatus', hasKey });
    await this.refreshModels(true);
  }

  /** Fetches the model list from the API (once per key and endpoint) and updates the picker; `again` forgets the fetched list first. */
  async refreshModels(again = false): Promise<void> {
    if (again) this.catalog.reset();
    // Best effort: the built-in list stays when the key cannot be read.
    const options = await this.clientOptions().catch(() => undefined);
    const loaded = options !== undefined && (await this.catalog.refresh(options));
    if (loaded || again) this.postModels();
  }

  private postModels(): void {
    const selected = this.pendingModel ?? readSettings().model;
    this.post({ type: 'models', models: this.catalog.list(selected).map((m) => ({ id: m.id, label: m.label, prefill: m.prefill })), selected });
    this.post({ type: 'usage', usage: this.session.usage() });
  }

  /** Saves what there is now, a reply still streaming included (it reopens as interrupted). */
  async saveNow(): Promise<void> {
    const conversation = this.session.conversation();
    if (conversation.turns.length) await this.persist(conversation);
    await this.store.flush();
  }

  private reportError(what: string, err: unknown): void {
    this.post({ type: 'error', message: `${what}: ${messageOf(err)}`, actions: [] });
  }

  private post(message: HostToWebview): void {
    this.channel.post(message);
    this.posted.fire(message);
  }

  /** Every webview message is handled here; a failure becomes a message in the chat, never an unhandled rejection. */
  private async receive(message: unknown): Promise<void> {
    if (!isWebviewToHost(message)) return;
    try {
      await this.act(message);
    } catch (err) {
      this.reportError('Something went wrong', err);
    }
  }

  private async act(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready': {
        await Promise.all([this.ensureRestored(), this.instructions.ready()]);
        const hasKey = (await this.keys.credentials().catch(() => undefined)) !== undefined; // a failing keyring must not leave the view blank
        const snapshot = this.session.snapshot(hasKey);
        this.channel.open(snapshot);
        this.posted.fire(snapshot);
        this.postIgnoredSettings();
        if (hasKey) void this.refreshModels();
        return;
      }
      case 'selectModel':
        this.pendingModel = message.model; // applies to a message sent right after, before the setting lands
        await updateModelSetting(message.model);
        if (this.pendingModel === message.model) this.pendingModel = undefined; // a later pick may still be on its way
        return;
      case 'copyCode':
        return copyToClipboard(message.code);
      case 'insertCode':
        return insertAtCursor(message.code);
      case 'addImage':
        return this.imageInput.add(message.image);
      case 'attachImage':
        return this.imageInput.pick();
      case 'attachUris':
        return this.imageInput.readDropped(message.uris);
      default:
        await this.session.handle(message);
    }
  }

  postInstructions(): void {
    this.post({ type: 'instructions', files: this.instructions.current().map((f) => f.path) });
  }

  onSettingsChanged(event: vscode.ConfigurationChangeEvent): void {
    if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKey.useWorkspaceInstructions}`)) void this.instructions.reload();
    const endpointKeys = [SettingKey.baseURL, SettingKey.authHeader, SettingKey.apiVersion, SettingKey.customHeaders];
    if (endpointKeys.some((k) => event.affectsConfiguration(`${CONFIG_SECTION}.${k}`))) void this.refreshModels(true);
    this.postModels();
    this.postToolsStatus();
  }

  postIgnoredSettings(): void {
    this.post({ type: 'ignoredSettings', keys: this.ignoredSettings() });
  }

  postToolsStatus(): void {
    this.post({ type: 'toolsStatus', status: this.session.toolsStatus() });
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

export function registerChatView(
  context: vscode.ExtensionContext,
  keys: ApiKeyStore,
  store: ConversationStore,
  catalog: ModelCatalog,
  images: ImageStore,
  tools: ChatTools,
): ChatViewProvider {
  const instructions = new WorkspaceInstructions();
  const provider = new ChatViewProvider(context.extensionUri, keys, store, catalog, instructions, images, tools);
  context.subscriptions.push(instructions, provider);
  context.subscriptions.push(instructions.onDidChange(() => provider.postInstructions()));
  context.subscriptions.push(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider));
  context.subscriptions.push(keys.onDidChange(() => void provider.refreshKeyStatus()));
  context.subscriptions.push(onDidChangeSettings((event) => provider.onSettingsChanged(event)));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => provider.postToolsStatus()));
  const ignored = new IgnoredWorkspaceSettings(restrictedSettingsOf(context.extension.packageJSON));
  provider.ignoredSettings = () => ignored.current;
  context.subscriptions.push(ignored, ignored.onDidChange(() => provider.postIgnoredSettings()));
  return provider;
}
