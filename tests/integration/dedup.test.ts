import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDedup, loadIntegrity } from '../../src-main/store/index.ts';
import { BASE, HEAD_1, HEAD_2, SOLO, createFrom, duplicateStore, inode } from './dedup-fixtures.ts';
import { tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

// dedup (issue 11 §3) on real files: only files whose size another file has are hashed (counted
// in bytes), identical ones become hard links on this ext4 (checked by inode), bytes never
// change, deleting one version never changes another's bytes, and a file that changed after it
// was hashed is left alone.

let t: TempStore;
let dirs: { m1: string; m2: string; n1: string };
beforeEach(async () => {
  t = await tempStore();
  dirs = await duplicateStore(t.store, t.src);
});
afterEach(async () => {
  await t.cleanup();
});

describe('dedup plan', () => {
  it('hashes only the files whose size another file has, and lists the identical ones', async () => {
    const { planDedup } = await loadDedup();
    const before = await treeListing(path.join(t.home, 'models'));
    const plan = await planDedup(t.store.paths);
    // base.bin x3 (one inode each) and head.bin x2; solo.bin (unique size) is never read.
    expect(plan.hashedFiles).toBe(5);
    expect(plan.hashedBytes).toBe(3 * BASE.length + HEAD_1.length + HEAD_2.length);
    expect(plan.scannedFiles).toBe(6);
    expect(plan.groups).toHaveLength(1);
    const group = plan.groups[0];
    expect(`${group?.keep.tag}/${group?.keep.path}`).toBe('m:v1/base.bin');
    expect(group?.replace.map((f) => `${f.tag}/${f.path}`)).toEqual(['m:v2/base.bin', 'n:v1/weights/base.bin']);
    expect(plan.frees).toBe(2 * BASE.length);
    // A plan changes nothing.
    expect(await treeListing(path.join(t.home, 'models'))).toEqual(before);
    expect(await inode(path.join(dirs.m2, 'base.bin'))).not.toBe(await inode(path.join(dirs.m1, 'base.bin')));
  });

  it('never groups files of equal size and different bytes, nor equal bytes with other permissions', async () => {
    await fsp.chmod(path.join(dirs.n1, 'weights', 'base.bin'), 0o600);
    const { planDedup } = await loadDedup();
    const plan = await planDedup(t.store.paths);
    expect(plan.groups.flatMap((g) => g.replace.map((f) => `${f.tag}/${f.path}`))).toEqual(['m:v2/base.bin']);
  });
});

describe('dedup apply', () => {
  it('replaces copies by hard links (same inode, same bytes), keeps manifests true, and a second run finds nothing to hash', async () => {
    const { planDedup, applyDedup } = await loadDedup();
    const result = await applyDedup(t.store.paths, await planDedup(t.store.paths), { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    expect(result.method).toBe('hardlink');
    expect(result.replaced.map((r) => `${r.tag}/${r.path}`)).toEqual(['m:v2/base.bin', 'n:v1/weights/base.bin']);
    expect(result.freed).toBe(2 * BASE.length);
    const ino = await inode(path.join(dirs.m1, 'base.bin'));
    expect(await inode(path.join(dirs.m2, 'base.bin'))).toBe(ino);
    expect(await inode(path.join(dirs.n1, 'weights', 'base.bin'))).toBe(ino);
    expect((await fsp.stat(path.join(dirs.m1, 'base.bin'))).nlink).toBe(3);
    for (const f of [path.join(dirs.m1, 'base.bin'), path.join(dirs.m2, 'base.bin'), path.join(dirs.n1, 'weights', 'base.bin')]) {
      expect((await fsp.readFile(f)).equals(BASE)).toBe(true);
    }
    expect((await fsp.readFile(path.join(dirs.m2, 'head.bin'))).equals(HEAD_2)).toBe(true);
    expect((await fsp.readFile(path.join(dirs.m2, 'solo.bin'))).equals(SOLO)).toBe(true);
    // Nothing new inside versions, nothing left in staging.
    expect((await fsp.readdir(dirs.m2)).sort()).toEqual(['base.bin', 'head.bin', 'model.yaml', 'solo.bin']);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
    const { verifyVersions, versionsToVerify } = await loadIntegrity();
    const verified = await verifyVersions(t.store.paths, await versionsToVerify(t.store.paths, []));
    expect(verified.map((v) => v.state)).toEqual(['intact', 'intact', 'intact']);
    const again = await planDedup(t.store.paths);
    expect(again.groups).toEqual([]);
    // Linked files share one inode: counted once, their size is unique again, nothing is read.
    expect(again.hashedBytes).toBe(HEAD_1.length + HEAD_2.length);
  });

  it('deleting a version, by Model Shelf or by removing its folder, never changes another version\'s bytes', async () => {
    const { planDedup, applyDedup } = await loadDedup();
    await applyDedup(t.store.paths, await planDedup(t.store.paths), { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    await t.store.delete(['m:v1']);
    await fsp.rm(dirs.m2, { recursive: true });
    expect((await fsp.readFile(path.join(dirs.n1, 'weights', 'base.bin'))).equals(BASE)).toBe(true);
    expect((await fsp.stat(path.join(dirs.n1, 'weights', 'base.bin'))).nlink).toBe(1);
  });

  it('leaves a file that changed after it was hashed, and says so', async () => {
    const { planDedup, applyDedup } = await loadDedup();
    const plan = await planDedup(t.store.paths);
    const changed = Buffer.from(BASE);
    changed[0] = (changed[0] ?? 0) ^ 0xff;
    await fsp.writeFile(path.join(dirs.n1, 'weights', 'base.bin'), changed);
    await fsp.utimes(path.join(dirs.n1, 'weights', 'base.bin'), new Date(), new Date(Date.now() + 5000));
    const result = await applyDedup(t.store.paths, plan, { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    expect(result.replaced.map((r) => `${r.tag}/${r.path}`)).toEqual(['m:v2/base.bin']);
    expect(result.skipped).toEqual([{ tag: 'n:v1', path: 'weights/base.bin', reason: 'it changed, moved or went away after it was hashed' }]);
    expect((await fsp.readFile(path.join(dirs.n1, 'weights', 'base.bin'))).equals(changed)).toBe(true);
  });

  it('records a manifest for a version that had none, marked as recorded by dedup', async () => {
    const { planDedup, applyDedup } = await loadDedup();
    const { readManifest } = await loadIntegrity();
    await fsp.rm(path.join(t.home, '.model-shelf', 'manifests', 'n', 'v1.json'));
    await applyDedup(t.store.paths, await planDedup(t.store.paths), { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    const m = await readManifest(t.store.paths, 'n', 'v1');
    expect(m).toMatchObject({ recordedBy: 'dedup', atSave: false });
    expect(m?.files.map((f) => f.path)).toEqual(['model.yaml', 'weights/base.bin']);
  });

  it('create --dedup stores a file identical to a stored one as a link to it', async () => {
    const dir = await createFrom(t.store, t.src, 'm:v3', { 'base.bin': BASE, 'new.bin': 'fresh' });
    expect(await inode(path.join(dir, 'base.bin'))).not.toBe(await inode(path.join(dirs.m1, 'base.bin')));
    const src = path.join(t.src, 'tune');
    await fsp.mkdir(src);
    await fsp.writeFile(path.join(src, 'base.bin'), BASE);
    await fsp.writeFile(path.join(src, 'delta.bin'), 'changed part');
    const session = await t.store.begin({ tag: 'm:v4', dedup: true });
    await session.add([src], { root: true });
    const v4 = (await session.commit()).path;
    expect([await inode(path.join(dirs.m1, 'base.bin')), await inode(path.join(dirs.m2, 'base.bin')), await inode(path.join(dirs.n1, 'weights', 'base.bin')), await inode(path.join(dir, 'base.bin'))]).toContain(
      await inode(path.join(v4, 'base.bin')),
    );
    expect((await fsp.readFile(path.join(v4, 'base.bin'))).equals(BASE)).toBe(true);
    expect((await fsp.stat(path.join(v4, 'delta.bin'))).nlink).toBe(1);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });

  it('create --dedup flushes again each staged folder whose entries it replaced, before the version is published', async () => {
    const { countWork } = await import('../../src-main/store/paths/work-count.ts');
    const src = path.join(t.src, 'tune2');
    await fsp.mkdir(path.join(src, 'weights'), { recursive: true });
    await fsp.writeFile(path.join(src, 'base.bin'), BASE);
    await fsp.writeFile(path.join(src, 'weights', 'base.bin'), BASE);
    await fsp.writeFile(path.join(src, 'delta.bin'), 'changed part');
    const run = async (tag: string, dedup: boolean): Promise<number> => {
      const session = await t.store.begin({ tag, dedup });
      await session.add([src], { root: true });
      return (await countWork('create-flush', () => session.commit())).steps;
    };
    const plain = await run('m:v5', false);
    const linked = await run('m:v6', true);
    // Two folders (the version's root and weights/) held replaced entries: two more flushes.
    expect(linked - plain).toBe(2);
    const v6 = path.join(t.home, 'models', 'm', 'v6');
    expect((await fsp.stat(path.join(v6, 'base.bin'))).nlink).toBeGreaterThan(1);
    expect((await fsp.stat(path.join(v6, 'weights', 'base.bin'))).nlink).toBeGreaterThan(1);
  });

  it('never links a file that replaced the checked twin: the link is undone before it replaces anything', async () => {
    const { replaceWithLink } = await import('../../src-main/store/dedup/link-replace.ts');
    const target = path.join(dirs.m2, 'base.bin');
    const before = await inode(target);
    // The twin's path now holds another inode than the one whose bytes were compared.
    const checkedIno = (await inode(path.join(dirs.m1, 'base.bin'))) + 1_000_000;
    await expect(replaceWithLink(t.store.paths, { force: 'hardlink' }, path.join(dirs.m1, 'base.bin'), target, checkedIno)).rejects.toThrow(/was replaced while it was being linked/);
    expect(await inode(target)).toBe(before);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
