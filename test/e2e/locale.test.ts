// VS Code in a display language other than English, offline: startCodeServer({ locale }) installs a
// minimal language pack (test/support/languagePack.ts), and both the workbench and the extension
// host then run in that language, as they will for the extension's own translations
// (package.nls.<language>.json, l10n/bundle.l10n.<language>.json).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, ROOT, runExtensionTests, startCodeServer, type CodeServer } from '../support/codeServer';
import { explorerTitle } from '../support/languagePack';
import type { LocaleProbeReport } from './host/localeProbe';
import { saveScreenshot } from './workbench';

const PROBE = join(ROOT, 'out', 'test', 'e2e', 'host', 'localeProbe.js');

describe('VS Code in a display language (e2e)', function () {
  this.timeout(120_000);
  const scratch = mkdtempSync(join(tmpdir(), 'claude-chat-locale-'));
  const probeFile = join(scratch, 'probe.json');
  let server: CodeServer;
  let browser: Browser;
  let page: Page | undefined;

  before(async () => {
    server = await startCodeServer({ locale: 'ja', env: { CLAUDE_CHAT_LOCALE_PROBE: probeFile, ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined, ANTHROPIC_BASE_URL: undefined } });
    browser = await launchBrowser();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveScreenshot(page, this.currentTest.fullTitle());
    await page?.close();
    page = undefined;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('with locale ja the workbench runs in Japanese: its NLS language is ja and it shows the pack’s strings', async () => {
    page = await openWorkbench(browser, server);
    const language = await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
    assert.equal(language, 'ja');
    const explorer = page.locator(`.activitybar a[aria-label^="${explorerTitle('ja')}"]`);
    await explorer.first().waitFor({ timeout: 30_000 });
    console.log(`      workbench: _VSCODE_NLS_LANGUAGE=${language}, Explorer entry "${await explorer.first().getAttribute('aria-label')}"`);
  });

  it('with locale ja the extension host reports vscode.env.language ja', async () => {
    const code = await runExtensionTests(browser, server, PROBE, 60_000);
    assert.ok(existsSync(probeFile), `the probe did not report (exit ${code})`);
    const report = JSON.parse(readFileSync(probeFile, 'utf8')) as LocaleProbeReport;
    console.log(`      extension host: vscode.env.language=${report.language}, VSCODE_NLS_CONFIG resolvedLanguage=${report.resolvedLanguage}`);
    assert.equal(code, 0);
    assert.deepEqual(report, { language: 'ja', resolvedLanguage: 'ja' });
  });
});
