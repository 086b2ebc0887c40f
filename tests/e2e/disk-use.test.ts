// Disk use (issue 11 §1, §3): opened from the status bar's total, figures equal `model-shelf du`,
// the trash and reclaimable duplicates as their own blocks, a version reached by keyboard, and
// "Link identical files" leaves one inode on disk.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { humanSize } from '../../src-main/shared/human-size.ts';
import type { DiskUsage } from '../../src-main/shared/housekeeping-types.ts';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { cli } from '../integration/du-fixtures.ts';
import { layoutProblems } from './harness/fits.ts';
import { tabTo } from './harness/keyboard.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { tempDir, versionsOnDisk, writeFiles, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const kib = (n: number, c = 'x'): string => c.repeat(n * 1024);

async function seed(home: string): Promise<string[]> {
  const shared = kib(96, 's'); // the same bytes in two versions of iris_clf: one duplicate
  const tags = await writeModelsInOtherProcess(home, [
    { tag: 'iris_clf', labels: { stage: 'dev' }, files: { 'model.pkl': kib(40, 'a'), 'vocab.txt': shared } },
    { tag: 'iris_clf', labels: { stage: 'prod' }, files: { 'model.pkl': kib(44, 'b'), 'vocab.txt': shared } },
    { tag: 'bert_ner', labels: { stage: 'prod' }, files: { 'model.safetensors': kib(300, 'c') } },
    { tag: 'old_baseline', files: { 'w.bin': kib(20, 'd') } },
  ]);
  const store = await ModelStore.open({ home });
  await store.delete([tags[3]!], { trash: true });
  return tags;
}

