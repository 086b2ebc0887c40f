// Issue 12 view 18 (saved filters): the current search and label filters are saved under a name in
// the sidebar; one click brings them back, also after a reload; forgetting one removes it. Fits
// at 720x480.
import { describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;

describe('saved filters', () => {
  it('saves the current filter under a name and applies it with one click', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod', owner: 'me' } },
      { tag: 'bert_ner', labels: { stage: 'dev', owner: 'me' } },
      { tag: 'fraud_xgb', labels: { stage: 'prod', owner: 'risk' } },
    ]);
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    const shown = async (): Promise<string[]> => (await models.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).sort();
    await models.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    // Nothing saved and nothing filtered: no row for it.
    expect(await page.getByRole('group', { name: 'Saved filters' }).count()).toBe(0);

    await page.getByLabel('Add label filter').fill('stage=prod');
    await page.getByLabel('Add label filter').press('Enter');
    await page.getByRole('button', { name: 'Save filter…' }).click();
    await page.getByLabel('Name for the saved filter').fill('prod');
    await page.getByLabel('Name for the saved filter').press('Enter');
    const saved = page.getByRole('group', { name: 'Saved filters' });
    await saved.getByRole('button', { name: 'Show prod: stage=prod' }).waitFor();

    // A second one: a search and a label.
    await page.getByRole('searchbox', { name: 'Search models' }).fill('clf');
    await page.getByRole('button', { name: 'Save filter…' }).click();
    await page.getByLabel('Name for the saved filter').fill('my classifiers');
    await page.getByLabel('Name for the saved filter').press('Enter');
    await saved.getByRole('button', { name: 'Show my classifiers: search “clf” and stage=prod' }).waitFor();

    // Cleared, then one click each.
    await page.getByRole('searchbox', { name: 'Search models' }).fill('');
    await page.getByRole('button', { name: /^Remove.*stage=prod/ }).first().click();
    await models.getByRole('option', { name: 'bert_ner', exact: true }).waitFor();
    expect(await shown()).toEqual(['bert_ner', 'fraud_xgb', 'iris_clf']);
    await saved.getByRole('button', { name: /^Show prod:/ }).click();
    await models.getByRole('option', { name: 'bert_ner', exact: true }).waitFor({ state: 'detached' });
    expect(await shown()).toEqual(['fraud_xgb', 'iris_clf']);
    await saved.getByRole('button', { name: /^Show my classifiers:/ }).click();
    await models.getByRole('option', { name: 'fraud_xgb', exact: true }).waitFor({ state: 'detached' });
    expect(await shown()).toEqual(['iris_clf']);
    expect(await page.getByRole('searchbox', { name: 'Search models' }).inputValue()).toBe('clf');

    // Remembered after a reload; forgetting one removes it.
    await page.reload();
    await saved.getByRole('button', { name: /^Show prod:/ }).click();
    expect(await shown()).toEqual(['fraud_xgb', 'iris_clf']);
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await layoutProblems(page)).toEqual([]);
    await saved.getByRole('button', { name: 'Forget the saved filter prod' }).click();
    expect(await saved.getByRole('button', { name: /^Show / }).evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['my classifiers']);
  });
});
