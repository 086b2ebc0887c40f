// Issue 12 defect 2: a model the search or a label filter hides must not stay actionable. The right
// pane says it is hidden and offers nothing; Delete, Ctrl+C, Ctrl+E and the toolbar do nothing to
// it; clearing the search brings the selection back exactly as it was.
import { describe, expect, it } from 'vitest';
import { tabTo } from './harness/keyboard.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { versionsOnDisk, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const versionOf = (tag: string): string => tag.split(':')[1] ?? '';
const SLOW = 120_000;

describe('a selection hidden by search or filters', () => {
  it('search: the pane says the model is hidden, no key or button acts on it, and clearing brings the ticks back', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', files: { 'w.bin': 'a' } },
      { tag: 'iris_clf', files: { 'w.bin': 'b' } },
      { tag: 'iris_clf', files: { 'w.bin': 'c' } },
      { tag: 'bert_ner', files: { 'w.bin': 'd' } },
    ]);
    const iris = tags.slice(0, 3);
    const { page, requests } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await versions.getByRole('option', { name: versionOf(iris[2]!), exact: true }).click();
    await versions.getByRole('option', { name: versionOf(iris[0]!), exact: true }).click({ modifiers: ['Shift'] });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });
    await toolbar.getByRole('button', { name: 'Delete 3 versions…', exact: true }).waitFor();

    await page.getByRole('searchbox', { name: 'Search models' }).fill('bert');
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor({ state: 'detached' });
    const hidden = page.getByRole('main', { name: 'Hidden model' }).getByRole('status');
    expect(await hidden.textContent()).toContain('iris_clf is hidden by the search “bert”.');
    expect(await toolbar.count()).toBe(0);
    expect(await versions.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete model…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);

    // The keys: Delete in the model list (iris_clf is still the list's selection), Ctrl+C, Ctrl+E.
    await tabTo(page, page.getByRole('listbox', { name: 'Models' }));
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+e');
    // Export says there is nothing to export, which also shows the keys before it were handled.
    await page.getByRole('region', { name: 'Notices' }).getByText('Select a version to export.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Notices' }).getByText(/iris_clf/).count()).toBe(0);
    const touched = requests.filter((r) => ['models:export', 'model:reveal', 'models:delete', 'model:usage'].includes(r.channel));
    expect(touched).toEqual([]);

    // Clearing brings back the model with its three ticked versions, and nothing left the disk.
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await toolbar.getByRole('button', { name: 'Delete 3 versions…', exact: true }).waitFor();
    expect(await versions.getByRole('option', { selected: true }).count()).toBe(3);
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual(iris.map(versionOf).sort());
  });

  it('label filter: a hidden model offers nothing; a narrowed one acts only on the versions shown', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'w.bin': 'a' } },
      { tag: 'iris_clf', labels: { stage: 'dev' }, files: { 'w.bin': 'b' } },
      { tag: 'bert_ner', labels: { stage: 'prod' }, files: { 'w.bin': 'c' } },
      { tag: 'resnet50', labels: { stage: 'dev' }, files: { 'w.bin': 'd' } },
    ]);
    const [irisProd, irisDev] = tags;
    const { page, requests } = await shelf.open({ home });
    await page.getByRole('option', { name: 'resnet50', exact: true }).click();
    await page.getByRole('toolbar', { name: 'Version actions' }).waitFor();

    const filter = page.getByLabel('Add label filter', { exact: true });
    await filter.fill('stage=prod');
    await filter.press('Enter');
    await page.getByRole('option', { name: 'resnet50', exact: true }).waitFor({ state: 'detached' });
    const hidden = page.getByRole('main', { name: 'Hidden model' }).getByRole('status');
    expect(await hidden.textContent()).toContain('resnet50 is hidden by the label filter.');
    expect(await page.getByRole('toolbar', { name: 'Version actions' }).count()).toBe(0);
    await tabTo(page, page.getByRole('listbox', { name: 'Models' }));
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+e');
    await page.getByRole('region', { name: 'Notices' }).getByText('Select a version to export.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(requests.filter((r) => ['models:export', 'models:delete', 'model:usage'].includes(r.channel))).toEqual([]);

    // iris_clf shows only its prod version: Delete… asks about that one, never the dev one.
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    expect(await versions.getByRole('option').evaluateAll((os) => os.map((o) => o.getAttribute('aria-label')))).toEqual([versionOf(irisProd!)]);
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Delete…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete versions' });
    expect(await dialog.getByRole('list', { name: 'Versions to delete' }).textContent()).toBe(irisProd);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([versionOf(irisProd!), versionOf(irisDev!)].sort());
    expect(await versionsOnDisk(home, 'resnet50')).toHaveLength(1);
  });
});
