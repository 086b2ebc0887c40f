// Issue 12 defect (after defect 1): a model whose only unfinished version is an interrupted save
// (writer dead, folder untouched for days) showed a spinner on its row in the model list, as if it
// were being written, while its version row said "interrupted". Every place that shows writing
// state now follows one rule (state/writing-state.ts): the model row, the version badge, the
// detail and the delete dialog. The row knows before the model is ever opened.
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const DAYS_AGO = (n: number): Date => new Date(Date.now() - n * 24 * 3600 * 1000);

async function partialVersion(home: string, name: string, version: string, when: Date): Promise<void> {
  const dir = path.join(home, 'models', name, version);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'weights.bin'), `partial weights of ${version}`);
  await utimes(path.join(dir, 'weights.bin'), when, when);
  await utimes(dir, when, when);
}

/** What a model row says of its state: its spinner, its warning mark, and the words read out. */
async function rowState(row: Locator): Promise<{ spinner: number; warning: number; meta: string }> {
  return {
    spinner: await row.locator('.spin').count(),
    warning: await row.locator('.warn-icon').count(),
    meta: ((await row.locator('.row-meta .visually-hidden').allTextContents()).join(', ')),
  };
}

describe('the model row agrees with its versions about writing', () => {
  it('shows a warning mark, not a spinner, for a model whose only unfinished version is interrupted', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, [{ tag: 'iris_clf', files: { 'w.bin': 'ok' } }, { tag: 'bert_ner', files: { 'w.bin': 'ok' } }, { tag: 'gpt_small', files: { 'w.bin': 'ok' } }]);
    await partialVersion(home, 'iris_clf', 'interrupted01', DAYS_AGO(3));
    await partialVersion(home, 'bert_ner', 'livewrite0001', new Date());
    await partialVersion(home, 'gpt_small', 'interrupted02', DAYS_AGO(2));
    await partialVersion(home, 'gpt_small', 'livewrite0002', new Date());

    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    const model = (name: string) => models.getByRole('option', { name, exact: true });
    // Never opened: the rows know already (main is asked about every version without model.yaml).
    await expect.poll(() => rowState(model('iris_clf')), { timeout: 30_000 }).toEqual({ spinner: 0, warning: 1, meta: '1 interrupted save' });
    expect(await model('iris_clf').locator('.warn-mark').getAttribute('title')).toBe('1 interrupted save');
    expect(await rowState(model('bert_ner'))).toEqual({ spinner: 1, warning: 0, meta: '1 version being written' });
    expect(await rowState(model('gpt_small'))).toEqual({ spinner: 1, warning: 1, meta: '1 version being written, 1 interrupted save' });

    // Opened: the version badge, the detail and the delete dialog say the same.
    await model('iris_clf').click();
    const row = page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option', { name: 'interrupted01', exact: true });
    await row.getByText('interrupted', { exact: true }).waitFor();
    await row.click();
    await page.getByRole('tabpanel').getByText(/This save was interrupted/).waitFor();
    expect(await rowState(model('iris_clf'))).toEqual({ spinner: 0, warning: 1, meta: '1 interrupted save' });
    await models.focus();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Move to trash/ }).waitFor();
    expect(await dialog.getByText(/being written/).count()).toBe(0);
    await dialog.getByRole('button', { name: /Keep|Cancel/ }).first().click();
  });
});
