// Desktop shell smoke: the real renderer + real preload in Chromium, bound to the real service
// over a real store on disk (design §7). What the window shows follows the disk, both ways.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { listModelsDir, versionsOnDisk, writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('the window and the store on disk', () => {
  it('lists a model that is on disk with its versions and labels', async () => {
    const home = await shelf.home();
    const tag = await writeModelInOtherProcess(home, { tag: 'iris_clf', labels: { stage: 'prod' } });
    const version = tag.split(':')[1] ?? '';
    const { page, errors } = await shelf.open({ home });

    const row = page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true });
    await row.waitFor();
    expect(await row.textContent()).toContain('stage=prod');
    await row.click();
    await page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option', { name: version, exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a model another process writes while the window is open, without a reload', async () => {
    const home = await shelf.home();
    await writeModelInOtherProcess(home, { tag: 'iris_clf' });
    const { page, requests } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    const snapshotsAsked = requests.filter((r) => r.channel === 'store:snapshot').length;

    const tag = await writeModelInOtherProcess(home, { tag: 'bert_ner', labels: { owner: 'nlp' } });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'bert_ner', exact: true }).waitFor();
    expect(await versionsOnDisk(home, 'bert_ner')).toEqual([tag.split(':')[1]]);
    // It came from the watcher's push, not from the page asking again.
    expect(requests.filter((r) => r.channel === 'store:snapshot').length).toBe(snapshotsAsked);
  });

  it('deleting from the window moves the version to the trash on disk', async () => {
    const home = await shelf.home();
    const tag = await writeModelInOtherProcess(home, { tag: 'old_model', files: { 'weights.bin': 'w'.repeat(5000) } });
    const version = tag.split(':')[1] ?? '';
    const { page } = await shelf.open({ home });
    const row = page.getByRole('option', { name: 'old_model', exact: true });
    await row.click();
    await page.getByRole('button', { name: 'Delete model…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete model' });
    expect(await dialog.textContent()).toContain(tag);
    await dialog.getByRole('button', { name: 'Move to trash' }).click();

    await row.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
    expect((await listModelsDir(home)).filter((e) => e.includes(version))).toEqual([]);
    const trash = path.join(home, '.model-shelf', 'trash');
    const manifests = (await readdir(trash)).filter((f) => f.endsWith('.json'));
    expect(manifests).toHaveLength(1);
    const manifest = JSON.parse(await readFile(path.join(trash, manifests[0] ?? ''), 'utf8')) as { id: string; tag: string };
    expect(manifest.tag).toBe(tag);
    expect((await readdir(path.join(trash, manifest.id))).sort()).toEqual(['model.yaml', 'weights.bin']);
  });
});
