import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dirSize } from '../../src-main/store/read/dir-size.ts';
import { fileTree } from '../../src-main/store/read/file-tree.ts';

let dir: string;
let outside: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-size-'));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-outside-'));
  await fs.writeFile(path.join(dir, 'model.yaml'), 'x'.repeat(100));
  await fs.writeFile(path.join(dir, '.hidden'), 'x'.repeat(10));
  await fs.mkdir(path.join(dir, 'sub', 'deeper'), { recursive: true });
  await fs.writeFile(path.join(dir, 'sub', 'deeper', 'w.bin'), Buffer.alloc(4000));
  await fs.writeFile(path.join(outside, 'target.bin'), Buffer.alloc(500));
  await fs.mkdir(path.join(outside, 'tree'));
  await fs.writeFile(path.join(outside, 'tree', 'big.bin'), Buffer.alloc(9999));
  await fs.symlink(path.join(outside, 'target.bin'), path.join(dir, 'link-file'));
  await fs.symlink(path.join(outside, 'tree'), path.join(dir, 'link-dir'));
  await fs.symlink(path.join(outside, 'nowhere'), path.join(dir, 'broken-link'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

describe('dirSize (§8.1 calc_dir_size)', () => {
  it('counts files and hidden files, a symlinked file at its target size, never a symlinked directory', async () => {
    expect(await dirSize(dir)).toBe(100 + 10 + 4000 + 500);
  });
  it('is 0 for a missing directory', async () => {
    expect(await dirSize(path.join(dir, 'nope'))).toBe(0);
  });
});

describe('fileTree', () => {
  it('lists directories first with summed sizes and marks symlinks', async () => {
    const tree = await fileTree(dir);
    expect(tree.map((n) => [n.name, n.kind, n.size])).toEqual([
      ['sub', 'directory', 4000],
      ['.hidden', 'file', 10],
      ['broken-link', 'symlink', 0],
      ['link-dir', 'symlink', 0],
      ['link-file', 'symlink', 500],
      ['model.yaml', 'file', 100],
    ]);
    expect(tree[0]?.children?.[0]).toEqual({ name: 'deeper', kind: 'directory', size: 4000, children: [{ name: 'w.bin', kind: 'file', size: 4000 }] });
  });
});
