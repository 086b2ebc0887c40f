// Screenshots of the main views in both themes at the default window size (1200 x 760), for
// review at 100 %. Written to test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1 also
// copies them to docs/screenshots/ (the reviewed set in the repository).
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { repoRoot } from './harness/build-preload.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeFiles, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const OUT = path.join(repoRoot, 'test-results', 'screenshots');
const DOCS = path.join(repoRoot, 'docs', 'screenshots');
const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string): Promise<string> {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (process.env.MODEL_SHELF_UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, path.join(DOCS, `${name}.png`));
  }
  return file;
}

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
  // Two versions in the trash so the Trash view has something to show.
  const store = await ModelStore.open({ home });
  const extra = await writeModelsInOtherProcess(home, [{ tag: 'old_baseline', files: { 'w.bin': kib(40) } }, { tag: 'old_baseline', files: { 'w.bin': kib(41) } }]);
  await store.delete(extra, { trash: true });
}

describe('screenshots of the main views', () => {
  it('captures list + detail, create sheet, delete dialog, trash, a broken version and the empty store in light and dark', async () => {
    // Homes named like the default ~/bentoml, so the title bar reads as it would for a user.
    const home = path.join(await shelf.dir(), 'bentoml');
    const empty = path.join(await shelf.dir(), 'bentoml');
    await mkdir(path.join(home, 'models'), { recursive: true });
    await mkdir(path.join(empty, 'models'), { recursive: true });
    await seed(home);
    const src = await shelf.dir();
    const files = await writeFiles(src, { 'model.safetensors': new Uint8Array(2_400_000), 'config.json': '{"hidden": 64}', 'tokenizer/vocab.txt': 'a\nb\n' });
    const written: string[] = [];

    for (const scheme of SCHEMES) {
      const { page, drop, errors } = await shelf.open({ home, colorScheme: scheme });
      await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();
      await page.getByRole('tab', { name: 'Overview' }).waitFor();
      written.push(await shoot(page, `main-${scheme}`));

      await page.getByRole('tab', { name: 'Labels & metadata' }).click();
      written.push(await shoot(page, `labels-metadata-${scheme}`));
      await page.getByRole('tab', { name: 'Files' }).click();
      written.push(await shoot(page, `files-${scheme}`));
      await page.getByRole('tab', { name: 'model.yaml' }).click();
      await page.getByLabel('model.yaml contents').waitFor();
      written.push(await shoot(page, `model-yaml-${scheme}`));

      await page.getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
      await page.getByRole('listbox', { name: 'Versions of sentiment_distilbert' }).getByRole('option', { name: 'brokenyaml000001', exact: true }).click();
      await page.getByRole('tab', { name: 'Overview' }).click();
      await page.getByRole('tabpanel').getByText('model.yaml is not valid YAML', { exact: false }).first().waitFor();
      written.push(await shoot(page, `broken-version-${scheme}`));
      await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();

      await page.getByRole('button', { name: 'Delete model…', exact: true }).click();
      await page.getByRole('dialog', { name: 'Delete model' }).getByRole('button', { name: 'Move to trash' }).waitFor();
      await page.getByRole('dialog', { name: 'Delete model' }).getByText(/Move iris_clf/).waitFor();
      await page.waitForFunction(() => !document.body.textContent?.includes('Checking whether a local bento'));
      written.push(await shoot(page, `delete-dialog-${scheme}`));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Open trash' }).click();
      await page.getByRole('dialog', { name: 'Trash' }).getByRole('table', { name: 'Trashed versions' }).waitFor();
      written.push(await shoot(page, `trash-${scheme}`));
      await page.getByRole('dialog', { name: 'Trash' }).getByRole('button', { name: 'Close' }).click();

      const held = await drop(files, { hold: true });
      await page.getByText('Drop to create a model').waitFor();
      written.push(await shoot(page, `drop-overlay-${scheme}`));
      await held.finish();
      const sheet = page.getByRole('dialog', { name: 'New model' });
      await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('sentiment_roberta');
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
      await sheet.getByRole('textbox', { name: 'Metadata 2 value' }).fill('{"max_depth": 4}');
      await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      written.push(await shoot(page, `create-sheet-${scheme}`));
      await sheet.getByRole('button', { name: 'Cancel', exact: true }).click();
      // No uncaught error and no console error (CSP violations included) anywhere on the way.
      expect(errors).toEqual([]);

      const blank = await shelf.open({ home: empty, colorScheme: scheme });
      await blank.page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
      written.push(await shoot(blank.page, `empty-store-${scheme}`));
    }
    expect(written).toHaveLength(20);
  });
});
