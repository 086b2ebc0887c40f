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

  it('marks what the search found in model names, also when a long name is shortened in the middle', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const long = 'sentiment_analysis_distilbert_multilingual_finetuned_v2';
    await writeModelsInOtherProcess(home, [{ tag: 'iris_clf' }, { tag: 'bert_ner' }, { tag: long }]);
    const { page } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    const models = page.getByRole('listbox', { name: 'Models' });
    const marks = (name: string) => models.getByRole('option', { name, exact: true }).locator('mark').allTextContents();
    await models.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    expect(await models.locator('mark').count()).toBe(0);
    const search = page.getByRole('searchbox', { name: 'Search models' });
    await search.fill('CLF');
    await expect.poll(() => marks('iris_clf')).toEqual(['clf']);
    await search.fill('er');
    await expect.poll(() => marks('bert_ner')).toEqual(['er']);
    // The long name is cut in the middle at this width; the found tail stays visible and marked.
    await search.fill('finetuned_v2');
    await expect.poll(() => marks(long)).toEqual(['finetuned_v2']);
    const shown = await models.getByRole('option', { name: long, exact: true }).locator('.middle-shown').textContent();
    expect(shown).toContain('…');
    expect(shown!.endsWith('finetuned_v2')).toBe(true);
    // name:version marks the whole name.
    await search.fill('iris_clf:');
    await expect.poll(() => marks('iris_clf')).toEqual(['iris_clf']);
    await search.fill('');
    await expect.poll(() => models.locator('mark').count()).toBe(0);
  });

  it('opens a model found by a version at that version, selected and scrolled to; Enter in the search does the same', { timeout: 240_000 }, async () => {
    const home = await shelf.home();
    const specs = Array.from({ length: 24 }, (_, i) => ({ tag: 'iris_clf', labels: i === 0 ? { stage: 'prod' } : i === 5 ? { stage: 'canary' } : { stage: 'dev' } }));
    const tags = await writeModelsInOtherProcess(home, [...specs, { tag: 'bert_ner' }]);
    const prod = tags[0]!.split(':')[1]!;
    const canary = tags[5]!.split(':')[1]!;
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    await models.getByRole('option', { name: 'bert_ner', exact: true }).click();
    const search = page.getByRole('searchbox', { name: 'Search models' });
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const inView = async (version: string) =>
      versions.getByRole('option', { name: version, exact: true }).evaluate((row) => {
        const list = row.closest('[role=listbox]')!.getBoundingClientRect();
        const r = row.getBoundingClientRect();
        return row.getAttribute('aria-selected') === 'true' && r.top >= list.top - 1 && r.bottom <= list.bottom + 1;
      });

    // A label: the row says why it matched; picking it opens the oldest version (the one with the
    // label, far below the fold of 24), selected and in view, and its detail.
    await search.fill('stage=prod');
    const iris = models.getByRole('option', { name: 'iris_clf', exact: true });
    await iris.getByText('label stage=prod (1 of 24 versions)').waitFor();
    await iris.click();
    await expect.poll(() => inView(prod)).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[role=listbox][aria-label="Versions of iris_clf"]')!.scrollTop)).toBeGreaterThan(0);
    await page.getByRole('tabpanel').getByText(prod, { exact: false }).first().waitFor();

    // Enter from the search: the top result opens at the version whose prefix was typed, and the
    // version table takes the focus (arrows go on from there).
    await models.getByRole('option', { name: 'iris_clf', exact: true }).click();
    let n = 1;
    while (tags.some((t, i) => i !== 5 && t.split(':')[1]!.startsWith(canary.slice(0, n)))) n += 1;
    await search.fill(canary.slice(0, n));
    await search.press('Enter');
    await expect.poll(() => inView(canary)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Versions of iris_clf');

    // Found by its name: it opens as usual, at latest.
    await search.fill('bert');
    await search.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Models');
    await page.getByRole('listbox', { name: 'Versions of bert_ner' }).waitFor();
  });
});
