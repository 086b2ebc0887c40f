// The real Electron app, launched by Playwright's `_electron` from the built dist/ (`npm test`
// builds first). It runs wherever an Electron binary is installed (`npx install-electron`);
// this workplace cannot download one from GitHub, so there it is reported as skipped with that
// reason in the suite name (design §7). The rest of tests/e2e covers the window in Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const electron = findElectronBinary(repoRoot);
const suiteName = electron.path
  ? `Electron smoke test (${electron.path})`
  : 'Electron smoke test skipped: no Electron binary (cannot be downloaded in this workplace)';
// The default reporter shows a skipped file without its suite name: say why here too.
if (!electron.path) console.warn(`${suiteName}. ${electron.reason}`);

/** Linux without a display: start Xvfb for Electron's window. */
async function ensureDisplay(): Promise<{ env: Record<string, string>; xvfb?: ChildProcess }> {
  if (process.platform !== 'linux' || process.env.DISPLAY) return { env: {} };
  const display = `:${90 + Math.floor(Math.random() * 100)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const socket = `/tmp/.X11-unix/X${display.slice(1)}`;
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  return { env: { DISPLAY: display }, xvfb };
}

describe(suiteName, () => {
  let app: ElectronApplication | undefined;
  let xvfb: ChildProcess | undefined;
  const dirs: string[] = [];

  afterAll(async () => {
    await app?.close();
    xvfb?.kill();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.skipIf(!electron.path)('opens the "Model Shelf" window and lists a model from BENTOML_HOME', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'model-shelf-smoke-home-'));
    const config = await mkdtemp(path.join(os.tmpdir(), 'model-shelf-smoke-config-'));
    dirs.push(home, config);
    const { ModelStore } = await import('../../src-main/store/model-store.ts');
    const store = await ModelStore.open({ home });
    const artifact = path.join(config, 'weights.bin');
    await writeFile(artifact, 'smoke test weights');
    const session = await store.begin({ tag: 'smoke_clf' });
    await session.add([artifact]);
    await session.commit();

    const display = await ensureDisplay();
    xvfb = display.xvfb;
    app = await _electron.launch({
      executablePath: electron.path,
      args: ['.'],
      cwd: repoRoot,
      // XDG_CONFIG_HOME keeps the app's settings (a remembered store folder) out of the user's.
      env: { ...process.env, ...display.env, BENTOML_HOME: home, XDG_CONFIG_HOME: config },
    });
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(await window.title()).toMatch(/^Model Shelf/);
    await expect.poll(() => window.getByText('smoke_clf').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
