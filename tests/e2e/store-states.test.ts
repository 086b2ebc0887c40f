// States that must look deliberate (ux.md): a missing store folder, a version another program is
// still writing, a broken version, and a model a local bento uses.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bentomlStyleYaml } from '../../bench/gen-store.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { versionsOnDisk, writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('store states', () => {
  it('offers to create a missing store folder, and creates it', async () => {
    const home = await shelf.home({ withModels: false });
    const { page } = await shelf.open({ home });
    await page.getByRole('heading', { name: 'No model store here yet' }).waitFor();
    expect(existsSync(path.join(home, 'models'))).toBe(false);
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
    expect(existsSync(path.join(home, 'models'))).toBe(true);
  });

  it('shows a version being written as "writing...", then as a normal version once its model.yaml lands; a broken one with its reason', async () => {
    const home = await shelf.home();
    await writeModelInOtherProcess(home, { tag: 'iris_clf' });
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });

    // Another program (BentoML's save) has created the version directory but not its model.yaml yet.
    const pending = 'pendingver000001';
    const dir = path.join(home, 'models', 'iris_clf', pending);
    await mkdir(dir);
    await writeFile(path.join(dir, 'weights.bin'), 'w'.repeat(100));
    const row = versions.getByRole('option', { name: pending, exact: true });
    await row.getByText('writing...').waitFor();
    await writeFile(path.join(dir, 'model.yaml'), bentomlStyleYaml('iris_clf', pending, new Date().toISOString().replace('Z', '000+00:00')));
    await row.getByText('writing...').waitFor({ state: 'detached' });
    await row.waitFor();

    const broken = 'brokenver0000001';
    await mkdir(path.join(home, 'models', 'iris_clf', broken));
    await writeFile(path.join(home, 'models', 'iris_clf', broken, 'model.yaml'), 'name: iris_clf\nversion: [unclosed\n');
    const brokenRow = versions.getByRole('option', { name: broken, exact: true });
    await brokenRow.getByText('broken', { exact: true }).waitFor();
    await brokenRow.click();
    const store = await ModelStore.open({ home });
    const problem = (await store.list({ name: 'iris_clf' })).versions.find((v) => v.version === broken)?.problem ?? '';
    expect(problem).not.toBe('');
    await page.getByRole('tabpanel').getByText(problem, { exact: false }).first().waitFor();
    expect(await versionsOnDisk(home, 'iris_clf')).toHaveLength(3);
  });

  it('warns before deleting a model that a local bento uses', async () => {
    const home = await shelf.home();
    const tag = await writeModelInOtherProcess(home, { tag: 'iris_clf' });
    const bentoDir = path.join(home, 'bentos', 'iris_service', 'v1abc');
    await mkdir(bentoDir, { recursive: true });
    await writeFile(path.join(bentoDir, 'bento.yaml'), `service: service:svc\nname: iris_service\nversion: v1abc\nmodels:\n- tag: ${tag}\n  module: ''\n`);
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('button', { name: 'Delete model…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete model' });
    await dialog.getByRole('alert').getByText(`${tag} is used by the bento iris_service:v1abc`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Move to trash anyway' }).click();
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([]);
  });

  it('opens another store from the folder dialog and watches that one from then on', async () => {
    const first = await shelf.home();
    const second = await shelf.home();
    await writeModelInOtherProcess(first, { tag: 'first_model' });
    await writeModelInOtherProcess(second, { tag: 'second_model' });
    const { page, dialogs } = await shelf.open({ home: first });
    await page.getByRole('option', { name: 'first_model', exact: true }).waitFor();

    dialogs.storeFolders.push(second);
    await page.getByRole('button', { name: 'Open another store' }).click();
    await page.getByRole('option', { name: 'second_model', exact: true }).waitFor();
    await page.getByRole('option', { name: 'first_model', exact: true }).waitFor({ state: 'detached' });
    await page.getByText(`Watching ${path.join(second, 'models')}`).waitFor();

    await writeModelInOtherProcess(second, { tag: 'second_live' });
    await page.getByRole('option', { name: 'second_live', exact: true }).waitFor();
    // A change in the old store is not shown: by the time a later change in the new store is on
    // screen, a watched old store would have shown its own too.
    await writeModelInOtherProcess(first, { tag: 'first_live' });
    await writeModelInOtherProcess(second, { tag: 'second_after' });
    await page.getByRole('option', { name: 'second_after', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'first_live', exact: true }).count()).toBe(0);
  });
});
