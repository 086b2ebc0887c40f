// Issue 12 defects 6 and 7: a model row's chips say what is true of the model across its versions
// (a new canary version does not relabel a prod model as canary); a search that matched a label or
// a version says so on the row; version rows show their labels and metrics.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;

describe('what a model row and a version row say', () => {
  it('shows the stages among the versions, why a search matched, and each version’s labels and metrics', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'prod' }, metadata: { accuracy: 0.9512, f1: 0.93 }, files: { 'w.bin': 'a' } },
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'prod' }, metadata: { accuracy: 0.9667 }, files: { 'w.bin': 'b' } },
      // The newest (latest) is a canary.
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'canary' }, metadata: { accuracy: 0.97123 }, files: { 'w.bin': 'c' } },
      { tag: 'bert_ner', labels: { owner: 'nlp' }, files: { 'w.bin': 'd' } },
      { tag: 'bert_ner', labels: { owner: 'team-x' }, files: { 'w.bin': 'e' } },
    ]);
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    const iris = models.getByRole('option', { name: 'iris_clf', exact: true });
    await iris.waitFor();
    const chips = async (row: typeof iris): Promise<string[]> => row.locator('.chips-line .chip').allTextContents();
    expect(await chips(iris)).toEqual(['owner=ml-team', 'stage: prod, canary']);
    expect(await iris.locator('.chips-line').getAttribute('title')).toContain('stage on 3 of 3 versions: prod (2), canary (1)');

    // A search that matched a label, not the name, says which label and on how many versions.
    await page.getByRole('searchbox', { name: 'Search models' }).fill('team-x');
    const bert = models.getByRole('option', { name: 'bert_ner', exact: true });
    await bert.getByText('label owner=team-x (1 of 2 versions)').waitFor();
    expect(await models.getByRole('option').count()).toBe(1);
    // ...and a version prefix, which version.
    const version = tags[0]!.split(':')[1]!;
    await page.getByRole('searchbox', { name: 'Search models' }).fill(version.slice(0, 6));
    await iris.getByText(`version ${version}`).waitFor();
    // A name match needs no explanation.
    await page.getByRole('searchbox', { name: 'Search models' }).fill('iris');
    await iris.locator('.chips-line .chip').first().waitFor();
    expect(await iris.getByText(/^matches/).count()).toBe(0);

    // Version rows: labels and metrics, in the version table's columns (tests/e2e/version-table.test.ts).
    await iris.click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const row = (tag: string) => versions.getByRole('option', { name: tag.split(':')[1]!, exact: true });
    const cells = async (tag: string): Promise<string[]> => row(tag).locator('[data-column]').allTextContents();
    expect(await cells(tags[2]!)).toEqual(['canary', 'ml-team', '0.9712', '·']);
    expect(await cells(tags[0]!)).toEqual(['prod', 'ml-team', '0.9512', '0.93']);
    expect(await row(tags[0]!).locator('[data-column="metric:accuracy"]').getAttribute('title')).toBe('accuracy 0.9512');
  });
});
