// What the window's edit channels answer to requests they must refuse (review of issue 11 §5):
// a tag that names nothing is one sentence without a stack trace in the log or a rescan of the
// whole store; an edit over the model.yaml cap is refused with the code of the field it grows; a
// bulk export into the store is refused once, not once per version.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewRig } from './edit-review-rig.ts';

describe('a tag that is no tag', () => {
  it('model:edit, model:promote and models:delete refuse it in one sentence and log nothing', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const edit = await r.refused('model:edit', { tag: 'Not A Tag!', labels: { set: { stage: 'prod' }, unset: [] } });
    expect(edit.code).toBe('INVALID_TAG');
    expect(edit.message).toMatch(/^'Not A Tag!' is not a valid BentoML tag: [^\n]*\.$/);
    const promote = await r.refused('model:promote', { tag: '..', labels: { stage: 'prod' } });
    expect(promote.code).toBe('INVALID_TAG');
    const del = await r.refused('models:delete', { tags: ['bad name:v1'], force: false });
    expect(del.code).toBe('INVALID_TAG');
    // No "rescanning part of the store failed; scanning all of it" with a stack, per request.
    expect(r.logged).toEqual([]);
  });
});

describe('an edit over the model.yaml cap', () => {
  it('is refused as INVALID_LABELS for labels and INVALID_METADATA for metadata, and nothing is written', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const before = await r.yaml('v1');
    // 30 labels of 9,000 characters: each within the channel's limits, together over 256 KiB.
    const set = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'x'.repeat(9_000)]));
    const labels = await r.refused('model:edit', { tag: 'iris:v1', labels: { set, unset: [] } });
    expect(labels.code).toBe('INVALID_LABELS');
    expect(labels.message).toMatch(/^The edit would make the model\.yaml of 'iris:v1' 26\d\.\d\d KiB, over Model Shelf's cap of 256\.00 KiB .*, so nothing was changed; keep large data in a file of the model instead\.$/);
    const metadata = await r.refused('model:edit', { tag: 'iris:v1', metadata: { set, unset: [] } });
    expect(metadata.code).toBe('INVALID_METADATA');
    expect(await r.yaml('v1')).toBe(before);
    expect(await r.call('trash:list')).toEqual([]);
  });
});

describe('a bulk export into a folder inside the store', () => {
  it('is refused once, in one sentence, and nothing is written there', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const inside = path.join(r.models, 'iris');
    const before = (await fsp.readdir(inside)).sort();
    r.folders.push(inside);
    const error = await r.refused('models:export-many', { taskId: 'into-store', tags: ['iris:v1', 'iris:v2', 'iris:v3'] });
    expect(error).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `The folder ${inside} is part of this store's models folder (${await fsp.realpath(r.models)}); exporting there would change the store, so no version was exported: choose a folder outside the store.`,
    });
    expect((await fsp.readdir(inside)).sort()).toEqual(before);
  });
});
