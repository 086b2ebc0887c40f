// Delete, Undo, and the Trash view: every step checked on screen and on disk.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { listTree, trashOnDisk, versionsOnDisk, writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const versionOf = (tag: string): string => tag.split(':')[1] ?? '';

describe('deleting and the trash', () => {
  it('deletes one version, names it and its size first, and Undo puts it back', async () => {
    const home = await shelf.home();
    const older = await writeModelInOtherProcess(home, { tag: 'iris_clf', files: { 'weights.bin': 'a'.repeat(3000) } });
    const newer = await writeModelInOtherProcess(home, { tag: 'iris_clf', files: { 'weights.bin': 'b'.repeat(4000) } });
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await versions.getByRole('option', { name: versionOf(older), exact: true }).click();
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Delete…', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete versions' });
    expect(await dialog.getByText(/^Move .* to the trash\?/).textContent()).toMatch(new RegExp(`^Move ${older} \\(\\d+\\.\\d\\d KiB\\) to the trash\\? You can restore it`));
    await dialog.getByRole('button', { name: 'Move to trash' }).click();
    await versions.getByRole('option', { name: versionOf(older), exact: true }).waitFor({ state: 'detached' });
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([versionOf(newer)]);
    expect((await trashOnDisk(home)).map((e) => e.tag)).toEqual([older]);

    await page.getByRole('region', { name: 'Notices' }).getByRole('button', { name: 'Undo' }).click();
    await versions.getByRole('option', { name: versionOf(older), exact: true }).waitFor();
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([versionOf(older), versionOf(newer)].sort());
    expect(await readFile(path.join(home, 'models', 'iris_clf', versionOf(older), 'weights.bin'), 'utf8')).toBe('a'.repeat(3000));
    expect(await readFile(path.join(home, 'models', 'iris_clf', 'latest'), 'utf8')).toBe(versionOf(newer));
    expect(await trashOnDisk(home)).toEqual([]);
  });

  it('lists the trash, restores one entry and empties the rest for good', async () => {
    const home = await shelf.home();
    const keep = await writeModelInOtherProcess(home, { tag: 'keeper', files: { 'k.bin': 'k'.repeat(2048) } });
    const gone = await writeModelInOtherProcess(home, { tag: 'goner', files: { 'g.bin': 'g'.repeat(1024) } });
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    for (const name of ['keeper', 'goner']) {
      await models.getByRole('option', { name, exact: true }).click();
      await page.getByRole('button', { name: 'Delete model…', exact: true }).click();
      await page.getByRole('dialog', { name: 'Delete model' }).getByRole('button', { name: 'Move to trash' }).click();
      await models.getByRole('option', { name, exact: true }).waitFor({ state: 'detached' });
    }
    expect((await trashOnDisk(home)).map((e) => e.tag)).toEqual([gone, keep]);

    await page.getByRole('button', { name: 'Open trash' }).click();
    const trash = page.getByRole('dialog', { name: 'Trash' });
    const table = trash.getByRole('table', { name: 'Trashed versions' });
    for (const tag of [keep, gone]) await table.getByText(tag).waitFor();
    expect(await trash.getByText(/^Empty trash frees/).textContent()).toBe(`Empty trash frees ${await trashSize(home)}`);

    await trash.getByRole('button', { name: `Restore ${keep}` }).click();
    await models.getByRole('option', { name: 'keeper', exact: true }).waitFor();
    expect(await versionsOnDisk(home, 'keeper')).toEqual([versionOf(keep)]);
    expect(await listTree(path.join(home, 'models', 'keeper', versionOf(keep)))).toEqual(['k.bin', 'model.yaml']);
    await table.getByText(keep).waitFor({ state: 'detached' });

    await trash.getByRole('button', { name: 'Empty trash' }).click();
    await trash.getByRole('alert').getByText(/^Permanently delete 1 version/).waitFor();
    await trash.getByRole('button', { name: 'Delete permanently' }).click();
    await trash.getByText('The trash is empty.').waitFor();
    expect(await trashOnDisk(home)).toEqual([]);
    expect(await listTree(path.join(home, '.model-shelf', 'trash'))).toEqual([]);
    expect(await versionsOnDisk(home, 'goner')).toEqual([]);
    await trash.getByRole('button', { name: 'Close' }).click();
    await page.getByText('Trash 0 B').waitFor();
  });
});

/** The trash's size as the window should print it (BentoML's size rule and units). */
async function trashSize(home: string): Promise<string> {
  const { dirSize } = await import('../../src-main/store/read/dir-size.ts');
  const { humanSize } = await import('../../src-main/shared/human-size.ts');
  let total = 0;
  for (const entry of await trashOnDisk(home)) total += await dirSize(path.join(home, '.model-shelf', 'trash', entry.id));
  return humanSize(total);
}
