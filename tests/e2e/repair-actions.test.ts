// Issue 12 defect 8: "Repair the store" gives each problem its action in the window, each
// confirmed by a dialog that says what will happen: fix a stale latest, move a stray folder out of
// models/, delete a broken version (to the trash). What is on disk afterwards is what it said.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { trashOnDisk, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;

describe('repair: each problem has its action in the window', () => {
  it('fixes latest, moves a stray folder aside and deletes a broken version, each after a confirmation', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', files: { 'w.bin': 'a' } },
      { tag: 'iris_clf', files: { 'w.bin': 'b' } },
    ]);
    const newest = tags[1]!.split(':')[1]!;
    await writeFile(path.join(home, 'models', 'iris_clf', 'latest'), 'gone0000000001');
    await mkdir(path.join(home, 'models', 'Stray_Folder'));
    await writeFile(path.join(home, 'models', 'Stray_Folder', 'notes.txt'), 'mine');
    const broken = path.join(home, 'models', 'iris_clf', 'brokenyaml000001');
    await mkdir(broken);
    await writeFile(path.join(broken, 'model.yaml'), 'name: iris_clf\nversion: [unclosed\n');

    const { page } = await shelf.open({ home });
    await page.getByRole('contentinfo').getByRole('button', { name: /problems?$/ }).click();
    const repair = page.getByRole('dialog', { name: 'Repair the store' });
    const item = (p: string) => repair.getByRole('listitem', { name: p, exact: true });
    await item('models/Stray_Folder').waitFor();
    // No problem with a window action is "left for you" with a CLI command.
    expect(await repair.getByText(/^Left for you/).count()).toBe(0);

    // latest points at a version that is gone: Fix latest says what it will do, then does it.
    await item('models/iris_clf/latest').getByRole('button', { name: 'Fix latest of iris_clf' }).click();
    const fixLatest = page.getByRole('dialog', { name: 'Fix latest' });
    expect(await fixLatest.getByText('Point iris_clf/latest at the newest version that can be read (or remove it when none can)? No version is changed.').count()).toBe(1);
    await fixLatest.getByRole('button', { name: 'Fix latest' }).click();
    await item('models/iris_clf/latest').waitFor({ state: 'detached' });
    expect(await readFile(path.join(home, 'models', 'iris_clf', 'latest'), 'utf8')).toBe(newest);

    // A stray folder: moved out of models/, every byte kept.
    await item('models/Stray_Folder').getByRole('button', { name: 'Move models/Stray_Folder aside' }).click();
    const moveAside = page.getByRole('dialog', { name: 'Move aside' });
    expect(await moveAside.getByText(/Nothing is deleted, and BentoML lists this store again\./).count()).toBe(1);
    await moveAside.getByRole('button', { name: 'Move aside' }).click();
    await item('models/Stray_Folder').waitFor({ state: 'detached' });
    expect(existsSync(path.join(home, 'models', 'Stray_Folder'))).toBe(false);
    expect(await readFile(path.join(home, '.model-shelf', 'moved-aside', 'Stray_Folder', 'notes.txt'), 'utf8')).toBe('mine');

    // A broken version: Delete opens the delete dialog (to the trash, with Undo).
    await item('models/iris_clf/brokenyaml000001').getByRole('button', { name: 'Delete iris_clf:brokenyaml000001' }).click();
    const del = page.getByRole('dialog', { name: 'Delete versions' });
    await del.getByRole('button', { name: 'Move to trash', exact: true }).click();
    await item('models/iris_clf/brokenyaml000001').waitFor({ state: 'detached' });
    expect(existsSync(broken)).toBe(false);
    expect((await trashOnDisk(home)).map((e) => e.tag)).toEqual(['iris_clf:brokenyaml000001']);

    await repair.getByText('No problems found. Every version can be read.').waitFor();
    await repair.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('contentinfo').getByRole('button', { name: /problems?$/ }).waitFor({ state: 'detached' });
  });
});
