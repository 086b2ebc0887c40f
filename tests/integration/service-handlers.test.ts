// The handler table over a real store: what a person sees on disk and in the snapshot.
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../src-main/shared/ipc-contract.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { readyHarness, type Harness } from './service-helpers.ts';
import { eventually, seedVersion } from './watcher-helpers.ts';

const tags = (s: StoreSnapshot | undefined) => s?.versions.map((v) => v.tag) ?? [];

async function errorOf(h: Harness, channel: Parameters<Harness['call']>[0], arg: unknown) {
  const result = await h.service.handlers[channel](arg);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

describe('create through the handlers', () => {
  it('creates a model from dropped files with progress, visible on disk and in the snapshot', async () => {
    const h = await readyHarness();
    const src = path.join(h.root, 'drop');
    await fsp.mkdir(path.join(src, 'tokenizer'), { recursive: true });
    await fsp.writeFile(path.join(src, 'model.safetensors'), Buffer.alloc(300_000, 7));
    await fsp.writeFile(path.join(src, 'tokenizer', 'vocab.txt'), 'a b c');
    const inspected = await h.call('paths:inspect', { paths: [path.join(src, 'model.safetensors'), path.join(src, 'tokenizer')] });
    expect(inspected).toEqual([
      { path: path.join(src, 'model.safetensors'), name: 'model.safetensors', kind: 'file', size: 300_000, hasModelYaml: false, isArchive: false },
      { path: path.join(src, 'tokenizer'), name: 'tokenizer', kind: 'directory', size: 5, hasModelYaml: false, isArchive: false },
    ]);
    const taskId = 'task-create-1';
    const version = await h.call('models:create', { taskId, name: 'iris_clf', labels: { stage: 'dev' }, metadata: { accuracy: 0.97 }, paths: inspected.map((i) => i.path), root: false });
    const tag = version.tag;
    expect(tag).toMatch(/^iris_clf:[a-z0-9]+$/);
    const copied = await fsp.stat(path.join(version.path, 'model.safetensors'));
    expect(copied.size + (await fsp.stat(path.join(version.path, 'tokenizer', 'vocab.txt'))).size).toBe(300_005);
    const progress = h.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as TaskProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.taskId === taskId)).toBe(true);
    expect(await fsp.readFile(path.join(version.path, 'tokenizer', 'vocab.txt'), 'utf8')).toBe('a b c');
    const snap = await h.waitForSnapshot((s) => tags(s).includes(tag), 'the created model');
    expect(snap.versions.find((v) => v.tag === tag)).toMatchObject({ status: 'ok', latest: true, labels: { stage: 'dev' } });
    // The task is over: a late Cancel (the click and the finish crossed) is no error and undoes nothing.
    await h.call('task:cancel', { taskId });
    expect(await fsp.readdir(path.join(h.models, 'iris_clf'))).toEqual(expect.arrayContaining([version.version]));
  });

  it('refuses dropped paths that are missing or not regular files or folders', async () => {
    const h = await readyHarness();
    const missing = await errorOf(h, 'paths:inspect', { paths: [path.join(h.root, 'gone.bin')] });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no longer exists/);
    const fifo = path.join(h.root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const refused = await errorOf(h, 'models:create', { taskId: 'task-piped', name: 'piped', labels: {}, metadata: {}, paths: [fifo], root: false });
    expect(refused.code).toBe('UNSAFE_PATH');
    expect(refused.message).toMatch(/not a regular file or folder/);
    expect(await fsp.readdir(h.models)).toEqual([]);
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging')).catch(() => [])).toEqual([]);
  });

  it('cancels a running copy by its task id and leaves nothing behind', async () => {
    const h = await readyHarness();
    const big = path.join(h.root, 'big.bin');
    await fsp.writeFile(big, Buffer.alloc(64 * 1024 * 1024, 1));
    const taskId = 'task-big';
    let cancel = null as Promise<unknown> | null;
    // Cancel at the task's first progress push, from inside it: the copy has not finished, whatever the disk's speed.
    h.onPush = (channel, payload) => {
      if (channel === 'task:progress' && (payload as TaskProgress).taskId === taskId) cancel ??= h.call('task:cancel', { taskId });
    };
    const result = await h.service.handlers['models:create']({ taskId, name: 'big', labels: {}, metadata: {}, paths: [big], root: false });
    await cancel;
    expect(result.ok ? 'created' : result.error.code).toBe('ABORTED');
    expect(await fsp.readdir(h.models)).toEqual([]);
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging')).catch(() => [])).toEqual([]);
  });

  it('a Cancel sent right behind its create request cancels it, and the id then names no task', async () => {
    const h = await readyHarness();
    const src = path.join(h.root, 'weights.bin');
    await fsp.writeFile(src, Buffer.alloc(10_000, 3));
    const args = { taskId: 'task-quick', name: 'quick', labels: {}, metadata: {}, paths: [src], root: false };
    const creating = h.service.handlers['models:create'](args);
    await h.call('task:cancel', { taskId: 'task-quick' });
    const result = await creating;
    expect(result.ok ? 'created' : result.error.code).toBe('ABORTED');
    expect(await fsp.readdir(h.models)).toEqual([]);
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging')).catch(() => [])).toEqual([]);
    // The same id is free again once its task is over: the window's next try works.
    expect((await h.call('models:create', args)).tag).toMatch(/^quick:/);
  });

  it('closing the service mid-copy cancels the create and waits until its staging is gone', async () => {
    const h = await readyHarness();
    const big = path.join(h.root, 'big.bin');
    await fsp.writeFile(big, Buffer.alloc(16 * 1024 * 1024, 1));
    let closing = null as Promise<void> | null;
    h.onPush = (channel) => {
      if (channel === 'task:progress') closing ??= h.service.close();
    };
    const creating = h.service.handlers['models:create']({ taskId: 'task-closing', name: 'closing', labels: {}, metadata: {}, paths: [big], root: false });
    await eventually(() => (closing ? true : undefined), 'the first progress push', 30_000);
    await closing;
    // Looked at as soon as close() returns, before the create's own answer is awaited.
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging')).catch(() => [])).toEqual([]);
    expect(await fsp.readdir(h.models)).toEqual([]);
    const result = await creating;
    expect(result.ok ? 'created' : result.error.code).toBe('ABORTED');
  });

  it('refuses a second task under an id that is still running, without touching the first', async () => {
    const h = await readyHarness();
    const big = path.join(h.root, 'big.bin');
    await fsp.writeFile(big, Buffer.alloc(100_000, 1));
    const args = { taskId: 'task-twice', name: 'twice', labels: {}, metadata: {}, paths: [big], root: false };
    const first = h.service.handlers['models:create'](args);
    const second = await errorOf(h, 'models:create', { ...args, name: 'other' });
    expect(second.code).toBe('BUSY');
    const made = await first;
    expect(made.ok ? made.value.name : made.error.code).toBe('twice');
    expect(await fsp.readdir(h.models)).toEqual(['twice']);
  });
});

