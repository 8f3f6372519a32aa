/**
 * The webview's strings: the host hands over the bundle VS Code loaded for the extension (a JSON
 * script element) and its display language (`<html lang>`); `l10n.t` here reads that bundle, so the
 * webview has no translations of its own. Imported first by main.ts, before any element is built.
 */
import * as l10n from '@vscode/l10n';
import { setDisplayLocale } from '../core/l10n/format';

function handedBundle(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(document.getElementById('l10n-bundle')?.textContent ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {}; // English, the source language, rather than no interface at all
  }
}

l10n.config({ contents: handedBundle() });
setDisplayLocale(document.documentElement.lang);
