/** `npm run bench`: the render bench, then the edit bench, each in its own process; fails when either does. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const codes = ['render.js', 'edits.js'].map((script) => spawnSync(process.execPath, [join(__dirname, script)], { stdio: 'inherit' }).status ?? 1);
process.exitCode = Math.max(...codes);