describe('tasks keyed by the window\'s ids', () => {
  it('an export and an import at once: each progress names its own task, and Cancel stops only the one it names', async () => {
    const a = await readyHarness();
    await seedVersion(a.models, 'iris_clf', 'v1', new Date('2025-03-15T08:00:00Z'));
    const out = path.join(a.root, 'out');
    await fsp.mkdir(out);
    a.dialog.exportPath = path.join(out, 'iris.bentomodel');
    const archive = (await a.call('models:export', { taskId: 'exp-0', tag: 'iris_clf:v1' }))!.path;

    const b = await readyHarness();
    await seedVersion(b.models, 'bert', 'v2', new Date('2025-03-16T08:00:00Z'));
    await fsp.writeFile(path.join(b.models, 'bert', 'v2', 'weights.bin'), Buffer.alloc(32 * 1024 * 1024, 5));
    const exportTo = path.join(b.root, 'bert.bentomodel');
    b.dialog.exportPath = exportTo;
    // The export is cancelled at its first progress push; the import runs on beside it.
    let cancel = null as Promise<unknown> | null;
    b.onPush = (channel, payload) => {
      if (channel === 'task:progress' && (payload as TaskProgress).taskId === 'exp-1') cancel ??= b.call('task:cancel', { taskId: 'exp-1' });
    };
    const [exported, imported] = await Promise.all([
      b.service.handlers['models:export']({ taskId: 'exp-1', tag: 'bert:v2' }),
      b.service.handlers['models:import']({ taskId: 'imp-1', paths: [archive] }),
    ]);
    await cancel;
    expect(exported.ok ? 'exported' : exported.error.code).toBe('ABORTED');
    expect(imported.ok ? imported.value.map((v) => v.tag) : imported.error.code).toEqual(['iris_clf:v1']);
    const ids = new Set(b.pushes.filter((p) => p.channel === 'task:progress').map((p) => (p.payload as TaskProgress).taskId));
    expect([...ids].sort()).toEqual(['exp-1', 'imp-1']);
    // No archive and no partial one where the export would have gone.
    expect((await fsp.readdir(path.dirname(exportTo))).filter((f) => f.includes('bentomodel'))).toEqual([]);
    expect(await fsp.readdir(path.join(b.models, 'iris_clf'))).toContain('v1');
  });
});

