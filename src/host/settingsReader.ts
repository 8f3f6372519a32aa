import * as vscode from 'vscode';
import { CONFIG_SECTION, parseSettings, SettingKey, settingName, USER_ONLY_SETTINGS, type Settings } from '../core/settings/settings';
import { restrictedSettingsOf } from './ignoredSettings';

const EXTENSION_ID = 'claude-chat.claude-chat';

let restricted: ReadonlySet<string> | undefined;

/** The manifest's restrictedConfigurations: the one list of what Restricted Mode ignores. */
function restrictedSettings(): ReadonlySet<string> {
  restricted ??= new Set(restrictedSettingsOf(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON));
  return restricted;
}

const userOnly: ReadonlySet<string> = new Set(USER_ONLY_SETTINGS);

/**
 * Reads `claudeChat.*` through the typed parser. The endpoint settings and autoApprove come from
 * the user's settings or the default only, trusted or not; in Restricted Mode so do the other
 * restricted settings. The workspace is never asked for them, because VS Code drops a workspace
 * value written the usual way (by scope, or by trust) but not one written as a nested object
 * (`{"claudeChat": {"baseURL": …}}`).
 */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const untrusted = !vscode.workspace.isTrusted;
  return parseSettings((key) => {
    if (!userOnly.has(key) && (!untrusted || !restrictedSettings().has(settingName(key)))) return config.get(key);
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
