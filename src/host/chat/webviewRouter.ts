/**
 * The one router for messages from the webview: the engine's handlers and the host's, checked
 * together by the compiler to cover every message type.
 */
import * as vscode from 'vscode';
import { messageOf } from '../../core/api/errors';
import type { ChatEngineDeps } from '../../core/engine/chatEngineDeps';
import { engineHandlers, type HostMessage } from '../../core/engine/engineHandlers';
import { routerOf, type Handlers, type WebviewToHost } from '../../core/protocol/protocol';
import { copyToClipboard, insertAtCursor } from '../editorInsert';
import type { AttachmentInput } from '../attachmentInput';
import type { ChatController } from './chatController';
import type { ModelChoice } from './modelChoice';

export function webviewRouter(chat: ChatController, deps: ChatEngineDeps, model: ModelChoice, images: AttachmentInput): (message: WebviewToHost) => Promise<void> {
  const host: Handlers<HostMessage, Promise<void>> = {
    ready: () => chat.ready(),
    selectModel: (m) => model.pick(m.model),
    copyCode: (m) => copyToClipboard(m.code),
    insertCode: (m) => insertAtCursor(m.code),
    addImage: async (m) => images.add(m.image),
    attachImage: () => images.pick(),
    attachUris: (m) => images.readDropped(m.uris),
    addDocument: async (m) => images.addDocument(m.name, m.data),
    addImageUrl: (m) => images.addImageUrl(m.url),
  };
  const route = routerOf<WebviewToHost, Promise<void>>({ ...engineHandlers(chat.session, deps), ...host });
  // A failure becomes a message in the chat, never an unhandled rejection.
  return (message) => route(message).catch((err: unknown) => chat.reportError(vscode.l10n.t('Something went wrong: {0}', messageOf(err))));
}
