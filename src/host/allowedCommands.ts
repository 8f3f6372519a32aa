/** The person's allowed command prefixes (claudeChat.tools.allowedCommands), written from a command card's "Always allow". */
import * as vscode from 'vscode';
import { CONFIG_SECTION, SettingKey } from '../core/settings/settings';

let writing: Promise<void> = Promise.resolve();

/**
 * Adds `prefix` to the list in the person's user settings, never a workspace's (a repository must
 * not be able to allow commands), keeping what is there and adding nothing twice. Writes one at a
 * time, so two quick clicks cannot overwrite each other's entry.
 */
export function addAllowedCommand(prefix: string): Promise<void> {
  const next = writing.then(async () => {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const current: unknown = config.inspect(SettingKey.allowedCommands)?.globalValue;
    const list: unknown[] = Array.isArray(current) ? current : [];
    if (list.some((entry) => typeof entry === 'string' && entry.trim() === prefix)) return;
    await config.update(SettingKey.allowedCommands, [...list, prefix], vscode.ConfigurationTarget.Global);
  });
  writing = next.catch(() => undefined);
  return next;
}
