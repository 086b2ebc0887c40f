// Export writes <name>-<version>.bentomodel where the save dialog said; a dropped .bentomodel is
// offered as an import, lands in the store, and a second drop says the tag already exists.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { bentomlPython, bigFile, readModelInfo, runBentoML, versionsOnDisk, writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('import and export', () => {
  it('exports the selected version to the path the save dialog returned', async () => {
    const home = await shelf.home();
    const out = await shelf.home({ withModels: false });
    const tag = await writeModelInOtherProcess(home, { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'weights.bin': 'x'.repeat(10_000) } });
    const version = tag.split(':')[1] ?? '';
    const target = path.join(out, `iris_clf-${version}.bentomodel`);
    const { page, dialogs, shell } = await shelf.open({ home });
    dialogs.exportPaths.push(target);
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option', { name: version, exact: true }).click();
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Export…' }).click();

    await page.getByRole('region', { name: 'Notices' }).getByText(`Exported ${tag}`).waitFor();
    expect(shell.revealed).toEqual([]);
    expect(dialogs.opened).toEqual([{ kind: 'export', defaultName: `iris_clf-${version}.bentomodel` }]);
    expect(existsSync(target)).toBe(true);

    // The archive holds the model: another store imports it with the same tag, labels and files.
    const other = await shelf.home();
    const store = await ModelStore.open({ home: other });
    const imported = await store.import(target);
    expect(imported.tag).toBe(tag);
    expect((await readModelInfo(other, 'iris_clf', version)).labels).toEqual({ stage: 'prod' });
    expect(await readFile(path.join(other, 'models', 'iris_clf', version, 'weights.bin'), 'utf8')).toBe('x'.repeat(10_000));

    // Reveal shows the version's folder in the file manager.
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => shell.revealed).toEqual([path.join(home, 'models', 'iris_clf', version)]);

    const python = bentomlPython();
    if (python) {
      const third = await shelf.home();
      const code = `import bentoml\nm = bentoml.models.import_model(${JSON.stringify(target)})\nprint(m.tag, m.info.labels['stage'])`;
      expect((await runBentoML(python, third, code)).trim().split('\n').pop()).toBe(`${tag} prod`);
    }
  });

  it('imports a dropped .bentomodel, and says the tag already exists the second time', async () => {
    const source = await shelf.home();
    const home = await shelf.home();
    const out = await shelf.home({ withModels: false });
    const tag = await writeModelInOtherProcess(source, { tag: 'bert_ner', labels: { owner: 'nlp' } });
    const version = tag.split(':')[1] ?? '';
    const archive = await (await ModelStore.open({ home: source })).export(tag, path.join(out, 'bert.bentomodel'));
    const { page, drop } = await shelf.open({ home });
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();

    await drop([archive]);
    const offer = page.getByRole('dialog', { name: 'Import saved model?' });
    await offer.getByText('bert.bentomodel is a saved model archive.', { exact: false }).waitFor();
    await offer.getByRole('button', { name: 'Import', exact: true }).click();
    const notices = page.getByRole('region', { name: 'Notices' });
    await notices.getByText(`Imported ${tag}`).waitFor();
    await page.getByRole('listbox', { name: 'Versions of bert_ner' }).getByRole('option', { name: version, exact: true }).waitFor();
    expect(await versionsOnDisk(home, 'bert_ner')).toEqual([version]);
    expect(await readFile(path.join(home, 'models', 'bert_ner', version, 'model.yaml'), 'utf8')).toBe(
      await readFile(path.join(source, 'models', 'bert_ner', version, 'model.yaml'), 'utf8'),
    );

    await drop([archive]);
    await offer.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = notices.getByRole('alert');
    // The conflict names the version already there (with Show and Reveal, second-pass-details.test.ts).
    await alert.getByText(`Import failed: ${tag} is already in this store.`).waitFor();
    expect(await alert.textContent()).toContain(tag);
    expect(await versionsOnDisk(home, 'bert_ner')).toEqual([version]);
  });

  it('imports the archive the Import dialog returned, and does nothing when it is cancelled', async () => {
    const source = await shelf.home();
    const home = await shelf.home();
    const out = await shelf.home({ withModels: false });
    const tag = await writeModelInOtherProcess(source, { tag: 'fraud_xgb', labels: { owner: 'risk' } });
    const archive = await (await ModelStore.open({ home: source })).export(tag, out);
    expect(path.basename(archive)).toBe(`fraud_xgb-${tag.split(':')[1]}.bentomodel`);
    const { page, dialogs } = await shelf.open({ home });
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();

    await page.getByRole('button', { name: 'Import…', exact: true }).click(); // cancelled: no file queued
    await expect.poll(() => dialogs.opened.length).toBe(1);
    dialogs.importFiles.push([archive]);
    await page.getByRole('button', { name: 'Import…', exact: true }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(`Imported ${tag}`).waitFor();
    expect(dialogs.opened).toEqual([{ kind: 'import' }, { kind: 'import' }]);
    expect(await versionsOnDisk(home, 'fraud_xgb')).toEqual([tag.split(':')[1]]);
    expect((await readModelInfo(home, 'fraud_xgb', tag.split(':')[1] ?? '')).labels).toEqual({ owner: 'risk' });
  });

  it('shows the progress of an export in the status bar, and Cancel leaves no file behind', async () => {
    const home = await shelf.home();
    const out = await shelf.dir();
    const src = await shelf.dir();
    // Random bytes do not compress, so writing the (xz) archive takes seconds.
    const big = await bigFile(path.join(src, 'weights.bin'), 128 * 1024 * 1024, { incompressible: true });
    const tag = await writeModelInOtherProcess(home, { tag: 'big_model', paths: [big] });
    const version = tag.split(':')[1] ?? '';
    const { page, dialogs, requests } = await shelf.open({ home });
    dialogs.exportPaths.push(path.join(out, `big_model-${version}.bentomodel`));
    await page.getByRole('option', { name: 'big_model', exact: true }).click();
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Export…' }).click();

    const bar = page.getByRole('progressbar', { name: `Exporting ${tag}` });
    await bar.waitFor();
    // Cancel in the middle of the big file (not between two files), where a stuck stream would show.
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: `Cancel Exporting ${tag}` }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText('Cancelled. Nothing was written.').waitFor();
    await page.getByRole('progressbar', { name: `Exporting ${tag}` }).waitFor({ state: 'detached' });
    expect(await readdir(out)).toEqual([]);
    expect(await versionsOnDisk(home, 'big_model')).toEqual([version]);
    // The status bar's Cancel named the export's own task.
    const taskId = (requests.find((r) => r.channel === 'models:export')?.arg as { taskId?: string } | undefined)?.taskId;
    expect(taskId).toBeTruthy();
    expect(requests.filter((r) => r.channel === 'task:cancel').map((r) => r.arg)).toEqual([{ taskId }]);
  });
});
