// Debian's Chromium through playwright-core (the Electron binary cannot be downloaded here,
// design §7). One browser per test file; each window gets its own context.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './build-preload.ts';

export const CHROMIUM_PATH = process.env.MODEL_SHELF_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export const rendererDir = path.join(repoRoot, 'dist/renderer');

/**
 * `npm test` builds first; a single e2e file run by hand rebuilds the renderer when its sources
 * are newer than dist/renderer (MODEL_SHELF_SKIP_BUILD=1 turns that off).
 */
export function ensureRendererBuilt(): string {
  const index = path.join(rendererDir, 'index.html');
  if (process.env.MODEL_SHELF_SKIP_BUILD === '1' && existsSync(index)) return rendererDir;
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = [path.join(repoRoot, 'src-renderer'), path.join(repoRoot, 'src-main/shared')];
  const newest = Math.max(statSync(path.join(repoRoot, 'vite.config.ts'), { throwIfNoEntry: false })?.mtimeMs ?? 0, ...sources.map(newestMtime));
  if (newest > built) {
    const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`The renderer build failed:\n${result.stdout}\n${result.stderr}`);
  }
  if (!existsSync(index)) throw new Error(`No renderer at ${index}: run \`npm run build:renderer\`.`);
  return rendererDir;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * A private copy of dist/renderer for one test file: a rebuild while the tests run (another
 * terminal, a watcher) would otherwise swap the hashed assets under a loading page.
 */
export async function snapshotRenderer(dir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'shelf-e2e-renderer-'));
  for (let attempt = 0; ; attempt += 1) {
    await rm(copy, { recursive: true, force: true });
    await cp(dir, copy, { recursive: true }).catch(() => undefined);
    const index = await readFile(path.join(copy, 'index.html'), 'utf8').catch(() => '');
    const assets = [...index.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    if (index && assets.every((asset) => existsSync(path.join(copy, asset)))) break;
    if (attempt >= 20) throw new Error(`${dir} stayed incomplete (a build running?): run \`npm run build:renderer\`.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { dir: copy, remove: () => rm(copy, { recursive: true, force: true }) };
}
