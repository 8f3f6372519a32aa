/** Entry point the extension host loads (`extensionTestsPath`), for @vscode/test-electron and code-server alike. */
import { join } from 'node:path';
import { runMocha } from '../support/runMocha';
import { watchUnhandledRejections } from './unhandledRejections';

export async function run(): Promise<void> {
  watchUnhandledRejections();
  const failures = await runMocha(join(__dirname, 'suite'), 30_000);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
