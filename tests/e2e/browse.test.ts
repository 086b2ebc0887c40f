// Browsing: live updates from other processes keep what the user was looking at; search,
// label filters and sort change what the list shows.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness } from './harness/vitest-hooks.ts';
import { versionsOnDisk, writeModelInOtherProcess, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

/** Model names in the order the list shows them (rendered rows of the virtual list). */
function shownNames(page: Page): Promise<string[]> {
  return page
    .getByRole('listbox', { name: 'Models' })
    .getByRole('option')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({ name: row.getAttribute('aria-label') ?? '', top: row.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)
        .map((row) => row.name),
    );
}

describe('browsing the store', () => {
  it('shows models and versions another process writes, keeping the selection and the scroll position', async () => {
    const home = await shelf.home();
    const names = Array.from({ length: 60 }, (_, i) => `model_${String(i).padStart(2, '0')}`);
    await writeModelsInOtherProcess(home, names.map((tag) => ({ tag })));
    const { page } = await shelf.open({ home });
    const list = page.getByRole('listbox', { name: 'Models' });
    await page.getByRole('combobox', { name: 'Sort models' }).selectOption({ label: 'Name' });
    await list.getByRole('option', { name: 'model_00', exact: true }).waitFor();

    await list.evaluate((el) => el.scrollTo(0, 30 * 56));
    const target = list.getByRole('option', { name: 'model_33', exact: true });
    await target.click();
    await page.getByRole('heading', { level: 1, name: 'model_33' }).waitFor();
    const before = await list.evaluate((el) => el.scrollTop);
    const rowTop = await target.evaluate((el) => el.getBoundingClientRect().top);

    // Another process adds a new model (sorted after the visible rows) and a version of the selected one.
    await writeModelInOtherProcess(home, { tag: 'zz_new_model' });
    const added = await writeModelInOtherProcess(home, { tag: 'model_33' });
    await page.getByRole('listbox', { name: 'Versions of model_33' }).getByRole('option', { name: added.split(':')[1], exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Model browser' }).getByText('61', { exact: true }).waitFor();

    expect(await target.getAttribute('aria-selected')).toBe('true');
    expect(await list.evaluate((el) => el.scrollTop)).toBe(before);
    expect(await target.evaluate((el) => el.getBoundingClientRect().top)).toBe(rowTop);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('model_33');
    expect(await versionsOnDisk(home, 'model_33')).toHaveLength(2);

    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await list.getByRole('option', { name: 'zz_new_model', exact: true }).waitFor();
  });

  it('searches, filters by label and sorts', async () => {
    const home = await shelf.home();
    const [iris, bert, resnet] = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml' }, files: { 'w.bin': 'i'.repeat(1000) } },
      { tag: 'bert_ner', labels: { stage: 'dev', owner: 'nlp' }, files: { 'w.bin': 'b'.repeat(9000) } },
      { tag: 'resnet50', labels: { stage: 'prod', owner: 'cv' }, files: { 'w.bin': 'r'.repeat(4000) } },
    ]);
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    expect(await shownNames(page)).toEqual(['resnet50', 'bert_ner', 'iris_clf']);

    const search = page.getByRole('searchbox', { name: 'Search models' });
    await search.fill('bert');
    await page.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Models] [role=option]').length === 1);
    expect(await shownNames(page)).toEqual(['bert_ner']);
    await search.fill('nlp');
    await page.waitForFunction(() => document.querySelector('[role=listbox][aria-label=Models] [role=option]')?.getAttribute('aria-label') === 'bert_ner');
    expect(await shownNames(page)).toEqual(['bert_ner']);
    await search.fill((resnet ?? '').split(':')[1]?.slice(0, 8) ?? '');
    await page.waitForFunction(() => document.querySelector('[role=listbox][aria-label=Models] [role=option]')?.getAttribute('aria-label') === 'resnet50');
    expect(await shownNames(page)).toEqual(['resnet50']);
    await search.fill('no_such_model');
    await page.getByText('No models match “no_such_model”.').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).first().click();
    await page.getByRole('option', { name: 'bert_ner', exact: true }).waitFor();
    expect(await search.inputValue()).toBe('');

    const filter = page.getByLabel('Add label filter', { exact: true });
    await filter.fill('stage=prod');
    await filter.press('Enter');
    await page.getByRole('button', { name: 'Remove filter stage=prod' }).waitFor();
    await page.getByRole('option', { name: 'bert_ner', exact: true }).waitFor({ state: 'detached' });
    expect(await shownNames(page)).toEqual(['resnet50', 'iris_clf']);
    await filter.fill('owner=cv');
    await filter.press('Enter');
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor({ state: 'detached' });
    expect(await shownNames(page)).toEqual(['resnet50']);
    await page.getByRole('button', { name: 'Remove filter owner=cv' }).click();
    await page.getByRole('button', { name: 'Remove filter stage=prod' }).click();
    await page.getByRole('option', { name: 'bert_ner', exact: true }).waitFor();

    const sort = page.getByRole('combobox', { name: 'Sort models' });
    await sort.selectOption({ label: 'Name' });
    await page.waitForFunction(() => document.querySelector('[role=listbox][aria-label=Models] [role=option]')?.getAttribute('aria-label') === 'bert_ner');
    expect(await shownNames(page)).toEqual(['bert_ner', 'iris_clf', 'resnet50']);
    await sort.selectOption({ label: 'Largest first' });
    await page.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Models] [role=option]')[2]?.getAttribute('aria-label') === 'iris_clf');
    expect(await shownNames(page)).toEqual(['bert_ner', 'resnet50', 'iris_clf']);
    expect([iris, bert].every(Boolean)).toBe(true);
  });
});
