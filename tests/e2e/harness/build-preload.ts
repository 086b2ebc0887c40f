// Bundles the app's REAL preload for the page: one IIFE with `electron` aliased to the shim
// (design §7). Built once per test process; the result is injected with page.addInitScript.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const preloadEntry = path.join(repoRoot, 'src-main/preload/preload.ts');
const shimPath = path.join(repoRoot, 'tests/e2e/harness/electron-shim.ts');

let cached: Promise<string> | undefined;

export function buildPreload(entry = preloadEntry): Promise<string> {
  if (entry === preloadEntry && cached) return cached;
  const result = bundle(entry);
  if (entry === preloadEntry) cached = result;
  return result;
}

async function bundle(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: [{ find: /^electron$/, replacement: shimPath }] },
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: 'modelShelfPreload', fileName: () => 'preload.js' },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  for (const out of outputs) {
    for (const chunk of out.output) {
      if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
    }
  }
  throw new Error(`Bundling ${entry} produced no entry chunk.`);
}
