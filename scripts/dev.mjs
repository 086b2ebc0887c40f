#!/usr/bin/env node
// `npm run dev`: compiles the main process and the preload once, starts Vite's dev server for
// the renderer (hot reload), then launches Electron with VITE_DEV_SERVER_URL so the window loads
// the dev server instead of dist/renderer. Stops the server when the window closes.
// Restart `npm run dev` after changing src-main/ (main and preload are not watched).
import './require-node.cjs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = ensureElectronBinary(root, { onDownload: () => console.log('Downloading Electron (first start only)...') });
if (!electron.path) {
  console.error(electron.reason);
  process.exit(1);
}
for (const script of ['build:main', 'build:preload']) {
  const step = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (step.status !== 0) {
    console.error(`\`npm run ${script}\` failed, so Model Shelf was not started: fix the errors above and run \`npm run dev\` again.`);
    process.exit(1);
  }
}

// Loaded only now: an unsupported Node has been stopped with one sentence above (require-node.cjs).
const { createServer } = await import('vite');
const server = await createServer({ configFile: join(root, 'vite.config.ts'), server: { host: '127.0.0.1', strictPort: false } });
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) {
  console.error('The Vite dev server did not report a local URL.');
  await server.close();
  process.exit(1);
}
console.log(`Renderer dev server: ${url}`);
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, VITE_DEV_SERVER_URL: url },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await server.close();
  process.exit(code ?? (signal ? 1 : 0));
});
