// Remote shelves in the window (issue 10), against a REAL S3 server (Versity Gateway, the
// integration fixture): add a remote through the form (tested first; its failures are main's one
// sentence in the form), browse it like the local store with each version marked local / remote
// only / differs, push and pull the selection with progress in the status bar, see what the CLI
// pushed elsewhere on Refresh, on opening the remote again and by the poll interval, remove it.
// The harness runs the real service in this process, so the AWS chain reads this process's
// environment (stubbed per test) and the remotes file is $MODEL_SHELF_REMOTES_FILE, as in the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { remoteRig, type RemoteRig } from '../integration/remote-helpers.ts';
import { startS3Server, type S3Server } from '../integration/fixtures/s3-server.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { layoutProblems } from './harness/fits.ts';
import { bigFile, versionsOnDisk, writeModelInOtherProcess, writeModelsInOtherProcess } from './harness/store-fixtures.ts';
import { partNumber, startS3Proxy } from '../integration/fixtures/s3-proxy.ts';
import type { ShelfWindow } from './harness/shelf-window.ts';

const shelf = useHarness();
let server: S3Server;
let rig: RemoteRig;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
}, 900_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await rig?.cleanup();
  await server?.close();
});

/** The service (in this process) finds the server's keys where the AWS chain looks, never in a request. */
function useServerKeys(): void {
  for (const [k, v] of Object.entries(rig.env())) if (k.startsWith('AWS_') || k === 'MODEL_SHELF_REMOTES_FILE') vi.stubEnv(k, v ?? '');
  vi.stubEnv('AWS_ENDPOINT_URL', '');
}

async function noticeText(win: ShelfWindow, text: string | RegExp, timeout?: number): Promise<void> {
  await win.page.getByRole('region', { name: 'Notices' }).getByText(text).first().waitFor(timeout === undefined ? {} : { timeout });
}

function versionsList(win: ShelfWindow, name: string, remote: string) {
  return win.page.getByRole('listbox', { name: `Versions of ${name} on ${remote}` });
}

async function badgeOf(win: ShelfWindow, name: string, remote: string, version: string): Promise<string> {
  return (await versionsList(win, name, remote).getByRole('option', { name: version, exact: true }).locator('.remote-state').textContent()) ?? '';
}

