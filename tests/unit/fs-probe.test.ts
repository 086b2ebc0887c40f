// The store's one set of path probes (src-main/store/paths/fs-probe.ts): links are followed as
// BentoML's Path.is_dir()/exists() follow them (lexists alone looks at the name itself), and a
// path that cannot be looked at is simply "not there", never an exception.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, isDirectory, isDirectoryEntry, isDirectoryEntrySyncStrict, isDirectorySync, isDirectorySyncStrict, lexists } from '../../src-main/store/paths/fs-probe.ts';

let dir: string;
const at = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-fs-probe-'));
  await fsp.mkdir(at('folder'));
  await fsp.writeFile(at('file'), 'x');
  await fsp.symlink('folder', at('link-to-folder'));
  await fsp.symlink('file', at('link-to-file'));
  await fsp.symlink('gone', at('dangling'));
  await fsp.mkdir(at('loops'));
  await fsp.symlink('loop-b', at('loops/loop-a'));
  await fsp.symlink('loop-a', at('loops/loop-b'));
});
afterAll(() => fsp.rm(dir, { recursive: true, force: true }));

describe('fs-probe', () => {
  const cases: [name: string, directory: boolean, exists: boolean, lexists: boolean][] = [
    ['folder', true, true, true],
    ['link-to-folder', true, true, true],
    ['file', false, true, true],
    ['link-to-file', false, true, true],
    ['dangling', false, false, true],
    ['missing', false, false, false],
    ['file/below-a-file', false, false, false], // ENOTDIR
    ['bad\0name', false, false, false], // a NUL byte: Node refuses the path
    ['x'.repeat(5000), false, false, false], // ENAMETOOLONG
  ];
  it.each(cases)('%s: folder %s, exists %s, lexists %s', async (name, directory, exists, named) => {
    expect(await isDirectory(at(name))).toBe(directory);
    expect(isDirectorySync(at(name))).toBe(directory);
    expect(existsSync(at(name))).toBe(exists);
    expect(await lexists(at(name))).toBe(named);
  });

  it('counts a directory entry that is a folder or a link to one', async () => {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    const folders: string[] = [];
    for (const entry of entries) if (await isDirectoryEntry(dir, entry)) folders.push(entry.name);
    expect(folders.sort()).toEqual(['folder', 'link-to-folder', 'loops']);
    expect(entries.filter((e) => isDirectoryEntrySyncStrict(dir, e)).map((e) => e.name).sort()).toEqual(['folder', 'link-to-folder', 'loops']);
  });

  it('the strict probes of the listings say false for a missing target but throw on a link loop, as Path.is_dir() raises', async () => {
    for (const name of ['folder', 'link-to-folder']) expect(isDirectorySyncStrict(at(name))).toBe(true);
    for (const name of ['file', 'dangling', 'missing', 'file/below-a-file']) expect(isDirectorySyncStrict(at(name))).toBe(false);
    expect(() => isDirectorySyncStrict(at('loops/loop-a'))).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    const loop = (await fsp.readdir(at('loops'), { withFileTypes: true }))[0]!;
    expect(() => isDirectoryEntrySyncStrict(at('loops'), loop)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect(await isDirectoryEntry(at('loops'), loop)).toBe(false);
  });
});
