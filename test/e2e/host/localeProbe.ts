/**
 * An `extensionTestsPath` for ../locale.test.ts: reports, from inside the extension host, the
 * display language VS Code gives extensions. Writes LocaleProbeReport as JSON to the file named by
 * CLAUDE_CHAT_LOCALE_PROBE.
 */
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const LOCALE_PROBE_ENV = 'CLAUDE_CHAT_LOCALE_PROBE';

export interface LocaleProbeReport {
  /** vscode.env.language. */
  readonly language: string;
  /** The language the server resolved for this extension host (VSCODE_NLS_CONFIG's resolvedLanguage). */
  readonly resolvedLanguage: string | undefined;
}

export async function run(): Promise<void> {
  const file = process.env[LOCALE_PROBE_ENV];
  if (!file) throw new Error(`${LOCALE_PROBE_ENV} is not set`);
  let resolvedLanguage: string | undefined;
  try {
    resolvedLanguage = (JSON.parse(process.env.VSCODE_NLS_CONFIG ?? '{}') as { resolvedLanguage?: string }).resolvedLanguage;
  } catch {
    resolvedLanguage = undefined;
  }
  const report: LocaleProbeReport = { language: vscode.env.language, resolvedLanguage };
  writeFileSync(file, JSON.stringify(report));
}
