// Screenshots of the Files tab's preview and the model card (issue 12 view 17) at 1280 x 800 and
// 900 x 600 in both themes: files-preview-<width>-<theme>.png and model-card-<width>-<theme>.png.
// Written to test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1 also copies them to
// docs/screenshots/. Each view is also checked to fit the window.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeFilesModel } from './harness/files-fixtures.ts';
import { removeStaleScreenshots, shootEveryRound } from './harness/screenshot-docs.ts';

const shelf = useHarness();

describe('screenshots of the file preview and the model card', () => {
  it('writes files-preview-* and model-card-*, and each fits the window', { timeout: 600_000 }, async () => {
    const home = await shelf.home();
    await writeFilesModel(home, await shelf.dir(), 'sentiment_distilbert');
    const { written, problems } = await shootEveryRound(async ({ scheme, size, shootView }) => {
      const { page } = await shelf.open({ home, colorScheme: scheme, viewport: size });
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
      const card = page.getByRole('region', { name: 'Model card' });
      await card.getByRole('button', { name: 'Show all' }).waitFor();
      await shootView(page, 'model-card');

      await page.getByRole('tab', { name: 'Files' }).click();
      await page.locator('[data-path="config.json"]').click();
      await page.getByLabel('Contents of config.json').waitFor();
      await page.mouse.move(0, size.height - 1); // no hover highlight in the picture
      await shootView(page, 'files-preview');
      await page.close();
    });
    expect(problems).toEqual([]);
    expect(written).toHaveLength(8);
    await removeStaleScreenshots(written);
  });
});
