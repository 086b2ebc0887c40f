// Issue 12 defect 4: the model list and the versions/detail split are resizable (mouse and keys)
// and remembered; the version list gets the room it needs (half the pane by default, not six rows).
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;

describe('resizable, remembered panes', () => {
  it('shows many version rows by default, resizes both splits and remembers them after a reload', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, Array.from({ length: 20 }, (_, i) => ({ tag: 'iris_clf', labels: { run: String(i) }, files: { 'w.bin': `v${i}` } })));
    const { page } = await shelf.open({ home, viewport: { width: 1280, height: 800 } });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const rowsShown = async (): Promise<number> => {
      const box = (await versions.boundingBox())!;
      return Math.floor((box.height - 2) / 32);
    };
    // Comfortable at 1280 x 800: at least 9 version rows (was 6) and room for the detail below.
    expect(await rowsShown()).toBeGreaterThanOrEqual(9);
    const panel = (await page.getByRole('tabpanel').boundingBox())!;
    expect(panel.height).toBeGreaterThanOrEqual(200);

    // The model list: drag its edge 120 px to the right.
    const sidebar = page.getByRole('navigation', { name: 'Model browser' });
    const before = (await sidebar.boundingBox())!.width;
    const side = page.getByRole('separator', { name: 'Resize the model list' });
    const s = (await side.boundingBox())!;
    await page.mouse.move(s.x + s.width / 2, s.y + 200);
    await page.mouse.down();
    await page.mouse.move(s.x + s.width / 2 + 60, s.y + 200, { steps: 3 });
    await page.mouse.move(s.x + s.width / 2 + 120, s.y + 200, { steps: 3 });
    await page.mouse.up();
    const wider = (await sidebar.boundingBox())!.width;
    expect(Math.round(wider - before)).toBe(120);
    // ...and with the keys: ArrowLeft takes 16 px back.
    await side.focus();
    await page.keyboard.press('ArrowLeft');
    expect(Math.round((await sidebar.boundingBox())!.width)).toBe(Math.round(wider - 16));

    // The version list: drag its lower edge up to about four rows.
    const split = page.getByRole('separator', { name: 'Resize the version list' });
    const v = (await split.boundingBox())!;
    const list = (await versions.boundingBox())!;
    await page.mouse.move(v.x + 300, v.y + v.height / 2);
    await page.mouse.down();
    await page.mouse.move(v.x + 300, list.y + 4 * 32 + 2, { steps: 4 });
    await page.mouse.up();
    expect(await rowsShown()).toBe(4);
    await split.focus();
    await page.keyboard.press('ArrowDown');
    expect(await rowsShown()).toBe(5);
    const sideAfter = Math.round((await sidebar.boundingBox())!.width);

    // Remembered: a reload (the next launch) opens with the same splits.
    await page.reload();
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    expect(Math.round((await sidebar.boundingBox())!.width)).toBe(sideAfter);
    expect(await rowsShown()).toBe(5);

    // Double-click puts the default back.
    await page.getByRole('separator', { name: 'Resize the version list' }).dblclick();
    expect(await rowsShown()).toBeGreaterThanOrEqual(9);

    // A window too narrow for the remembered width keeps the version pane 500 px wide.
    await page.setViewportSize({ width: 720, height: 480 });
    const main = (await page.getByRole('main', { name: 'Model iris_clf' }).boundingBox())!;
    expect(Math.round(main.width)).toBeGreaterThanOrEqual(500);
    expect(await rowsShown()).toBeGreaterThanOrEqual(3);
  });
});
