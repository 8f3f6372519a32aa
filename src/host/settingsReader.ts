import * as vscode from 'vscode';
import { CONFIG_SECTION, parseSettings, SettingKey, type Settings } from '../core/settings/settings';
import { restrictedSettingsOf } from './ignoredSettings';

const EXTENSION_ID = 'claude-chat.claude-chat';

let restricted: ReadonlySet<string> | undefined;

/** The manifest's restrictedConfigurations: the one list of what Restricted Mode ignores. */
function restrictedSettings(): ReadonlySet<string> {
  restricted ??= new Set(restrictedSettingsOf(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON));
  return restricted;
}

/**
 * Reads `claudeChat.*` through the typed parser. In Restricted Mode a restricted setting comes from
 * the user's settings or the default only: VS Code ignores the workspace's value written the usual
 * way, but not one written as a nested object (`{"claudeChat": {"baseURL": …}}`), so it is never asked.
 */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const untrusted = !vscode.workspace.isTrusted;
  return parseSettings((key) => {
    if (!untrusted || !restrictedSettings().has(`${CONFIG_SECTION}.${key}`)) return config.get(key);
    const values = config.inspect(key);
    return values?.globalValue ?? values?.defaultValue;
  });
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
