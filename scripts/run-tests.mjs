#!/usr/bin/env node
// `npm test`: build, run every vitest project one after another (the CI machine has two
// cores; e2e and interop should not fight the crash tests for them), then the lint, packaging
// and security gates (each counts as one test), and print the one line CI reads: `N passed, N failed, N skipped`.
// `npm test -- --project unit` runs one project; other arguments go to vitest.
import './require-node.cjs'; // first: stops an unsupported Node with one sentence
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROJECTS = ['unit', 'components', 'integration', 'e2e', 'interop'];
const GATES = [
  // The house's doors (eslint.config.js) and type-aware lint; `npm run lint` runs the same.
  ['lint gate (eslint .)', 'node_modules/eslint/bin/eslint.js', '.'],
  ['security gate (electronegativity)', 'scripts/check-security.mjs'],
  ['packaging gate (electron-builder + asar contents)', 'scripts/check-package.mjs'],
];

const argv = process.argv.slice(2);
const chosen = [];
const rest = [];
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--project') chosen.push(argv[++i]);
  else rest.push(argv[i]);
}
const projects = chosen.length > 0 ? chosen : PROJECTS;
const runGates = chosen.length === 0 && rest.length === 0;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' });

// The app keeps caches (the remote ls sidecar cache) under $XDG_CACHE_HOME: tests that push or
// list through the real service must not fill the caches of the person running them. The
// BentoML venv and the S3 server binary are found from the home folder, not from this variable.
process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'model-shelf-test-cache-'));

function finish() {
  if (process.env.MODEL_SHELF_SKIP_INTEROP === '1') console.log('Interop suite skipped: MODEL_SHELF_SKIP_INTEROP=1 is set.');
  if (failures.length > 0) console.log(`Failed: ${failures.join('; ')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (!process.env.MODEL_SHELF_SKIP_BUILD) {
  if (run('npm', ['run', '--silent', 'build']).status !== 0) {
    totals.failed += 1;
    failures.push('the build failed, so no test ran: fix the errors above');
    finish();
  }
}

for (const project of projects) {
  console.log(`\n== vitest project: ${project}`);
  const outFile = join(mkdtempSync(join(tmpdir(), 'model-shelf-tests-')), 'vitest.json');
  const result = run(process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', '--project', project,
    '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...rest,
  ]);
  let failedHere = 0;
  if (existsSync(outFile)) {
    const report = JSON.parse(readFileSync(outFile, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    failedHere += report.numFailedTests ?? 0;
    // A file that failed to load has no test results; count it so it cannot pass silently.
    for (const file of report.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failedHere += 1;
    }
  }
  if (result.status !== 0 && failedHere === 0) failedHere = 1;
  if (failedHere > 0) failures.push(`${failedHere} in ${project}`);
  totals.failed += failedHere;
}

if (runGates) {
  for (const [name, script, ...args] of GATES) {
    console.log(`\n== ${name}`);
    if (run(process.execPath, [script, ...args]).status === 0) totals.passed += 1;
    else {
      totals.failed += 1;
      failures.push(name);
    }
  }
}
finish();
