/** Runs the e2e tier: mocha in Node, each suite driving code-server in headless Chromium. */
import { join } from 'node:path';
import { ensureCodeServer, ROOT } from '../support/codeServer';
import { runMocha } from '../support/runMocha';

ensureCodeServer();
runMocha(join(ROOT, 'out', 'test', 'e2e'), 120_000).then(
  (failures) => process.exit(Math.min(failures, 100)),
  (err) => {
    console.error(err);
    process.exit(101);
  },
);
