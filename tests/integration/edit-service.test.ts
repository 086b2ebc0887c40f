// The window's label/metadata edits through the handler table over a real store (issue 11 §5):
// the answer says what changed, the snapshot shows it when the request returns, an edit made by
// another process (the CLI) reaches the window through the watcher, and undo goes through the
// trash.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { editModel, storePaths } from '../../src-main/store/index.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { FOREIGN_YAML, plainYaml } from './edit-fixtures.ts';
import { readyHarness, type Harness } from './service-helpers.ts';

const V = 'p3qjnmqboovfypbc';

/** A service on a home that already holds iris_clf (BentoML's example C, latest) and iris_clf:older, before the watcher starts. */
async function harness(): Promise<Harness> {
  const home = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-edit-service-'));
  // Registered before the service's clean-up, so it runs after it (vitest runs them last first).
  onTestFinished(() => fsp.rm(home, { recursive: true, force: true }));
  const dir = path.join(home, 'models', 'iris_clf');
  await fsp.mkdir(path.join(dir, V), { recursive: true });
  await fsp.writeFile(path.join(dir, V, 'model.yaml'), FOREIGN_YAML);
  await fsp.mkdir(path.join(dir, 'older'));
  await fsp.writeFile(path.join(dir, 'older', 'model.yaml'), plainYaml('iris_clf', 'older', 1, { stage: 'prod' }));
  await fsp.writeFile(path.join(dir, 'latest'), V);
  const h = await readyHarness({ home });
  await h.waitForSnapshot((s) => s.versions.length === 2, 'the first snapshot');
  return h;
}

const labelsIn = (s: StoreSnapshot | undefined, tag: string) => s?.versions.find((v) => v.tag === tag)?.labels;

describe('model:edit, model:promote and model:undo-edit', () => {
  it('an edit answers what changed, and the snapshot pushed before the answer shows it with the trash size', { timeout: 60_000 }, async () => {
    const h = await harness();
    const result = await h.call('model:edit', { tag: 'iris_clf', labels: { set: { stage: 'prod' }, unset: ['approved'] }, metadata: { set: { acc: 0.97 }, unset: [] } });
    expect(result.tag).toBe(`iris_clf:${V}`);
    expect(result.changes).toEqual([
      { field: 'labels', key: 'approved', before: 'True' },
      { field: 'labels', key: 'stage', before: 'yes', after: 'prod' },
      { field: 'metadata', key: 'acc', after: 0.97 },
    ]);
    expect(result.undoId).toMatch(/^\d+-[0-9a-f]{8}$/);
    const snap = h.latestSnapshot();
    expect(labelsIn(snap, `iris_clf:${V}`)).toEqual({ owner: 'Zoë', version: '2', stage: 'prod' });
    expect(snap?.versions.find((v) => v.version === V)?.metadata.acc).toBe(0.97);
    expect(snap?.trashSize).toBe(Buffer.byteLength(FOREIGN_YAML));
    const trash = await h.call('trash:list');
    expect(trash).toEqual([expect.objectContaining({ id: result.undoId, tag: `iris_clf:${V}`, kind: 'edit' })]);
  });

  it('undo puts the old model.yaml back and the snapshot follows; an id that is not an edit is refused', { timeout: 60_000 }, async () => {
    const h = await harness();
    const { undoId } = await h.call('model:edit', { tag: `iris_clf:${V}`, labels: { set: { stage: 'prod' }, unset: [] } });
    const restored = await h.call('model:undo-edit', { ids: [undoId ?? ''] });
    expect(restored.map((v) => v.tag)).toEqual([`iris_clf:${V}`]);
    expect(await fsp.readFile(path.join(h.models, 'iris_clf', V, 'model.yaml'), 'utf8')).toBe(FOREIGN_YAML);
    expect(labelsIn(h.latestSnapshot(), `iris_clf:${V}`)?.stage).toBe('yes');
    expect(h.latestSnapshot()?.trashSize).toBe(0);
    const again = await h.service.handlers['model:undo-edit']({ ids: [undoId] });
    expect(again).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `There is no edit '${undoId}' in the trash to undo (it was undone or the trash was emptied).` } });
  });

  it('promote moves the label within the name and answers every version it changed', { timeout: 60_000 }, async () => {
    const h = await harness();
    const result = await h.call('model:promote', { tag: `iris_clf:${V}`, labels: { stage: 'prod' } });
    expect(result.edits.map((e) => e.tag)).toEqual([`iris_clf:${V}`, 'iris_clf:older']);
    expect(labelsIn(h.latestSnapshot(), 'iris_clf:older')).toEqual({});
    expect(labelsIn(h.latestSnapshot(), `iris_clf:${V}`)?.stage).toBe('prod');
  });

  it('refusals cross as codes with the store\'s sentence, and nothing changes', { timeout: 60_000 }, async () => {
    const h = await harness();
    const before = await fsp.readFile(path.join(h.models, 'iris_clf', V, 'model.yaml'), 'utf8');
    const same = await h.service.handlers['model:edit']({ tag: 'iris_clf', labels: { set: { stage: 'yes' }, unset: [] } });
    expect(same).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: `Nothing to change: 'iris_clf:${V}' already has label 'stage' with that value.` } });
    const both = await h.service.handlers['model:edit']({ tag: 'iris_clf', labels: { set: { a: 'b' }, unset: ['a'] } });
    expect(both.ok ? null : both.error.message).toBe("The label 'a' is both set and unset; give it once, with --set or with --unset.");
    const nul = await h.service.handlers['model:edit']({ tag: 'iris_clf', metadata: { set: { n: null }, unset: [] } });
    expect(nul.ok ? null : nul.error.code).toBe('INVALID_ARGUMENT');
    const unknown = await h.service.handlers['model:promote']({ tag: 'nope', labels: { stage: 'prod' } });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    expect(await fsp.readFile(path.join(h.models, 'iris_clf', V, 'model.yaml'), 'utf8')).toBe(before);
    expect(await h.call('trash:list')).toEqual([]);
  });

  it('an edit by another process (the CLI) reaches the window through the watcher', { timeout: 90_000 }, async () => {
    const h = await harness();
    const pushed = h.snapshots().length;
    // The store's own edit, as `model-shelf label` runs it: the service is not asked.
    await editModel(storePaths(h.home), `iris_clf:older`, { labels: { set: [['stage', 'archived']] } });
    const snap = await h.waitForSnapshot((s) => labelsIn(s, 'iris_clf:older')?.stage === 'archived', 'the edited labels');
    expect(h.snapshots().length).toBeGreaterThan(pushed);
    expect(parseModelYaml(await fsp.readFile(path.join(h.models, 'iris_clf', 'older', 'model.yaml'), 'utf8')).labels).toEqual(labelsIn(snap, 'iris_clf:older'));
  });
});
