// The empty-trash confirmation's buttons as the user sees them: one row, Keep styled like the
// dialog's other secondary button (boxes on screen, computed styles).
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { repoRoot } from './harness/build-preload.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

describe('the empty-trash confirmation', () => {
  it('puts Keep and Delete permanently side by side, Keep styled like the other secondary buttons', { timeout: 120_000 }, async () => {
    const home = await shelf.home();
    const store = await ModelStore.open({ home });
    const tags = [
      await writeModelInOtherProcess(home, { tag: 'old_baseline', files: { 'w.bin': 'w'.repeat(783) } }),
      await writeModelInOtherProcess(home, { tag: 'old_baseline', files: { 'w.bin': 'v'.repeat(2000) } }),
    ];
    await store.delete(tags, { trash: true });
    const { page } = await shelf.open({ home });
    await page.getByRole('button', { name: 'Open trash' }).click();
    const trash = page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('button', { name: 'Empty trash' }).click();
    const confirm = trash.getByRole('alert');
    await confirm.getByText(/^Permanently delete 2 versions/).waitFor();
    const keep = confirm.getByRole('button', { name: 'Keep', exact: true });
    const del = confirm.getByRole('button', { name: 'Delete permanently' });
    const [k, d] = [await box(keep), await box(del)];
    expect(Math.abs(k.y - d.y)).toBeLessThan(1); // one row
    expect(d.x - (k.x + k.width)).toBeGreaterThanOrEqual(8); // Keep first, the destructive one after a gap
    expect(k.width).toBeLessThan(d.width + 40); // sized to its word, not stretched across the callout
    // Keep looks like the dialog's other secondary button (Close): same fill, border and height.
    const look = (l: Locator) => l.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`, radius: s.borderTopLeftRadius, height: s.height };
    });
    expect(await look(keep)).toEqual(await look(trash.getByRole('button', { name: 'Close', exact: true })));
    await page.screenshot({ path: path.join(SHOTS, 'trash-empty-confirm.png'), animations: 'disabled', caret: 'hide' });
    await keep.click();
    await confirm.waitFor({ state: 'detached' });
  });
});
