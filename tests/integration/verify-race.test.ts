import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planVerify, verifyPlanned } from '../../src-main/store/integrity/verify-version.ts';
import { bentomlVersion, exists, tempStore, type TempStore } from './fixtures/temp-store.ts';

// A version deleted while verify works on it: reported as not verified in one sentence (never
// an unexpected error), and no manifest appears after the delete (verify records one only under
// the name's lock, for a version still there).

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'bento_saved', 'v1', '2025-01-01T00:00:00.000000+00:00', { 'model.pkl': 'pickle' });
});
afterEach(async () => {
  await t.cleanup();
});

describe('verify against a concurrent delete', () => {
  it('a version deleted after it was walked is skipped and gets no manifest', async () => {
    const plan = await planVerify(await t.store.resolve('bento_saved:v1'));
    await t.store.delete(['bento_saved:v1']);
    expect(await verifyPlanned(t.store.paths, plan)).toMatchObject({ state: 'skipped', note: "'bento_saved:v1' was deleted while it was being verified." });
    expect(await exists(path.join(t.home, '.model-shelf', 'manifests', 'bento_saved'))).toBe(false);
  });

  it('a version whose files were all read before the delete is skipped at the recording, under the lock', async () => {
    const plan = await planVerify(await t.store.resolve('bento_saved:v1'));
    await t.store.delete(['bento_saved:v1']);
    // Nothing left to read: the hashing is over, as if the delete came right after it.
    expect(await verifyPlanned(t.store.paths, { ...plan, files: [] })).toMatchObject({
      state: 'skipped',
      note: "'bento_saved:v1' was deleted or got a manifest while it was being verified; verify it again.",
    });
    expect(await exists(path.join(t.home, '.model-shelf', 'manifests', 'bento_saved'))).toBe(false);
  });
});
