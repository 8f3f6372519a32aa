/**
 * Finds a ripgrep to run: VS Code's own copy first (it moved in VS Code 1.122 from
 * `@vscode/ripgrep/bin/` to `@vscode/ripgrep-universal/bin/<platform>-<arch>/`, either one under
 * `node_modules` or `node_modules.asar.unpacked` of the app root), then `rg` on PATH. Undefined
 * means the built-in searcher has to do. No vscode import, so Node tests can probe real folders.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export interface RipgrepFound {
  readonly path: string;
  /** Where it came from, as people would say it. */
  readonly source: 'VS Code' | 'PATH';
}

export interface ProbeOptions {
  readonly appRoot: string;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
  /** The PATH to look through (the extension host's own by default). */
  readonly pathEnv?: string;
}

/** The places VS Code ships ripgrep, newest layout first. */
export function bundledCandidates(appRoot: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const places: string[] = [];
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) places.push(join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe));
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) places.push(join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe));
  return places;
}

async function runnable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    if (platform !== 'win32') await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findRipgrep(options: ProbeOptions): Promise<RipgrepFound | undefined> {
  const platform = options.platform ?? process.platform;
  for (const path of bundledCandidates(options.appRoot, platform, options.arch)) {
    if (await runnable(path, platform)) return { path, source: 'VS Code' }; // not localized: the product's name
  }
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  for (const dir of (options.pathEnv ?? process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, exe);
    if (await runnable(path, platform)) return { path, source: 'PATH' };
  }
  return undefined;
}
