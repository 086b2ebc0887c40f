// The Disk use view on a 10,000-version store (1,000 names x 10 versions) through the e2e harness:
// how long from the click on the status bar's total until every bar is on screen, and how long the
// page's longest task was; then the same for the Clean up preview. Prints figures, asserts nothing.
// Run: node bench/disk-use-bench.ts [--names 1000] [--versions 10]
import { parseArgs } from 'node:util';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' } } });
const home = await tempDir('shelf-du-bench-');
try {
  const count = await generateStore(home, { names: Number(values.names), versions: Number(values.versions) });
  const harness = await startHarness();
  try {
    const win = await harness.open({ home });
    const { page } = win;
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option').first().waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const bars = page.getByRole('group', { name: 'Models and their versions by size' });
    await bars.waitFor({ timeout: 120_000 });
    const shown = Date.now() - t0;
    const segments = await bars.locator('.usage-seg').count();
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(`${count} versions: click -> bars on screen ${shown} ms (store:usage + render), ${segments} segments, longest task ${Math.round(longest)} ms`);
    const t1 = Date.now();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await bars.waitFor();
    console.log(`reopened: ${Date.now() - t1} ms`);
    // Clean up with keep-last 2: a plan that removes 8,000 of the 10,000 versions.
    await page.evaluate(() => {
      (window as unknown as { longest: number }).longest = 0;
    });
    const t2 = Date.now();
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Clean up…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Clean up' });
    await sheet.getByRole('textbox', { name: 'How many to keep' }).fill('2');
    await sheet.getByRole('status', { name: 'Preview' }).getByText(/^Removes /).waitFor({ timeout: 120_000 });
    const rows = await sheet.locator('tbody tr').count();
    const longest2 = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(`clean up, keep the last 2: preview on screen ${Date.now() - t2} ms (prune plans + render), ${rows} table rows, longest task ${Math.round(longest2)} ms`);
  } finally {
    await harness.close();
  }
} finally {
  await removeDir(home);
}