describe('delete, trash, reveal', () => {
  it('moves versions to the trash, restores and empties it', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'iris_clf', 'v1', new Date('2025-03-14T08:00:00Z'));
    await seedVersion(h.models, 'iris_clf', 'v2', new Date('2025-03-15T08:00:00Z'));
    await h.waitForSnapshot((s) => s.versions.length === 2, 'two versions');
    const trashed = await h.call('models:delete', { tags: ['iris_clf:v2'], force: false });
    expect(trashed.map((t) => t.tag)).toEqual(['iris_clf:v2']);
    const after = await h.waitForSnapshot((s) => tags(s).join() === 'iris_clf:v1' && s.trashSize > 0, 'v2 in the trash');
    expect(after.versions[0]?.latest).toBe(true);
    expect((await h.call('trash:list')).map((t) => t.tag)).toEqual(['iris_clf:v2']);
    await h.call('trash:restore', { ids: trashed.map((t) => t.id) });
    await h.waitForSnapshot((s) => s.versions.length === 2 && s.trashSize === 0, 'v2 restored');
    await h.call('models:delete', { tags: ['iris_clf:v1'], force: false });
    const { freed } = await h.call('trash:empty');
    expect(freed).toBeGreaterThan(0);
    await h.waitForSnapshot((s) => tags(s).join() === 'iris_clf:v2' && s.trashSize === 0, 'trash emptied');
  });

  it('reveals a model by tag, and answers NOT_FOUND for an unknown tag', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'iris_clf', 'v1', new Date());
    await h.call('model:reveal', { tag: 'iris_clf' });
    expect(h.revealed).toEqual([path.join(h.models, 'iris_clf', 'v1')]);
    expect((await errorOf(h, 'model:get', { tag: 'nope:v1' })).code).toBe('NOT_FOUND');
    expect((await errorOf(h, 'model:get', { tag: 'Not A Tag' })).code).toBe('INVALID_TAG');
  });
});

describe('export, import, stores', () => {
  it('exports through the save dialog and imports the file into another store', async () => {
    const a = await readyHarness();
    await seedVersion(a.models, 'iris_clf', 'v1', new Date('2025-03-15T08:00:00Z'));
    a.dialog.exportPath = path.join(a.root, 'out', 'iris.bentomodel');
    await fsp.mkdir(path.dirname(a.dialog.exportPath), { recursive: true });
    const exported = await a.call('models:export', { taskId: 'exp-1', tag: 'iris_clf:v1' });
    expect(exported?.path).toBe(a.dialog.exportPath);
    expect((await fsp.stat(exported!.path)).size).toBeGreaterThan(0);
    a.dialog.exportPath = null;
    expect(await a.call('models:export', { taskId: 'exp-2', tag: 'iris_clf:v1' })).toBeNull();

    const b = await readyHarness();
    const imported = await b.call('models:import', { taskId: 'imp-1', paths: [exported!.path] });
    expect(imported.map((v) => v.tag)).toEqual(['iris_clf:v1']);
    await b.waitForSnapshot((s) => tags(s).includes('iris_clf:v1'), 'the imported model');
    const again = await errorOf(b, 'models:import', { taskId: 'imp-2', paths: [exported!.path] });
    expect(again.code).toBe('ALREADY_EXISTS');
    const folder = await errorOf(b, 'models:import', { taskId: 'imp-3', paths: [b.models] });
    expect(folder.code).toBe('INVALID_ARGUMENT');
    // Opened from the OS (argv / open-file): the same import, and its error reaches main to show.
    await expect(b.service.importFiles([exported!.path])).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('imports a saved model folder (model.yaml at its root) byte for byte', async () => {
    const a = await readyHarness();
    await seedVersion(a.models, 'bert', 'v7', new Date('2025-02-01T00:00:00Z'));
    const folder = path.join(a.models, 'bert', 'v7');
    const [item] = await a.call('paths:inspect', { paths: [folder] });
    expect(item).toMatchObject({ kind: 'directory', hasModelYaml: true, isArchive: false });
    const b = await readyHarness();
    const [version] = await b.call('models:import', { taskId: 'imp-1', paths: [folder] });
    expect(version?.tag).toBe('bert:v7');
    expect(await fsp.readFile(path.join(b.models, 'bert', 'v7', 'model.yaml'), 'utf8')).toBe(await fsp.readFile(path.join(folder, 'model.yaml'), 'utf8'));
    expect(await fsp.readFile(path.join(b.models, 'bert', 'latest'), 'utf8')).toBe('v7');
    await b.waitForSnapshot((s) => s.versions.some((v) => v.tag === 'bert:v7' && v.status === 'ok'), 'bert:v7 imported');
    expect((await errorOf(b, 'models:import', { taskId: 'imp-2', paths: [folder] })).code).toBe('ALREADY_EXISTS');
    expect(await fsp.readdir(path.join(b.home, '.model-shelf', 'staging'))).toEqual([]);
  });

  it('opens another store from the dialog and watches it; creates a missing store folder', async () => {
    const h = await readyHarness();
    const other = path.join(h.root, 'other-home');
    await seedVersion(path.join(other, 'models'), 'bert', 'v1', new Date());
    h.dialog.storeFolder = path.join(other, 'models');
    const snap = await h.call('store:open');
    expect(snap?.home).toBe(other);
    expect(tags(snap ?? undefined)).toEqual(['bert:v1']);
    expect(h.settings.at(-1)).toEqual({ lastStore: other });
    await seedVersion(path.join(other, 'models'), 'bert', 'v2', new Date(Date.now() + 1000));
    await h.waitForSnapshot((s) => s.home === other && tags(s).includes('bert:v2'), 'bert:v2 in the other store');
    h.dialog.storeFolder = null;
    expect(await h.call('store:open')).toBeNull();

    const empty = await readyHarness({ createModels: false });
    expect((await empty.call('store:snapshot')).exists).toBe(false);
    const created = await empty.call('store:create-folder');
    expect(created.exists).toBe(true);
    expect((await fsp.stat(empty.models)).isDirectory()).toBe(true);
  });
});
