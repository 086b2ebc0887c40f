// Issue 12 view 18 (what matched): a search that matched a version prefix or a label marks it in
// the version table, so the person sees which version and which label made the model match.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('search shows what matched', () => {
  it('marks the matching version prefix and label in the version table', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod' } },
      { tag: 'iris_clf', labels: { stage: 'canary' } },
    ]);
    const [older, newer] = tags.map((t) => t.split(':')[1]!);
    const { page } = await shelf.open({ home });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const row = (version: string) => list.getByRole('option', { name: version, exact: true });
    await row(older!).waitFor();
    expect(await list.locator('mark').count()).toBe(0);

    // A version prefix: only that version's start is marked (the other version shares none of it).
    const search = page.getByRole('searchbox', { name: 'Search models' });
    let n = 1;
    while (newer!.startsWith(older!.slice(0, n))) n += 1;
    await search.fill(older!.slice(0, n));
    await row(older!).locator('mark').waitFor();
    expect(await row(older!).locator('mark').textContent()).toBe(older!.slice(0, n));
    expect(await row(newer!).locator('mark').count()).toBe(0);

    // A label: the cell of the version that carries it.
    await search.fill('stage=canary');
    await row(newer!).locator('[data-column="label:stage"] mark').waitFor();
    expect(await row(newer!).locator('[data-column="label:stage"] mark').textContent()).toBe('canary');
    expect(await row(older!).locator('mark').count()).toBe(0);
    await search.fill('');
    await row(newer!).locator('mark').waitFor({ state: 'detached' });
  });
});
