// Screenshots of the housekeeping views (issue 11): disk use, clean up, label editing and integrity,
// at 1280 x 800 and 900 x 600 in both themes, named <view>-<width>-<theme>.png like
// screenshots.test.ts. Written to test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1 also
// copies them to docs/screenshots/. Each view is also checked to fit the window.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess, type ChildModel } from './harness/store-fixtures.ts';
import { removeStaleScreenshots, SCREENSHOT_SCHEMES, SCREENSHOT_SIZES, screenshotName, shoot } from './harness/screenshot-docs.ts';

const shelf = useHarness();
const DAY = 86_400_000;

/** Moves a version's creation_time into the past (a store that has been used for months). */
async function backdate(home: string, tag: string, daysAgo: number): Promise<void> {
  const file = path.join(home, 'models', ...tag.split(':'), 'model.yaml');
  const when = new Date(Date.now() - daysAgo * DAY).toISOString().replace('Z', '+00:00');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^creation_time: .*$/m, `creation_time: '${when}'`));
}

async function seed(home: string): Promise<void> {
  const kib = (n: number, c: string) => c.repeat(n * 1024);
  const shared = kib(900, 'w');
  const models: (ChildModel & { days: number })[] = [];
  const stages = ['dev', 'dev', 'staging', 'dev', 'staging', 'prod', 'dev', 'staging'];
  stages.forEach((stage, i) => models.push({ tag: 'sentiment_distilbert', days: 120 - i * 14, labels: { owner: 'nlp-team', stage }, files: { 'model.safetensors': kib(600 + i * 40, String.fromCharCode(97 + i)), 'vocab.txt': shared } }));
  for (let i = 0; i < 5; i += 1) models.push({ tag: 'iris_clf', days: i === 4 ? 0 : 60 - i * 12, labels: { owner: 'ml-team', stage: i === 4 ? 'prod' : 'dev' }, metadata: { accuracy: (93 + i) / 100, trained: { $date: '2025-03-14' } }, files: { 'model.pkl': kib(30 + i * 4, String.fromCharCode(107 + i)) } });
  for (let i = 0; i < 3; i += 1) models.push({ tag: 'bert_ner', days: 200 - i * 60, labels: { owner: 'nlp-team', stage: i === 2 ? 'prod' : 'dev' }, files: { 'model.safetensors': kib(1400 + i * 100, String.fromCharCode(112 + i)) } });
  models.push({ tag: 'resnet50_imagenet_finetuned_on_a_really_long_dataset_name', days: 30, labels: { owner: 'vision' }, files: { 'weights.pt': kib(1100, 'r') } });
  models.push({ tag: 'fraud_xgb', days: 0, labels: { owner: 'risk', stage: 'prod' }, files: { 'model.json': kib(300, 's') } });
  const tags = await writeModelsInOtherProcess(home, models);
  // Days 0: left as saved, so its manifest (recorded at save time) still matches for the integrity view.
  for (const [i, tag] of tags.entries()) if (models[i]!.days > 0) await backdate(home, tag, models[i]!.days);
  const store = await ModelStore.open({ home });
  const gone = await writeModelsInOtherProcess(home, [{ tag: 'old_baseline', files: { 'w.bin': kib(400, 't') } }]);
  await store.delete(gone, { trash: true });
}

describe('screenshots of the housekeeping views', () => {
  it('captures disk use, clean up, label editing and integrity at 1280 and 900 px in light and dark', { timeout: 900_000 }, async () => {
    const home = path.join(await shelf.dir(), 'bentoml');
    await mkdir(path.join(home, 'models'), { recursive: true });
    await seed(home);
    const problems: string[] = [];
    const written: string[] = [];
    // What each view adds: problems of the window behind it (the version list is another helper's) are
    // checked by window-fits.test.ts, not here.
    let behind = new Set<string>();
    const baseline = async (page: Page): Promise<void> => {
      behind = new Set(await layoutProblems(page));
    };
    const fits = async (page: Page, view: string): Promise<void> => {
      for (const p of await layoutProblems(page)) if (!behind.has(p)) problems.push(`${view}: ${p}`);
    };

    for (const size of SCREENSHOT_SIZES) {
      for (const scheme of SCREENSHOT_SCHEMES) {
        const at = (view: string): string => screenshotName(view, size.width, scheme);
        const { page, errors } = await shelf.open({ home, colorScheme: scheme, viewport: size });
        await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();
        await baseline(page);

        await page.getByRole('button', { name: /^Disk use: / }).click();
        const disk = page.getByRole('dialog', { name: 'Disk use' });
        await disk.getByRole('button', { name: 'Link identical files…' }).waitFor();
        written.push(await shoot(page, at('disk-use')));
        await fits(page, at('disk-use'));

        await disk.getByRole('button', { name: 'Clean up…' }).click();
        const sheet = page.getByRole('dialog', { name: 'Clean up' });
        await sheet.getByRole('button', { name: 'Use this rule' }).click();
        await sheet.getByRole('status', { name: 'Preview' }).getByText(/^Removes /).waitFor();
        written.push(await shoot(page, at('clean-up')));
        await fits(page, at('clean-up'));
        await sheet.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('tab', { name: 'Labels & metadata' }).click();
        await page.getByRole('button', { name: 'Edit labels & metadata' }).click();
        await page.getByRole('textbox', { name: 'Label 2 value' }).fill('canary');
        await page.getByRole('button', { name: 'Add metadata' }).click();
        await page.getByRole('textbox', { name: 'Metadata 3 key' }).fill('f1');
        await page.getByRole('combobox', { name: 'Metadata 3 type' }).selectOption('number');
        await page.getByRole('textbox', { name: 'Metadata 3 value' }).fill('0.91');
        written.push(await shoot(page, at('labels-edit')));
        await fits(page, at('labels-edit'));
        await page.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('tab', { name: 'Files' }).click();
        await baseline(page); // the window without the Integrity panel
        await page.getByRole('tab', { name: 'Overview' }).click();
        const integrity = page.getByRole('region', { name: 'Integrity' });
        await integrity.getByRole('button', { name: 'Verify' }).click();
        await integrity.getByText(/^Verified: every file matches|^Files changed/).waitFor();
        await integrity.scrollIntoViewIfNeeded();
        written.push(await shoot(page, at('integrity')));
        await fits(page, at('integrity'));
        expect(errors).toEqual([]);
      }
    }
    // The minimum window size (720 x 480): each housekeeping view still fits.
    const { page } = await shelf.open({ home, viewport: { width: 720, height: 480 } });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('tab', { name: 'Files' }).click();
    await baseline(page);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('region', { name: 'Integrity' }).getByRole('button', { name: 'Verify' }).waitFor();
    await fits(page, 'integrity-720');
    await page.getByRole('tab', { name: 'Labels & metadata' }).click();
    await page.getByRole('button', { name: 'Edit labels & metadata' }).click();
    await fits(page, 'labels-edit-720');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Link identical files…' }).waitFor();
    await fits(page, 'disk-use-720');
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Clean up…' }).click();
    await page.getByRole('dialog', { name: 'Clean up' }).getByRole('button', { name: 'Use this rule' }).click();
    await page.getByRole('dialog', { name: 'Clean up' }).getByRole('status', { name: 'Preview' }).getByText(/^Removes /).waitFor();
    await fits(page, 'clean-up-720');
    expect(problems).toEqual([]);
    expect(written).toHaveLength(4 * SCREENSHOT_SIZES.length * SCREENSHOT_SCHEMES.length);
    await removeStaleScreenshots(written);
  });
});
