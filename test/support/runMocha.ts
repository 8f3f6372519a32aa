/** Runs the compiled mocha suites of one folder with the counting reporter. Used in Node and in the extension host. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { CountingReporter } from './countingReporter';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

/** Resolves with the number of failed tests. */
export function runMocha(dir: string, timeout: number): Promise<number> {
  const runner = new Mocha({ ui: 'bdd', reporter: CountingReporter, timeout, color: process.stdout.isTTY === true });
  const grep = process.env.CLAUDE_CHAT_GREP;
  if (grep) runner.grep(grep);
  for (const file of findTests(dir)) runner.addFile(file);
  return new Promise((resolve) => runner.run((failures) => resolve(failures)));
}
