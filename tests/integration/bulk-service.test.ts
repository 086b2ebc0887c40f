// The bulk channels through the handler table over a real store (issue 12 view 15): one bad
// version never stops the rest and comes back with the store's sentence; a version that already
// has the labels is not rewritten; the export folder is asked for once, an archive never replaces
// a file already there, and a cancelled folder dialog writes nothing.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createShelfService, type ShelfService } from '../../src-main/service/index.ts';
import type { RequestArg, RequestValue } from '../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { ModelStore } from '../../src-main/store/index.ts';
import { plainYaml } from './edit-fixtures.ts';
import { eventually } from './watcher-helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

interface Rig {
  readonly home: string;
  readonly folders: (string | null)[];
  readonly asked: { count: number };
  call<C extends 'models:export-many' | 'models:relabel' | 'model:undo-edit'>(channel: C, arg: RequestArg<C>): Promise<RequestValue<C>>;
}

/** iris_clf: v1 (stage=prod), v2 (stage=dev); iris_rf: r1 (stage=archived); iris_rf: w1 still being written (no model.yaml). */
async function rig(): Promise<Rig> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bulk-'));
  cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
  const home = path.join(root, 'home');
  const put = async (name: string, version: string, yaml: string | null): Promise<void> => {
    const dir = path.join(home, 'models', name, version);
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(path.join(dir, 'w.bin'), `${name}-${version}`);
    if (yaml !== null) await fsp.writeFile(path.join(dir, 'model.yaml'), yaml);
  };
  await put('iris_clf', 'v1', plainYaml('iris_clf', 'v1', 1, { stage: 'prod' }));
  await put('iris_clf', 'v2', plainYaml('iris_clf', 'v2', 2, { stage: 'dev' }));
  await put('iris_rf', 'r1', plainYaml('iris_rf', 'r1', 3, { stage: 'archived' }));
  await put('iris_rf', 'w1', null);
  const folders: (string | null)[] = [];
  const asked = { count: 0 };
  let snapshotVersions = 0;
  const service: ShelfService = await createShelfService({
    home,
    dialogs: {
      pickStoreFolder: () => Promise.resolve(null),
      pickImportFiles: () => Promise.resolve([]),
      pickExportPath: () => Promise.resolve(null),
      pickExportFolder: () => {
        asked.count += 1;
        return Promise.resolve(folders.shift() ?? null);
      },
    },
    shell: { reveal: () => undefined },
    settings: { get: () => Promise.resolve({}), set: () => Promise.resolve() },
    push: (channel, payload) => {
      if (channel === 'store:changed') snapshotVersions = (payload as StoreSnapshot).versions.length;
    },
    appVersion: '0.1.0-test',
    polling: false,
  });
  cleanups.unshift(() => service.close());
  await service.watching;
  await service.handlers['app:ready'](undefined);
  await eventually(() => (snapshotVersions === 4 ? true : undefined), 'the first snapshot');
  return {
    home,
    folders,
    asked,
    async call(channel, arg) {
      const result = await service.handlers[channel](arg);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

const yamlOf = (home: string, name: string, version: string): Promise<string> => fsp.readFile(path.join(home, 'models', name, version, 'model.yaml'), 'utf8');

describe('models:relabel', () => {
  it('edits each version once, skips the one that already says so, reports the one being written, and undoes all at once', { timeout: 60_000 }, async () => {
    const r = await rig();
    const before = await Promise.all([['iris_clf', 'v1'], ['iris_clf', 'v2'], ['iris_rf', 'r1']].map(([n, v]) => yamlOf(r.home, n!, v!)));
    const result = await r.call('models:relabel', { tags: ['iris_clf:v1', 'iris_clf:v2', 'iris_rf:r1', 'iris_rf:w1'], labels: { set: { stage: 'archived' }, unset: ['owner'] } });
    expect(result.edited.map((e) => e.tag)).toEqual(['iris_clf:v1', 'iris_clf:v2']);
    expect(result.unchanged).toEqual(['iris_rf:r1']);
    expect(result.failed.map((f) => [f.tag, f.error.code])).toEqual([['iris_rf:w1', 'BUSY']]);
    expect(result.failed[0]?.error.message).toMatch(/iris_rf:w1/);
    // The skipped version was not rewritten, byte for byte.
    expect(await yamlOf(r.home, 'iris_rf', 'r1')).toBe(before[2]);
    expect(await yamlOf(r.home, 'iris_clf', 'v2')).toMatch(/stage: 'archived'/);
    await r.call('model:undo-edit', { ids: result.edited.map((e) => e.undoId!) });
    expect(await yamlOf(r.home, 'iris_clf', 'v1')).toBe(before[0]);
    expect(await yamlOf(r.home, 'iris_clf', 'v2')).toBe(before[1]);
  });
});

describe('models:export-many', () => {
  it('asks for a folder once, never replaces a file there, reports the version it cannot export, and writes nothing when the dialog is cancelled', { timeout: 120_000 }, async () => {
    const r = await rig();
    const out = path.join(path.dirname(r.home), 'out');
    await fsp.mkdir(out);
    await fsp.writeFile(path.join(out, 'iris_clf-v2.bentomodel'), 'mine');
    expect(await r.call('models:export-many', { taskId: 'task-1', tags: ['iris_clf:v1'] })).toBeNull();
    expect(await fsp.readdir(out)).toEqual(['iris_clf-v2.bentomodel']);

    r.folders.push(out);
    const result = await r.call('models:export-many', { taskId: 'task-2', tags: ['iris_clf:v1', 'iris_clf:v2', 'iris_rf:w1', 'iris_rf:r1'] });
    expect(r.asked.count).toBe(2);
    expect(result).toMatchObject({ folder: out, cancelled: false });
    expect(result?.written.map((w) => [w.tag, path.basename(w.path)])).toEqual([
      ['iris_clf:v1', 'iris_clf-v1.bentomodel'],
      ['iris_rf:r1', 'iris_rf-r1.bentomodel'],
    ]);
    expect(result?.taken).toEqual([{ tag: 'iris_clf:v2', path: path.join(out, 'iris_clf-v2.bentomodel') }]);
    expect(result?.failed.map((f) => [f.tag, f.error.code])).toEqual([['iris_rf:w1', 'BROKEN_MODEL']]);
    expect(await fsp.readFile(path.join(out, 'iris_clf-v2.bentomodel'), 'utf8')).toBe('mine');
    // Nothing else is left in the folder (no hidden temporary archive).
    expect((await fsp.readdir(out)).sort()).toEqual(['iris_clf-v1.bentomodel', 'iris_clf-v2.bentomodel', 'iris_rf-r1.bentomodel']);
    // The archives are our export: another store imports them.
    const other = await ModelStore.open({ home: path.join(path.dirname(r.home), 'other') });
    expect((await other.import(path.join(out, 'iris_rf-r1.bentomodel'))).tag).toBe('iris_rf:r1');
  });
});
