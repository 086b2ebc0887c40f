#!/usr/bin/env node
// `npm test`: build, run every vitest project, then print the one line CI reads:
// `N passed, N failed, N skipped`, and exit non-zero on any failure.
// Extra arguments are passed to vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: false });

if (!process.env.MODEL_SHELF_SKIP_BUILD) {
  const build = run('npm', ['run', '--silent', 'build']);
  if (build.status !== 0) {
    console.log('0 passed, 1 failed, 0 skipped');
    console.error('The build failed, so no test ran: fix the errors above and run `npm test` again.');
    process.exit(1);
  }
}

const outFile = join(mkdtempSync(join(tmpdir(), 'model-shelf-tests-')), 'vitest.json');
const vitest = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${outFile}`,
  ...args,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(outFile)) {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load has no test results; count it so it cannot pass silently.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
if (process.env.MODEL_SHELF_SKIP_INTEROP === '1') {
  console.log('Interop suite skipped: MODEL_SHELF_SKIP_INTEROP=1 is set.');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
