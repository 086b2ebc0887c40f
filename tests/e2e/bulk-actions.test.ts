// Bulk actions (issue 12 view 15) through the window on a real store: "Select all N matching the
// filter" ticks exactly what the search and label filter show, across models; the bulk bar exports
// them into one folder (a name already taken there is left alone), relabels them on disk with one
// Undo for all, moves a selection spanning two models to the trash, and pushes them to a real S3
// server (Versity Gateway, the integration fixture) as one task.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStore } from '../../src-main/store/model-store.ts';
import { remoteRig, type RemoteRig } from '../integration/remote-helpers.ts';
import { startS3Server, type S3Server } from '../integration/fixtures/s3-server.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { bigFile, readModelInfo, trashOnDisk, versionsOnDisk, writeModelsInOtherProcess } from './harness/store-fixtures.ts';
import type { ShelfWindow } from './harness/shelf-window.ts';

const shelf = useHarness();
const SLOW = 240_000;
const versionOf = (tag: string): string => tag.split(':')[1] ?? '';
const yamlOf = (home: string, tag: string): Promise<string> => readFile(path.join(home, 'models', ...tag.split(':'), 'model.yaml'), 'utf8');

/** iris_clf: prod, canary, prod; iris_rf: prod; bert_ner: prod (never matched by the search "iris"). */
async function seed(home: string): Promise<{ clf: string[]; rf: string; bert: string }> {
  const tags = await writeModelsInOtherProcess(home, [
    { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml' }, files: { 'w.bin': 'a'.repeat(3000) } },
    { tag: 'iris_clf', labels: { stage: 'canary', owner: 'ml' }, files: { 'w.bin': 'b'.repeat(3000) } },
    { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml' }, files: { 'w.bin': 'c'.repeat(3000) } },
    { tag: 'iris_rf', labels: { stage: 'prod' }, files: { 'w.bin': 'd'.repeat(3000) } },
    { tag: 'bert_ner', labels: { stage: 'prod', owner: 'nlp' }, files: { 'w.bin': 'e'.repeat(3000) } },
  ]);
  return { clf: tags.slice(0, 3), rf: tags[3]!, bert: tags[4]! };
}

const bar = (page: Page) => page.getByRole('toolbar', { name: 'Bulk actions' });
// The bar's count (a status; in the hidden-model pane a live region, that pane's status being its own).
const barCount = async (page: Page): Promise<string> => (await bar(page).locator('.bulk-count').textContent()) ?? '';

async function notice(win: ShelfWindow, text: string | RegExp, timeout = 60_000) {
  const n = win.page.getByRole('region', { name: 'Notices' }).locator('[role=status], [role=alert]').filter({ hasText: text }).first();
  await n.waitFor({ timeout });
  return n;
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search models' }).fill(text);
}

async function labelFilter(page: Page, filter: string): Promise<void> {
  const input = page.getByLabel('Add label filter', { exact: true });
  await input.fill(filter);
  await input.press('Enter');
  await page.getByRole('button', { name: `Remove filter ${filter}` }).waitFor();
}

describe('bulk actions', () => {
  it('ticks exactly what the filter matches across models, and exports them into one folder without overwriting', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const { clf, rf } = await seed(home);
    const out = await shelf.dir();
    // A file of the same name is already in the folder: it must stay as it was.
    const takenFile = path.join(out, `iris_rf-${versionOf(rf)}.bentomodel`);
    await writeFile(takenFile, 'mine, not an export');
    const win = await shelf.open({ home });
    const { page, dialogs, shell } = win;

    await search(page, 'iris');
    await labelFilter(page, 'stage=prod');
    await expect.poll(() => barCount(page)).toBe('The filter matches 3 versions of 2 models');
    await bar(page).getByRole('button', { name: 'Select all 3 matching the filter' }).click();
    await expect.poll(() => barCount(page)).toBe('3 versions of 2 models selected');
    // The ticks are on exactly the prod rows of both models (the canary is not shown, so not ticked).
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const clfRows = page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option');
    await expect.poll(() => clfRows.evaluateAll((rows) => rows.map((r) => [r.getAttribute('aria-label'), r.getAttribute('aria-selected')]).sort())).toEqual(
      [clf[0]!, clf[2]!].map((t) => [versionOf(t), 'true']).sort(),
    );
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_rf', exact: true }).click();
    expect(await page.getByRole('listbox', { name: 'Versions of iris_rf' }).getByRole('option', { name: versionOf(rf), exact: true }).getAttribute('aria-selected')).toBe('true');
    // Browsing another model kept the selection.
    expect(await barCount(page)).toBe('3 versions of 2 models selected');

    dialogs.exportFolders.push(out);
    await bar(page).getByRole('button', { name: 'Export 3 versions…' }).click();
    const done = await notice(win, `Exported 2 of 3 versions to ${path.basename(out)}`);
    expect(await done.textContent()).toContain('1 version not written: a file with its name is already in the folder, and it was left as it was.');
    expect(dialogs.opened).toEqual([{ kind: 'export-folder' }]);
    expect(await readFile(takenFile, 'utf8')).toBe('mine, not an export');
    const wanted = [clf[0]!, clf[2]!].map((t) => `iris_clf-${versionOf(t)}.bentomodel`);
    expect((await readdir(out)).sort()).toEqual([...wanted, path.basename(takenFile)].sort());
    // One task, its progress naming each version in turn (the status bar reads "k of 3").
    const currents = win.pushes.filter((p) => p.channel === 'task:progress').map((p) => (p.payload as { current?: string }).current);
    expect(new Set(currents)).toEqual(new Set([clf[0], clf[2]]));

    // The archives are our export: another store imports them with their tags, labels and files.
    const other = await shelf.home();
    const store = await ModelStore.open({ home: other });
    for (const [i, file] of wanted.entries()) {
      const tag = [clf[0]!, clf[2]!][i]!;
      expect((await store.import(path.join(out, file))).tag).toBe(tag);
      expect((await readModelInfo(other, 'iris_clf', versionOf(tag))).labels).toEqual({ stage: 'prod', owner: 'ml' });
    }
    await done.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => shell.revealed.length).toBe(1);
    expect(wanted.map((f) => path.join(out, f))).toContain(shell.revealed[0]);

    // A cancelled folder dialog writes nothing and says nothing.
    const before = (await readdir(out)).length;
    await bar(page).getByRole('button', { name: 'Export 3 versions…' }).click();
    await expect.poll(() => dialogs.opened.length).toBe(2);
    expect((await readdir(out)).length).toBe(before);
  });

  it('cancels a bulk export between versions: the archives written stay, the one being written leaves nothing', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    // Older and big (xz takes seconds on it), then newer and small: the list (newest first) exports the small one first.
    const weights = await bigFile(path.join(src, 'weights.bin'), 192 * 1024 * 1024, { incompressible: true });
    const [big] = await writeModelsInOtherProcess(home, [{ tag: 'zz_big', paths: [weights] }]);
    const [small] = await writeModelsInOtherProcess(home, [{ tag: 'zz_small', files: { 'w.bin': 'tiny' } }]);
    const out = await shelf.dir();
    const win = await shelf.open({ home });
    const { page, dialogs } = win;
    await search(page, 'zz_');
    await bar(page).getByRole('button', { name: 'Select all 2 matching the filter' }).click();
    dialogs.exportFolders.push(out);
    await bar(page).getByRole('button', { name: 'Export 2 versions…' }).click();
    // The status bar names the task; Cancel once the big one (2 of 2) is being written.
    await expect.poll(() => win.pushes.some((p) => p.channel === 'task:progress' && (p.payload as { current?: string }).current === big), { timeout: 120_000 }).toBe(true);
    await expect.poll(() => page.getByRole('progressbar', { name: 'Exporting 2 versions' }).getAttribute('aria-valuetext')).toMatch(/^2 of 2 · /);
    await page.getByRole('button', { name: 'Cancel Exporting 2 versions' }).click();
    await notice(win, 'Export cancelled after 1 of 2 versions', 120_000);
    expect(await readdir(out)).toEqual([`zz_small-${versionOf(small!)}.bentomodel`]);
  });

  it('several versions ticked in one model: the version toolbar offers Export N and Relabel N, and no bar repeats Delete', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const { clf } = await seed(home);
    const { page } = await shelf.open({ home });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const rows = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await rows.getByRole('option', { name: versionOf(clf[0]!), exact: true }).click();
    await rows.getByRole('option', { name: versionOf(clf[1]!), exact: true }).click({ modifiers: ['ControlOrMeta'] });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });
    await toolbar.getByRole('button', { name: 'Export 2 versions…' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete 2 versions…' }).count()).toBe(1);
    expect(await bar(page).count()).toBe(0);
    await toolbar.getByRole('button', { name: 'Relabel 2 versions…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Relabel versions' });
    expect(await sheet.textContent()).toContain('Set or remove labels on 2 versions of 1 model.');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('relabels exactly the selected versions on disk, and one Undo puts every model.yaml back', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const { clf, rf, bert } = await seed(home);
    const all = [...clf, rf, bert];
    const before = new Map(await Promise.all(all.map(async (t) => [t, await yamlOf(home, t)] as const)));
    const win = await shelf.open({ home });
    const { page } = win;

    await search(page, 'iris');
    await bar(page).getByRole('button', { name: 'Select all 4 matching the filter' }).click();
    await expect.poll(() => barCount(page)).toBe('4 versions of 2 models selected');
    await bar(page).getByRole('button', { name: 'Relabel 4 versions…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Relabel versions' });
    expect(await sheet.getByRole('list', { name: 'Labels now' }).textContent()).toContain('stage: prod ×3, canary ×1');
    await sheet.getByLabel('Label 1 key', { exact: true }).fill('stage');
    await sheet.getByRole('textbox', { name: 'Label 1 value' }).fill('archived');
    await sheet.getByRole('button', { name: 'Add label' }).click();
    await sheet.getByLabel('Label 2 key', { exact: true }).fill('owner');
    await sheet.getByRole('combobox', { name: 'Label 2 change' }).selectOption('remove');
    await sheet.getByRole('button', { name: 'Relabel 4 versions' }).click();
    const done = await notice(win, 'Relabelled 4 versions');

    for (const tag of [...clf, rf]) expect((await readModelInfo(home, tag.split(':')[0]!, versionOf(tag))).labels).toEqual({ stage: 'archived' });
    // The model the search did not show is untouched, byte for byte.
    expect(await yamlOf(home, bert)).toBe(before.get(bert));

    await done.getByRole('button', { name: 'Undo' }).click();
    await notice(win, 'Put back the labels of 4 versions');
    for (const tag of all) expect(await yamlOf(home, tag)).toBe(before.get(tag));
  });

  it('moves a selection spanning two models to the trash through the delete dialog', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const { clf, rf, bert } = await seed(home);
    const win = await shelf.open({ home });
    const { page } = win;

    await search(page, 'iris');
    await bar(page).getByRole('button', { name: 'Select all 4 matching the filter' }).click();
    // Ctrl-click unticks one version of iris_clf: the bulk selection now spans 3 versions of 2 models.
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    await page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option', { name: versionOf(clf[1]!), exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await expect.poll(() => barCount(page)).toBe('3 versions of 2 models selected');
    await bar(page).getByRole('button', { name: 'Delete 3 versions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete versions' });
    expect(await dialog.locator('#delete-question').textContent()).toMatch(/^Move 3 versions of 2 models \(.+\) to the trash\? You can restore them until you empty the trash\.$/);
    expect(await dialog.getByRole('alert').textContent()).toContain('This is the only version of iris_rf, so the model iris_rf goes too.');
    await dialog.getByRole('button', { name: 'Move to trash', exact: true }).click();
    await notice(win, 'Moved 3 versions');

    expect((await trashOnDisk(home)).map((e) => e.tag).sort()).toEqual([clf[0]!, clf[2]!, rf].sort());
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual([versionOf(clf[1]!)]);
    expect(existsSync(path.join(home, 'models', 'iris_rf'))).toBe(false);
    expect(await versionsOnDisk(home, 'bert_ner')).toEqual([versionOf(bert)]);
    // What is left matches again; nothing deleted stays ticked.
    await expect.poll(() => barCount(page)).toBe('The filter matches 1 version of 1 model');
  });
});

