// The one test command: builds, then runs the unit, integration and e2e tiers, printing each
// tier's counts and a closing `N passed, M failed` line. The integration and e2e tiers run once per
// VS Code version tested (test/support/codeServer.ts: VSCODE_TARGETS); CLAUDE_CHAT_VSCODE=<version>
// keeps one. Usage: node test/runner/runAll.mjs [unit|integration|e2e ...]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const requested = process.argv.slice(2);
const tiers = requested.length ? requested : ['unit', 'integration', 'e2e'];

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

console.log('building the extension (production) and the tests…');
if (run(process.execPath, ['esbuild.mjs', '--production', '--tests']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const { VSCODE_TARGETS, currentTarget } = createRequire(import.meta.url)(join(root, 'out', 'test', 'support', 'codeServer.js'));
const targets = process.env.CLAUDE_CHAT_VSCODE ? [currentTarget()] : VSCODE_TARGETS;

/** Each tier to run: its name, its script and arguments, and the VS Code version it tests (none for unit). */
const runs = tiers.flatMap((tier) => {
  if (tier === 'unit') return [{ name: 'unit', tier, args: ['out/test/support/mochaMain.js', 'out/test/unit', '20000'] }];
  return targets.map((target) => ({ name: `${tier} (VS Code ${target.vscode})`, tier, args: [`out/test/runner/${tier}.js`], vscode: target.vscode }));
});

const scratch = mkdtempSync(join(tmpdir(), 'claude-chat-results-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

for (const [index, { name, tier, args, vscode }] of runs.entries()) {
  const results = join(scratch, `${index}-${tier}.json`);
  console.log(`\n=== ${name} tests ===`);
  const code = run(process.execPath, args, { CLAUDE_CHAT_RESULTS: results, ...(vscode ? { CLAUDE_CHAT_VSCODE: vscode } : {}) });
  let counts;
  try {
    counts = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0, failures: [`the ${name} tier did not report results (exit code ${code})`] };
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash after the report still fails the run
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  for (const failure of counts.failures ?? []) lines.push(`  ✗ ${failure}`);
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
