// The language pack the e2e tier installs for a display language: the files VS Code reads.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explorerTitle, installLanguagePack, needsLanguagePack } from '../support/languagePack';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('language packs for code-server', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'claude-chat-lp-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('installs the extension, its extensions.json entry and the languagepacks.json entry VS Code resolves the language from', () => {
    const ext = join(dir, 'ext');
    const ud = join(dir, 'ud');
    const pack = installLanguagePack('ja', ext, ud);
    const manifest = readJson(join(pack.location, 'package.json'));
    assert.equal(`${manifest.publisher}.${manifest.name}`, pack.extensionId);
    assert.equal(manifest.contributes.localizations[0].languageId, 'ja');
    const entry = readJson(join(ud, 'languagepacks.json')).ja;
    assert.equal(entry.hash, createHash('md5').update(pack.extensionId).update(manifest.version).digest('hex'));
    assert.deepEqual(entry.extensions, [{ extensionIdentifier: { id: pack.extensionId }, version: manifest.version }]);
    assert.ok(existsSync(entry.translations.vscode));
    const translations = readJson(entry.translations.vscode);
    assert.equal(translations.contents['vs/workbench/contrib/files/browser/explorerViewlet'].explore, explorerTitle('ja'));
    const installed = readJson(join(ext, 'extensions.json'));
    assert.deepEqual(installed.map((e: { identifier: { id: string }; relativeLocation: string }) => [e.identifier.id, join(ext, e.relativeLocation)]), [[pack.extensionId, pack.location]]);
  });

  it('keeps the other extensions and languages already recorded, and replaces its own entry', () => {
    const ext = join(dir, 'ext');
    mkdirSync(ext, { recursive: true });
    writeFileSync(join(ext, 'extensions.json'), JSON.stringify([{ identifier: { id: 'someone.other' }, version: '1.0.0', relativeLocation: 'someone.other-1.0.0' }]));
    installLanguagePack('ru', ext, join(dir, 'ud'));
    installLanguagePack('JA', ext, join(dir, 'ud'));
    installLanguagePack('ja', ext, join(dir, 'ud'));
    assert.deepEqual(Object.keys(readJson(join(dir, 'ud', 'languagepacks.json'))).sort(), ['ja', 'ru']);
    const ids = readJson(join(ext, 'extensions.json')).map((e: { identifier: { id: string } }) => e.identifier.id);
    assert.deepEqual(ids, ['someone.other', 'claude-chat-tests.language-pack-ru', 'claude-chat-tests.language-pack-ja']);
  });

  it('English needs no pack', () => {
    assert.equal(needsLanguagePack('en'), false);
    assert.equal(needsLanguagePack('en-US'), false);
    assert.equal(needsLanguagePack('ja'), true);
  });
});
