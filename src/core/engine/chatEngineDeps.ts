/** What the chat engine needs from its host (settings, the API backend, the webview, storage, tools), and the texts it shows. */
import * as l10n from '@vscode/l10n';
import type { EditorContext, AssistantTurn, Conversation } from '../conversation/turns';
import type { ModelInfo } from '../models/models';
import type { HostToWebview, ToolsStatus } from '../protocol/protocol';
import type { RetryPolicy, Sleep } from '../api/retry';
import type { Settings } from '../settings/settings';
import type { ChatBackend } from './replyStream';
import type { ToolEnvironment } from './toolRunner';
import type { EndpointMemory } from './endpointFeatures';

export interface ChatEngineDeps {
  readonly settings: () => Settings;
  /** Models known now (from the API, else built in). */
  readonly models?: () => readonly ModelInfo[];
  /** False when the list prices do not hold for the endpoint (a cloud): costs are not shown. */
  readonly pricesKnown?: () => boolean;
  /** System text blocks, in order. */
  readonly system?: () => readonly string[];
  /** The active editor's file, sent with each message as volatile context. */
  readonly editorContext?: () => EditorContext | undefined;
  /** Workspace instruction files in use (shown in the view). */
  readonly instructionFiles?: () => readonly string[];
  /** A backend for the current credentials and settings, or undefined when there is no key. */
  readonly backend: () => Promise<ChatBackend | undefined>;
  readonly post: (message: HostToWebview) => void;
  readonly requestApiKey: () => void;
  readonly pickModel?: () => void;
  /** Saves the conversation; `streaming` is true for saves made while a reply is in progress. */
  readonly persist?: (conversation: Conversation, streaming: boolean) => void;
  /** Workspace files for the editor tool; no tools without it. */
  readonly tools?: ToolEnvironment;
  /** Whether tools may be declared now (setting, trust), and why not. */
  readonly toolsStatus?: () => ToolsStatus;
  /** Restores the files a reply changed (after the user confirms); true when it did. */
  readonly revertReply?: (conversationId: string, turn: AssistantTurn) => Promise<boolean>;
  /** Adds a command prefix to the person's allowed commands (their user setting claudeChat.tools.allowedCommands); resolves once written or reported, never rejects. */
  readonly allowCommandPrefix?: (prefix: string) => Promise<void>;
  /** Try again on a quick fix: the host sends the problem as it is reported now. */
  readonly tryAgain?: (replyId: string) => Promise<void>;
  /** What endpoints were found to lack (a Files API, fetching image addresses), remembered across chats. */
  readonly endpoints?: EndpointMemory;
  readonly retry?: RetryPolicy;
  readonly sleep?: Sleep;
  readonly newId?: () => string;
}

export const noKeyMessage = () => l10n.t("No API key is set. Set one to start chatting (it is kept in VS Code's secret storage).");
export const busyMessage = () => l10n.t('Claude is still replying: stop the reply or wait for it to finish, then send again.');
/** What Continue sends as the person's message (English: it is sent to Claude; the view shows continueShown()). */
export const CONTINUE_TEXT = 'Continue from where your last reply was cut off.'; // not localized: sent to Claude
/** CONTINUE_TEXT as the view shows it. */
export const continueShown = () => l10n.t('Continue from where your last reply was cut off.');
/** The editor tool's max_characters: a view returns at most this much text. */
export const MAX_VIEW_CHARACTERS = 60_000;
export const retryChangedMessage = () => l10n.t('This reply changed files. Revert its changes first (Revert changes), or ask again in a new message.');
