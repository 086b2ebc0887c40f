import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countWork, type WorkKind } from '../../src-main/store/paths/work-count.ts';
import { tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

// A create's cost grows with its files and no faster, proven by counting (never timing):
// filesystem calls per planned file stay the same from 100 to 1,000 files, and the flush before
// the rename is one syncfs of the staging filesystem whatever the number of files (Linux >= 5.8,
// flush-tree.ts), or one fsync per file and folder where that is forced or unavailable.

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  delete process.env.MODEL_SHELF_FLUSH;
  await t.cleanup();
});

/** A folder of `n` files of 4 KiB, spread over 4 sub-folders. */
async function folderOf(n: number, name: string): Promise<string> {
  const dir = path.join(t.src, name);
  for (let d = 0; d < 4; d++) await fsp.mkdir(path.join(dir, `d${d}`), { recursive: true });
  for (let i = 0; i < n; i++) await fsp.writeFile(path.join(dir, `d${i % 4}`, `f${i}.bin`), Buffer.alloc(4096, i % 251));
  return dir;
}

async function createCounting(kind: WorkKind, dir: string, tag: string): Promise<number> {
  const { steps, error } = await countWork(kind, async () => {
    const session = await t.store.begin({ tag });
    await session.add([dir], { mode: 'copy' });
    await session.commit();
  });
  expect(error).toBeUndefined();
  return steps;
}

describe('create: work per file', () => {
  it('filesystem calls grow linearly with the files: the same few calls per file at 100 and 1,000 files', async () => {
    const small = await createCounting('create-file-call', await folderOf(100, 'small'), 'calls:small');
    const big = await createCounting('create-file-call', await folderOf(1000, 'big'), 'calls:big');
    // Per file: lstat in the plan; the copy, hashed from its one read (copy-file.ts): open, read,
    // close, open, write, stat, fchmod, futimes, close. Per folder: lstat, readdir, mkdir.
    const folders = 5;
    expect(small).toBe(100 * 10 + folders * 3);
    expect(big).toBe(1000 * 10 + folders * 3);
  }, 120_000);

  it('the flush before the rename is one syncfs, not one fsync per file, and the version is complete', async () => {
    // syncfs is used on Linux for ext4, XFS, btrfs and F2FS (flush-tree.ts); this machine's temp folder is one.
    expect(process.platform).toBe('linux');
    expect([0xef53, 0x58465342, 0x9123683e, 0xf2f52010]).toContain((await fsp.statfs(t.src)).type);
    const small = await createCounting('create-flush', await folderOf(100, 'small'), 'flush:small');
    const big = await createCounting('create-flush', await folderOf(1000, 'big'), 'flush:big');
    // One syncfs of the staged tree, then fsync of the name's folder and, the first time, of models/.
    expect(small).toBe(1 + 2);
    expect(big).toBe(1 + 1);
    const [version = ''] = (await fsp.readdir(path.join(t.home, 'models', 'flush'))).filter((v) => v !== 'latest');
    const stored = await treeListing(path.join(t.home, 'models', 'flush', version));
    expect(stored.filter((line) => line.endsWith('/'))).toEqual(['big/', 'big/d0/', 'big/d1/', 'big/d2/', 'big/d3/']);
    expect(stored.filter((line) => / 4096 /.test(line))).toHaveLength(1000);
  }, 120_000);

  it('with MODEL_SHELF_FLUSH=fsync every file and folder is fsynced, as on a system without syncfs', async () => {
    process.env.MODEL_SHELF_FLUSH = 'fsync';
    const flushes = await createCounting('create-flush', await folderOf(100, 'small'), 'fsync:small');
    // 100 files + model.yaml, 6 staged folders (the staging root, small/, d0-d3), the name's folder, models/.
    expect(flushes).toBe(101 + 6 + 2);
  }, 120_000);

  it('a few files are fsynced one by one even where syncfs is available (no wait for the rest of the disk)', async () => {
    const dir = path.join(t.src, 'few');
    await fsp.mkdir(dir);
    for (let i = 0; i < 3; i++) await fsp.writeFile(path.join(dir, `f${i}.bin`), 'x');
    const flushes = await createCounting('create-flush', dir, 'few:one');
    // 3 files + model.yaml, 2 folders, the name's folder, models/.
    expect(flushes).toBe(4 + 2 + 2);
  }, 120_000);
});
