/** What the chat engine gets from VS Code: settings, the API client, storage, tools and the webview. */
import * as vscode from 'vscode';
import { messageOf } from '../../core/api/errors';
import type { ChatEngineDeps } from '../../core/engine/chatEngineDeps';
import type { ChatBackend } from '../../core/engine/replyStream';
import { providerOptions, type ProviderOptions } from '../../core/api/providerOptions';
import { createChatBackend } from '../providers/providerBackend';
import type { EndpointMemory } from '../../core/engine/endpointFeatures';
import type { Conversation } from '../../core/conversation/turns';
import type { HostToWebview } from '../../core/protocol/protocol';
import { systemBlocks, type WorkEnvironment } from '../../core/settings/systemPrompt';
import { addAllowedCommand } from '../allowedCommands';
import type { ApiKeyStore } from '../apiKeyStore';
import { Command } from '../commandIds';
import type { ChatTools } from '../edits/chatTools';
import type { ModelCatalog } from '../modelCatalog';
import { readSettings } from '../settingsReader';
import type { WorkspaceInstructions } from '../workspaceInstructions';
import type { ModelChoice } from './modelChoice';

export interface ChatServices {
  readonly keys: ApiKeyStore;
  readonly catalog: ModelCatalog;
  readonly instructions: WorkspaceInstructions;
  readonly tools: ChatTools;
  readonly model: ModelChoice;
  readonly post: (message: HostToWebview) => void;
  /** Saves a conversation (with its images); rejects when it could not. */
  readonly save: (conversation: Conversation) => Promise<void>;
  /** Try again on a quick fix's reply. */
  readonly tryAgain: (replyId: string) => Promise<void>;
  /** The shell that runs Claude's commands, when the bash tool is offered (the system prompt names it). */
  readonly shellName?: () => string | undefined;
  /** What endpoints lack, remembered across chats. */
  readonly endpoints?: EndpointMemory;
}

/** Options for the provider with the current key and settings; undefined when the Anthropic API has no key. */
export async function currentProviderOptions(keys: ApiKeyStore): Promise<ProviderOptions | undefined> {
  return providerOptions(readSettings(), await keys.credentials(), process.env);
}

/** A backend for the provider, key and settings now; undefined when the Anthropic API has no key. */
export async function chatBackend(keys: ApiKeyStore): Promise<ChatBackend | undefined> {
  const options = await currentProviderOptions(keys);
  return options && createChatBackend(options, entraToken);
}

/** An access token for Foundry from VS Code's Microsoft sign-in (asked for once, then kept by VS Code). */
async function entraToken(): Promise<string> {
  const session = await vscode.authentication.getSession('microsoft', ['https://cognitiveservices.azure.com/.default'], { createIfNone: true });
  return session.accessToken;
}

/** The active editor's file, sent with each message as volatile context. */
function editorContext() {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme === 'output') return undefined;
  return { path: vscode.workspace.asRelativePath(document.uri).replace(/\\/g, '/'), language: document.languageId };
}

/** Where the tools work, for the system prompt: only what holds for the whole conversation. */
function workEnvironment(shell: string | undefined): WorkEnvironment {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString() }));
  return { platform: process.platform, folders, ...(shell ? { shell } : {}) };
}

export function chatEngineDeps(services: ChatServices): ChatEngineDeps {
  const { keys, catalog, instructions, tools, model, post } = services;
  /** `say` makes the whole sentence from the failure's own message. */
  const reportError = (say: (detail: string) => string) => (err: unknown) => post({ type: 'error', message: say(messageOf(err)), actions: [] });
  return {
    settings: () => model.settings(),
    models: () => catalog.list(readSettings().model),
    pricesKnown: () => readSettings().provider === 'anthropic',
    system: () => systemBlocks(model.settings().systemPrompt, instructions.current(), tools.status().enabled ? workEnvironment(services.shellName?.()) : undefined),
    instructionFiles: () => instructions.current().map((f) => f.path),
    editorContext,
    backend: async () => {
      await instructions.ready();
      return chatBackend(keys);
    },
    post,
    requestApiKey: () => void Promise.resolve(vscode.commands.executeCommand(Command.setApiKey)).catch(reportError((detail) => vscode.l10n.t('Could not store the key: {0}', detail))),
    pickModel: () => void vscode.commands.executeCommand(Command.selectModel),
    persist: (conversation) => void services.save(conversation).catch(reportError((detail) => vscode.l10n.t('Could not save this chat: {0}', detail))),
    tools: tools.environment(),
    toolsStatus: () => tools.status(),
    revertReply: (conversationId, turn) => tools.revert(conversationId, turn),
    allowCommandPrefix: (prefix) => addAllowedCommand(prefix).catch(reportError((detail) => vscode.l10n.t('Could not add "{0}" to your allowed commands (claudeChat.tools.allowedCommands): {1}', prefix, detail))),
    tryAgain: services.tryAgain,
    endpoints: services.endpoints,
  };
}
