// Issue 12 view 13: the versions of a model are a table. Created, size, labels (stage first) and
// numeric metadata as columns; a header click sorts (again: the other way), the keyboard and Shift
// ranges follow the sorted rows; the columns are chosen per model and remembered after a reload;
// nothing leaves the window at 900x600 or 720x480, with the column chooser open too.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 240_000;

const names = async (list: Locator): Promise<string[]> => list.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
const headers = async (page: Page, model: string): Promise<string[]> =>
  page.getByRole('toolbar', { name: `Sort the versions of ${model}` }).locator('.vt-head-text').allTextContents();

describe('the version table', () => {
  it('shows labels and metrics as columns, sorts by a header, and remembers the chosen columns per model', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml-team' }, metadata: { accuracy: 0.9512, f1: 0.93, loss: 0.2 }, files: { 'w.bin': 'a'.repeat(3000) } },
      { tag: 'iris_clf', labels: { stage: 'dev', owner: 'ml-team' }, metadata: { accuracy: 0.9812, f1: 0.95, loss: 0.1 }, files: { 'w.bin': 'b'.repeat(100) } },
      { tag: 'iris_clf', labels: { stage: 'canary', owner: 'alice' }, metadata: { accuracy: 0.9667, note: 'text is not a metric' }, files: { 'w.bin': 'c'.repeat(9000) } },
      { tag: 'bert_ner', labels: { owner: 'nlp' }, files: { 'w.bin': 'd' } },
    ]);
    const v = tags.map((t) => t.split(':')[1]!);
    const { page } = await shelf.open({ home });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await list.getByRole('option').first().waitFor();

    // Default columns: created, size, the labels (stage first), the first two numeric metadata; text is not a metric.
    expect(await headers(page, 'iris_clf')).toEqual(['Version', 'Created', 'Size', 'stage', 'owner', 'accuracy', 'f1']);
    const cell = (version: string, column: string): Locator => list.getByRole('option', { name: version, exact: true }).locator(`[data-column="${column}"]`);
    expect(await cell(v[2]!, 'label:stage').textContent()).toBe('canary');
    expect(await cell(v[1]!, 'metric:accuracy').textContent()).toBe('0.9812');
    expect(await cell(v[2]!, 'metric:f1').getAttribute('title')).toBeNull(); // no f1 on that version: a dot
    expect(await names(list)).toEqual([v[2], v[1], v[0]]); // newest first, as BentoML lists them

    // A header sorts: accuracy high to low, again low to high; the header says how it is sorted.
    const sortBar = page.getByRole('toolbar', { name: 'Sort the versions of iris_clf' });
    await sortBar.getByRole('button', { name: 'accuracy', exact: true }).click();
    expect(await names(list)).toEqual([v[1], v[2], v[0]]);
    await sortBar.getByRole('button', { name: 'accuracy, sorted descending' }).click();
    expect(await names(list)).toEqual([v[0], v[2], v[1]]);
    await sortBar.getByRole('button', { name: 'accuracy, sorted ascending' }).waitFor();
    // Size (largest first), stage (a to z).
    await sortBar.getByRole('button', { name: 'Size', exact: true }).click();
    expect(await names(list)).toEqual([v[2], v[0], v[1]]);
    await sortBar.getByRole('button', { name: 'stage', exact: true }).click();
    expect(await names(list)).toEqual([v[2], v[1], v[0]]); // canary, dev, prod

    // The keyboard follows the rows as shown: Home is the first row, Down the next, Shift+Down extends.
    await list.getByRole('option', { name: v[2]!, exact: true }).click();
    await page.keyboard.press('ArrowDown');
    expect(await list.locator('[aria-selected=true]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([v[1]]);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await list.locator('[aria-selected=true]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([v[1], v[0]]);

    // Choosing columns: loss on, Size and owner off; Escape closes and gives the focus back.
    await sortBar.getByRole('button', { name: 'Choose columns' }).click();
    const chooser = page.getByRole('dialog', { name: 'Columns of iris_clf' });
    expect(await chooser.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e.closest('label')?.textContent ?? '') + ((e as HTMLInputElement).checked ? ' on' : ' off')))).toEqual([
      'Created on', 'Size on', 'stage on', 'owner on', 'accuracy on', 'f1 on', 'loss off',
    ]);
    expect(await layoutProblems(page)).toEqual([]);
    await chooser.getByRole('checkbox', { name: 'loss' }).check();
    await chooser.getByRole('checkbox', { name: 'Size' }).uncheck();
    await chooser.getByRole('checkbox', { name: 'owner' }).uncheck();
    await page.keyboard.press('Escape');
    await chooser.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Choose columns');
    expect(await headers(page, 'iris_clf')).toEqual(['Version', 'Created', 'stage', 'accuracy', 'f1', 'loss']);
    expect(await cell(v[1]!, 'metric:loss').textContent()).toBe('0.1');

    // Per model: bert_ner keeps its defaults (no metrics, its one label).
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'bert_ner', exact: true }).click();
    await page.getByRole('listbox', { name: 'Versions of bert_ner' }).getByRole('option').first().waitFor();
    expect(await headers(page, 'bert_ner')).toEqual(['Version', 'Created', 'Size', 'owner']);

    // Remembered: after a reload (the next launch) iris_clf has the same columns and sort.
    await page.reload();
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    await list.getByRole('option').first().waitFor();
    expect(await headers(page, 'iris_clf')).toEqual(['Version', 'Created', 'stage', 'accuracy', 'f1', 'loss']);
    await sortBar.getByRole('button', { name: 'stage, sorted ascending' }).waitFor();

    // Default columns puts them back.
    await sortBar.getByRole('button', { name: 'Choose columns' }).click();
    await chooser.getByRole('button', { name: 'Default columns' }).click();
    await page.keyboard.press('Escape');
    expect(await headers(page, 'iris_clf')).toEqual(['Version', 'Created', 'Size', 'stage', 'owner', 'accuracy', 'f1']);
    expect(await names(list)).toEqual([v[2], v[1], v[0]]);

    // Nothing leaves the window at 900x600 or at the minimum 720x480, with every column on and the chooser open.
    for (const viewport of [{ width: 900, height: 600 }, { width: 720, height: 480 }]) {
      await page.setViewportSize(viewport);
      await sortBar.getByRole('button', { name: 'Choose columns' }).click();
      await chooser.getByRole('checkbox', { name: 'loss' }).check();
      expect(await layoutProblems(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await layoutProblems(page)).toEqual([]);
    }
  });
});
