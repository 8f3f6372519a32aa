// The manifest is localized: every text of package.json that people read (the extension's name
// and description, command titles, views, settings, the Restricted Mode note…) is a `%key%` whose
// English lives in package.nls.json, and the translations (package.nls.<language>.json) hold only
// keys the manifest uses. Names, ids, keywords and categories stay as they are: VS Code and the
// Marketplace read them as identifiers.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const readJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));

type Json = unknown;
interface Field {
  readonly at: string;
  readonly value: Json;
}

const list = (value: Json): Json[] => (Array.isArray(value) ? value : []);
const record = (value: Json): Record<string, Json> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Json>) : {});
/** The groups of a contribution point keyed by location (views, viewsContainers, submenus by menu…). */
const grouped = (value: Json): [string, Json][] => Object.entries(record(value)).flatMap(([group, items]) => list(items).map((item, i): [string, Json] => [`${group}[${i}]`, item]));

/** The named fields of `object` that are present (strings, or each string of an array). */
function fields(at: string, object: Json, names: readonly string[]): Field[] {
  return names.flatMap((name) => {
    const value = record(object)[name];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value.map((item, i) => ({ at: `${at}.${name}[${i}]`, value: item }));
    return [{ at: `${at}.${name}`, value }];
  });
}

/** Every field of the manifest that VS Code or the Marketplace shows to people. */
function visibleFields(manifest: Record<string, Json>): Field[] {
  const contributes = record(manifest.contributes);
  const capabilities = record(manifest.capabilities);
  const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : contributes.configuration ? [contributes.configuration] : [];
  return [
    ...fields('', manifest, ['displayName', 'description']),
    ...fields('capabilities.untrustedWorkspaces', capabilities.untrustedWorkspaces, ['description']),
    ...fields('capabilities.virtualWorkspaces', capabilities.virtualWorkspaces, ['description']),
    ...list(contributes.commands).flatMap((c, i) => fields(`commands[${i}]`, c, ['title', 'shortTitle', 'category'])),
    ...grouped(contributes.viewsContainers).flatMap(([at, c]) => fields(`viewsContainers.${at}`, c, ['title'])),
    ...grouped(contributes.views).flatMap(([at, v]) => fields(`views.${at}`, v, ['name', 'contextualTitle'])),
    ...list(contributes.viewsWelcome).flatMap((w, i) => fields(`viewsWelcome[${i}]`, w, ['contents'])),
    ...list(contributes.submenus).flatMap((s, i) => fields(`submenus[${i}]`, s, ['label'])),
    ...configurations.flatMap((configuration, i) => [
      ...fields(`configuration[${i}]`, configuration, ['title']),
      ...Object.entries(record(record(configuration).properties)).flatMap(([name, setting]) =>
        fields(name, setting, ['description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels', 'deprecationMessage', 'markdownDeprecationMessage']),
      ),
    ]),
    ...list(contributes.walkthroughs).flatMap((w, i) => [
      ...fields(`walkthroughs[${i}]`, w, ['title', 'description']),
      ...list(record(w).steps).flatMap((s, k) => [...fields(`walkthroughs[${i}].steps[${k}]`, s, ['title', 'description']), ...fields(`walkthroughs[${i}].steps[${k}].media`, record(s).media, ['altText'])]),
    ]),
  ];
}

/** Every `%key%` anywhere in the manifest. */
function referencedKeys(value: Json): string[] {
  if (typeof value === 'string') return /^%(.+)%$/.exec(value)?.slice(1) ?? [];
  if (Array.isArray(value)) return value.flatMap(referencedKeys);
  return Object.values(record(value)).flatMap(referencedKeys);
}

describe('the manifest is localized', () => {
  const manifest = readJson('package.json');
  const english = readJson('package.nls.json');

  it('every text people read in package.json is a %key%, never plain text', () => {
    const shown = visibleFields(manifest);
    // The fields this manifest has today, so a rename of a contribution point cannot empty the check.
    assert.ok(shown.length >= 50, `only ${shown.length} visible fields found`);
    assert.deepEqual(
      shown.filter((f) => typeof f.value !== 'string' || !/^%[\w.-]+%$/.test(f.value)).map((f) => `${f.at}: ${JSON.stringify(f.value)}`),
      [],
      'plain text in package.json',
    );
  });

  it('every %key% of package.json has its English in package.nls.json, and every key there is used', () => {
    const used = new Set(referencedKeys(manifest));
    assert.deepEqual([...used].filter((key) => typeof english[key] !== 'string' || !(english[key] as string).trim()), [], 'keys without English');
    assert.deepEqual(Object.keys(english).filter((key) => !used.has(key)), [], 'keys nothing uses');
  });

  it('names, ids, keywords and categories stay identifiers (the Marketplace reads them as such)', () => {
    const contributes = record(manifest.contributes);
    const identifiers = [
      manifest.name,
      manifest.publisher,
      ...list(manifest.keywords),
      ...list(manifest.categories),
      ...list(contributes.commands).map((c) => record(c).command),
      ...grouped(contributes.viewsContainers).map(([, c]) => record(c).id),
      ...grouped(contributes.views).map(([, v]) => record(v).id),
    ];
    assert.deepEqual(identifiers.filter((v) => typeof v !== 'string' || v.includes('%')), []);
  });

  it('the translations next to it hold strings for keys of package.nls.json only', () => {
    for (const name of readdirSync(ROOT).filter((n) => /^package\.nls\.[a-z-]+\.json$/.test(n))) {
      const translated = readJson(name);
      assert.deepEqual(Object.keys(translated).filter((key) => !(key in english) || typeof translated[key] !== 'string'), [], name);
    }
  });
});
