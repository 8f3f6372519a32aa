/**
 * A real VS Code without a download: code-server (VS Code 1.100 as a server, from the npm registry)
 * installed on first use into .vscode-test/, opened in Debian's headless Chromium through
 * playwright-core. See ../shared/reference/vscode-tests-offline.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
const CACHE = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const BIN = join(CACHE, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];
const RIPGREP_ARCHIVE = 'vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function missingDebianPackages(): string[] {
  return DEBIAN_PACKAGES.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
}

/** Installs the Debian packages code-server and the browser need, when missing (as root), or says what to install. */
export function ensureDebianPackages(): void {
  const missing = missingDebianPackages();
  if (!missing.length) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error(`Missing system packages: ${missing.join(' ')}. Install them first, e.g.: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
  }
}

/** Seeds the archive @vscode/ripgrep's postinstall would download, from Debian's rg. */
function seedRipgrep(): void {
  const archive = join(process.env.TMPDIR ?? tmpdir(), RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  const rg = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is needed to install code-server offline: apt-get install ripgrep');
  const dir = join(archive, '..');
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  const r = spawnSync('tar', ['czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
  if (r.status !== 0) throw new Error('could not build the ripgrep archive');
}

/** Returns the code-server binary, installing it into the gitignored cache on first use. */
export function ensureCodeServer(): string {
  ensureDebianPackages();
  if (existsSync(BIN)) return BIN;
  seedRipgrep();
  console.log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (once, about a minute)…`);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, allowScripts: { 'code-server': true } }));
  const r = spawnSync('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE,
    stdio: 'inherit',
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (r.status !== 0 || !existsSync(BIN)) {
    rmSync(CACHE, { recursive: true, force: true });
    throw new Error(`installing code-server failed (exit ${r.status})`);
  }
  return BIN;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly workspace: string;
  /** The `--user-data-dir` (settings, and the extensions' storage under User/workspaceStorage). */
  readonly userDataDir: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Folder to open; a fresh temporary folder when omitted. */
  readonly workspace?: string;
  /** Extra environment of the server, inherited by the extension host. */
  readonly env?: Record<string, string | undefined>;
  /** Leave workspace trust on (the folder opens in Restricted Mode). */
  readonly restricted?: boolean;
  /** Keep user data (settings, secrets) here across runs instead of a throwaway folder. */
  readonly dataDir?: string;
  /** Port to listen on (a free one when omitted). */
  readonly port?: number;
  /** Extra user settings (a colour theme, say). */
  readonly settings?: Record<string, unknown>;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = ensureCodeServer();
  const scratch = options.dataDir ?? mkdtempSync(join(tmpdir(), 'claude-chat-cs-'));
  const workspace = options.workspace ?? join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(scratch, 'ud', 'User'), { recursive: true });
  const userSettings = {
    'security.workspace.trust.enabled': options.restricted === true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    ...options.settings,
  };
  writeFileSync(join(scratch, 'ud', 'User', 'settings.json'), JSON.stringify(userSettings));
  writeFileSync(join(scratch, 'config.yaml'), 'auth: none\n');
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
  // code-server binds to $PORT over --bind-addr: `PORT=8080 npm start` names the short address's port, not this one.
  delete env.PORT;
  const child: ChildProcess = spawn(
    bin,
    [
      ...['--config', join(scratch, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
      ...['--disable-telemetry', '--disable-update-check', ...(options.restricted ? [] : ['--disable-workspace-trust'])],
      ...['--user-data-dir', join(scratch, 'ud'), '--extensions-dir', join(scratch, 'ext'), workspace],
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    workspace,
    userDataDir: join(scratch, 'ud'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.dataDir) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** `showScrollbars`: headless Chromium hides them by default (--hide-scrollbars); VS Code shows them. */
export async function launchBrowser(options: { readonly showScrollbars?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...(options.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The workbench URL that loads this extension from source (and, optionally, a test suite). */
export function workbenchUrl(server: CodeServer, extensionTestsPath?: string): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: string[][] = [['extensionDevelopmentPath', remote(ROOT)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function openWorkbench(browser: Browser, server: CodeServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(workbenchUrl(server));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

/**
 * Loads the workbench with an `extensionTestsPath` index and resolves with the exit code VS Code
 * reports once the index's `run()` settles (0 when it resolved), or 124 after `timeoutMs`.
 */
export async function runExtensionTests(browser: Browser, server: CodeServer, extensionTestsPath: string, timeoutMs: number): Promise<number> {
  const page = await browser.newPage();
  let timer: NodeJS.Timeout | undefined;
  try {
    let exited: (code: number) => void = () => {};
    const exit = new Promise<number>((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    timer = setTimeout(() => exited(124), timeoutMs);
    await page.goto(workbenchUrl(server, extensionTestsPath));
    return await exit;
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}
