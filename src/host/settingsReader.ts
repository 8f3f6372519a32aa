import * as vscode from 'vscode';
import { CONFIG_SECTION, parseSettings, SettingKey, type Settings } from '../core/settings';

/** Reads `claudeChat.*` through the typed parser. In Restricted Mode VS Code itself ignores workspace values of restricted settings. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return parseSettings((key) => config.get(key));
}

export function onDidChangeSettings(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(CONFIG_SECTION)) listener(event);
  });
}

/** Stores the chosen model where the current value comes from (workspace if set there, else user settings). */
export async function updateModelSetting(model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const inspected = config.inspect(SettingKey.model);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(SettingKey.model, model, target);
}
