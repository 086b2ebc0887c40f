// Screenshots of the bulk actions (issue 12 view 15) at 1280 x 800 and 900 x 600 in both themes:
// bulk-actions-<width>-<theme>.png (everything a search matches ticked across models, the bar with
// its count and actions) and bulk-relabel-<width>-<theme>.png (the relabel sheet). Written to
// test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1 also copies them to docs/screenshots/.
// Each is also checked to fit the window.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess, type ChildModel } from './harness/store-fixtures.ts';
import { removeStaleScreenshots, shootEveryRound } from './harness/screenshot-docs.ts';

const shelf = useHarness();

async function seed(home: string): Promise<void> {
  const kib = (n: number, c: string) => c.repeat(n * 1024);
  const models: ChildModel[] = [];
  ['dev', 'staging', 'prod', 'canary', 'prod'].forEach((stage, i) =>
    models.push({ tag: 'sentiment_distilbert', labels: { owner: 'nlp-team', stage }, metadata: { accuracy: 0.88 + i * 0.01 }, files: { 'model.safetensors': kib(300 + i * 20, String.fromCharCode(97 + i)) } }),
  );
  ['dev', 'prod', 'prod'].forEach((stage, i) => models.push({ tag: 'sentiment_roberta_large', labels: { owner: 'alice', stage }, metadata: { accuracy: 0.91 + i * 0.01 }, files: { 'model.safetensors': kib(900 + i * 10, String.fromCharCode(107 + i)) } }));
  models.push({ tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'prod' }, files: { 'model.pkl': kib(14, 'k') } });
  models.push({ tag: 'fraud_xgb', labels: { owner: 'risk', stage: 'prod' }, files: { 'model.json': kib(300, 's') } });
  await writeModelsInOtherProcess(home, models);
}

describe('screenshots of the bulk actions', () => {
  it('writes bulk-actions and bulk-relabel at each size and theme, and each fits the window', { timeout: 600_000 }, async () => {
    const home = await shelf.home();
    await seed(home);
    const { written, problems } = await shootEveryRound(async ({ scheme, size, shootView }) => {
      const { page } = await shelf.open({ home, colorScheme: scheme, viewport: size });
      await page.getByRole('searchbox', { name: 'Search models' }).fill('sentiment');
      const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
      await bar.getByRole('button', { name: 'Select all 8 matching the filter' }).click();
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
      // One version unticked: the count says 7 of 8, the row shows it.
      const list = page.getByRole('listbox', { name: 'Versions of sentiment_distilbert' });
      await list.getByRole('option').nth(1).click({ modifiers: ['ControlOrMeta'] });
      await expect.poll(() => bar.getByRole('status').textContent()).toBe('7 versions of 2 models selected');
      await shootView(page, 'bulk-actions');

      await bar.getByRole('button', { name: 'Relabel 7 versions…' }).click();
      const sheet = page.getByRole('dialog', { name: 'Relabel versions' });
      await sheet.getByLabel('Label 1 key', { exact: true }).fill('stage');
      await sheet.getByLabel('Label 1 value', { exact: true }).fill('archived');
      await sheet.getByRole('button', { name: 'Add label' }).click();
      await sheet.getByLabel('Label 2 key', { exact: true }).fill('owner');
      await sheet.getByLabel('Label 2 change', { exact: true }).selectOption('remove');
      await shootView(page, 'bulk-relabel');
      await sheet.getByRole('button', { name: 'Cancel' }).click();
    });
    expect(problems).toEqual([]);
    expect(written.length).toBe(8);
    await removeStaleScreenshots(written);
  });
});
