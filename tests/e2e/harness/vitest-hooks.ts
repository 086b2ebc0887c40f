// vitest glue: one harness (browser + server + preload bundle) per test file, windows and
// temporary homes closed after each test even when it fails.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { repoRoot } from './build-preload.ts';
import { startHarness, type Harness, type OpenOptions, type ShelfWindow } from './shelf-window.ts';
import { removeDir, tempDir } from './store-fixtures.ts';

export interface HarnessHooks {
  open(options?: OpenOptions): Promise<ShelfWindow>;
  /** A temporary BENTOML_HOME removed after the test; with an empty models/ unless `withModels` is false. */
  home(options?: { withModels?: boolean }): Promise<string>;
  /** A temporary directory (source files to drop, export targets) removed after the test. */
  dir(): Promise<string>;
}

export function useHarness(): HarnessHooks {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });
  return {
    async open(options) {
      if (!harness) throw new Error('The harness did not start.');
      const win = await harness.open(options);
      onTestFinished(async (context) => {
        if (context.task.result?.state === 'fail') {
          if (win.errors.length) console.error(`Page errors:\n${win.errors.join('\n')}`);
          const file = path.join(repoRoot, 'test-results', 'failures', `${context.task.name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.png`);
          await win.page.screenshot({ path: file }).then(() => console.error(`Screenshot of the failure: ${file}`), () => undefined);
        }
        await win.close();
      });
      return win;
    },
    async home(options = {}) {
      const home = await tempDir('shelf-e2e-home-');
      if (options.withModels !== false) await mkdir(path.join(home, 'models'));
      onTestFinished(() => removeDir(home));
      return home;
    },
    async dir() {
      const dir = await tempDir('shelf-e2e-src-');
      onTestFinished(() => removeDir(dir));
      return dir;
    },
  };
}
