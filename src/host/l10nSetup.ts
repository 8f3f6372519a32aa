/**
 * Localization for code outside the host: `src/core` and the webview translate with
 * `@vscode/l10n`'s `l10n.t`, fed the same bundle VS Code loaded for the extension
 * (`l10n/bundle.l10n.<language>.json`), so the host, the core and the webview speak one language
 * from one set of files. Imported first by extension.ts, before any module builds a string.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { setDisplayLocale } from '../core/l10n/format';

/** The strings of VS Code's display language (undefined in English, the source language). */
export function loadedBundle(): Record<string, string> {
  return (vscode.l10n.bundle ?? {}) as Record<string, string>;
}

/** The display language as a BCP 47 tag (`ja`, `zh-cn`, `en`). */
export function displayLanguage(): string {
  return vscode.env.language || 'en';
}

l10n.config({ contents: loadedBundle() });
setDisplayLocale(displayLanguage());
