/** `npm run bench`: the render, edit, search, long-session, uploads and PDF pages benches, each in its own process; fails when any does. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const codes = ['render.js', 'edits.js', 'search.js', 'longSession.js', 'uploads.js', 'pdfPages.js'].map((script) => spawnSync(process.execPath, [join(__dirname, script)], { stdio: 'inherit' }).status ?? 1);
process.exitCode = Math.max(...codes);
