/**
 * Entry of the extension test suite: the `extensionTestsPath` contract (the same as
 * @vscode/test-electron's): VS Code loads this module in the extension host, awaits `run()`, and
 * exits with 0 when it resolves, 1 when it rejects.
 *
 * Bundled by test/vscode/run-extension-tests.mjs to dist/test/vscode/index.js (mocha stays
 * external and resolves from the repository's node_modules).
 */
/// <reference types="mocha" />
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Install the tdd globals (suite, test, suiteSetup, ...) before the suites are evaluated: the
  // bundle evaluates a `require`d module only when the require runs.
  mocha.suite.emit('pre-require', globalThis, 'client/test/vscode', mocha);
  require('./extension.suite');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