describe('disk use', () => {
  it('opens from the status bar total with du’s figures, duplicates and trash as blocks, and navigates to a version', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const tags = await seed(home);
    const du = JSON.parse((await cli(['--home', home, 'du', '--json'])).stdout) as DiskUsage;
    const dedup = JSON.parse((await cli(['--home', home, 'dedup', '--dry-run', '--json'])).stdout) as { frees: number; files: number };
    expect(dedup.files).toBe(1);

    const { page, errors } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.getByRole('option', { name: 'bert_ner', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Disk use' });
    await dialog.getByText(humanSize(du.totalBytes), { exact: true }).waitFor();

    // Blocks: models, duplicates (what the dedup plan frees), trash.
    await expect(dialog.getByRole('region', { name: 'Models' }).textContent()).resolves.toContain(humanSize(du.modelsBytes));
    await dialog.getByRole('region', { name: 'Duplicates' }).getByText(humanSize(dedup.frees), { exact: true }).waitFor();
    await expect(dialog.getByRole('region', { name: 'Trash' }).textContent()).resolves.toContain(humanSize(du.trashBytes));

    // One bar per model, largest first, its size du's; one segment per version.
    const bars = dialog.getByRole('group', { name: 'Models and their versions by size' });
    const names = (await bars.getByRole('button', { name: /^Open / }).evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).map((n) => n?.slice('Open '.length));
    expect(names).toEqual([...du.models].sort((a, b) => b.bytes - a.bytes).map((m) => m.name));
    for (const m of du.models) {
      for (const v of m.versions) await bars.getByRole('button', { name: new RegExp(`^${v.tag}, ${humanSize(v.bytes).replace('.', '\\.')}, `) }).waitFor();
    }
    expect(await layoutProblems(page)).toEqual([]);

    // Keyboard: one Tab stop into the bars, arrows move, Enter opens that version.
    const first = bars.getByRole('button', { name: new RegExp(`^${tags[2]}, `) }); // bert_ner's only version
    await tabTo(page, first);
    await page.keyboard.press('ArrowDown'); // iris_clf, newest version first
    await page.keyboard.press('ArrowRight'); // its older version
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const older = tags[0]!.split(':')[1]!;
    await page.getByRole('heading', { level: 1, name: 'iris_clf' }).waitFor();
    await expect(page.getByRole('option', { name: older, exact: true }).getAttribute('aria-selected')).resolves.toBe('true');
    expect(errors).toEqual([]);
  });

  it('links identical files after a preview and a confirmation: one inode on disk, the freed bytes in the notice', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const tags = await seed(home);
    const { page } = await shelf.open({ home });
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Disk use' });
    await dialog.getByRole('button', { name: 'Link identical files…' }).click();
    const confirm = dialog.getByRole('alert');
    await confirm.getByText(/^Replace 1 copy of identical files/).waitFor();
    await confirm.getByRole('button', { name: 'Link 1 file' }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(/^Linked 1 identical file and freed 96\.00 KiB/).waitFor();
    const file = (tag: string): string => path.join(home, 'models', ...tag.split(':'), 'vocab.txt');
    const [a, b] = [await stat(file(tags[0]!)), await stat(file(tags[1]!))];
    expect(a.ino).toBe(b.ino);
    // The block now says there is nothing left to link.
    await dialog.getByRole('region', { name: 'Duplicates' }).getByText('No identical files across versions').waitFor();
  });

  it('draws the 50 largest models first and the rest on request', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, Array.from({ length: 53 }, (_, i) => ({ tag: `m${String(i).padStart(2, '0')}`, files: { 'w.bin': kib(1 + i, 'x') } })));
    const du = JSON.parse((await cli(['--home', home, 'du', '--json'])).stdout) as DiskUsage;
    const smallest = [...du.models].sort((a, b) => a.bytes - b.bytes).slice(0, 3);
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'm52', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const bars = page.getByRole('dialog', { name: 'Disk use' }).getByRole('group', { name: 'Models and their versions by size' });
    await bars.getByRole('button', { name: 'Open m52' }).waitFor();
    await expect(bars.getByRole('button', { name: /^Open / }).count()).resolves.toBe(50);
    await bars.getByText(`3 smaller models (${humanSize(smallest.reduce((s, m) => s + m.bytes, 0))}) not drawn`).waitFor();
    await bars.getByRole('button', { name: 'Show 3 more' }).click();
    await bars.getByRole('button', { name: 'Open m00' }).waitFor();
    await expect(bars.getByRole('button', { name: /^Open / }).count()).resolves.toBe(53);
  });

  it('looks for duplicates again when the store changed since the last look', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const tags = await seed(home);
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('option', { name: tags[0]!.split(':')[1]!, exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Disk use' });
    const dups = dialog.getByRole('region', { name: 'Duplicates' });
    await dups.getByText('reclaimable from 1 identical file').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Another program deletes one of the two versions holding the duplicate.
    expect((await cli(['--home', home, 'delete', tags[0]!, '--yes'])).code).toBe(0);
    await page.getByRole('option', { name: tags[0]!.split(':')[1]!, exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await dups.getByText('No identical files across versions').waitFor();
  });

  it('with "Link identical files on create and import" on, a created model links a file the store already holds', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const [tag] = await writeModelsInOtherProcess(home, [{ tag: 'base_llm', files: { 'weights.bin': kib(256, 'q') } }]);
    const src = await tempDir();
    const paths = await writeFiles(src, { 'weights.bin': kib(256, 'q'), 'adapter.bin': kib(8, 'n') });
    const { page, drop } = await shelf.open({ home });
    await page.getByRole('option', { name: 'base_llm', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Disk use' });
    await dialog.getByRole('checkbox', { name: 'Link identical files on create and import' }).check();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await drop(paths);
    const sheet = page.getByRole('dialog', { name: 'New model' });
    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('tuned_llm');
    await sheet.getByRole('button', { name: /^Create model/ }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(/^Created tuned_llm:/).waitFor();
    const [version] = await versionsOnDisk(home, 'tuned_llm');
    const [a, b] = [await stat(path.join(home, 'models', ...tag!.split(':'), 'weights.bin')), await stat(path.join(home, 'models', 'tuned_llm', version!, 'weights.bin'))];
    expect(b.ino).toBe(a.ino);
  });
});
