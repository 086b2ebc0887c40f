#!/usr/bin/env node
// `npm start`: builds, then launches Model Shelf in Electron on the default store
// (BENTOML_HOME, else ~/bentoml). Extra arguments go to Electron: `npm start -- --foo`.
// Fails with one clear sentence on stderr when Electron's binary is not installed and cannot be
// downloaded, or when this Node is too old (require-node.cjs, imported first).
import './require-node.cjs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Electron 45 downloads its binary on first use rather than at `npm install`; do that here so
// `npm install && npm start` works on a machine that can reach Electron's downloads.
const electron = ensureElectronBinary(root, { onDownload: () => console.log('Downloading Electron (first start only)...') });
if (!electron.path) {
  console.error(electron.reason);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed, so Model Shelf was not started: fix the errors above and run `npm start` again.');
    process.exit(1);
  }
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const child = spawn(electron.path, ['.', ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
