// Builds the extension: dist/extension.js (node, cjs), dist/sdk.js (the Anthropic SDK, loaded on
// the first request only) and dist/webview.js (browser, iife). `--tests` also compiles the tests
// into out/. Flags: --watch, --production (minified, no source maps).
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/** The extension bundle keeps the SDK out: `import('@anthropic-ai/sdk')` loads dist/sdk.js lazily. */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './sdk.js', external: true }));
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
    plugins: [lazySdk],
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
}

function report(results) {
  const rows = [];
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile?.outputs ?? {})) {
      if (file.startsWith('dist/') && file.endsWith('.js')) rows.push(`${file} ${(statSync(file).size / 1024).toFixed(1)} KB`);
      void info;
    }
  }
  if (rows.length) console.log(`bundle sizes${production ? ' (production)' : ''}: ${rows.join(', ')}`);
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('watching for changes…');
} else {
  report(await Promise.all(builds.map((options) => esbuild.build(options))));
}
