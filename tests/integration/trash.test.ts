import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTrashLock } from '../../src-main/store/remove/trash.ts';
import { bentomlVersion, exists, readLatestFile, tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'iris', 'old1', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'x'.repeat(100) });
  await bentomlVersion(t.home, 'iris', 'new2', '2025-02-01T00:00:00.000000+00:00', { 'w.bin': 'y'.repeat(200) });
  await fsp.writeFile(path.join(t.home, 'models', 'iris', 'latest'), 'new2');
});
afterEach(async () => {
  await t.cleanup();
});

describe('trash', () => {
  it('delete to trash, list it, restore it byte for byte with latest back on the newest', async () => {
    const before = await treeListing(path.join(t.home, 'models', 'iris', 'new2'));
    const { trashed } = await t.store.delete(['iris:new2'], { trash: true });
    expect(trashed).toHaveLength(1);
    expect(trashed[0]).toMatchObject({ tag: 'iris:new2', name: 'iris', version: 'new2' });
    expect(await readLatestFile(t.home, 'iris')).toBe('old1');
    expect(await t.store.listTrash()).toEqual(trashed);
    expect(await t.store.trashSize()).toBe(trashed[0]?.size);

    const restored = await t.store.restore([trashed[0]?.id ?? '']);
    expect(restored.map((v) => v.tag)).toEqual(['iris:new2']);
    expect(await treeListing(path.join(t.home, 'models', 'iris', 'new2'))).toEqual(before);
    expect(await readLatestFile(t.home, 'iris')).toBe('new2');
    expect(await t.store.listTrash()).toEqual([]);
  });

  it('restoring the last version of a name brings the name back', async () => {
    const { trashed } = await t.store.delete(['iris'], { trash: true });
    expect(await exists(path.join(t.home, 'models', 'iris'))).toBe(false);
    await t.store.restore(trashed.map((e) => e.id));
    expect(await readLatestFile(t.home, 'iris')).toBe('new2');
  });

  it('refuses to restore over a tag that exists again', async () => {
    const { trashed } = await t.store.delete(['iris:old1'], { trash: true });
    await bentomlVersion(t.home, 'iris', 'old1', '2025-03-01T00:00:00.000000+00:00');
    await expect(t.store.restore([trashed[0]?.id ?? ''])).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await t.store.listTrash()).toHaveLength(1);
  });

  it('emptyTrash waits for an entry being trashed, so no directory is left without its manifest', async () => {
    await t.store.delete(['iris:old1'], { trash: true });
    const trash = t.store.paths.trash;
    let emptying: Promise<{ freed: number }> | undefined;
    // Holding the trash lock like trashVersion does between writing the manifest and the rename.
    await withTrashLock(t.store.paths, async () => {
      await fsp.writeFile(path.join(trash, '1700000000000-abcdef01.json'), JSON.stringify({ id: '1700000000000-abcdef01', name: 'iris', version: 'new2' }));
      emptying = t.store.emptyTrash();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await exists(path.join(trash, '1700000000000-abcdef01.json'))).toBe(true);
      await fsp.rename(path.join(t.home, 'models', 'iris', 'new2'), path.join(trash, '1700000000000-abcdef01'));
    });
    await emptying;
    expect(await fsp.readdir(trash)).toEqual([]);
  });

  it('emptyTrash frees the space and leaves nothing behind', async () => {
    const { trashed } = await t.store.delete(['iris'], { trash: true });
    const { freed } = await t.store.emptyTrash();
    expect(freed).toBe(trashed.reduce((s, e) => s + e.size, 0));
    expect(await fsp.readdir(t.store.paths.trash)).toEqual([]);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
