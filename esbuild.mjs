// Builds the extension: dist/extension.js (node, cjs), dist/sdk.js (the Anthropic SDK, loaded on
// the first request only) and dist/webview.js (browser, iife), and copies the codicon font and its
// stylesheet into dist/. `--tests` also compiles the tests into out/. Flags: --watch, --production
// (minified, no source maps).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/**
 * The extension bundle keeps the SDK and each cloud's SDK out: `require('@anthropic-ai/sdk')` loads
 * dist/sdk.js, and `require('./bedrockEntry')` (vertex, foundry) dist/bedrock.js, on first use.
 */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './sdk.js', external: true }));
    build.onResolve({ filter: /^\.\/(bedrock|vertex|foundry)Entry$/ }, (args) => ({ path: `./${args.path.slice(2, -'Entry'.length)}.js`, external: true }));
  },
};
/** Each cloud's SDK, bundled on its own (its own copy of the Anthropic SDK's core: the cloud SDKs reach into its internals). */
const CLOUD_BUNDLES = { bedrock: 'src/host/providers/bedrockEntry.ts', vertex: 'src/host/providers/vertexEntry.ts', foundry: 'src/host/providers/foundryEntry.ts' };

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
    plugins: [lazySdk],
  },
  {
    ...common,
    entryPoints: CLOUD_BUNDLES,
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { sdk: 'src/host/sdkEntry.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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

function report(results) {
  const rows = [];
  for (const result of results) {
    for (const file of Object.keys(result.metafile?.outputs ?? {})) {
      if (file.startsWith('dist/') && file.endsWith('.js')) rows.push(`${file} ${(statSync(file).size / 1024).toFixed(1)} KB`);
    }
  }
  for (const { to } of COPIED) rows.push(`${to} ${(statSync(to).size / 1024).toFixed(1)} KB (copied)`);
  if (rows.length) console.log(`bundle sizes${production ? ' (production)' : ''}: ${rows.join(', ')}`);
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
