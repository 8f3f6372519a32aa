// `npm start`: builds the extension and opens it in VS Code. Desktop VS Code when `code` is on
// PATH; otherwise code-server on 127.0.0.1 (installed on first use), behind the short address
// http://127.0.0.1:3790/ (PORT=… picks another port).
// CLAUDE_CHAT_LOCALE=ja opens code-server in that display language (a minimal language pack is
// installed into its profile, as the tests do), to see a translation in place.
// Usage: npm start [-- <folder to open>]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = resolve(process.argv[2] ?? root);

const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasCode = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code']).status === 0;
if (hasCode && !process.env.CLAUDE_CHAT_USE_CODE_SERVER) {
  console.log(`opening ${folder} in VS Code with the extension loaded from ${root}`);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const require = createRequire(import.meta.url);
  const { developmentOptions, startCodeServer } = require(join(root, 'out', 'test', 'support', 'codeServer.js'));
  const { listenShortUrl, startPort } = require(join(root, 'out', 'test', 'support', 'shortUrl.js'));
  let short;
  try {
    short = await listenShortUrl(startPort(process.env));
  } catch (err) {
    console.error(`\n${err.message}`);
    process.exit(1);
  }
  const dataDir = join(root, '.vscode-test', 'start-profile');
  mkdirSync(dataDir, { recursive: true });
  const server = await startCodeServer({ workspace: folder, dataDir, locale: process.env.CLAUDE_CHAT_LOCALE }).catch(async (err) => {
    await short.close();
    throw err;
  });
  // The workbench is reached through the short address, so it names that address as its own.
  // The extension loads through the workbench page's developmentOptions, added by the short address (every VS Code version).
  const payload = JSON.stringify([['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]);
  short.target = {
    port: server.port,
    landing: `${short.url}?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(payload)}`,
    developmentOptions: developmentOptions({ port: short.port }),
  };
  console.log('\nNo `code` command on PATH, so the extension runs in code-server (VS Code in the browser).');
  console.log(`Open this URL in a browser:\n\n  ${short.url}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await short.close();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
