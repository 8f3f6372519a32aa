/**
 * Runs the integration suite inside a real VS Code extension host. Route: @vscode/test-electron
 * when a VS Code build can be downloaded (or is cached), else code-server in headless Chromium.
 * Force one with CLAUDE_CHAT_TEST_ROUTE=electron|code-server. CLAUDE_CHAT_VSCODE picks the VS Code
 * version (the oldest the manifest accepts by default; runAll runs each).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { currentTarget, launchBrowser, openWorkbenchPage, ROOT, startCodeServer, VSCODE_TARGETS } from '../support/codeServer';

const TESTS = join(ROOT, 'out', 'test', 'integration', 'index.js');
const target = currentTarget();
const resultsFile = process.env.CLAUDE_CHAT_RESULTS ?? join(tmpdir(), 'claude-chat-integration.json');

function freshWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'claude-chat-ws-')), 'workspace');
  cpSync(join(ROOT, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
  return dir;
}

/** The extension host must not see a real key or endpoint from the developer's shell. */
const cleanEnv = { ANTHROPIC_API_KEY: undefined, ANTHROPIC_AUTH_TOKEN: undefined, ANTHROPIC_BASE_URL: undefined, CLAUDE_CHAT_RESULTS: resultsFile };

async function tryElectron(): Promise<string | undefined> {
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ version: target === VSCODE_TARGETS[VSCODE_TARGETS.length - 1] ? 'stable' : `${target.vscode}.0`, cachePath: join(ROOT, '.vscode-test'), timeout: 15_000 }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000)),
    ]);
  } catch (err) {
    console.log(`VS Code could not be downloaded (${(err as Error).message.split('\n')[0]}).`);
    return undefined;
  }
}

async function runElectron(executable: string): Promise<number> {
  console.log('route: @vscode/test-electron (desktop VS Code)');
  const { runTests } = await import('@vscode/test-electron');
  const args = [freshWorkspace(), '--disable-extensions', '--disable-workspace-trust'];
  const needsXvfb = !process.env.DISPLAY && process.platform === 'linux';
  if (needsXvfb && spawnSync('which', ['xvfb-run']).status !== 0) throw new Error('No display: install xvfb (apt-get install xvfb)');
  const env = { ...process.env, ...cleanEnv } as Record<string, string | undefined>;
  for (const [k, v] of Object.entries(cleanEnv)) if (v === undefined) delete env[k];
  if (needsXvfb) {
    const r = spawnSync('xvfb-run', ['-a', executable, '--extensionDevelopmentPath', ROOT, '--extensionTestsPath', TESTS, ...args], { stdio: 'inherit', env });
    return r.status ?? 1;
  }
  return runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS, launchArgs: args, extensionTestsEnv: env });
}

let echoing = false;

/**
 * Prints mocha's report from the extension host, whose console reaches us through the browser as
 * styled workbench log lines: ["%c INFO", "color: …", format, ...args]. Echoing starts at mocha's first line.
 */
async function echoExtensionHost(msg: ConsoleMessage): Promise<void> {
  const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '')));
  if (typeof args[0] !== 'string' || !args[0].startsWith('%c') || typeof args[2] !== 'string') return;
  const [format, ...rest] = args.slice(2) as [string, ...unknown[]];
  const line = format.replace(/%[sdo]/g, () => String(rest.shift() ?? ''));
  echoing ||= format === '%s%s' || /[✔✓]/.test(line);
  if (echoing) console.log(line);
}

async function runCodeServer(restricted: boolean): Promise<number> {
  console.log(`route: code-server in headless Chromium (VS Code ${target.vscode} = code-server ${target.codeServer} on Node ${target.node}, no download needed), ${restricted ? 'Restricted Mode' : 'trusted workspace'}`);
  echoing = false;
  const results = restricted ? resultsFile.replace(/(\.json)?$/, '.restricted.json') : resultsFile;
  const server = await startCodeServer({ target, workspace: freshWorkspace(), env: { ...cleanEnv, CLAUDE_CHAT_RESULTS: results }, restricted });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    page.on('console', (msg) => void echoExtensionHost(msg));
    await openWorkbenchPage(page, server, TESTS);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), 300_000));
    return await Promise.race([exit, timeout]);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  const forced = process.env.CLAUDE_CHAT_TEST_ROUTE;
  if (forced === 'electron' || (forced !== 'code-server' && !process.env.CI_OFFLINE)) {
    const executable = forced === 'code-server' ? undefined : await tryElectron();
    if (executable && existsSync(executable)) return runElectron(executable);
    if (forced === 'electron') throw new Error('CLAUDE_CHAT_TEST_ROUTE=electron but VS Code could not be downloaded');
    console.log('falling back to code-server.');
  }
  const trusted = await runCodeServer(false);
  // The same suite again in Restricted Mode (tests that need one mode skip themselves in the other).
  const restricted = await runCodeServer(true);
  mergeResults(resultsFile, resultsFile.replace(/(\.json)?$/, '.restricted.json'));
  return trusted || restricted;
}

/** Adds the Restricted Mode pass's counts into the main results file. */
function mergeResults(main: string, extra: string): void {
  const read = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 1, skipped: 0, failures: [`no results in ${file}`] });
  const a = read(main);
  const b = read(extra);
  writeFileSync(main, JSON.stringify({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: (a.skipped ?? 0) + (b.skipped ?? 0), failures: [...(a.failures ?? []), ...(b.failures ?? []).map((f: string) => `(Restricted Mode) ${f}`)] }));
}

main().then(
  (code) => {
    if (!existsSync(resultsFile)) writeFileSync(resultsFile, JSON.stringify({ passed: 0, failed: 1, failures: [`the suite did not report (exit ${code})`] }));
    process.exit(code);
  },
  (err) => {
    console.error(err);
    writeFileSync(resultsFile, JSON.stringify({ passed: 0, failed: 1, failures: [String((err as Error).message ?? err)] }));
    process.exit(1);
  },
);
