// Issue 12 defects 4, 5 and 10: nothing leaves the window at any width down to the minimum window
// size (720 x 480, src-main/app/window.ts), with the longest model name BentoML allows, a stray
// folder with a 120-character name, several ticked versions and a task running in the status bar;
// text that does not fit ends in an ellipsis with the full text as a tooltip. Every view: browse
// with each detail tab, the create sheet, the delete dialog, the trash, the repair dialog.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 300_000;
// 63 characters, the most a BentoML name may have, of the widest letters.
const LONG = `wmwmwmwmw_${'mw'.repeat(25)}_wm`;
const STRAY = `stray_${'x'.repeat(114)}`;

async function check(page: Page, view: string, found: string[]): Promise<void> {
  const size = page.viewportSize();
  for (const p of await layoutProblems(page)) found.push(`${size?.width}x${size?.height} ${view}: ${p}`);
}

describe('the window fits at every width down to the minimum size', () => {
  it('no control leaves the window and no text is cut without an ellipsis and a tooltip', { timeout: SLOW }, async () => {
    expect(LONG).toHaveLength(63);
    expect(STRAY).toHaveLength(120);
    const home = await shelf.home();
    const labels = { owner: 'computer-vision-research-team', stage: 'production-candidate', dataset: 'imagenet-21k-filtered-2025-03' };
    await writeModelsInOtherProcess(home, [
      { tag: LONG, labels, metadata: { accuracy: 0.9667, note: 'n'.repeat(200) }, files: { 'weights.bin': 'a', [`${'deep_folder_name_'.repeat(6)}/file.bin`]: 'b' } },
      { tag: LONG, labels: { ...labels, stage: 'canary' }, files: { 'weights.bin': 'c' } },
      { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'w.bin': 'd' } },
    ]);
    await mkdir(path.join(home, 'models', STRAY));
    await writeFile(path.join(home, 'models', STRAY, 'notes.txt'), 'left here by hand');

    const { page, dialogs } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    const found: string[] = [];
    let release: (value: string | null) => void = () => undefined;
    try {
      await page.getByRole('option', { name: LONG, exact: true }).click();
      const versions = page.getByRole('listbox', { name: `Versions of ${LONG}` });
      await versions.getByRole('option').first().click();
      // A task in the status bar: an export waiting for its file name (the save dialog held open).
      dialogs.exportPaths.push(new Promise<string | null>((resolve) => (release = resolve)));
      await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Export…' }).click();
      await page.getByRole('contentinfo').getByRole('progressbar', { name: /^Exporting / }).waitFor();
      await versions.getByRole('option').last().click({ modifiers: ['Shift'] });
      await page.getByRole('button', { name: 'Delete 2 versions…', exact: true }).waitFor();

      for (const viewport of [{ width: 900, height: 600 }, { width: 720, height: 480 }]) {
        await page.setViewportSize(viewport);
        for (const tab of ['Overview', 'Labels & metadata', 'Files', 'model.yaml']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.getByRole('tab', { name: tab, selected: true }).waitFor();
          await check(page, `browse, ${tab}`, found);
        }
        await page.getByRole('button', { name: 'Delete 2 versions…', exact: true }).click();
        await page.getByRole('dialog', { name: /^Delete/ }).getByRole('button', { name: 'Cancel' }).waitFor();
        await check(page, 'delete dialog', found);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Open trash' }).click();
        await page.getByRole('dialog', { name: 'Trash' }).waitFor();
        await check(page, 'trash', found);
        await page.getByRole('dialog', { name: 'Trash' }).getByRole('button', { name: 'Close' }).click();
        await page.getByRole('contentinfo').getByRole('button', { name: /problem/ }).click();
        await page.getByRole('dialog', { name: 'Repair the store' }).getByText(STRAY, { exact: false }).first().waitFor();
        await check(page, 'repair dialog', found);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'New model' }).click();
        const sheet = page.getByRole('dialog', { name: 'New model' });
        await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill(LONG);
        await sheet.getByRole('button', { name: 'Add label' }).click();
        await sheet.getByRole('button', { name: 'Add metadata' }).click();
        await check(page, 'create sheet', found);
        await sheet.getByRole('button', { name: 'Close' }).click();
        await sheet.waitFor({ state: 'detached' });
      }
      // The task was there all along.
      expect(await page.getByRole('contentinfo').getByRole('progressbar', { name: /^Exporting / }).count()).toBe(1);
    } finally {
      release(null);
    }
    expect(found).toEqual([]);
  });
});
