// Issue 13: while a search hides the open model its pane is kept built but hidden, so the key
// that shows the model again does not build it anew. What the person sees must not change: hidden,
// no version of it is shown or reachable; shown again, the version they were on is still the
// active one, selected and scrolled into view, far below the fold as it was.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('the open model hidden by a search and shown again', () => {
  it('hides its versions and actions, then shows them again at the version it was on, in view', { timeout: 240_000 }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [...Array.from({ length: 24 }, () => ({ tag: 'iris_clf' })), { tag: 'bert_ner' }]);
    const oldest = tags[0]!.split(':')[1]!;
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    await models.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await versions.getByRole('option').first().waitFor();
    // The oldest version, far below the fold of 24.
    await versions.focus();
    await page.keyboard.press('End');
    const inView = async (version: string) =>
      versions.getByRole('option', { name: version, exact: true }).evaluate((row) => {
        const list = row.closest('[role=listbox]')!.getBoundingClientRect();
        const r = row.getBoundingClientRect();
        return row.getAttribute('aria-selected') === 'true' && r.top >= list.top - 1 && r.bottom <= list.bottom + 1;
      });
    await expect.poll(() => inView(oldest), { timeout: 30_000 }).toBe(true);

    const search = page.getByRole('searchbox', { name: 'Search models' });
    await search.fill('bert');
    await page.getByRole('main', { name: 'Hidden model' }).getByText('iris_clf is hidden by the search “bert”.', { exact: false }).waitFor();
    expect(await page.getByRole('listbox', { name: /^Versions of / }).count()).toBe(0);
    expect(await page.getByRole('toolbar', { name: 'Version actions' }).count()).toBe(0);
    expect(await page.getByRole('main', { name: 'Model iris_clf' }).count()).toBe(0);

    await search.fill('');
    await page.getByRole('main', { name: 'Hidden model' }).waitFor({ state: 'detached' });
    await expect.poll(() => inView(oldest), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[role=listbox][aria-label="Versions of iris_clf"]')!.scrollTop)).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Copy tag' }).isEnabled(), { timeout: 30_000 }).toBe(true);
  });
});
