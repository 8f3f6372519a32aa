// `npm start`: builds the extension and opens it in VS Code. Desktop VS Code when `code` is on
// PATH; otherwise code-server on 127.0.0.1 (installed on first use), printing the URL to open.
// Usage: npm start [-- <folder to open>]   (PORT=… picks the code-server port)
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
  const { startCodeServer, workbenchUrl } = require(join(root, 'out', 'test', 'support', 'codeServer.js'));
  const dataDir = join(root, '.vscode-test', 'start-profile');
  mkdirSync(dataDir, { recursive: true });
  const server = await startCodeServer({ workspace: folder, dataDir, port: Number(process.env.PORT) || undefined });
  console.log('\nNo `code` command on PATH, so the extension runs in code-server (VS Code in the browser).');
  console.log(`Open this URL in a browser:\n\n  ${workbenchUrl(server)}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
