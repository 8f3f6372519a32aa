/**
 * The extension's own translations, for tests that drive the UI in another display language: a
 * control is found by its role and the translation of its English name (the product contract's
 * names are the English source strings, and the keys of the bundles).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './codeServer';

type Bundle = Record<string, string | { message: string }>;
const bundles = new Map<string, Bundle>();

function bundle(file: string): Bundle {
  let found = bundles.get(file);
  if (!found) {
    found = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Bundle;
    bundles.set(file, found);
  }
  return found;
}

/** The key of `english` in the English bundle: the text itself, or `text/comment` for a commented one. */
function keyOf(english: string): string {
  const source = bundle('l10n/bundle.l10n.json');
  if (english in source) return english;
  const commented = Object.keys(source).filter((key) => key.startsWith(`${english}/`) && (source[key] as { message?: string }).message === english);
  if (commented.length === 1) return commented[0];
  throw new Error(`"${english}" is ${commented.length ? 'ambiguous' : 'not a string'} in l10n/bundle.l10n.json`);
}

/** The translation of one of the extension's strings (host, core or webview) in `language`; English for `en`. */
export function translated(language: string, english: string, ...args: Array<string | number>): string {
  const key = keyOf(english);
  const text = language === 'en' ? english : (bundle(`l10n/bundle.l10n.${language}.json`)[key] as string | undefined);
  if (text === undefined) throw new Error(`no ${language} translation of "${english}"`);
  return text.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for the translation of `english` with its placeholders matching anything (`{0}` → `.*`). */
export function translatedPattern(language: string, english: string, anchored = true): RegExp {
  const text = translated(language, english);
  const body = text.split(/\{\d+\}/).map(escapeRegExp).join('.*');
  return new RegExp(anchored ? `^${body}$` : body);
}

/** The translation of a manifest string (`%key%` in package.json) in `language`. */
export function manifestText(language: string, key: string): string {
  const file = language === 'en' ? 'package.nls.json' : `package.nls.${language}.json`;
  const entry = bundle(file)[key];
  if (entry === undefined) throw new Error(`no ${key} in ${file}`);
  return typeof entry === 'string' ? entry : entry.message;
}
