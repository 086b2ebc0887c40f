// Folders whose names are not UTF-8 (made on Linux by any program that writes bytes, e.g. a
// Latin-1 tarball): Node reads such a name with U+FFFD in it, and a path joined from that string
// leads nowhere, so the Files tab showed the folder empty and 0 bytes, and list's size and du
// left it out. What a person sees must count it: the tree (CLI get --json = the Files tab's
// data), the version's size in list, du against GNU `du -sb`, and the preview of a file shown
// under such a folder (the name shown is the one the preview looks up).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileNode } from '../../src-main/shared/model-types.ts';
import type { DiskUsage } from '../../src-main/shared/housekeeping-types.ts';
import { fileTree } from '../../src-main/store/read/file-tree.ts';
import { readVersionFile } from '../../src-main/store/preview/index.ts';
import { cli, duSb } from './du-fixtures.ts';
import { tempHome, writeLatestFile, writeVersion } from './scan-fixtures.ts';

const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => fsp.rm(h, { recursive: true, force: true })));
});

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

/**
 * iris:v1 with `caf\xe9/` (Latin-1 é) holding w.bin (3000 B) and `\xff\xfe/` (2000 B inside),
 * a file `d\xe9j\xe0.txt` (500 B) at the top, and a stray `\xff` folder (700 B) beside the models.
 */
async function store(): Promise<{ home: string; models: string; dir: string }> {
  const home = await tempHome('shelf-non-utf8-');
  homes.push(home);
  const dir = await writeVersion(home, 'iris', 'v1', { files: { 'weights.bin': 'w' } });
  await writeLatestFile(home, 'iris', 'v1');
  const cafe = bytes(dir, path.sep, 'caf', [0xe9]);
  await fsp.mkdir(cafe);
  await fsp.writeFile(Buffer.concat([cafe, bytes(path.sep, 'w.bin')]), Buffer.alloc(3000, 1));
  const inner = Buffer.concat([cafe, bytes(path.sep, [0xff, 0xfe])]);
  await fsp.mkdir(inner);
  await fsp.writeFile(Buffer.concat([inner, bytes(path.sep, 'x.txt')]), 'y'.repeat(2000));
  await fsp.writeFile(bytes(dir, path.sep, 'd', [0xe9], 'j', [0xe0], '.txt'), 'z'.repeat(500));
  const models = path.join(home, 'models');
  const stray = bytes(models, path.sep, [0xff]);
  await fsp.mkdir(stray);
  await fsp.writeFile(Buffer.concat([stray, bytes(path.sep, 'left.bin')]), Buffer.alloc(700));
  return { home, models, dir };
}

const sizeOf = (nodes: readonly FileNode[], name: string): FileNode | undefined => nodes.find((n) => n.name === name);

describe('folders and files whose names are not UTF-8', () => {
  it('get --json (the Files tab) lists their children with their sizes, and list counts them in the size', { timeout: 120_000 }, async () => {
    const { home } = await store();
    const got = await cli(['--home', home, 'get', 'iris:v1', '--json']);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    const detail = JSON.parse(got.stdout) as { size: number; files: FileNode[] };
    const cafe = sizeOf(detail.files, 'caf\uFFFD');
    expect(cafe).toEqual({
      name: 'caf\uFFFD',
      kind: 'directory',
      size: 5000,
      children: [
        { name: '\uFFFD\uFFFD', kind: 'directory', size: 2000, children: [{ name: 'x.txt', kind: 'file', size: 2000 }] },
        { name: 'w.bin', kind: 'file', size: 3000 },
      ],
    });
    expect(sizeOf(detail.files, 'd\uFFFDj\uFFFD.txt')).toEqual({ name: 'd\uFFFDj\uFFFD.txt', kind: 'file', size: 500 });
    const yaml = sizeOf(detail.files, 'model.yaml')?.size ?? 0;
    expect(yaml).toBeGreaterThan(0);
    expect(detail.size).toBe(yaml + 1 + 5000 + 500);
    const list = await cli(['--home', home, 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { tag: string; size: number }[]).map((v) => [v.tag, v.size])).toEqual([['iris:v1', yaml + 1 + 5000 + 500]]);
  });

  it('du counts them as du -sb does', { timeout: 120_000 }, async () => {
    const { home, models, dir } = await store();
    const run = await cli(['--home', home, 'du', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const usage = JSON.parse(run.stdout) as DiskUsage;
    expect(usage.unreadable).toEqual([]);
    expect(usage.models[0]?.versions[0]?.bytes).toBe(duSb(dir));
    expect(usage.models[0]?.bytes).toBe(duSb(path.join(models, 'iris')));
    expect(usage.modelsBytes).toBe(duSb(models));
  });

  it('a file shown under such a folder opens in the preview by the name the tree shows', { timeout: 60_000 }, async () => {
    const { dir } = await store();
    const tree = await fileTree(dir);
    const inner = sizeOf(sizeOf(tree, 'caf\uFFFD')?.children ?? [], '\uFFFD\uFFFD');
    const shown = ['caf\uFFFD', inner?.name ?? '', inner?.children?.[0]?.name ?? ''].join('/');
    expect(shown).toBe('caf\uFFFD/\uFFFD\uFFFD/x.txt');
    expect(await readVersionFile(dir, shown)).toMatchObject({ kind: 'text', size: 2000, text: 'y'.repeat(2000) });
  });
});
