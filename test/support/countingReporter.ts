/**
 * Mocha's spec reporter plus a results file (path in CLAUDE_CHAT_RESULTS) holding the pass/fail
 * counts, so the runner can sum tiers without scraping output (the extension host's console
 * reaches the runner only through the browser).
 */
import { writeFileSync } from 'node:fs';
import * as mocha from 'mocha';

export class CountingReporter extends mocha.reporters.Spec {
  constructor(runner: mocha.Runner, options?: mocha.MochaOptions) {
    super(runner, options);
    const failures: string[] = [];
    runner.on(mocha.Runner.constants.EVENT_TEST_FAIL, (test: mocha.Test, err: Error) => {
      failures.push(`${test.fullTitle()}: ${err?.message ?? err}`);
    });
    runner.once(mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.CLAUDE_CHAT_RESULTS;
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      writeFileSync(file, JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending, failures }));
    });
  }
}
