// Builds the extension: dist/extension.js (node, cjs), dist/lazy/ (the Anthropic SDK and each
// cloud's SDK, loaded on first use) and dist/webview.js (browser, iife), and copies the codicon font
// and its stylesheet into dist/. `--tests` also compiles the tests into out/. Flags: --watch,
// --production (minified, no source maps).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/**
 * The modules loaded on first use, never by activation: the Anthropic SDK, and each cloud's SDK
 * (Bedrock, Vertex AI, Foundry). They are one ESM build with code splitting into dist/lazy/, so the
 * SDK core the cloud SDKs reach into is one shared chunk instead of a copy in each bundle.
 */
const LAZY = { sdk: 'src/host/sdkEntry.ts', bedrock: 'src/host/providers/bedrockEntry.ts', vertex: 'src/host/providers/vertexEntry.ts', foundry: 'src/host/providers/foundryEntry.ts' };
const LAZY_DIR = 'dist/lazy';
const lazyByPath = new Map(Object.entries(LAZY).map(([name, file]) => [resolve(file), name]));

/**
 * The one loading mechanism: the source says `await import('./sdkEntry')` (`./bedrockEntry`, …).
 * In dist/extension.js this plugin makes each such import() external, pointing at
 * `./lazy/<name>.mjs`: esbuild keeps an external import() a real import() in CJS output, which
 * resolves next to dist/extension.js. In the test build (out/) the entry is bundled in and its
 * package stays a require() from node_modules, the same copy of the SDK the tests use. Anything
 * but an import() of an entry fails the build, as does an SDK imported some other way: either
 * would load the SDK on activation, or bundle it into dist/extension.js.
 */