describe('bulk push to a real S3 server', () => {
  let server: S3Server | undefined;
  let rig: RemoteRig | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await rig?.cleanup();
    await server?.close();
  });

  it('pushes every selected version of two models to the remote picked, as one task', { timeout: 900_000 }, async () => {
    server = await startS3Server({ buckets: ['shelf'] });
    rig = await remoteRig(server);
    // The service runs in this process: the AWS chain reads its environment, as in the app.
    for (const [k, v] of Object.entries(rig.env())) if (k.startsWith('AWS_') || k === 'MODEL_SHELF_REMOTES_FILE') vi.stubEnv(k, v ?? '');
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    const home = await shelf.home();
    const { clf, rf, bert } = await seed(home);
    for (const name of ['team', 'backup']) expect((await rig.cli(home, ['remote', 'add', name, `s3://shelf/${name}`, '--endpoint', server.endpoint])).stderr).toBe('');
    const win = await shelf.open({ home });
    const { page } = win;

    await search(page, 'iris');
    await labelFilter(page, 'stage=prod');
    await bar(page).getByRole('button', { name: 'Select all 3 matching the filter' }).click();
    await bar(page).getByRole('button', { name: 'Push 3 versions…' }).click();
    const picker = page.getByRole('dialog', { name: 'Push to a remote' });
    expect(await picker.textContent()).toContain('Copy 3 versions of 2 models to which remote?');
    await picker.getByRole('button', { name: 'Push to backup' }).click();
    await notice(win, 'Pushed 3 versions to backup.', 300_000);

    const pushed = [clf[0]!, clf[2]!, rf].map((t) => `backup/${t.split(':')[0]}/${versionOf(t)}.bentomodel`).sort();
    expect((await server.listObjects('shelf', 'backup/')).map((o) => o.key).filter((k) => k.endsWith('.bentomodel')).sort()).toEqual(pushed);
    expect((await server.listObjects('shelf', 'team/')).filter((o) => o.key.endsWith('.bentomodel'))).toEqual([]);
    const currents = win.pushes.filter((p) => p.channel === 'task:progress').map((p) => (p.payload as { current?: string }).current);
    expect(new Set(currents)).toEqual(new Set([clf[0], clf[2], rf]));

    // One version from the version toolbar, with two remotes: the same picker, worded for that version.
    await search(page, 'bert');
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'bert_ner', exact: true }).click();
    await page.getByRole('listbox', { name: 'Versions of bert_ner' }).getByRole('option', { name: versionOf(bert), exact: true }).click();
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Push…' }).click();
    const one = page.getByRole('dialog', { name: 'Push to a remote' });
    expect(await one.textContent()).toContain(`Copy ${bert} to which remote?`);
    await one.getByRole('button', { name: 'Push to team' }).click();
    await notice(win, /Pushed .* to team\./, 300_000);
    expect((await server.listObjects('shelf', 'team/')).map((o) => o.key).filter((k) => k.endsWith('.bentomodel'))).toEqual([`team/bert_ner/${versionOf(bert)}.bentomodel`]);
  });
});
