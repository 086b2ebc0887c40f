// Screenshots of every view at 1280 x 800 and 900 x 600 in both themes, for review at 100 %, named
// <view>-<width>-<theme>.png (issue 12). Written to test-results/screenshots/;
// MODEL_SHELF_UPDATE_SCREENSHOTS=1 also copies them to docs/screenshots/ (the reviewed set in the
// repository) and removes the files there that this run no longer makes.
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeFiles, writeModelsInOtherProcess } from './harness/store-fixtures.ts';
import { removeStaleScreenshots, SCREENSHOT_SCHEMES, SCREENSHOT_SIZES, screenshotName, shoot } from './harness/screenshot-docs.ts';

const shelf = useHarness();

async function seed(home: string): Promise<void> {
  const kib = (n: number) => 'x'.repeat(n * 1024);
  await writeModelsInOtherProcess(home, [
    { tag: 'sentiment_distilbert', labels: { owner: 'nlp-team', stage: 'dev' }, files: { 'model.safetensors': kib(700), 'config.json': '{}' } },
    { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'staging' }, files: { 'model.pkl': kib(14) } },
    { tag: 'bert_ner', labels: { owner: 'nlp-team', stage: 'prod', dataset: 'conll2003' }, files: { 'model.safetensors': kib(1200), 'tokenizer/vocab.txt': kib(200) } },
    { tag: 'resnet50_imagenet_finetuned_on_a_really_long_dataset_name', labels: { owner: 'vision' }, files: { 'weights.pt': kib(900) } },
    { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'prod' }, files: { 'model.pkl': kib(15) } },
    { tag: 'fraud_xgb', labels: { owner: 'risk', stage: 'prod' }, files: { 'model.json': kib(300) } },
    {
      tag: 'iris_clf',
      labels: { owner: 'ml-team', stage: 'prod' },
      metadata: { accuracy: 0.9667, trained: { $date: '2025-03-14' }, early_stop: true, params: { max_depth: 4, layers: [64, 32] }, notes: 'retrained on the March data' },
      files: { 'model.pkl': kib(16), 'metrics.json': '{"accuracy": 0.9667}', 'preprocess/scaler.pkl': kib(2) },
    },
  ]);
  // One version another program is still writing and one whose model.yaml is damaged.
  const writing = path.join(home, 'models', 'sentiment_distilbert', 'pendingwrite0001');
  await mkdir(writing);
  await writeFile(path.join(writing, 'model.safetensors'), kib(300));
  const broken = path.join(home, 'models', 'sentiment_distilbert', 'brokenyaml000001');
  await mkdir(broken);
  await writeFile(path.join(broken, 'model.yaml'), 'name: sentiment_distilbert\nversion: [unclosed\n');
  // A save interrupted three days ago (no model.yaml, untouched, no lock owner) and a stray folder.
  const interrupted = path.join(home, 'models', 'sentiment_distilbert', 'interrupted0001');
  await mkdir(interrupted);
  await writeFile(path.join(interrupted, 'model.safetensors'), kib(120));
  const old = new Date(Date.now() - 3 * 24 * 3600 * 1000);
  await utimes(path.join(interrupted, 'model.safetensors'), old, old);
  await utimes(interrupted, old, old);
  await mkdir(path.join(home, 'models', 'Old_Experiments'));
  await writeFile(path.join(home, 'models', 'Old_Experiments', 'notes.txt'), 'kept by hand');
  // Two versions in the trash so the Trash view has something to show.
  const store = await ModelStore.open({ home });
  const extra = await writeModelsInOtherProcess(home, [{ tag: 'old_baseline', files: { 'w.bin': kib(40) } }, { tag: 'old_baseline', files: { 'w.bin': kib(41) } }]);
  await store.delete(extra, { trash: true });
}