describe('remote shelves in the window', () => {
  it('adds a remote through the form (tested first), pushes a selection, browses with states, sees the CLI’s pushes, pulls, removes', async () => {
    useServerKeys();
    const home = await shelf.home();
    const [v1, v2] = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'dev', owner: 'ml-team' }, metadata: { accuracy: 0.91 } },
      { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml-team' }, metadata: { accuracy: 0.97, params: { depth: 4 } } },
    ]);
    const win = await shelf.open({ home });
    const { page } = win;
    await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'Local store' }).waitFor();

    // The form: each failure is main's sentence in the form, nothing is saved, what was typed stays.
    await page.getByRole('button', { name: 'Add remote…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a remote' });
    await expect.poll(() => dialog.getByRole('button', { name: 'Test and save' }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('team');
    await dialog.getByRole('textbox', { name: 'URL' }).fill('s3://nope-bucket/models');
    await dialog.getByRole('textbox', { name: 'Endpoint' }).fill(server.endpoint);
    await dialog.getByRole('button', { name: 'Test and save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(`The bucket 'nope-bucket' does not exist at ${server.endpoint}; create it or fix the remote's URL (remove the remote and add it again).`);

    await dialog.getByRole('textbox', { name: 'URL' }).fill('s3://shelf/team');
    const closed = `http://127.0.0.1:${server.port + 1 === 65536 ? 1 : server.port + 1}`;
    await dialog.getByRole('textbox', { name: 'Endpoint' }).fill(closed);
    await dialog.getByRole('button', { name: 'Test and save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(new RegExp(`^Cannot reach the S3 server at ${closed.replace(/[.:/]/g, '\\$&')} \\(ECONNREFUSED\\); check the endpoint`));

    await dialog.getByRole('textbox', { name: 'Endpoint' }).fill('http://192.0.2.1:9000');
    await dialog.getByRole('button', { name: 'Test and save' }).click();
    // Worded for the form (its checkbox), not main's CLI sentence ("pass --allow-http").
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe("The endpoint 'http://192.0.2.1:9000' is plain http to another machine, so keys and models would cross the network unencrypted; use https://, or tick “Allow plain http” if that network is trusted.");
    const httpBox = dialog.getByRole('checkbox', { name: 'Allow plain http' });
    expect(await httpBox.getAttribute('aria-describedby')).toBe('remote-http-hint');
    expect(await dialog.locator('#remote-http-hint').textContent()).toMatch(/unencrypted/);

    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    await dialog.getByRole('textbox', { name: 'Endpoint' }).fill(server.endpoint);
    await dialog.getByRole('button', { name: 'Test and save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('No AWS credentials were found on this computer; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile with aws configure and name it in Profile, then test again.');
    expect(await rig.cli(home, ['remote', 'list', '--json']).then((r) => JSON.parse(r.stdout) as unknown[])).toEqual([]);

    useServerKeys();
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('team');
    await dialog.getByRole('button', { name: 'Test and save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'team' }).waitFor();
    await page.getByRole('main', { name: 'Remote team' }).getByText('holds no models yet').waitFor();
    const saved = await readFile(rig.remotesFile, 'utf8');
    expect(saved).toContain('s3://shelf/team');
    for (const secret of [server.secretAccessKey, server.accessKeyId]) expect(saved).not.toContain(secret);

    // Push two versions at once from the local store: progress in the status bar, then the remote shows them.
    await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'Local store' }).click();
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const local = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    await local.getByRole('option', { name: v1!.split(':')[1]!, exact: true }).click();
    await local.getByRole('option', { name: v2!.split(':')[1]!, exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Push to team' }).click();
    await noticeText(win, 'Pushed 2 versions to team.');
    const progress = win.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as { phase: string; taskId: string });
    expect(progress.some((p) => p.phase === 'uploading')).toBe(true);
    expect((await server.listObjects('shelf', 'team/iris_clf/')).map((o) => o.key).filter((k) => k.endsWith('.bentomodel')).sort()).toEqual(
      [v1!, v2!].map((t) => `team/iris_clf/${t.split(':')[1]}.bentomodel`).sort(),
    );

    // Another machine (the CLI, its own store) pushes a model and a same-tag version with other bytes.
    const other = await shelf.home();
    const bert = await writeModelInOtherProcess(other, { tag: 'bert_ner', labels: { stage: 'dev' }, metadata: { f1: 0.88 } });
    const twin = `twin:${'a1b2c3d4e5f6g7h8'}`;
    await writeModelInOtherProcess(other, { tag: twin, files: { 'w.bin': 'theirs' } });
    await writeModelInOtherProcess(home, { tag: twin, files: { 'w.bin': 'ours, different' } });
    for (const tag of [bert, twin]) expect((await rig.cli(other, ['push', tag, '--to', 'team'])).stderr).toBe('');

    // Opening the remote again asks it afresh: no reload.
    await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'team' }).click();
    const names = page.getByRole('listbox', { name: 'Models on team' });
    await names.getByRole('option', { name: 'bert_ner', exact: true }).click();
    expect(await badgeOf(win, 'bert_ner', 'team', bert.split(':')[1]!)).toBe('remote only');
    // The state is read after the version's name, not only seen as a badge.
    expect(await versionsList(win, 'bert_ner', 'team').getByRole('option', { name: bert.split(':')[1]!, exact: true }).getAttribute('aria-description')).toMatch(/^remote only, \d+ B$/);
    await names.getByRole('option', { name: 'twin', exact: true }).click();
    expect(await badgeOf(win, 'twin', 'team', 'a1b2c3d4e5f6g7h8')).toBe('differs');
    await names.getByRole('option', { name: 'iris_clf', exact: true }).click();
    expect(await badgeOf(win, 'iris_clf', 'team', v1!.split(':')[1]!)).toBe('local');
    // Like the local store: the picked version's labels and metadata, its size and its object.
    await versionsList(win, 'iris_clf', 'team').getByRole('option', { name: v2!.split(':')[1]!, exact: true }).click();
    const detail = page.getByRole('region', { name: `Details of ${v2}` });
    await detail.getByText('stage=prod').waitFor();
    await detail.getByText(`s3://shelf/team/iris_clf/${v2!.split(':')[1]}.bentomodel`).waitFor();
    await detail.getByRole('list', { name: 'Metadata' }).getByText('params').waitFor();

    // Refresh: a push finished elsewhere while the remote is shown.
    const late = await writeModelInOtherProcess(other, { tag: 'late_model' });
    expect((await rig.cli(other, ['push', late, '--to', 'team'])).stderr).toBe('');
    expect(await names.getByRole('option', { name: 'late_model', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Refresh team' }).click();
    await names.getByRole('option', { name: 'late_model', exact: true }).waitFor();

    // The poll interval (a setting kept across launches): a change shows with no click at all.
    await page.getByRole('combobox', { name: 'Check for changes' }).selectOption({ label: 'Every 15 s' });
    expect(await page.evaluate(() => localStorage.getItem('model-shelf.remote-poll-seconds'))).toBe('15');
    const polled = await writeModelInOtherProcess(other, { tag: 'polled_model' });
    expect((await rig.cli(other, ['push', polled, '--to', 'team'])).stderr).toBe('');
    await names.getByRole('option', { name: 'polled_model', exact: true }).waitFor({ timeout: 120_000 });

    // Ctrl/Cmd+C copies the picked remote version's tag; Ctrl/Cmd+E exports nothing (no hidden local version).
    // (The hidden local selection ends on v2: the remote's v1 is what must be copied.)
    await versionsList(win, 'iris_clf', 'team').getByRole('option', { name: v1!.split(':')[1]!, exact: true }).click();
    await page.keyboard.press('ControlOrMeta+c');
    await noticeText(win, `Copied ${v1}`);
    await page.keyboard.press('ControlOrMeta+e');
    await page.getByRole('button', { name: 'Refresh team' }).click();
    expect(win.requests.filter((r) => r.channel === 'models:export')).toEqual([]);

    // Pull the remote-only version: it lands in the local store and is marked local.
    await names.getByRole('option', { name: 'bert_ner', exact: true }).click();
    await versionsList(win, 'bert_ner', 'team').getByRole('option', { name: bert.split(':')[1]!, exact: true }).click();
    await page.getByRole('toolbar', { name: 'Remote version actions' }).getByRole('button', { name: 'Pull' }).click();
    await noticeText(win, `Pulled ${bert} from team.`);
    expect(await versionsOnDisk(home, 'bert_ner')).toEqual([bert.split(':')[1]]);
    await expect.poll(() => badgeOf(win, 'bert_ner', 'team', bert.split(':')[1]!)).toBe('local');
    expect(await page.getByRole('toolbar', { name: 'Remote version actions' }).getByRole('button', { name: 'Pull' }).isDisabled()).toBe(true);

    // Nothing secret or local crossed to the page: not in what it sent, what it was sent, or what it shows.
    // (The local store's own path is shown by the title bar; no remote request, progress or view carries it.)
    const everything = JSON.stringify([win.requests, win.pushes]) + (await page.content());
    for (const secret of [server.secretAccessKey, server.accessKeyId, rig.remotesFile, rig.root, other]) expect(everything).not.toContain(secret);
    const remoteTasks = new Set(win.requests.filter((r) => r.channel.startsWith('remote')).map((r) => (r.arg as { taskId?: string } | undefined)?.taskId));
    const remoteTraffic = JSON.stringify([
      win.requests.filter((r) => r.channel.startsWith('remote')),
      win.pushes.filter((p) => p.channel === 'task:progress' && remoteTasks.has((p.payload as { taskId: string }).taskId)),
      await page.getByRole('main', { name: 'Remote team' }).innerHTML(),
      await page.getByRole('navigation', { name: 'Model browser' }).innerHTML(),
    ]);
    expect(remoteTraffic).not.toContain(home);

    // Remove, with confirmation; Cancel keeps it; the objects stay in the bucket.
    await page.getByRole('main', { name: 'Remote team' }).getByRole('button', { name: 'Remove remote…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove remote' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await rig.cli(home, ['remote', 'list', '--json']).then((r) => (JSON.parse(r.stdout) as { name: string }[]).map((x) => x.name))).toEqual(['team']);
    await page.getByRole('main', { name: 'Remote team' }).getByRole('button', { name: 'Remove remote…' }).click();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await noticeText(win, 'Removed the remote team. Its objects stay in the bucket.');
    expect(await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'team' }).count()).toBe(0);
    await page.getByRole('listbox', { name: 'Versions of iris_clf' }).waitFor();
    expect(await rig.cli(home, ['remote', 'list', '--json']).then((r) => JSON.parse(r.stdout) as unknown[])).toEqual([]);
    expect((await server.listObjects('shelf', 'team/')).length).toBeGreaterThan(0);
    expect(win.errors).toEqual([]);
  }, 900_000);

  it('Cancel in the status bar stops a push mid-transfer: no object appears and no upload of ours stays open', async () => {
    useServerKeys();
    const home = await shelf.home();
    const src = await shelf.dir();
    // Random bytes do not compress: an archive of about 8.6 MiB, so a multipart upload of two parts.
    const weights = await bigFile(path.join(src, 'weights.bin'), 9_000_000, { incompressible: true });
    const tag = await writeModelInOtherProcess(home, { tag: 'big_model', paths: [weights] });
    const proxy = await startS3Proxy(server.port);
    try {
      // The remote goes through the relay, which holds the first part before it reaches the server.
      expect((await rig.cli(home, ['remote', 'add', 'slow', 's3://shelf/slow', '--endpoint', proxy.endpoint])).stderr).toBe('');
      // The held part is let go only after Cancel was pressed, so the cancel lands mid-transfer
      // by construction (no timer). (A part that never gets an answer holds a cancel: see the report.)
      let letGo: () => void = () => undefined;
      const held = proxy.hold((req) => partNumber(req) !== null, { release: new Promise<void>((resolve) => (letGo = resolve)) });
      const win = await shelf.open({ home });
      await win.page.getByRole('option', { name: 'big_model', exact: true }).click();
      await win.page.getByRole('listbox', { name: 'Versions of big_model' }).getByRole('option', { name: tag.split(':')[1]!, exact: true }).click();
      await win.page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Push to slow' }).click();
      await held;
      // Mid-transfer: the server holds our open multipart upload, the status bar shows the task.
      expect((await server.listMultipartUploads('shelf', 'slow/')).map((u) => u.key)).toEqual([`slow/big_model/${tag.split(':')[1]}.bentomodel`]);
      const label = `Pushing ${tag} to slow`;
      await win.page.getByRole('progressbar', { name: label }).waitFor();
      await win.page.getByRole('button', { name: `Cancel ${label}` }).click();
      // The service has been asked to cancel before the held part goes on; the bar says so at once.
      await expect.poll(() => win.requests.some((r) => r.channel === 'task:cancel')).toBe(true);
      expect(await win.page.getByRole('progressbar', { name: label }).getAttribute('aria-valuetext')).toBe('Cancelling…');
      letGo();
      await noticeText(win, 'Cancelled. Nothing was written.', 120_000);
      expect(await win.page.getByRole('progressbar', { name: label }).count()).toBe(0);
      expect(await server.listObjects('shelf', 'slow/')).toEqual([]);
      expect(await server.listMultipartUploads('shelf', 'slow/')).toEqual([]);
      expect(win.errors).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 600_000);

  it('an empty store offers its remotes: a new machine browses one and pulls its first model', async () => {
    useServerKeys();
    const other = await shelf.home();
    const tag = await writeModelInOtherProcess(other, { tag: 'first_model', labels: { stage: 'prod' } });
    expect((await rig.cli(other, ['remote', 'add', 'fresh', 's3://shelf/fresh', '--endpoint', server.endpoint])).stderr).toBe('');
    expect((await rig.cli(other, ['push', tag, '--to', 'fresh'])).stderr).toBe('');
    const home = await shelf.home();
    const win = await shelf.open({ home });
    const { page } = win;
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();
    await page.getByRole('button', { name: 'Browse fresh' }).click();
    await page.getByRole('listbox', { name: 'Models on fresh' }).getByRole('option', { name: 'first_model', exact: true }).waitFor();
    await versionsList(win, 'first_model', 'fresh').getByRole('option', { name: tag.split(':')[1]!, exact: true }).click();
    expect(await badgeOf(win, 'first_model', 'fresh', tag.split(':')[1]!)).toBe('remote only');
    await page.getByRole('toolbar', { name: 'Remote version actions' }).getByRole('button', { name: 'Pull' }).click();
    await noticeText(win, `Pulled ${tag} from fresh.`);
    expect(await versionsOnDisk(home, 'first_model')).toEqual([tag.split(':')[1]]);
    await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'Local store' }).click();
    await page.getByRole('option', { name: 'first_model', exact: true }).waitFor();
    expect(win.errors).toEqual([]);
  }, 300_000);

  it('a remote view and the add form fit the window at 900 x 600 and at the minimum size (720 x 480)', async () => {
    useServerKeys();
    const home = await shelf.home();
    await writeModelInOtherProcess(home, { tag: 'fit_model_with_a_rather_long_name_for_the_row', labels: { stage: 'dev', owner: 'a-team-with-a-long-name' } });
    expect((await rig.cli(home, ['remote', 'add', 'fit', 's3://shelf/fit', '--endpoint', server.endpoint])).stderr).toBe('');
    expect((await rig.cli(home, ['push', 'fit_model_with_a_rather_long_name_for_the_row', '--to', 'fit'])).stderr).toBe('');
    for (const viewport of [{ width: 900, height: 600 }, { width: 720, height: 480 }]) {
      const win = await shelf.open({ home, viewport });
      await win.page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'fit' }).click();
      await win.page.getByRole('listbox', { name: 'Models on fit' }).getByRole('option', { name: 'fit_model_with_a_rather_long_name_for_the_row' }).waitFor();
      await versionsList(win, 'fit_model_with_a_rather_long_name_for_the_row', 'fit').getByRole('option').first().click();
      expect(await layoutProblems(win.page), `${viewport.width} x ${viewport.height}`).toEqual([]);
      await win.page.getByRole('button', { name: 'Add remote…' }).click();
      await win.page.getByRole('dialog', { name: 'Add a remote' }).waitFor();
      expect(await layoutProblems(win.page), `${viewport.width} x ${viewport.height}, add form`).toEqual([]);
      await win.close();
    }
  }, 300_000);
});
