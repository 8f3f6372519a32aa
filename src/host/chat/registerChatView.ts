/**
 * Builds the chat: the webview, the engine with its VS Code services, the controller and the one
 * router between them, and registers the view and what it listens to.
 */
import * as vscode from 'vscode';
import { ChatEngine } from '../../core/engine/chatEngine';
import type { ShellSessions } from '../../core/tools/bash/shellSession';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ConversationStore } from '../conversationStore';
import type { ChatTools } from '../edits/chatTools';
import { IgnoredWorkspaceSettings, restrictedSettingsOf } from '../ignoredSettings';
import { AttachmentInput } from '../attachmentInput';
import type { AttachmentStore } from '../attachmentStore';
import type { ModelCatalog } from '../modelCatalog';
import { onDidChangeSettings } from '../settingsReader';
import { WorkspaceInstructions } from '../workspaceInstructions';
import { ChatController } from './chatController';
import { CHAT_VIEW_ID, ChatView } from './chatView';
import { chatEngineDeps } from './engineDeps';
import { GlobalEndpointMemory } from '../endpointMemory';
import { ModelChoice } from './modelChoice';
import { webviewRouter } from './webviewRouter';

export interface ChatStores {
  readonly keys: ApiKeyStore;
  readonly store: ConversationStore;
  readonly images: AttachmentStore;
  readonly catalog: ModelCatalog;
  readonly tools: ChatTools;
  /** The shells of the bash tool, when it is offered: the system prompt names the shell. */
  readonly shells?: Pick<ShellSessions, 'shellName'>;
}

export function registerChatView(context: vscode.ExtensionContext, stores: ChatStores): ChatController {
  const { keys, store, images, catalog, tools } = stores;
  const view = new ChatView(context.extensionUri);
  const instructions = new WorkspaceInstructions();
  const model = new ModelChoice();
  const post = view.post.bind(view);
  const deps = chatEngineDeps({
    keys,
    catalog,
    instructions,
    tools,
    model,
    post,
    save: (conversation) => chat.save(conversation),
    tryAgain: (replyId) => chat.onTryAgain?.(replyId) ?? Promise.resolve(),
    shellName: () => stores.shells?.shellName,
    endpoints: new GlobalEndpointMemory(context.globalState),
  });
  const engine = new ChatEngine(deps);
  const chat = new ChatController(engine, view, { keys, store, images, catalog, instructions, model });
  const route = webviewRouter(chat, deps, model, new AttachmentInput(engine, post, { allowLoopbackImages: loopbackImagesForTests(context) }));
  view.events = { receive: route, closed: () => engine.stop() }; // a closed view's reply is kept as stopped

  context.subscriptions.push(instructions, view);
  context.subscriptions.push(instructions.onDidChange(() => chat.postInstructions()));
  context.subscriptions.push(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view));
  context.subscriptions.push(keys.onDidChange(() => void chat.refreshKeyStatus()));
  context.subscriptions.push(onDidChangeSettings((event) => chat.onSettingsChanged(event)));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => chat.postToolsStatus()));
  const ignored = new IgnoredWorkspaceSettings(restrictedSettingsOf(context.extension.packageJSON));
  chat.ignoredSettings = () => ignored.current;
  context.subscriptions.push(ignored, ignored.onDidChange(() => chat.postIgnoredSettings()));
  return chat;
}

/** The extension's own tests serve web images from 127.0.0.1: allowed only when they ask and the extension runs outside an installed build. */
function loopbackImagesForTests(context: vscode.ExtensionContext): boolean {
  return context.extensionMode !== vscode.ExtensionMode.Production && process.env.CLAUDE_CHAT_TEST_LOOPBACK_IMAGES === '1';
}
