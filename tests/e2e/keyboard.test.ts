// A keyboard-only path through create and delete (ux.md "Keys"): no clicks, only keys, and the
// result is checked on disk.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tabTo } from './harness/keyboard.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { listTree, readModelInfo, versionsOnDisk, writeFiles, writeModelInOtherProcess, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

describe('keyboard only', () => {
  it('creates a model with Ctrl+N, Tab, Enter and Ctrl+Enter', async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    const [weights] = await writeFiles(src, { 'weights.bin': 'w'.repeat(2048) });
    const win = await shelf.open({ home });
    const { page } = win;
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();

    await page.keyboard.press('Control+n');
    const sheet = page.getByRole('dialog', { name: 'New model' });
    await sheet.waitFor();
    // Esc closes an untouched sheet; Ctrl+N opens it again.
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+n');
    const name = sheet.getByRole('textbox', { name: 'Name', exact: true });
    await name.waitFor();
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('kb_model');

    await win.answerFileChooser([weights ?? '']);
    await tabTo(page, sheet.getByRole('button', { name: 'Add files…' }), { backward: true });
    await page.keyboard.press('Enter');
    await sheet.getByRole('button', { name: 'Remove weights.bin', exact: true }).waitFor();

    // Forward from the file buttons to the labels, through Name and Version like a person would.
    await tabTo(page, sheet.getByRole('button', { name: 'Add label' }));
    // Passing through the version fields must not change the choice (Automatic).
    expect(await sheet.getByRole('radio', { name: 'Automatic' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    const key = sheet.getByRole('textbox', { name: 'Label 1 key' });
    await key.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Label 1 key');
    await page.keyboard.type('owner');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keys');
    expect(await sheet.getByRole('textbox', { name: 'Label 1 value' }).inputValue()).toBe('keys');

    await page.keyboard.press('Control+Enter');
    await page.getByRole('region', { name: 'Notices' }).getByText(/^Created kb_model:/).waitFor();
    const [version] = await versionsOnDisk(home, 'kb_model');
    expect(version).toBeTruthy();
    expect((await readModelInfo(home, 'kb_model', version ?? '')).labels).toEqual({ owner: 'keys' });
    expect(await listTree(path.join(home, 'models', 'kb_model', version ?? ''))).toEqual(['model.yaml', 'weights.bin']);
  });

  it('deletes a model with Tab, Delete and Enter, and Esc backs out', async () => {
    const home = await shelf.home();
    const tag = await writeModelInOtherProcess(home, { tag: 'kb_model' });
    const version = tag.split(':')[1];
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'kb_model', exact: true }).waitFor();
    const models = page.getByRole('listbox', { name: 'Models' });
    await tabTo(page, models);
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete model' });
    await dialog.waitFor();
    // Esc backs out without deleting.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await versionsOnDisk(home, 'kb_model')).toEqual([version]);

    await tabTo(page, models);
    await page.keyboard.press('Delete');
    await tabTo(page, dialog.getByRole('button', { name: 'Move to trash' }), { max: 6 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
    expect(await versionsOnDisk(home, 'kb_model')).toEqual([]);
    const trash = await readdir(path.join(home, '.model-shelf', 'trash'));
    expect(trash.filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  it('moves through models with Down/Up, opens the versions with Enter and finds with Ctrl+F', async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, [{ tag: 'alpha' }, { tag: 'beta' }, { tag: 'gamma' }]);
    const { page } = await shelf.open({ home });
    const models = page.getByRole('listbox', { name: 'Models' });
    await page.getByRole('combobox', { name: 'Sort models' }).selectOption({ label: 'Name' });
    await models.getByRole('option', { name: 'alpha', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'alpha' }).waitFor();

    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 1, name: 'beta' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 1, name: 'gamma' }).waitFor();
    await page.keyboard.press('ArrowUp');
    await page.getByRole('heading', { level: 1, name: 'beta' }).waitFor();
    expect(await models.getByRole('option', { name: 'beta', exact: true }).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Enter');
    const versions = page.getByRole('listbox', { name: 'Versions of beta' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Versions of beta');
    expect(await versions.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Control+f');
    const search = page.getByRole('searchbox', { name: 'Search models' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Search models');
    await page.keyboard.type('gam');
    await models.getByRole('option', { name: 'alpha', exact: true }).waitFor({ state: 'detached' });
    expect(await models.getByRole('option').count()).toBe(1);
    expect(await search.inputValue()).toBe('gam');
  });
});
