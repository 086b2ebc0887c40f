// The bulk channels against hostile or odd requests (issue 12 view 15, adversarial pass): a
// version named twice (by the same tag, by `name`, `name:latest`) is acted on once, so its export
// is not reported as "already in the folder" by its own copy and its relabel keeps one Undo that
// restores; a label set a moment ago by another program counts as already there; a folder that
// goes away in the middle of an export is said once in words about the folder, never about a
// hidden temporary file, and nothing is left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, promises as fsp, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createShelfService, type ShelfService } from '../../src-main/service/index.ts';
import type { RequestArg, RequestValue } from '../../src-main/shared/ipc-contract.ts';
import type { TaskProgress } from '../../src-main/shared/ipc-contract.ts';
import { editModel, ModelStore } from '../../src-main/store/index.ts';
import { seedVersion } from './watcher-helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

interface Rig {
  readonly root: string;
  readonly models: string;
  readonly folders: (string | null)[];
  onProgress: ((p: TaskProgress) => void) | null;
  call<C extends 'models:export-many' | 'models:relabel' | 'model:undo-edit'>(channel: C, arg: RequestArg<C>): Promise<RequestValue<C>>;
}

/** iris: v1 (with a 2 MB file), v2, v3 (latest). */
async function rig(): Promise<Rig> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bulk-adv-'));
  cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
  const home = path.join(root, 'home');
  const models = path.join(home, 'models');
  for (const [i, v] of ['v1', 'v2', 'v3'].entries()) await seedVersion(models, 'iris', v, new Date(Date.UTC(2025, 0, 1, 0, 0, i)));
  await fsp.writeFile(path.join(models, 'iris', 'v1', 'big.bin'), Buffer.alloc(2_000_000, 7));
  const folders: (string | null)[] = [];
  const r: Rig = {
    root,
    models,
    folders,
    onProgress: null,
    async call(channel, arg) {
      const result = await service.handlers[channel](arg);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
  const service: ShelfService = await createShelfService({
    home,
    dialogs: {
      pickStoreFolder: () => Promise.resolve(null),
      pickImportFiles: () => Promise.resolve([]),
      pickExportPath: () => Promise.resolve(null),
      pickExportFolder: () => Promise.resolve(folders.shift() ?? null),
    },
    shell: { reveal: () => undefined },
    settings: { get: () => Promise.resolve({}), set: () => Promise.resolve() },
    push: (channel, payload) => {
      if (channel === 'task:progress') r.onProgress?.(payload as TaskProgress);
    },
    appVersion: '0.1.0-test',
    polling: false,
  });
  cleanups.unshift(() => service.close());
  await service.watching;
  await service.handlers['app:ready'](undefined);
  return r;
}

const yamlOf = (r: Rig, v: string): Promise<string> => fsp.readFile(path.join(r.models, 'iris', v, 'model.yaml'), 'utf8');

describe('a version named more than once', () => {
  it('is exported once, and reported written, not "already in the folder"', { timeout: 120_000 }, async () => {
    const r = await rig();
    const out = path.join(r.root, 'out');
    await fsp.mkdir(out);
    r.folders.push(out);
    const result = await r.call('models:export-many', { taskId: 'dup-export', tags: ['iris:v2', 'iris:v2', 'iris:v3', 'iris:latest', 'iris'] });
    expect(result).toEqual({
      folder: out,
      written: [
        { tag: 'iris:v2', path: path.join(out, 'iris-v2.bentomodel') },
        { tag: 'iris:v3', path: path.join(out, 'iris-v3.bentomodel') },
      ],
      taken: [],
      failed: [],
      cancelled: false,
    });
    expect((await fsp.readdir(out)).sort()).toEqual(['iris-v2.bentomodel', 'iris-v3.bentomodel']);
  });

  it('is relabelled once, and one Undo puts every model.yaml back byte for byte', { timeout: 120_000 }, async () => {
    const r = await rig();
    const before = { v2: await yamlOf(r, 'v2'), v3: await yamlOf(r, 'v3') };
    const result = await r.call('models:relabel', { tags: ['iris:v2', 'iris:v3', 'iris:v2', 'iris:latest', 'iris'], labels: { set: { stage: 'prod' }, unset: [] } });
    expect(result.edited.map((e) => e.tag)).toEqual(['iris:v2', 'iris:v3']);
    expect(result.failed).toEqual([]);
    expect(result.unchanged).toEqual([]);
    expect(await yamlOf(r, 'v2')).toMatch(/stage: 'prod'|stage: prod/);
    await r.call('model:undo-edit', { ids: result.edited.map((e) => e.undoId!) });
    expect(await yamlOf(r, 'v2')).toBe(before.v2);
    expect(await yamlOf(r, 'v3')).toBe(before.v3);
  });
});

describe('labels already set on disk', () => {
  it('a label set a moment ago by another program counts as there (unchanged), not as a failure', { timeout: 120_000 }, async () => {
    const r = await rig();
    // The edit `model-shelf label iris:v2 --set stage=prod` makes, just before the window asks.
    const store = await ModelStore.open({ home: path.dirname(r.models) });
    await editModel(store.paths, 'iris:v2', { labels: { set: [['stage', 'prod']], unset: [] } });
    const result = await r.call('models:relabel', { tags: ['iris:v2'], labels: { set: { stage: 'prod' }, unset: [] } });
    expect(result).toEqual({ edited: [], unchanged: ['iris:v2'], failed: [] });
  });
});

describe('the export folder goes away in the middle', () => {
  it('says so about the folder for the version being written and the rest (each once, the one written not again), and leaves nothing', { timeout: 120_000 }, async () => {
    const r = await rig();
    const out = path.join(r.root, 'out');
    await fsp.mkdir(out);
    r.folders.push(out);
    let removed = false;
    r.onProgress = (p) => {
      if (removed || p.current !== 'iris:v1') return;
      removed = true;
      rmSync(out, { recursive: true, force: true });
    };
    const result = await r.call('models:export-many', { taskId: 'gone', tags: ['iris:v2', 'iris:v1', 'iris:v2', 'iris:v3', 'iris:v3'] });
    expect(result?.written.map((w) => w.tag)).toEqual(['iris:v2']);
    const sentence = `The folder ${out} was removed or moved while the versions were exported into it; choose a folder again and export the rest.`;
    expect(result?.failed).toEqual([
      { tag: 'iris:v1', error: { code: 'NOT_FOUND', message: sentence } },
      { tag: 'iris:v3', error: { code: 'NOT_FOUND', message: sentence } },
    ]);
    await expect(fsp.readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('an export folder that is full or read-only', () => {
  // The folder is a tmpfs in a private mount namespace (no root needed), as delete-full-disk.test.ts does.
  const CHILD = fileURLToPath(new URL('./fixtures/bulk-export-child.ts', import.meta.url));
  function exportInto(options: string): { answer: { ok: true; value: RequestValue<'models:export-many'> }; names: string[]; out: string } {
    const home = path.join(os.tmpdir(), `shelf-bulk-mnt-${process.pid}-${Math.random().toString(16).slice(2)}`);
    const out = `${home}-out`;
    cleanups.push(() => fsp.rm(home, { recursive: true, force: true }));
    cleanups.push(() => fsp.rm(out, { recursive: true, force: true }));
    mkdirSync(out);
    const script = `mount -t tmpfs -o ${options} tmpfs "$1" && shift && exec "$@"`;
    const printed = execFileSync('unshare', ['-rm', 'sh', '-c', script, 'sh', out, process.execPath, CHILD, home, out], { encoding: 'utf8' });
    return { ...(JSON.parse(printed.trim().split('\n').at(-1) ?? '{}') as { answer: { ok: true; value: RequestValue<'models:export-many'> }; names: string[] }), out };
  }

  it('a full disk: the version that fits is written, each other one is said about the disk, and no partial archive is left', { timeout: 120_000 }, () => {
    const { answer, names, out } = exportInto('size=256k');
    expect(answer.value?.written.map((w) => w.tag)).toEqual(['iris:v1']);
    expect(answer.value?.failed).toEqual(
      ['iris:v2', 'iris:v3'].map((tag) => ({
        tag,
        error: { code: 'NO_SPACE', message: `The disk holding ${out} is full, so ${tag} was not exported (nothing of it was left there); free some space and export it again.` },
      })),
    );
    expect(names).toEqual(['iris-v1.bentomodel']);
  });

  it('a read-only folder: one sentence about the folder for every version, nothing tried after the first', { timeout: 120_000 }, () => {
    const { answer, names, out } = exportInto('ro,size=256k');
    const sentence = `Model Shelf may not write into the folder ${out} (it is read-only or not yours), so no archive can be put there; choose another folder and export the rest.`;
    expect(answer.value).toEqual({
      folder: out,
      written: [],
      taken: [],
      failed: ['iris:v1', 'iris:v2', 'iris:v3'].map((tag) => ({ tag, error: { code: 'PERMISSION', message: sentence } })),
      cancelled: false,
    });
    expect(names).toEqual([]);
  });
});

describe('an export killed at the worst moment', () => {
  const CHILD = fileURLToPath(new URL('./fixtures/bulk-export-child.ts', import.meta.url));
  it('a finished archive still under its hidden name when the process died is gone after the next export into that folder', { timeout: 120_000 }, async () => {
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bulk-kill-'));
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const out = path.join(root, 'out');
    await fsp.mkdir(out);
    const killed = spawnSync(process.execPath, [CHILD, path.join(root, 'home'), out, 'die-at-link'], { encoding: 'utf8' });
    expect(killed.signal).toBe('SIGKILL');
    // What the kill left: one hidden name (the finished archive), nothing under a final name.
    expect((await fsp.readdir(out)).filter((n) => !n.startsWith('.'))).toEqual([]);
    expect(await fsp.readdir(out)).toHaveLength(1);
    const again = spawnSync(process.execPath, [CHILD, path.join(root, 'home'), out], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect((await fsp.readdir(out)).sort()).toEqual(['iris-v1.bentomodel', 'iris-v2.bentomodel', 'iris-v3.bentomodel']);
  });
});

describe('labels too big for any model.yaml', () => {
  it('are refused once for the whole request, before any version is read or written', { timeout: 120_000 }, async () => {
    const r = await rig();
    const before = await Promise.all(['v1', 'v2', 'v3'].map((v) => yamlOf(r, v)));
    // 40 labels of 8,000 characters: 312.88 KiB, over the 256 KiB cap on their own.
    const set = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`note${i}`, 'x'.repeat(8_000)]));
    await expect(r.call('models:relabel', { tags: ['iris:v1', 'iris:v2', 'iris:v3'], labels: { set, unset: [] } })).rejects.toThrow(
      "models:relabel: INVALID_LABELS These labels alone come to 312.88 KiB, over Model Shelf's cap of 256.00 KiB for a model.yaml (BentoML reads every model.yaml on each listing), so no version was relabelled; keep large data in a file of the model instead.",
    );
    expect(await Promise.all(['v1', 'v2', 'v3'].map((v) => yamlOf(r, v)))).toEqual(before);
  });
});

describe('two versions whose archive names are the same', () => {
  it('iris-clf:v1 and iris:clf-v1 are both exported (the second beside the first), and each archive imports as its own version', { timeout: 120_000 }, async () => {
    const r = await rig();
    await seedVersion(r.models, 'iris-clf', 'v1', new Date(Date.UTC(2025, 0, 2)));
    await seedVersion(r.models, 'iris', 'clf-v1', new Date(Date.UTC(2025, 0, 3)));
    const out = path.join(r.root, 'out');
    await fsp.mkdir(out);
    r.folders.push(out);
    const result = await r.call('models:export-many', { taskId: 'same-names', tags: ['iris-clf:v1', 'iris:clf-v1'] });
    expect(result).toMatchObject({
      written: [
        { tag: 'iris-clf:v1', path: path.join(out, 'iris-clf-v1.bentomodel') },
        { tag: 'iris:clf-v1', path: path.join(out, 'iris-clf-v1 (2).bentomodel') },
      ],
      taken: [],
      failed: [],
    });
    const other = await ModelStore.open({ home: path.join(r.root, 'other') });
    expect((await other.import(path.join(out, 'iris-clf-v1.bentomodel'))).tag).toBe('iris-clf:v1');
    expect((await other.import(path.join(out, 'iris-clf-v1 (2).bentomodel'))).tag).toBe('iris:clf-v1');
    // A file that was in the folder before is still never replaced, nor written beside.
    r.folders.push(out);
    const again = await r.call('models:export-many', { taskId: 'same-names-again', tags: ['iris:clf-v1'] });
    expect(again).toMatchObject({ written: [], taken: [{ tag: 'iris:clf-v1', path: path.join(out, 'iris-clf-v1.bentomodel') }] });
  });
});
