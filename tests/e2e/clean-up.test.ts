// Clean up (issue 11 §2): prune's rules in a sheet, a live preview equal to `prune --dry-run`,
// one confirmation, the trash and Undo; a suggestion computed from a real plan; rules saved per store.
import { describe, expect, it } from 'vitest';
import { humanSize } from '../../src-main/shared/human-size.ts';
import { cli } from '../integration/du-fixtures.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { trashOnDisk, versionsOnDisk, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const kib = (n: number, c: string): string => c.repeat(n * 1024);

interface PruneJson {
  remove: { tag: string; bytes: number }[];
  keep: { tag: string; reason: string }[];
  frees: number;
}

async function seed(home: string): Promise<string[]> {
  const models = [];
  for (let i = 0; i < 7; i += 1) models.push({ tag: 'iris_clf', labels: { stage: i % 2 ? 'dev' : 'exp' }, files: { 'model.pkl': kib(10 + i, String.fromCharCode(97 + i)) } });
  models.push({ tag: 'bert_ner', files: { 'w.bin': kib(50, 'z') } });
  return writeModelsInOtherProcess(home, models);
}

describe('clean up', () => {
  it('previews exactly what prune --dry-run removes, moves it to the trash after one confirmation, and Undo puts it back', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    await seed(home);
    const plan = (args: string[]) => cli(['--home', home, 'prune', ...args, '--dry-run', '--json']).then((r) => JSON.parse(r.stdout) as PruneJson);
    const five = await plan(['--keep-last', '5']);
    const three = await plan(['--keep-last', '3', '--label', 'stage=exp']);
    expect(three.remove.length).toBeGreaterThan(0);

    const { page, errors } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Clean up…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Clean up' });

    // The suggestion's figure is the plan's for keep-last 5.
    await sheet.getByText(`Keep the last 5 of every model: frees ${humanSize(five.frees)} (${five.remove.length} versions).`).waitFor();

    // Rules as typed; the preview follows them.
    await sheet.getByRole('textbox', { name: 'How many to keep' }).fill('3');
    await sheet.getByRole('textbox', { name: 'Only with labels' }).fill('stage=exp');
    const preview = sheet.getByRole('status', { name: 'Preview' });
    await preview.getByText(`Removes ${three.remove.length} versions and frees ${humanSize(three.frees)} once the trash is emptied.`).waitFor();
    const goes = sheet.getByRole('table', { name: 'Versions that go' });
    // The tag cell may be shortened in the middle; its full text is the tooltip.
    const rows = await goes.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.querySelector('[title]')?.getAttribute('title') ?? td.textContent)));
    expect(rows).toEqual(three.remove.map((r) => [r.tag, humanSize(r.bytes)]));

    // A rule that is not complete says why and offers nothing to remove.
    await sheet.getByRole('textbox', { name: 'How many to keep' }).fill('x');
    await preview.getByText('Keep the last: enter a whole number, 1 or more.').waitFor();
    await expect(sheet.getByRole('button', { name: /^Move 0 versions to trash/ }).isDisabled()).resolves.toBe(true);
    await sheet.getByRole('textbox', { name: 'How many to keep' }).fill('3');
    await preview.getByText(/^Removes /).waitFor();

    // One confirmation, then the trash.
    const n = three.remove.length;
    await sheet.getByRole('button', { name: `Move ${n} versions to trash…` }).click();
    await sheet.getByRole('alert').getByText(`Move ${n} versions (${humanSize(three.frees)}) to the trash? You can restore them until you empty the trash.`).waitFor();
    await sheet.getByRole('alert').getByRole('button', { name: 'Move to trash' }).click();
    await sheet.waitFor({ state: 'detached' });
    const notices = page.getByRole('region', { name: 'Notices' });
    await notices.getByText(`Moved ${n} versions (${humanSize(three.frees)}) to the trash.`).waitFor();
    const gone = three.remove.map((r) => r.tag.split(':')[1]!);
    const left = await versionsOnDisk(home, 'iris_clf');
    expect(left.length).toBe(7 - n);
    for (const v of gone) expect(left).not.toContain(v);
    expect((await trashOnDisk(home)).map((e) => e.tag).sort()).toEqual(three.remove.map((r) => r.tag).sort());
    for (const v of gone) await page.getByRole('option', { name: v, exact: true }).waitFor({ state: 'detached' });

    // Undo puts every one back.
    await notices.getByRole('button', { name: 'Undo' }).click();
    await notices.getByText(`Restored ${n} versions`).waitFor();
    expect((await versionsOnDisk(home, 'iris_clf')).length).toBe(7);
    expect(errors).toEqual([]);
  });

  it('deletes for good when asked, and keeps saved rules per store', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    await seed(home);
    const two = JSON.parse((await cli(['--home', home, 'prune', '--keep-last', '2', '--dry-run', '--json'])).stdout) as PruneJson;
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Clean up…' }).click();
    let sheet = page.getByRole('dialog', { name: 'Clean up' });
    await sheet.getByRole('textbox', { name: 'How many to keep' }).fill('2');
    await sheet.getByRole('radio', { name: 'Delete for good' }).check();
    await sheet.getByRole('button', { name: 'Save rules for this store' }).click();
    await sheet.getByRole('button', { name: 'Forget saved rules' }).waitFor();
    await sheet.getByRole('button', { name: 'Cancel' }).click();

    // Reopened: the saved rules, not the defaults.
    await page.getByRole('button', { name: /^Disk use: / }).click();
    await page.getByRole('dialog', { name: 'Disk use' }).getByRole('button', { name: 'Clean up…' }).click();
    sheet = page.getByRole('dialog', { name: 'Clean up' });
    await expect(sheet.getByRole('textbox', { name: 'How many to keep' }).inputValue()).resolves.toBe('2');
    await expect(sheet.getByRole('radio', { name: 'Delete for good' }).isChecked()).resolves.toBe(true);

    const n = two.remove.length;
    await sheet.getByRole('status', { name: 'Preview' }).getByText(`Removes ${n} versions and frees ${humanSize(two.frees)}.`).waitFor();
    await sheet.getByRole('button', { name: `Delete ${n} versions…` }).click();
    await sheet.getByRole('alert').getByText(`Delete ${n} versions for good and free ${humanSize(two.frees)}? This cannot be undone.`).waitFor();
    await sheet.getByRole('alert').getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('region', { name: 'Notices' }).getByText(`Deleted ${n} versions and freed ${humanSize(two.frees)}.`).waitFor();
    expect(await versionsOnDisk(home, 'iris_clf')).toHaveLength(2);
    expect(await trashOnDisk(home)).toEqual([]);
  });
});
