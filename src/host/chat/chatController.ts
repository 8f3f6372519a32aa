/**
 * The chat as the rest of the extension sees it: the engine behind the view, reopening the last
 * chat, the state sent to a (re)loaded webview, the model list, and reactions to keys and settings.
 */
import * as vscode from 'vscode';
import type { ChatEngine } from '../../core/engine/chatEngine';
import type { Conversation } from '../../core/conversation/turns';
import { messageOf } from '../../core/api/errors';
import { modelInfo, modelMark, modelNote } from '../../core/models/models';
import type { HostToWebview } from '../../core/protocol/protocol';
import { CONFIG_SECTION, SettingKey, settingName, USER_ONLY_SETTINGS } from '../../core/settings/settings';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ConversationStore } from '../conversationStore';
import type { AttachmentStore } from '../attachmentStore';
import type { ModelCatalog } from '../modelCatalog';
import type { WorkspaceInstructions } from '../workspaceInstructions';
import { CHAT_VIEW_ID, type ChatView } from './chatView';
import { currentProviderOptions } from './engineDeps';
import type { ModelChoice } from './modelChoice';

const USER_ONLY = new Set(USER_ONLY_SETTINGS.map(settingName));

export interface ChatParts {
  readonly keys: ApiKeyStore;
  readonly store: ConversationStore;
  readonly images: AttachmentStore;
  readonly catalog: ModelCatalog;
  readonly instructions: WorkspaceInstructions;
  readonly model: ModelChoice;
}

export class ChatController {
  private restored: Promise<void> | undefined;
  /** Try again on a quick fix's reply (set by the quick fixes). */
  onTryAgain: ((replyId: string) => Promise<void>) | undefined;
  /** Restricted settings the workspace sets and VS Code ignores (Restricted Mode); set by registerChatView. */
  ignoredSettings: () => readonly string[] = () => [];
  /** Every message the host sends toward the webview (whether or not a webview is showing). */
  readonly onDidPost: vscode.Event<HostToWebview>;

  constructor(
    readonly session: ChatEngine,
    private readonly view: ChatView,
    private readonly parts: ChatParts,
  ) {
    this.onDidPost = view.onDidPost;
  }

  /** Saves a conversation: its images and PDFs to the attachment store, the rest to the conversation store. */
  async save(conversation: Conversation): Promise<void> {
    const images = this.session.images(); // of this state: the chat may be another one by the time the queue gets to it
    await this.parts.store.save(conversation, (stored) => this.parts.images.prepare(stored, images));
  }

  /** Brings back the most recent conversation of this workspace, once. */
  ensureRestored(): Promise<void> {
    this.restored ??= this.parts.store
      .latest()
      .then(async (conversation) => {
        if (conversation && this.session.conversation().turns.length === 0) await this.session.load(await this.parts.images.hydrate(conversation));
      })
      .catch((err: unknown) => {
        this.restored = undefined; // tried again next time
        this.reportError(vscode.l10n.t('Could not reopen the last chat: {0}', messageOf(err)));
      });
    return this.restored;
  }

  /** Shows a conversation from history or an import. */
  async open(conversation: Conversation): Promise<void> {
    this.restored = Promise.resolve();
    await this.session.load(await this.parts.images.hydrate(conversation));
    await this.resync();
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  /** Puts keyboard focus in the message box (once the webview is ready, if it is still loading). */
  focusComposer(): void {
    this.view.post({ type: 'focusComposer' });
  }

  /** A failing keyring must not leave the view blank: it counts as no key. */
  private async hasKey(): Promise<boolean> {
    return (await this.parts.keys.ready().catch(() => false)) === true;
  }

  /** The webview (re)loaded: everything it shows, then what waited for it. */
  async ready(): Promise<void> {
    await Promise.all([this.ensureRestored(), this.parts.instructions.ready()]);
    const hasKey = await this.hasKey();
    this.view.open(this.session.snapshot(hasKey));
    this.postIgnoredSettings();
    if (hasKey) void this.refreshModels();
  }

  /** Sends the whole state again (after a load, or a settings change). */
  async resync(): Promise<void> {
    this.view.post(this.session.snapshot(await this.hasKey()));
  }

  /** The key changed: a new key may see other models (and one that failed to load may load now). */
  async refreshKeyStatus(): Promise<void> {
    this.view.post({ type: 'keyStatus', hasKey: await this.hasKey() });
    await this.refreshModels(true);
  }

  /** Fetches the provider's model list (once per provider, key and endpoint) and updates the picker; `again` forgets the fetched list first. */
  async refreshModels(again = false): Promise<void> {
    if (again) this.parts.catalog.reset();
    // Best effort: the built-in list stays when the key cannot be read.
    const options = await currentProviderOptions(this.parts.keys).catch(() => undefined);
    const loaded = options !== undefined && (await this.parts.catalog.refresh(options));
    if (loaded || again) this.postModels();
  }

  private postModels(): void {
    const selected = this.parts.model.model;
    this.view.post({ type: 'models', models: this.parts.catalog.list(selected).map((m) => ({ id: m.id, label: `${m.label}${modelMark(m)}`, prefill: m.prefill })), selected });
    this.view.post({ type: 'usage', usage: this.session.usage() });
    const note = modelNote(modelInfo(selected, this.parts.catalog.list(selected)), this.parts.catalog.unlisted(selected));
    if (note) this.view.post({ type: 'error', message: note, actions: ['pickModel'] });
  }

  /** Saves what there is now, a reply still streaming included (it reopens as interrupted). */
  async saveNow(): Promise<void> {
    const conversation = this.session.conversation();
    if (conversation.turns.length) await this.save(conversation);
    await this.parts.store.flush();
  }

  /** A failure as a message in the chat (a whole sentence, already translated). */
  reportError(message: string): void {
    this.view.post({ type: 'error', message, actions: [] });
  }

  postInstructions(): void {
    this.view.post({ type: 'instructions', files: this.parts.instructions.current().map((f) => f.path) });
  }

  onSettingsChanged(event: vscode.ConfigurationChangeEvent): void {
    if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKey.useWorkspaceInstructions}`)) void this.parts.instructions.reload();
    // The endpoint, or the Bedrock account and region, whose model list the picker shows.
    const endpointKeys = [SettingKey.baseURL, SettingKey.authHeader, SettingKey.apiVersion, SettingKey.customHeaders, SettingKey.bedrockRegion, SettingKey.bedrockProfile];
    if (endpointKeys.some((k) => event.affectsConfiguration(`${CONFIG_SECTION}.${k}`))) void this.refreshModels(true);
    // Another provider: another key (or none needed), another model list.
    if (event.affectsConfiguration(`${CONFIG_SECTION}.${SettingKey.provider}`)) void this.refreshKeyStatus();
    this.postModels();
    this.postToolsStatus();
  }

  postIgnoredSettings(): void {
    const keys = this.ignoredSettings();
    this.view.post({ type: 'ignoredSettings', keys, userOnly: keys.filter((key) => USER_ONLY.has(key)) });
  }

  postToolsStatus(): void {
    this.view.post({ type: 'toolsStatus', status: this.session.toolsStatus() });
  }
}
