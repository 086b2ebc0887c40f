// Labels & metadata of a saved version (issue 11 §5): the create sheet's editors and validation,
// Save -> model:edit (model.yaml on disk, the list live), Undo from the notice, and promote.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { readModelInfo, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('editing labels and metadata of a saved version', () => {
  it('validates like the create sheet, saves to model.yaml, updates the list, and Undo puts the old file back', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const [, tag] = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'a.pkl': 'a' } },
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'dev' }, metadata: { accuracy: 0.9, notes: 'first run' }, files: { 'a.pkl': 'b' } },
    ]);
    const version = tag!.split(':')[1]!;
    const { page, errors } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('tab', { name: 'Labels & metadata' }).click();
    await page.getByRole('button', { name: 'Edit labels & metadata' }).click();
    const form = page.getByRole('form', { name: `Edit labels and metadata of ${tag}` });
    const save = form.getByRole('button', { name: 'Save' });
    await expect(save.isDisabled()).resolves.toBe(true); // nothing changed yet

    // The create sheet's rules: a duplicate key and a bad number are refused, row by row.
    await form.getByRole('textbox', { name: 'Label 2 value' }).fill('staging');
    await form.getByRole('button', { name: 'Add label' }).click();
    await form.getByRole('textbox', { name: 'Label 3 key' }).fill('owner');
    await form.getByText("The key 'owner' is already used above.", { exact: true }).waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    await form.getByRole('textbox', { name: 'Label 3 key' }).fill('team');
    await form.getByRole('textbox', { name: 'Label 3 value' }).fill('vision');
    await form.getByRole('button', { name: 'Add metadata' }).click();
    await form.getByRole('textbox', { name: 'Metadata 3 key' }).fill('f1');
    await form.getByRole('combobox', { name: 'Metadata 3 type' }).selectOption('number');
    await form.getByRole('textbox', { name: 'Metadata 3 value' }).fill('zero');
    await form.getByText("'zero' is not a number (write it as JSON does, such as 42, 0.5 or 1e3).", { exact: true }).waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    await form.getByRole('textbox', { name: 'Metadata 3 value' }).fill('0.91');
    await form.getByRole('button', { name: 'Remove metadata 2' }).click(); // notes
    await save.click();

    const notices = page.getByRole('region', { name: 'Notices' });
    await notices.getByText(`Saved 4 changes to ${tag}`).waitFor();
    const info = await readModelInfo(home, 'iris_clf', version);
    expect(info.labels).toEqual({ owner: 'ml-team', stage: 'staging', team: 'vision' });
    expect(info.metadata).toEqual({ accuracy: 0.9, f1: 0.91 });
    // Live: the tab and the version row show the new values.
    await page.getByRole('tabpanel').getByRole('button', { name: 'Filter by team=vision' }).waitFor();
    await page.getByRole('option', { name: version, exact: true }).getByText(/^(stage=)?staging$/).waitFor(); // a chip or the stage column

    await notices.getByRole('button', { name: 'Undo' }).click();
    await notices.getByText(`Put back the labels and metadata of ${tag}`).waitFor();
    const back = await readModelInfo(home, 'iris_clf', version);
    expect(back.labels).toEqual({ owner: 'ml-team', stage: 'dev' });
    expect(back.metadata).toEqual({ accuracy: 0.9, notes: 'first run' });
    await page.getByRole('tabpanel').getByRole('button', { name: 'Filter by stage=dev' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('promotes a label: this version gets stage=prod, the other version loses it, in one step', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const [old, tag] = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'a.pkl': 'a' } },
      { tag: 'iris_clf', labels: { stage: 'dev' }, files: { 'a.pkl': 'b' } },
    ]);
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('tab', { name: 'Labels & metadata' }).click();
    await page.getByRole('button', { name: 'Promote stage=prod here' }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(`stage=prod is now on ${tag} and was taken off 1 other version`).waitFor();
    expect((await readModelInfo(home, 'iris_clf', tag!.split(':')[1]!)).labels).toEqual({ stage: 'prod' });
    expect((await readModelInfo(home, 'iris_clf', old!.split(':')[1]!)).labels).toEqual({});
    await page.getByRole('tabpanel').getByRole('button', { name: 'Filter by stage=prod' }).waitFor();
  });
});
