// Issue 12 defect 1: a version folder without model.yaml is either being written now (a live
// writer: a recent change, or a Model Shelf process holding the name's lock) or was left by a save
// that died (untouched for long, no live lock owner). The window tells them apart and offers what
// to do about an interrupted one: delete it, move it aside, reveal it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { trashOnDisk, versionsOnDisk, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;
const DAYS_AGO = (n: number): Date => new Date(Date.now() - n * 24 * 3600 * 1000);

/** A version folder with files but no model.yaml, last touched `when`. */
async function partialVersion(home: string, name: string, version: string, when: Date): Promise<string> {
  const dir = path.join(home, 'models', name, version);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'weights.bin'), `partial weights of ${version}`);
  await utimes(path.join(dir, 'weights.bin'), when, when);
  await utimes(dir, when, when);
  return dir;
}

describe('an interrupted save versus a live writer', () => {
  it('marks an old ownerless folder as interrupted and offers Reveal, Move aside and Delete; a live one stays "writing"', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, [{ tag: 'iris_clf', files: { 'w.bin': 'ok' } }, { tag: 'bert_ner', files: { 'w.bin': 'ok' } }]);
    await partialVersion(home, 'iris_clf', 'interrupted01', DAYS_AGO(3));
    await partialVersion(home, 'iris_clf', 'interrupted02', DAYS_AGO(2));
    await partialVersion(home, 'iris_clf', 'livewrite0001', new Date());
    // An old folder whose name's lock a live process holds (this test's own pid, this machine).
    await partialVersion(home, 'bert_ner', 'lockedwrite01', DAYS_AGO(3));
    await mkdir(path.join(home, '.model-shelf', 'locks'), { recursive: true });
    await writeFile(path.join(home, '.model-shelf', 'locks', 'bert_ner.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now(), token: 'e2e' }));

    const { page, shell } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const versions = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const row = (v: string) => versions.getByRole('option', { name: v, exact: true });
    await row('interrupted01').getByText('interrupted', { exact: true }).waitFor();
    expect(await row('interrupted01').getByText('writing...').count()).toBe(0);
    expect(await row('livewrite0001').getByText('writing...').count()).toBe(1);

    // The live one: being written, nothing to do.
    await row('livewrite0001').click();
    const overview = page.getByRole('tabpanel');
    await overview.getByText('This version is still being written').waitFor();
    expect(await overview.getByRole('button', { name: 'Move aside…' }).count()).toBe(0);

    // The interrupted one: says so, and offers what to do.
    await row('interrupted01').click();
    await overview.getByText(/This save was interrupted: nothing in the folder has changed for 3 days/).waitFor();
    await overview.getByRole('button', { name: 'Reveal iris_clf:interrupted01' }).click();
    await expect.poll(() => shell.revealed).toEqual([path.join(home, 'models', 'iris_clf', 'interrupted01')]);

    await overview.getByRole('button', { name: 'Move aside…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Move aside' });
    expect(await confirm.getByText(/Move iris_clf:interrupted01 \(models\/iris_clf\/interrupted01\) out of models\/ into \.model-shelf\/moved-aside\/\? Nothing is deleted/).count()).toBe(1);
    await confirm.getByRole('button', { name: 'Move aside' }).click();
    await row('interrupted01').waitFor({ state: 'detached' });
    const moved = path.join(home, '.model-shelf', 'moved-aside', 'iris_clf__interrupted01');
    expect(await readFile(path.join(moved, 'weights.bin'), 'utf8')).toBe('partial weights of interrupted01');
    expect(existsSync(path.join(home, 'models', 'iris_clf', 'interrupted01'))).toBe(false);
    const notice = page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: 'Moved models/iris_clf/interrupted01 to .model-shelf/moved-aside/iris_clf__interrupted01' });
    await notice.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => shell.revealed.at(-1)).toBe(moved);

    // Delete: the dialog does not call an interrupted save "being written"; it goes to the trash.
    await row('interrupted02').click();
    await overview.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete versions' });
    await dialog.getByRole('button', { name: 'Move to trash', exact: true }).waitFor();
    expect(await dialog.getByText(/being written/).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Move to trash', exact: true }).click();
    await row('interrupted02').waitFor({ state: 'detached' });
    expect((await versionsOnDisk(home, 'iris_clf')).filter((v) => v.startsWith('interrupted'))).toEqual([]);
    expect((await trashOnDisk(home)).map((e) => e.tag)).toEqual(['iris_clf:interrupted02']);

    // Untouched for days but its name's lock has a live owner: a writer at work.
    await page.getByRole('option', { name: 'bert_ner', exact: true }).click();
    const bert = page.getByRole('listbox', { name: 'Versions of bert_ner' }).getByRole('option', { name: 'lockedwrite01', exact: true });
    await bert.getByText('writing...').waitFor();
    await bert.click();
    await overview.getByText(`Model Shelf (process ${process.pid}) is writing it now`, { exact: false }).waitFor();
    expect(await bert.getByText('interrupted', { exact: true }).count()).toBe(0);
  });
});
