import type * as vscode from 'vscode';
import type { ChatEngine } from '../core/engine/chatEngine';
import type { HostToWebview } from '../core/protocol/protocol';
import type { ConversationStore } from './conversationStore';

/** What `activate` returns: the chat engine behind the view, for automation and integration tests. */
export interface ClaudeChatApi {
  readonly session: ChatEngine;
  readonly onDidPost: vscode.Event<HostToWebview>;
  readonly store: ConversationStore;
  /**
   * Stores an API key without the input box (the Set API Key command ignores arguments). Present in
   * development and test runs only: any extension can read an extension's exports. Rejects a key
   * a header cannot carry.
   */
  readonly setApiKey?: (key: string) => Promise<void>;
}
