/** Entry point the extension host loads (`extensionTestsPath`), for @vscode/test-electron and code-server alike. */
import { join } from 'node:path';
import { runMocha } from '../support/runMocha';

export async function run(): Promise<void> {
  const failures = await runMocha(join(__dirname, 'suite'), 30_000);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
