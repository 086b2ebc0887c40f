// A version's integrity in the detail view (issue 11 §4): the manifest's state, Verify with its
// result, a changed file named, a version saved without a manifest recorded now, and Cancel.
import { access, appendFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { bigFile, writeModelsInOtherProcess } from './harness/store-fixtures.ts';
import { holdAt } from '../../src-main/store/paths/pause-points.ts';

const shelf = useHarness();

describe('integrity in the version detail', () => {
  it('says the manifest was recorded at save time, verifies it, then names a changed file', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const [tag] = await writeModelsInOtherProcess(home, [{ tag: 'iris_clf', files: { 'model.pkl': 'weights', 'conf/params.json': '{}' } }]);
    const { page, errors } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Integrity' });
    await panel.getByText('Manifest recorded at save time').waitFor();
    await panel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByText('Verified: every file matches').waitFor();

    await appendFile(path.join(home, 'models', ...tag!.split(':'), 'model.pkl'), ' tampered');
    await panel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByRole('alert').getByText('Files changed since the manifest was recorded').waitFor();
    await panel.getByText(/changed: model\.pkl\./).waitFor();
    expect(errors).toEqual([]);
  });

  it('records a manifest for a version saved without one, and says it was recorded now', { timeout: 180_000 }, async () => {
    const home = await shelf.home();
    const [tag] = await writeModelsInOtherProcess(home, [{ tag: 'bert_ner', files: { 'w.bin': 'w' } }]);
    // As BentoML saves it: no manifest in .model-shelf/.
    await rm(path.join(home, '.model-shelf', 'manifests'), { recursive: true, force: true });
    const { page } = await shelf.open({ home });
    await page.getByRole('option', { name: 'bert_ner', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Integrity' });
    await panel.getByText('Not verified').waitFor();
    await panel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByText('Manifest recorded now').waitFor();
    await panel.getByText(/^This version had no manifest; 2 files hashed just now, not at save time/).waitFor();
    // On disk: the manifest the verify recorded, in .model-shelf/ (never inside models/).
    const [name, version] = tag!.split(':') as [string, string];
    await expect(access(path.join(home, '.model-shelf', 'manifests', name, `${version}.json`))).resolves.toBeUndefined();
  });

  it('shows progress while verifying a large version and Cancel stops it, leaving the state as it was', { timeout: 300_000 }, async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    await mkdir(path.join(src, 'ckpt'));
    // Three 4 MiB chunks: the verify is held after its first chunk (pause-points.ts) until Cancel
    // was clicked, so the test never depends on how fast this machine hashes.
    await bigFile(path.join(src, 'ckpt', 'weights.bin'), 12 * 1024 * 1024);
    await writeModelsInOtherProcess(home, [{ tag: 'llm', paths: [path.join(src, 'ckpt')] }]);
    const { page, requests } = await shelf.open({ home });
    await page.getByRole('option', { name: 'llm', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Integrity' });
    await panel.getByText('Manifest recorded at save time').waitFor();
    const hold = holdAt('hash-chunk');
    try {
      await panel.getByRole('button', { name: 'Verify' }).click();
      const cancel = panel.getByRole('button', { name: /^Cancel verifying llm:/ });
      await hold.reached;
      await panel.getByRole('progressbar', { name: /^Verifying llm:/ }).waitFor();
      await cancel.click();
      // The cancel reached main while the hashing was still held; released, it stops at its next chunk.
      while (!requests.some((r) => r.channel === 'task:cancel')) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      hold.release();
    }
    await panel.getByRole('button', { name: 'Verify' }).waitFor({ timeout: 120_000 });
    expect(await panel.getByText('Verified: every file matches').count()).toBe(0);
    await panel.getByText('Manifest recorded at save time').waitFor();
  });
});
