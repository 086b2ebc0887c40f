// Where notices sit and how they go, as the user sees them (boxes on screen), at the default and
// the small window size.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { repoRoot } from './harness/build-preload.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');
const SIZES = [
  { width: 1200, height: 760 },
  { width: 900, height: 600 },
] as const;

interface Box { x: number; y: number; width: number; height: number }

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Drops each archive and accepts the import offer; an archive already in the store is refused with an error notice. */
async function importEach(page: Page, drop: (paths: readonly string[]) => Promise<unknown>, archives: readonly string[]): Promise<void> {
  const offer = page.getByRole('dialog', { name: 'Import saved model?' });
  for (const archive of archives) {
    await drop([archive]);
    await offer.getByRole('button', { name: 'Import', exact: true }).click();
    await offer.waitFor({ state: 'detached' });
  }
}

describe('notices', () => {
  for (const viewport of SIZES) {
    it(`stack where they hide nothing and an error stays until its close button dismisses it (${viewport.width} px)`, { timeout: 120_000 }, async () => {
      const source = await shelf.home();
      const home = await shelf.home();
      for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima']) {
        await writeModelInOtherProcess(home, { tag: name, files: { 'w.bin': 'x'.repeat(100) } });
      }
      const out = await shelf.dir();
      const sourceStore = await ModelStore.open({ home: source });
      const tags = [await writeModelInOtherProcess(source, { tag: 'bert_ner' }), await writeModelInOtherProcess(source, { tag: 'fraud_xgb' })];
      const archives = [await sourceStore.export(tags[0]!, path.join(out, 'bert.bentomodel')), await sourceStore.export(tags[1]!, path.join(out, 'fraud.bentomodel'))];
      const { page, drop } = await shelf.open({ home, viewport });
      await page.getByRole('option', { name: 'alpha', exact: true }).click();

      // Two imports, then both again refused: four notices at once.
      await importEach(page, drop, [...archives, ...archives]);
      const notices = page.getByRole('region', { name: 'Notices' });
      const errors = notices.getByRole('alert');
      await expect.poll(() => errors.count()).toBe(2);
      for (const tag of tags) await notices.getByText(`Imported ${tag}`).waitFor();

      // Nothing under them: the lists, the detail pane, the status bar and each other stay uncovered.
      const cards = [...(await notices.getByRole('alert').all()), ...(await notices.getByRole('status').all())];
      const covered = [
        page.getByRole('listbox', { name: 'Models' }),
        page.getByRole('listbox', { name: /^Versions of / }),
        page.getByRole('toolbar', { name: 'Version actions' }),
        page.locator('.statusbar'),
      ];
      for (const card of cards) {
        const c = await box(card);
        expect(c.y + c.height).toBeLessThanOrEqual(viewport.height);
        for (const other of covered) expect(overlaps(c, await box(other)), `a notice covers ${String(other)}`).toBe(false);
        for (const peer of cards) if (peer !== card) expect(overlaps(c, await box(peer))).toBe(false);
      }
      await page.screenshot({ path: path.join(SHOTS, `notices-${viewport.width}.png`), animations: 'disabled', caret: 'hide' });

      // An error does not leave by itself; its close button (named for what it does) removes it.
      const first = errors.first();
      expect(await first.textContent()).toContain('is already in this store');
      await first.getByRole('button', { name: 'Dismiss notice' }).click();
      await expect.poll(() => errors.count()).toBe(1);
      await errors.getByRole('button', { name: 'Dismiss notice' }).click();
      await errors.first().waitFor({ state: 'detached' });
    });
  }
});
