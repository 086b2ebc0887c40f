// Issue 12 defect 3: the delete dialog warns when a version is being written right now (a version
// folder without its model.yaml yet) and when the ticked versions are every version of the model,
// so the model goes too.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { trashOnDisk, versionsOnDisk, writeModelInOtherProcess, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const versionOf = (tag: string): string => tag.split(':')[1] ?? '';
const SLOW = 120_000;

describe('the delete dialog warns before it removes more than the rows say', () => {
  it('warns about a version still being written and about deleting every version of a model', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', files: { 'w.bin': 'a'.repeat(1000) } },
      { tag: 'iris_clf', files: { 'w.bin': 'b'.repeat(1000) } },
    ]);
    // What a save in progress looks like on disk: the version folder, its files, no model.yaml yet.
    const writing = 'iris_clf:zzwriting0001';
    await mkdir(path.join(home, 'models', 'iris_clf', 'zzwriting0001'), { recursive: true });
    await writeFile(path.join(home, 'models', 'iris_clf', 'zzwriting0001', 'saved_model.pkl'), 'partial');
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });

    // One version still being written.
    await versions.getByRole('option', { name: 'zzwriting0001', exact: true }).click();
    await toolbar.getByRole('button', { name: 'Delete…', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Delete versions' });
    const writingAlert = dialog.getByRole('alert').filter({ hasText: 'still being written' });
    expect(await writingAlert.textContent()).toContain(`${writing} is still being written (it has no model.yaml yet). If a program is saving it now, that save will fail.`);
    expect(await dialog.getByRole('alert').filter({ hasText: 'goes too' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Move to trash anyway' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Every version ticked: the dialog says the model goes too, then the model really is gone.
    await versions.getByRole('option', { name: versionOf(tags[0]!), exact: true }).click();
    await page.keyboard.press('Control+a');
    await toolbar.getByRole('button', { name: 'Delete 3 versions…', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Delete versions' });
    expect(await dialog.getByRole('alert').filter({ hasText: 'goes too' }).textContent()).toContain(
      'These are all 3 versions of iris_clf, so the model iris_clf goes too. Restoring them brings it back.',
    );
    await dialog.getByRole('alert').filter({ hasText: `${writing} is still being written` }).waitFor();
    await dialog.getByRole('button', { name: 'Move to trash anyway' }).click();
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor({ state: 'detached' });
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([]);
    expect((await trashOnDisk(home)).map((e) => e.tag).sort()).toEqual([...tags, writing].sort());
  });

  it('says so when the only version of a model is deleted from the version toolbar, and not for one of two', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const only = await writeModelInOtherProcess(home, { tag: 'lonely', files: { 'w.bin': 'x' } });
    const pair = await writeModelsInOtherProcess(home, [{ tag: 'paired' }, { tag: 'paired' }]);
    const { page } = await shelf.open({ home });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });

    await page.getByRole('option', { name: 'paired', exact: true }).click();
    await toolbar.getByRole('button', { name: 'Delete…', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Delete versions' });
    await dialog.getByRole('button', { name: 'Move to trash' }).waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('option', { name: 'lonely', exact: true }).click();
    await toolbar.getByRole('button', { name: 'Delete…', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Delete versions' });
    expect(await dialog.getByRole('alert').textContent()).toContain('This is the only version of lonely, so the model lonely goes too. Restoring the version brings it back.');
    await dialog.getByRole('button', { name: 'Move to trash', exact: true }).click();
    await page.getByRole('option', { name: 'lonely', exact: true }).waitFor({ state: 'detached' });
    expect((await trashOnDisk(home)).map((e) => e.tag)).toEqual([only]);
    expect(await versionsOnDisk(home, 'paired')).toEqual(pair.map(versionOf).sort());
  });
});
