import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDedup, loadIntegrity } from '../../src-main/store/index.ts';
import { BASE, duplicateStore, inode } from './dedup-fixtures.ts';
import { tempStore, type TempStore } from './fixtures/temp-store.ts';

// kill -9 during dedup (crash points, never timing): at any point each version holds its old
// copy or the link, both with the same bytes, nothing extra appears inside a version, and the
// only leftover is an owner-stamped staging entry that the next run (or repair) reclaims.

const CHILD = fileURLToPath(new URL('./fixtures/dedup-child.ts', import.meta.url));

let t: TempStore;
let dirs: { m1: string; m2: string; n1: string };
beforeEach(async () => {
  t = await tempStore();
  dirs = await duplicateStore(t.store, t.src);
});
afterEach(async () => {
  await t.cleanup();
});

async function killedAt(point: string): Promise<number> {
  const child = spawn(process.execPath, [CHILD, t.home, point], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
  expect(out).toBe('');
  expect(signal).toBe('SIGKILL');
  return child.pid ?? 0;
}

async function expectBytesIntact(): Promise<void> {
  for (const f of [path.join(dirs.m1, 'base.bin'), path.join(dirs.m2, 'base.bin'), path.join(dirs.n1, 'weights', 'base.bin')]) {
    expect((await fsp.readFile(f)).equals(BASE)).toBe(true);
  }
  expect((await fsp.readdir(dirs.m2)).sort()).toEqual(['base.bin', 'head.bin', 'model.yaml', 'solo.bin']);
  expect((await fsp.readdir(path.join(dirs.n1, 'weights')))).toEqual(['base.bin']);
  const { verifyVersions, versionsToVerify } = await loadIntegrity();
  expect((await verifyVersions(t.store.paths, await versionsToVerify(t.store.paths, []))).map((r) => r.state)).toEqual(['intact', 'intact', 'intact']);
}

describe('dedup killed mid-way', () => {
  it('with the link made but not yet renamed: copies untouched, one staging leftover, reclaimed by repair', async () => {
    const pid = await killedAt('dedup-linked');
    await expectBytesIntact();
    expect(await inode(path.join(dirs.m2, 'base.bin'))).not.toBe(await inode(path.join(dirs.m1, 'base.bin')));
    const left = (await fsp.readdir(t.store.paths.staging)).filter((n) => n.includes(`-${pid}-`));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^dedup-/);
    const report = await t.store.repair();
    expect(report.fixed).toContain(`Removed .model-shelf/staging/${left[0]}.`);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });

  it('after the first replacement: that one is a link, the other still a copy, and the next run finishes the job', async () => {
    await killedAt('dedup-replaced');
    await expectBytesIntact();
    const ino = await inode(path.join(dirs.m1, 'base.bin'));
    expect(await inode(path.join(dirs.m2, 'base.bin'))).toBe(ino);
    expect(await inode(path.join(dirs.n1, 'weights', 'base.bin'))).not.toBe(ino);
    const { planDedup, applyDedup } = await loadDedup();
    const result = await applyDedup(t.store.paths, await planDedup(t.store.paths), { env: { MODEL_SHELF_DEDUP_METHOD: 'hardlink' } });
    expect(result.replaced.map((r) => `${r.tag}/${r.path}`)).toEqual(['n:v1/weights/base.bin']);
    expect(await inode(path.join(dirs.n1, 'weights', 'base.bin'))).toBe(ino);
    await expectBytesIntact();
    // The lock of the killed run was taken over (its owner is dead), and no staging is left.
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });
});
