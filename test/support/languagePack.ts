/**
 * A display language for code-server without a download: a minimal language-pack extension,
 * installed into a server's profile the way VS Code records an installed pack.
 *
 * How code-server 4.100.3 and 4.139.1 (VS Code 1.100 and 1.139) pick the display language, from
 * their lib/vscode/out/server-main.js (webClientServer, remoteLanguagePacks, base/node/nls):
 * - the locale is `--locale`, else `locale` in the argv.json under the user's home, else the
 *   `vscode.nls.locale` cookie, else the browser's Accept-Language, else `en`;
 * - for a locale other than en, the server looks it up in `<user-data-dir>/languagepacks.json`
 *   (falling back from `ja-jp` to `ja`). The entry must have a `hash`, an `extensions` list and
 *   `translations.vscode`, the path of an existing translations file; without one the workbench
 *   stays English and reports `en`;
 * - with one, it merges that file over the built-in strings into
 *   `<user-data-dir>/clp/<hash>.<language>/<commit>/nls.messages.js`, which sets the workbench's
 *   messages and `_VSCODE_NLS_LANGUAGE`: the language the workbench then asks the server's
 *   extension scanner for (package.nls.<language>.json) and hands the extension host
 *   (vscode.env.language, l10n/bundle.l10n.<language>.json);
 * - a language missing from languagepacks.json makes the server try the gallery for a pack first.
 * languagepacks.json is written by the server's language-pack service when an extension that
 * contributes `localizations` is installed from the workbench; code-server's `--install-extension`
 * runs VS Code's CLI, which installs the extension (extensions.json) but writes no
 * languagepacks.json, and then exits. So this writes both files itself, in the form VS Code does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The publisher of the packs made here (not a real publisher). */
const PUBLISHER = 'claude-chat-tests';
const VERSION = '0.0.1';

/** Names of a few languages: [in English, in the language]. Others are named by their id. */
const LANGUAGE_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  ja: ['Japanese', '日本語'],
  ru: ['Russian', 'Русский'],
  de: ['German', 'Deutsch'],
  fr: ['French', 'Français'],
  es: ['Spanish', 'Español'],
  'zh-cn': ['Chinese (Simplified)', '中文(简体)'],
  ko: ['Korean', '한국어'],
};

/**
 * The one workbench string each pack translates: the Explorer's title (its activity-bar entry is
 * labelled `<title> (Ctrl+Shift+E)`), so a test can see the workbench took the pack. In a
 * language without a known translation it becomes `Explorer [<language>]`.
 */
const EXPLORER_TITLES: Readonly<Record<string, string>> = {
  ja: 'エクスプローラー',
  ru: 'Проводник',
  fr: 'Explorateur',
  es: 'Explorador',
  'zh-cn': '资源管理器',
  ko: '탐색기',
};

/** The language id VS Code keys packs by (lower case: `zh-cn`, `pt-br`). */
export function languageIdOf(locale: string): string {
  return locale.trim().toLowerCase();
}

/** Whether `locale` needs a pack: VS Code's own strings are English. */
export function needsLanguagePack(locale: string): boolean {
  return !languageIdOf(locale).startsWith('en');
}

/** The Explorer's title in the workbench once the pack for `locale` is in use. */
export function explorerTitle(locale: string): string {
  const id = languageIdOf(locale);
  return EXPLORER_TITLES[id] ?? `Explorer [${id}]`;
}

export interface LanguagePack {
  readonly languageId: string;
  /** `publisher.name`, as VS Code identifies the extension. */
  readonly extensionId: string;
  /** The extension's folder in the extensions dir. */
  readonly location: string;
}

/** The extension's manifest and core translations file (`main.i18n.json`, keyed by module id then nls key). */
function packFiles(languageId: string) {
  const name = `language-pack-${languageId.replace(/[^a-z0-9-]/g, '-')}`;
  const [languageName, localizedLanguageName] = LANGUAGE_NAMES[languageId] ?? [languageId, languageId];
  const manifest = {
    name,
    displayName: `${languageName} language pack for the tests`,
    publisher: PUBLISHER,
    version: VERSION,
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  };
  const translations = {
    version: '1.0.0',
    contents: { 'vs/workbench/contrib/files/browser/explorerViewlet': { explore: explorerTitle(languageId) } },
  };
  return { name, manifest, translations };
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

interface ExtensionsJsonEntry {
  identifier: { id: string };
  version: string;
  location: object;
  relativeLocation: string;
  metadata: object;
}

interface LanguagePacksJson {
  [languageId: string]: { hash: string; extensions: Array<{ extensionIdentifier: { id: string }; version: string }>; translations: Record<string, string>; label?: string };
}

/**
 * Installs the pack for `locale` into a server's profile: the extension into `extensionsDir` (and
 * its entry in `extensionsDir/extensions.json`, as VS Code's installer records it), and the pack
 * into `userDataDir/languagepacks.json`, as VS Code's language-pack service records it. Entries of
 * other extensions and languages already there are kept. A few small files: well under 10 ms.
 */
export function installLanguagePack(locale: string, extensionsDir: string, userDataDir: string): LanguagePack {
  const languageId = languageIdOf(locale);
  const { name, manifest, translations } = packFiles(languageId);
  const extensionId = `${PUBLISHER}.${name}`;
  const folder = `${extensionId}-${VERSION}`;
  const location = join(extensionsDir, folder);
  mkdirSync(join(location, 'translations'), { recursive: true });
  writeFileSync(join(location, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(location, 'translations', 'main.i18n.json'), JSON.stringify(translations));

  const extensionsJson = join(extensionsDir, 'extensions.json');
  const installed = readJson<ExtensionsJsonEntry[]>(extensionsJson, []).filter((e) => e.identifier.id !== extensionId);
  installed.push({
    identifier: { id: extensionId },
    version: VERSION,
    location: { $mid: 1, fsPath: location, external: `file://${encodeURI(location)}`, path: location, scheme: 'file' },
    relativeLocation: folder,
    metadata: { isApplicationScoped: true, installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  });
  writeFileSync(extensionsJson, JSON.stringify(installed));

  // VS Code's LanguagePacksCache: the hash is md5 over each contributing extension's id (or uuid) and version.
  mkdirSync(userDataDir, { recursive: true });
  const packsJson = join(userDataDir, 'languagepacks.json');
  const packs = existsSync(packsJson) ? readJson<LanguagePacksJson>(packsJson, {}) : {};
  packs[languageId] = {
    hash: createHash('md5').update(extensionId).update(VERSION).digest('hex'),
    extensions: [{ extensionIdentifier: { id: extensionId }, version: VERSION }],
    translations: { vscode: join(location, 'translations', 'main.i18n.json') },
    label: manifest.contributes.localizations[0].localizedLanguageName,
  };
  writeFileSync(packsJson, JSON.stringify(packs));
  return { languageId, extensionId, location };
}
