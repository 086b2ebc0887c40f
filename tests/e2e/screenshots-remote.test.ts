// Screenshots of the remote shelves in the window (issue 10) at 1280 x 800 and 900 x 600, light and
// dark: remote-<width>-<theme>.png (a remote browsed, with local / remote only / differs versions)
// and remote-add-<width>-<theme>.png (the add form showing main's sentence for a missing bucket),
// against the real S3 server. Written to test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1
// also copies them to docs/screenshots/. Each view is also checked to fit the window.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { remoteRig, type RemoteRig } from '../integration/remote-helpers.ts';
import { startS3Server, type S3Server } from '../integration/fixtures/s3-server.ts';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';
import { removeStaleScreenshots, SCREENSHOT_SCHEMES, SCREENSHOT_SIZES, screenshotName, shoot } from './harness/screenshot-docs.ts';

const shelf = useHarness();

let server: S3Server;
let rig: RemoteRig;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['shelf'] });
  rig = await remoteRig(server);
}, 900_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await rig?.cleanup();
  await server?.close();
});

async function cli(home: string, args: string[]): Promise<void> {
  const r = await rig.cli(home, args);
  if (r.code !== 0) throw new Error(`model-shelf ${args.join(' ')}: ${r.stderr}`);
}

describe('remote screenshots', () => {
  it('remote-<width>-<theme>.png and remote-add-<width>-<theme>.png', async () => {
    for (const [k, v] of Object.entries(rig.env())) if (k.startsWith('AWS_') || k === 'MODEL_SHELF_REMOTES_FILE') vi.stubEnv(k, v ?? '');
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    const home = await shelf.home();
    const other = await shelf.home();
    const kib = (n: number) => 'x'.repeat(n * 1024);
    const mine = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'staging' }, metadata: { accuracy: 0.9533 }, files: { 'model.pkl': kib(14) } },
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'prod' }, metadata: { accuracy: 0.9667, params: { max_depth: 4 } }, files: { 'model.pkl': kib(15) } },
      { tag: 'fraud_xgb', labels: { owner: 'risk', stage: 'prod' }, files: { 'model.json': kib(300) } },
      { tag: 'twin:a1b2c3d4e5f6g7h8', labels: { owner: 'ml-team' }, files: { 'w.bin': 'ours' } },
    ]);
    const theirs = await writeModelsInOtherProcess(other, [
      { tag: 'iris_clf', labels: { owner: 'ml-team', stage: 'dev', dataset: 'iris-2025-03' }, metadata: { accuracy: 0.9733, trained: { $date: '2025-03-14' }, notes: 'retrained on the March data' }, files: { 'model.pkl': kib(16) } },
      { tag: 'bert_ner', labels: { owner: 'nlp-team', stage: 'prod' }, files: { 'model.safetensors': kib(1200) } },
      { tag: 'resnet50_imagenet_finetuned_on_a_really_long_dataset_name', labels: { owner: 'vision' }, files: { 'weights.pt': kib(900) } },
      { tag: 'twin:a1b2c3d4e5f6g7h8', labels: { owner: 'ml-team' }, files: { 'w.bin': 'theirs' } },
    ]);
    await cli(home, ['remote', 'add', 'team-s3', 's3://shelf/models', '--endpoint', server.endpoint]);
    await cli(home, ['push', ...mine.slice(0, 3), '--to', 'team-s3']);
    await cli(other, ['push', ...theirs, '--to', 'team-s3']);
    const remoteOnly = theirs[0]!.split(':')[1]!;

    const written: string[] = [];
    for (const size of SCREENSHOT_SIZES) {
      for (const scheme of SCREENSHOT_SCHEMES) {
        const at = (view: string): string => screenshotName(view, size.width, scheme);
        const win = await shelf.open({ home, colorScheme: scheme, viewport: size });
        const { page } = win;
        await page.getByRole('listbox', { name: 'Shelves' }).getByRole('option', { name: 'team-s3' }).click();
        await page.getByRole('listbox', { name: 'Models on team-s3' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
        await page.getByRole('listbox', { name: 'Versions of iris_clf on team-s3' }).getByRole('option', { name: remoteOnly, exact: true }).click();
        await page.getByRole('region', { name: `Details of iris_clf:${remoteOnly}` }).getByText('trained', { exact: true }).waitFor();
        await page.mouse.move(0, 0);
        expect(await layoutProblems(page)).toEqual([]);
        written.push(await shoot(page, at('remote')));

        await page.getByRole('button', { name: 'Add remote…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add a remote' });
        await dialog.getByRole('textbox', { name: 'Name' }).fill('backup');
        await dialog.getByRole('textbox', { name: 'URL' }).fill('s3://model-backup/shelf');
        await dialog.getByRole('textbox', { name: 'Endpoint' }).fill(server.endpoint);
        await dialog.getByRole('textbox', { name: 'Region' }).fill('us-east-1');
        await dialog.getByRole('button', { name: 'Test and save' }).click();
        await dialog.getByRole('alert').waitFor();
        expect(await layoutProblems(page)).toEqual([]);
        written.push(await shoot(page, at('remote-add')));
        await win.close();
      }
    }
    expect(written).toHaveLength(2 * SCREENSHOT_SIZES.length * SCREENSHOT_SCHEMES.length);
    await removeStaleScreenshots(written);
  }, 900_000);
});
