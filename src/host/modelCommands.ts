import * as vscode from 'vscode';
import type { ChatViewProvider } from './chatViewProvider';
import { Command } from './commandIds';
import type { ModelCatalog } from './modelCatalog';
import { readSettings, updateModelSetting } from './settingsReader';

/** Select Model: a quick pick over the models the API lists (or the built-in list). Takes an id for automation. */
async function selectModel(chat: ChatViewProvider, catalog: ModelCatalog, given?: unknown): Promise<string | undefined> {
  if (typeof given === 'string' && given.trim()) {
    await updateModelSetting(given.trim());
    return given.trim();
  }
  await chat.refreshModels();
  const current = readSettings().model;
  const items = catalog.list(current).map((m) => ({
    label: m.label,
    description: m.id === current ? `${m.id} · current` : m.id,
    detail: `${Math.round(m.contextWindow / 1000)}K context${m.inputPrice !== undefined ? ` · $${m.inputPrice} / $${m.outputPrice} per million tokens in / out` : ''}`,
    id: m.id,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Claude: Select Model', placeHolder: current, matchOnDescription: true });
  if (!picked) return undefined;
  await updateModelSetting(picked.id);
  return picked.id;
}

export function registerModelCommands(context: vscode.ExtensionContext, chat: ChatViewProvider, catalog: ModelCatalog): void {
  context.subscriptions.push(vscode.commands.registerCommand(Command.selectModel, (id?: unknown) => selectModel(chat, catalog, id)));
}