describe('screenshots of every view', () => {
  it('captures browse, detail tabs, broken and interrupted versions, create, delete, repair, trash, notices, drop and empty store at 1280 and 900 px in light and dark', { timeout: 900_000 }, async () => {
    // Homes named like the default ~/bentoml, so the title bar reads as it would for a user.
    const home = path.join(await shelf.dir(), 'bentoml');
    const empty = path.join(await shelf.dir(), 'bentoml');
    await mkdir(path.join(home, 'models'), { recursive: true });
    await mkdir(path.join(empty, 'models'), { recursive: true });
    await seed(home);
    const src = await shelf.dir();
    const files = await writeFiles(src, { 'sentiment_roberta/model.safetensors': new Uint8Array(2_400_000), 'sentiment_roberta/config.json': '{"hidden": 64}' });
    const exports = await shelf.dir();
    const written: string[] = [];

    for (const size of SCREENSHOT_SIZES) {
      for (const scheme of SCREENSHOT_SCHEMES) {
        const at = (view: string): string => screenshotName(view, size.width, scheme);
        const { page, drop, errors, dialogs } = await shelf.open({ home, colorScheme: scheme, viewport: size });
        await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();
        await page.getByRole('tabpanel').getByText('Signatures').waitFor();
        written.push(await shoot(page, at('browse')));

        await page.getByRole('tab', { name: 'Labels & metadata' }).click();
        written.push(await shoot(page, at('labels-metadata')));
        await page.getByRole('tab', { name: 'Files' }).click();
        written.push(await shoot(page, at('files')));
        await page.getByRole('tab', { name: 'model.yaml' }).click();
        await page.getByLabel('model.yaml contents').waitFor();
        written.push(await shoot(page, at('model-yaml')));

        await page.getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
        const sentiment = page.getByRole('listbox', { name: 'Versions of sentiment_distilbert' });
        await sentiment.getByRole('option', { name: 'brokenyaml000001', exact: true }).click();
        await page.getByRole('tab', { name: 'Overview' }).click();
        await page.getByRole('tabpanel').getByText('model.yaml is not valid YAML', { exact: false }).first().waitFor();
        written.push(await shoot(page, at('broken-version')));
        await sentiment.getByRole('option', { name: 'interrupted0001', exact: true }).click();
        await page.getByRole('tabpanel').getByText('This save was interrupted', { exact: false }).waitFor();
        written.push(await shoot(page, at('interrupted-save')));

        await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();
        await page.getByRole('button', { name: 'Delete model…', exact: true }).click();
        await page.getByRole('dialog', { name: 'Delete model' }).getByText(/Move iris_clf/).waitFor();
        await page.waitForFunction(() => !document.body.textContent?.includes('Checking whether a local bento'));
        written.push(await shoot(page, at('delete')));
        await page.keyboard.press('Escape');

        await page.getByRole('contentinfo').getByRole('button', { name: /problems?$/ }).click();
        await page.getByRole('dialog', { name: 'Repair the store' }).getByRole('listitem', { name: 'models/Old_Experiments' }).waitFor();
        written.push(await shoot(page, at('repair')));
        await page.getByRole('dialog', { name: 'Repair the store' }).getByRole('button', { name: 'Move models/Old_Experiments aside' }).click();
        await page.getByRole('dialog', { name: 'Move aside' }).waitFor();
        written.push(await shoot(page, at('repair-confirm')));
        await page.getByRole('dialog', { name: 'Move aside' }).getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('dialog', { name: 'Repair the store' }).getByRole('button', { name: 'Close' }).click();

        await page.getByRole('button', { name: 'Open trash' }).click();
        await page.getByRole('dialog', { name: 'Trash' }).getByRole('table', { name: 'Trashed versions' }).waitFor();
        written.push(await shoot(page, at('trash')));
        await page.getByRole('dialog', { name: 'Trash' }).getByRole('button', { name: 'Close' }).click();

        // Notices: an export that worked and an import that found the version already there.
        const archive = path.join(exports, `iris-${size.width}-${scheme}.bentomodel`);
        dialogs.exportPaths.push(archive);
        await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Export…' }).click();
        const notices = page.getByRole('region', { name: 'Notices' });
        await notices.getByText(/^Exported iris_clf:/).waitFor();
        dialogs.importFiles.push([archive]);
        await page.getByRole('button', { name: 'Import…' }).click();
        await notices.getByText(/is already in this store/).waitFor();
        written.push(await shoot(page, at('notices')));
        // Dismiss them one by one (each click changes the list).
        while ((await notices.getByRole('button', { name: 'Dismiss notice' }).count()) > 0) await notices.getByRole('button', { name: 'Dismiss notice' }).first().click();

        await drop(files);
        const sheet = page.getByRole('dialog', { name: 'New model' });
        await sheet.getByRole('textbox', { name: 'Name', exact: true }).waitFor();
        await sheet.getByRole('button', { name: 'Add label' }).click();
        await sheet.getByRole('textbox', { name: 'Label 1 key' }).fill('owner');
        await sheet.getByRole('textbox', { name: 'Label 1 value' }).fill('nlp-team');
        await sheet.getByRole('button', { name: 'Add label' }).click();
        await sheet.getByRole('textbox', { name: 'Label 2 key' }).fill('owner');
        await sheet.getByRole('button', { name: 'Add metadata' }).click();
        await sheet.getByRole('textbox', { name: 'Metadata 1 key' }).fill('accuracy');
        await sheet.getByRole('combobox', { name: 'Metadata 1 type' }).selectOption('number');
        await sheet.getByRole('textbox', { name: 'Metadata 1 value' }).fill('0.9667');
        await sheet.getByRole('button', { name: 'Add metadata' }).click();
        await sheet.getByRole('textbox', { name: 'Metadata 2 key' }).fill('params');
        await sheet.getByRole('combobox', { name: 'Metadata 2 type' }).selectOption('json');
        await sheet.getByRole('textbox', { name: 'Metadata 2 value' }).fill('{"max_depth": 4, "layers": [64, 32]}');
        await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
        // From the top, as the sheet opens: the files, then the form (typing scrolled it down).
        await sheet.locator('.sheet-body').evaluate((el) => el.scrollTo(0, 0));
        written.push(await shoot(page, at('create')));
        await sheet.getByRole('button', { name: 'Cancel', exact: true }).click();

        const overlay = await drop(files, { hold: true });
        await page.getByText('Drop to create a model').waitFor();
        written.push(await shoot(page, at('drop-overlay')));
        await overlay.finish();
        await page.getByRole('dialog', { name: 'New model' }).getByRole('button', { name: 'Cancel', exact: true }).click();
        // No uncaught error and no console error (CSP violations included) anywhere on the way.
        expect(errors).toEqual([]);

        const blank = await shelf.open({ home: empty, colorScheme: scheme, viewport: size });
        await blank.page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
        written.push(await shoot(blank.page, at('empty-store')));
      }
    }
    expect(written).toHaveLength(14 * SCREENSHOT_SIZES.length * SCREENSHOT_SCHEMES.length);
    // This run's views are exactly what it made; files named the old way go too. Other views'
    // files (<view>-<width>-<theme>.png written by screenshots-housekeeping, -remote, -views) stay.
    await removeStaleScreenshots(written, { unnamed: true });
  });
});
