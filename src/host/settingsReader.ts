import * as vscode from 'vscode';
import { CONFIG_SECTION, parseSettings, type Settings } from '../core/settings';

/** Reads `claudeChat.*` through the typed parser. In Restricted Mode VS Code itself ignores workspace values of restricted settings. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return parseSettings((key) => config.get(key));
}

export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
