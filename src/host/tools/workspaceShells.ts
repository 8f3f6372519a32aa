/**
 * The bash tool in this window: shells run in the first workspace folder, with the environment of
 * VS Code minus the credentials the extension holds. Only a folder on this machine can run
 * commands, so a virtual workspace (a remote repository opened in the browser) has no bash tool.
 */
import * as vscode from 'vscode';
import { shellEnvironment } from '../../core/tools/bash/shellEnvironment';
import { BashTool } from '../../core/tools/bash/bashTool';
import type { ApiKeyStore } from '../apiKeyStore';
import { readSettings } from '../settingsReader';
import { locateShell } from './shellLocator';
import { ChildShellSessions } from './shellSessions';

/** Custom headers whose names say they carry a credential: their values stay out of commands' environment too. */
const CREDENTIAL_HEADER = /authorization|api[-_]?key|token|secret/i;

/** The secrets the extension holds: the key in use (stored or from the environment), every provider's stored key, and credential-like custom headers. */
export function credentialValues(keys: ApiKeyStore): () => Promise<string[]> {
  return async () => {
    const credentials = await keys.credentials();
    const headers = Object.entries(readSettings().customHeaders).filter(([name]) => CREDENTIAL_HEADER.test(name));
    return [credentials?.value, ...(await keys.allStored()), ...headers.map(([, value]) => value)].filter((v): v is string => typeof v === 'string' && v.length > 0);
  };
}

/** Shells for this window's conversations, or undefined in a virtual workspace (or with no folder open). */
export function workspaceShells(secrets: () => Promise<readonly string[]>): ChildShellSessions | undefined {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (first?.uri.scheme !== 'file') return undefined;
  return new ChildShellSessions({
    launch: locateShell(),
    cwd: () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? first.uri.fsPath,
    env: async () => shellEnvironment(process.env, await secrets()),
  });
}

export function bashTool(shells: ChildShellSessions): BashTool {
  return new BashTool({ sessions: shells, settings: readSettings });
}
