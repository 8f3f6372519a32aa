// The one test command: builds, then runs the unit, integration and e2e tiers, printing each
// tier's counts and a closing `N passed, M failed` line. Usage: node test/runner/runAll.mjs [unit|integration|e2e ...]
import { spawnSync } from 'node:child_process';
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

const scratch = mkdtempSync(join(tmpdir(), 'claude-chat-results-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

for (const tier of tiers) {
  const results = join(scratch, `${tier}.json`);
  console.log(`\n=== ${tier} tests ===`);
  const script = tier === 'unit' ? 'out/test/support/mochaMain.js' : `out/test/runner/${tier}.js`;
  const args = tier === 'unit' ? [script, 'out/test/unit', '20000'] : [script];
  const code = run(process.execPath, args, { CLAUDE_CHAT_RESULTS: results });
  let counts;
  try {
    counts = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0, failures: [`the ${tier} tier did not report results (exit code ${code})`] };
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash after the report still fails the run
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  lines.push(`${tier}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  for (const failure of counts.failures ?? []) lines.push(`  ✗ ${failure}`);
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
