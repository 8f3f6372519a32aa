import * as vscode from 'vscode';
import { priced } from '../core/models/models';
import type { ChatController } from './chat/chatController';
import { Command } from './commandIds';
import type { ModelCatalog } from './modelCatalog';
import { pickModel } from './modelQuickPick';
import { readSettings, updateModelSetting } from './settingsReader';

/**
 * Select Model: a quick pick over the models the API lists (or the built-in list), which also takes
 * a typed model id that is not listed. Takes an id for automation.
 */
async function selectModel(chat: ChatController, catalog: ModelCatalog, given?: unknown): Promise<string | undefined> {
  if (typeof given === 'string' && given.trim()) {
    await updateModelSetting(given.trim());
    return given.trim();
  }
  const { model: current, provider } = readSettings();
  // Fetched afresh: a model may have left the list since (the reason the picker is often opened).
  // A list that cannot be fetched leaves the built-in one; a retired model is never offered, even the current one.
  // A cloud's prices differ by region and contract: none shown rather than the API's.
  const listed = chat
    .refreshModels(true)
    .catch(() => undefined)
    .then(() =>
      catalog
        .list(current)
        .filter((m) => m.lifecycle !== 'retired')
        .map((m) => priced(m, provider === 'anthropic')),
    );
  const picked = await pickModel(listed, current);
  if (!picked) return undefined;
  await updateModelSetting(picked);
  return picked;
}

export function registerModelCommands(context: vscode.ExtensionContext, chat: ChatController, catalog: ModelCatalog): void {
  context.subscriptions.push(vscode.commands.registerCommand(Command.selectModel, (id?: unknown) => selectModel(chat, catalog, id)));
}
