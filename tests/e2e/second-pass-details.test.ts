// Issue 12 defect 12, the rest: the Overview shows framework, BentoML/Python versions and signatures
// (of a model saved by real BentoML); model.yaml has a Copy button; "Exported" and an import
// conflict carry Reveal and a short path; creating a model keeps the active filter; the create
// sheet blocks the model list; ArrowDown from the search goes into the results; the keyboard ring
// is on the row; deleting a model keeps the selection where it was.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { bentomlPython, runBentoML, writeFiles, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 240_000;

describe('the second pass, smaller things', () => {
  it('Overview context and signatures from real BentoML, model.yaml Copy, Reveal on Exported and on an import conflict', { timeout: SLOW }, async () => {
    const python = bentomlPython();
    expect(python, 'the BentoML venv (tests/e2e/README.md) is needed for this test').not.toBeNull();
    const home = await shelf.home();
    await runBentoML(
      python!,
      home,
      ['import bentoml', "bentoml.picklable_model.save_model('iris_clf', {'w': [1, 2]}, signatures={'predict': {'batchable': True, 'batch_dim': 0}, 'predict_proba': {'batchable': False}})"].join('\n'),
    );
    const out = await shelf.dir();
    const { page, dialogs, shell } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('Signatures').waitFor();
    expect(await panel.getByText('cloudpickle 3.', { exact: false }).count()).toBe(1);
    expect(await panel.locator('dd').filter({ hasText: /^BentoML 1\.\d+\.\d+/ }).count()).toBe(1);
    expect(await panel.getByText(/Python 3\.\d+/).count()).toBe(1);
    expect(await panel.getByText('predict (batchable, batch_dim (0, 0))').count()).toBe(1);
    expect(await panel.getByText('predict_proba (not batchable)').count()).toBe(1);

    await page.getByRole('tab', { name: 'model.yaml' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(/Copied model\.yaml/).waitFor();

    // Exported: Reveal shows the file; the path is short.
    const target = path.join(out, 'iris.bentomodel');
    dialogs.exportPaths.push(target);
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Export…' }).click();
    const exported = page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: /^Exported iris_clf:/ });
    await exported.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => shell.revealed).toEqual([target]);

    // Importing it again: a conflict that names the version, with Show and Reveal.
    dialogs.importFiles.push([target]);
    await page.getByRole('button', { name: 'Import…' }).click();
    const conflict = page.getByRole('region', { name: 'Notices' }).getByRole('alert').filter({ hasText: /is already in this store/ });
    expect(await conflict.textContent()).not.toContain(path.join(home, 'models'));
    await conflict.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => shell.revealed.length).toBe(2);
    expect(shell.revealed[1]).toMatch(new RegExp(`${home}/models/iris_clf/[a-z0-9]+$`));
  });

  it('keeps the filter on create, blocks the list under the sheet, ArrowDown into results, ring on the row, selection after delete', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, ['a_model', 'b_model', 'c_model', 'd_model'].map((tag) => ({ tag, labels: { stage: tag === 'd_model' ? 'dev' : 'prod' }, files: { 'w.bin': tag } })));
    const src = await shelf.dir();
    const [file] = await writeFiles(src, { 'new_model.pkl': 'x' });
    const { page, drop } = await shelf.open({ home });
    await page.getByRole('combobox', { name: 'Sort models' }).selectOption('name');
    const models = page.getByRole('listbox', { name: 'Models' });

    // ArrowDown from the search box goes into the list; the ring is on the row, not the list.
    await page.getByRole('searchbox', { name: 'Search models' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Models');
    const ring = await page.evaluate(() => {
      const list = document.querySelector('[role=listbox][aria-label=Models]')!;
      const row = list.querySelector('.row.active')!;
      return { list: getComputedStyle(list).boxShadow, row: getComputedStyle(row).boxShadow, frame: getComputedStyle(list.parentElement!, '::after').boxShadow };
    });
    expect(ring.row).not.toBe('none');
    expect(ring.frame === 'none' || ring.frame === '').toBe(true);

    // Deleting b_model selects its neighbour c_model, not the top of the list.
    await models.getByRole('option', { name: 'b_model', exact: true }).click();
    await page.keyboard.press('Delete');
    await page.getByRole('dialog', { name: 'Delete model' }).getByRole('button', { name: /^Move to trash/ }).click();
    await models.getByRole('option', { name: 'b_model', exact: true }).waitFor({ state: 'detached' });
    await expect.poll(() => models.getByRole('option', { selected: true }).getAttribute('aria-label')).toBe('c_model');

    // A filter stays after creating a model; the sheet blocks the model list meanwhile.
    const filter = page.getByRole('combobox', { name: 'Add label filter' });
    await filter.fill('stage=prod');
    await filter.press('Enter');
    await page.getByRole('button', { name: 'Remove filter stage=prod' }).waitFor();
    await drop([file!]);
    const sheet = page.getByRole('dialog', { name: 'New model' });
    expect(await page.getByRole('navigation', { name: 'Model browser' }).evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    await models.getByRole('option', { name: 'c_model', exact: true }).click({ force: true });
    await page.keyboard.press('Delete');
    expect(await page.getByRole('dialog', { name: /^Delete/ }).count()).toBe(0);
    await sheet.getByRole('button', { name: /^Create model/ }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(/^Created new_model:/).waitFor();
    expect(await page.getByRole('button', { name: 'Remove filter stage=prod' }).count()).toBe(1);
    expect(await models.getByRole('option', { name: 'd_model', exact: true }).count()).toBe(0);
  });
});
