// The service's snapshots follow what other programs (BentoML) do to the store folder.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { readyHarness, startHarness } from './service-helpers.ts';
import { eventually, seedVersion, sleep, writeLikeBentoML } from './watcher-helpers.ts';


const versionOf = (s: StoreSnapshot, tag: string) => s.versions.find((v) => v.tag === tag);

describe('service snapshots follow an external writer', () => {
  it('shows a version written in place as incomplete, then ok and latest, with rising revisions', async () => {
    const h = await readyHarness();
    // The writer pauses, half-way, until the service has shown the half-written version: a busy
    // machine may take longer than any fixed pause to notice it (no test depends on speed).
    let halfSeen: Promise<StoreSnapshot> | undefined;
    const waitUntilSeen = () => (halfSeen ??= h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v1')?.status === 'incomplete', 'the half-written version'));
    await writeLikeBentoML(h.models, 'iris_clf', 'v1', { when: new Date('2025-03-15T08:00:00Z'), between: async () => void (await waitUntilSeen()) });
    const incomplete = await waitUntilSeen();
    expect(incomplete.exists).toBe(true);
    const done = await h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v1')?.status === 'ok' && versionOf(s, 'iris_clf:v1')?.latest === true, 'the finished version');
    expect(versionOf(done, 'iris_clf:v1')?.labels).toEqual({ owner: 'watcher-test' });
    expect(versionOf(done, 'iris_clf:v1')?.size).toBe(4 * 64 * 1024 + (await fsp.stat(path.join(h.models, 'iris_clf', 'v1', 'model.yaml'))).size);
    const revisions = h.snapshots().map((s) => s.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('follows deletes and latest changes made by BentoML', async () => {
    const h = await readyHarness({
      async beforeReady(h) {
        await seedVersion(h.models, 'iris_clf', 'v1', new Date('2025-03-14T08:00:00Z'));
        await seedVersion(h.models, 'iris_clf', 'v2', new Date('2025-03-15T08:00:00Z'));
      },
    });
    await h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v2')?.latest === true, 'v2 latest');
    // `latest` rewritten in place (open("w") + write, §2.2).
    await fsp.writeFile(path.join(h.models, 'iris_clf', 'latest'), 'v1');
    await h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v1')?.latest === true && versionOf(s, 'iris_clf:v2')?.latest === false, 'v1 latest');
    // `bentoml models delete iris_clf:v1`: rmtree, then latest rewritten to the remaining one.
    await fsp.rm(path.join(h.models, 'iris_clf', 'v1'), { recursive: true });
    await fsp.writeFile(path.join(h.models, 'iris_clf', 'latest'), 'v2');
    const after = await h.waitForSnapshot((s) => !versionOf(s, 'iris_clf:v1') && versionOf(s, 'iris_clf:v2')?.latest === true, 'v1 gone');
    expect(after.versions.map((v) => v.tag)).toEqual(['iris_clf:v2']);
    // Last version deleted: the whole name dir goes.
    await fsp.rm(path.join(h.models, 'iris_clf'), { recursive: true });
    await h.waitForSnapshot((s) => s.versions.length === 0, 'empty store');
  });

  it('picks up a staged version renamed into models/ (another Model Shelf committing)', async () => {
    const h = await readyHarness();
    const staged = path.join(h.root, 'staging', 'v9');
    await seedVersion(path.join(h.root, 'staging-models'), 'bert', 'v9', new Date('2025-01-01T00:00:00Z'));
    await fsp.mkdir(path.dirname(staged), { recursive: true });
    await fsp.rename(path.join(h.root, 'staging-models', 'bert', 'v9'), staged);
    await fsp.mkdir(path.join(h.models, 'bert'));
    await fsp.rename(staged, path.join(h.models, 'bert', 'v9'));
    await h.waitForSnapshot((s) => versionOf(s, 'bert:v9')?.status === 'ok', 'bert:v9');
  });

  it('follows a store folder created after start', async () => {
    const h = await readyHarness({ createModels: false });
    const first = await h.waitForSnapshot(() => true, 'the first snapshot');
    expect(first.exists).toBe(false);
    expect(h.service.watcherStatus().state).toBe('missing');
    expect(h.pushes.some((p) => p.channel === 'watcher:status' && (p.payload as { state: string }).state === 'missing')).toBe(true);
    await writeLikeBentoML(h.models, 'iris_clf', 'v1');
    await h.waitForSnapshot((s) => s.exists && versionOf(s, 'iris_clf:v1')?.status === 'ok', 'the version in the new folder');
    await eventually(() => (h.service.watcherStatus().state === 'watching' ? true : undefined), 'watching');
  });

  it('queues pushes until app:ready and sends nothing after close()', async () => {
    // Not readyHarness: this test sends app:ready itself, late.
    const h = await startHarness();
    onTestFinished(() => h.dispose());
    await seedVersion(h.models, 'iris_clf', 'v1', new Date());
    // Until the service has the version (however long a busy machine takes), nothing is pushed.
    await eventually(() => (versionOf(h.service.snapshot(), 'iris_clf:v1')?.status === 'ok' ? true : undefined), 'the service to see iris_clf:v1');
    expect(h.pushes).toEqual([]);
    await h.call('app:ready');
    // Only the newest snapshot and watcher status were kept while waiting.
    expect(h.pushes.map((p) => p.channel).sort()).toEqual(['store:changed', 'watcher:status']);
    expect(versionOf(h.latestSnapshot()!, 'iris_clf:v1')?.status).toBe('ok');
    await h.service.close();
    const count = h.pushes.length;
    await seedVersion(h.models, 'bert', 'v1', new Date());
    await sleep(400);
    expect(h.pushes.length).toBe(count);
  });
});

describe('service and half-written versions found at start', () => {
  it('watches a version that was incomplete at start until it is finished', async () => {
    const root = await import('node:os').then((os) => fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-half-')));
    const models = path.join(root, 'bentoml', 'models');
    await seedVersion(models, 'iris_clf', 'v1', new Date('2025-03-14T08:00:00Z'));
    await fsp.mkdir(path.join(models, 'iris_clf', 'v2'));
    await fsp.writeFile(path.join(models, 'iris_clf', 'v2', 'weights.bin'), 'partial');
    const h = await readyHarness({ home: path.join(root, 'bentoml') });
    await h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v2')?.status === 'incomplete', 'v2 incomplete');
    const { modelYaml } = await import('./watcher-helpers.ts');
    await fsp.writeFile(path.join(models, 'iris_clf', 'v2', 'model.yaml'), modelYaml('iris_clf', 'v2', new Date('2025-03-13T08:00:00Z')));
    // An older creation_time: BentoML leaves `latest` alone, so only the version dir changes (§2.2).
    const done = await h.waitForSnapshot((s) => versionOf(s, 'iris_clf:v2')?.status === 'ok', 'v2 finished');
    expect(versionOf(done, 'iris_clf:v1')?.latest).toBe(true);
    await fsp.rm(root, { recursive: true, force: true });
  });
});

describe('reload', () => {
  it('restarts the watcher and rescans, and changes are still followed afterwards', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'iris_clf', 'v1', new Date());
    await h.waitForSnapshot((s) => s.versions.length === 1, 'iris_clf:v1');
    await h.service.reload();
    expect(h.service.watcherStatus().state).toBe('watching');
    await seedVersion(h.models, 'bert', 'v1', new Date());
    await h.waitForSnapshot((s) => s.versions.length === 2, 'bert:v1 after reload');
  });
});
