/** Registers the quick fixes (the provider, its two commands) and Try again on their replies. */
import * as vscode from 'vscode';
import { CONFIG_SECTION, SettingKey } from '../../core/settings/settings';
import type { ChatController } from '../chat/chatController';
import { Command } from '../commandIds';
import { ClaudeCodeActions } from './claudeCodeActions';
import { ProblemTurns } from './problemTurns';

export function registerCodeActions(context: vscode.ExtensionContext, chat: ChatController): ProblemTurns {
  const provider = new ClaudeCodeActions();
  const problems = new ProblemTurns(chat);
  chat.onTryAgain = (replyId) => problems.tryAgain(replyId);
  const affects = (e: vscode.ConfigurationChangeEvent) => [SettingKey.codeActionsEnabled, SettingKey.toolsEnabled].some((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], provider, ClaudeCodeActions.metadata),
    vscode.workspace.onDidChangeConfiguration((e) => affects(e) && provider.settingsChanged()),
    vscode.commands.registerCommand(Command.fixDiagnostic, (uri: unknown, range: unknown) => problems.run('fix', uri, range)),
    vscode.commands.registerCommand(Command.explainDiagnostic, (uri: unknown, range: unknown) => problems.run('explain', uri, range)),
  );
  return problems;
}
