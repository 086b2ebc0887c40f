// Undo of several edits at once (a bulk relabel's one Undo, a promote's): every edit that can be
// undone is; one whose model.yaml changed since (a hand edit) keeps that change and its undo stays
// in the trash; an id no longer there does not stop the others; one sentence says which and why.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewRig } from './edit-review-rig.ts';

describe('model:undo-edit of several edits', () => {
  it('restores every version it can, keeps a hand-edited one with its undo, and says so in one sentence', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const before = { v1: await r.yaml('v1'), v2: await r.yaml('v2'), v3: await r.yaml('v3') };
    const relabel = await r.call('models:relabel', { tags: ['iris:v1', 'iris:v2', 'iris:v3'], labels: { set: { stage: 'prod' }, unset: [] } });
    const ids = relabel.edited.map((e) => e.undoId ?? '');
    expect(ids).toHaveLength(3);
    // The person adds a comment to v1's model.yaml by hand after the relabel.
    const handEdited = `${await r.yaml('v1')}# checked by hand\n`;
    await fsp.writeFile(path.join(r.models, 'iris', 'v1', 'model.yaml'), handEdited);

    const error = await r.refused('model:undo-edit', { ids });
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(error.message).toBe(
      "Put back 'iris:v2' and 'iris:v3', but 'iris:v1' was changed after that edit, so the later change was kept and the edit was not undone (its undo stays in the trash).",
    );
    expect(await r.yaml('v2')).toBe(before.v2);
    expect(await r.yaml('v3')).toBe(before.v3);
    // The later change is never lost, and v1's undo is still there to use.
    expect(await r.yaml('v1')).toBe(handEdited);
    const trash = await r.call('trash:list');
    expect(trash.map((e) => e.id)).toEqual([ids[0]]);
    const snapshot = await r.call('store:snapshot');
    expect(snapshot.versions.filter((v) => v.labels['stage'] === 'prod').map((v) => v.tag)).toEqual(['iris:v1']);
  });

  it('an id that is gone does not stop the others', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const before = { v2: await r.yaml('v2'), v3: await r.yaml('v3') };
    const relabel = await r.call('models:relabel', { tags: ['iris:v2', 'iris:v3'], labels: { set: { stage: 'prod' }, unset: [] } });
    const [v2, v3] = relabel.edited.map((e) => e.undoId ?? '');
    await r.call('model:undo-edit', { ids: [v2 ?? ''] });
    const error = await r.refused('model:undo-edit', { ids: [v2 ?? '', v3 ?? ''] });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: `Put back 'iris:v3', but '${v2}' is no edit in the trash (it was undone already or the trash was emptied).` });
    expect(await r.yaml('v2')).toBe(before.v2);
    expect(await r.yaml('v3')).toBe(before.v3);
    expect(await r.call('trash:list')).toEqual([]);
  });

  it('one id that cannot be undone keeps its own sentence', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const { undoId } = await r.call('model:edit', { tag: 'iris:v1', labels: { set: { stage: 'prod' }, unset: [] } });
    await fsp.appendFile(path.join(r.models, 'iris', 'v1', 'model.yaml'), '# by hand\n');
    expect(await r.refused('model:undo-edit', { ids: [undoId ?? ''] })).toEqual({
      code: 'ALREADY_EXISTS',
      message: "The model.yaml of 'iris:v1' changed after this edit, so putting back the older one would lose that change; edit its labels or metadata instead.",
    });
  });
});

describe('trash:restore of several deleted versions', () => {
  it('puts back the ones it can and keeps the one whose tag exists again, in one sentence', { timeout: 120_000 }, async () => {
    const r = await reviewRig();
    const v1Before = await r.yaml('v1');
    const trashed = await r.call('models:delete', { tags: ['iris:v1', 'iris:v2'], force: true });
    expect(trashed.map((e) => e.tag)).toEqual(['iris:v1', 'iris:v2']);
    // A new iris:v2 is written meanwhile (by BentoML, say).
    await fsp.mkdir(path.join(r.models, 'iris', 'v2'));
    await fsp.writeFile(path.join(r.models, 'iris', 'v2', 'model.yaml'), (await r.yaml('v3')).replaceAll('v3', 'v2'));
    const error = await r.refused('trash:restore', { ids: trashed.map((e) => e.id) });
    expect(error).toMatchObject({
      code: 'ALREADY_EXISTS',
      message: "Put back 'iris:v1', but 'iris:v2' exists again, so the deleted one stays in the trash (delete the current one first to put it back).",
    });
    expect(await r.yaml('v1')).toBe(v1Before);
    expect((await r.call('trash:list')).map((e) => e.tag)).toEqual(['iris:v2']);
  });
});