const lazyEntries = {
  name: 'lazy-entries',
  setup(build) {
    build.onResolve({ filter: /Entry$/ }, (args) => {
      const name = lazyByPath.get(resolve(args.resolveDir, `${args.path}.ts`));
      if (!name) return undefined;
      if (args.kind !== 'dynamic-import') return { errors: [{ text: `${args.path} is loaded on first use only: use await import('${args.path}')` }] };
      return { path: `./lazy/${name}.mjs`, external: true };
    });
    // The SDKs reach dist/extension.js through the entries only (type imports never get here).
    build.onResolve({ filter: /^@anthropic-ai\// }, (args) => ({ errors: [{ text: `${args.path} is loaded on first use only, through src/host/sdkEntry.ts or a cloud's entry` }] }));
  },
};

/**
 * Bundled CommonJS dependencies (the AWS SDK, Google's auth library) call require(); ESM has none,
 * so each lazy file defines one. The import is renamed so it cannot clash with a bundled name.
 */
const REQUIRE_BANNER = "import { createRequire as __lazyCreateRequire } from 'node:module'; const require = __lazyCreateRequire(import.meta.url);";

/** Deletes what an earlier build left in dist/lazy/ (chunks are named by hash), so only this build's files ship. */
const pruneLazy = {
  name: 'prune-lazy',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile || !existsSync(LAZY_DIR)) return;
      const current = new Set(Object.keys(result.metafile.outputs).map((file) => resolve(file)));
      for (const file of readdirSync(LAZY_DIR)) if (!current.has(resolve(LAZY_DIR, file))) rmSync(join(LAZY_DIR, file));
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  metafile: true,
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyEntries],
  },
  {
    ...common,
    entryPoints: LAZY,
    outdir: LAZY_DIR,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    splitting: true,
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    plugins: [pruneLazy],
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (tests) {
  builds.push({
    entryPoints: ['test/**/*.ts'],
    outdir: 'out',
    outbase: '.',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    packages: 'external',
    external: ['vscode'],
    logLevel: 'warning',
  });
  // The bench's naive baseline runs in the browser.
  builds.push({ entryPoints: { naive: 'test/bench/naiveRenderer.ts' }, outdir: 'out/bench', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'warning' });
}

/** Files copied as they are into dist/ (flat names): the webview links dist/codicon.css, which loads ./codicon.ttf. */
const COPIED = [
  { from: 'node_modules/@vscode/codicons/dist/codicon.css', to: 'dist/codicon.css' },
  { from: 'node_modules/@vscode/codicons/dist/codicon.ttf', to: 'dist/codicon.ttf' },
];

function copyAssets() {
  mkdirSync('dist', { recursive: true });
  for (const { from, to } of COPIED) copyFileSync(from, to);
}

const kb = (file) => `${(statSync(file).size / 1024).toFixed(1)} KB`;

/**
 * dist/lazy/: each entry with what importing it loads, then each chunk with the entries that load
 * it ("on demand": only through an import() inside a dependency, such as the AWS SDK's).
 */
function lazyReport(outputs) {
  const files = Object.keys(outputs).filter((file) => file.startsWith(`${LAZY_DIR}/`) && file.endsWith('.mjs'));
  const reach = (file, kinds, seen = new Set()) => {
    if (seen.has(file) || !outputs[file]) return seen;
    seen.add(file);
    for (const { path, kind } of outputs[file].imports) if (kinds.includes(kind)) reach(path, kinds, seen);
    return seen;
  };
  const entries = Object.entries(LAZY).map(([name, source]) => ({ name, file: files.find((f) => outputs[f].entryPoint === source) }));
  const size = (set) => [...set].reduce((sum, file) => sum + statSync(file).size, 0);
  const lines = entries.map(({ name, file }) => `  ${name}.mjs ${kb(file)} (entry; ${(size(reach(file, ['import-statement'])) / 1024).toFixed(1)} KB with its static imports)`);
  for (const file of files.filter((f) => !entries.some((e) => e.file === f)).sort((a, b) => statSync(b).size - statSync(a).size)) {
    const loading = entries.filter((e) => reach(e.file, ['import-statement']).has(file)).map((e) => e.name);
    const onDemand = entries.filter((e) => reach(e.file, ['import-statement', 'dynamic-import']).has(file)).map((e) => e.name);
    const by = loading.length ? `${loading.length > 1 ? 'shared: ' : ''}${loading.join(', ')}` : `${onDemand.join(', ')}, on demand`;
    lines.push(`  ${relative(LAZY_DIR, file)} ${kb(file)} (chunk; ${by})`);
  }
  console.log(`${LAZY_DIR}/ (loaded on first use), ${(size(files) / 1024).toFixed(1)} KB in all:\n${lines.join('\n')}`);
}

function report(results) {
  const rows = [];
  const outputs = Object.assign({}, ...results.map((result) => result.metafile?.outputs ?? {}));
  for (const file of Object.keys(outputs)) if (file.startsWith('dist/') && file.endsWith('.js')) rows.push(`${file} ${kb(file)}`);
  for (const { to } of COPIED) rows.push(`${to} ${kb(to)} (copied)`);
  if (rows.length) console.log(`bundle sizes${production ? ' (production)' : ''}: ${rows.join(', ')}`);
  lazyReport(outputs);
}

/** Writes dist/THIRD_PARTY_NOTICES.txt: the licenses of the packages bundled or copied into dist/. */
function writeNotices(results) {
  const packages = new Map();
  const inputs = results.flatMap((result) => Object.keys(result.metafile?.inputs ?? {}));
  for (const input of [...inputs, ...COPIED.map((c) => c.from)]) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match || packages.has(match[1])) continue;
    const dir = input.slice(0, match.index + match[0].length - 1);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // Every license file: the codicons ship the font under one license and their code under another.
    const licenseFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /^licen[sc]e/i.test(f)).sort() : [];
    const text = licenseFiles.length ? licenseFiles.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n') : `License: ${manifest.license ?? 'unknown'}`;
    packages.set(match[1], `${manifest.name} ${manifest.version}\n\n${text}`);
  }
  const body = [...packages.keys()].sort().map((name) => packages.get(name)).join(`\n\n${'-'.repeat(72)}\n\n`);
  writeFileSync(join(dirname(new URL(import.meta.url).pathname), 'dist', 'THIRD_PARTY_NOTICES.txt'), `Claude Chat bundles the following packages.\n\n${body}\n`);
}

copyAssets();
if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('watching for changes…');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  writeNotices(results);
  report(results);
}
