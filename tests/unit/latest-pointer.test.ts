import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pickLatest, readLatest, writeLatest } from '../../src-main/store/latest/latest-pointer.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-latest-'));
  await fs.mkdir(path.join(dir, 'v1'));
  await fs.mkdir(path.join(dir, 'v2'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readLatest (§2.2)', () => {
  it('reads a bare version', async () => {
    await fs.writeFile(path.join(dir, 'latest'), 'v1');
    expect(await readLatest(dir)).toEqual({ state: 'ok', version: 'v1', content: 'v1' });
  });
  it('follows a pointer with a trailing newline but says so', async () => {
    await fs.writeFile(path.join(dir, 'latest'), 'v2\n');
    expect(await readLatest(dir)).toEqual({ state: 'newline', version: 'v2', content: 'v2' });
  });
  it('reports missing, empty, stale and not-a-file pointers', async () => {
    expect((await readLatest(dir)).state).toBe('missing');
    await fs.writeFile(path.join(dir, 'latest'), '');
    expect(await readLatest(dir)).toEqual({ state: 'empty', version: null, content: '' });
    await fs.writeFile(path.join(dir, 'latest'), 'gone');
    expect(await readLatest(dir)).toEqual({ state: 'stale', version: null, content: 'gone' });
    await fs.writeFile(path.join(dir, 'latest'), '../v1');
    expect((await readLatest(dir)).state).toBe('stale');
    await fs.rm(path.join(dir, 'latest'));
    await fs.symlink('v1', path.join(dir, 'latest'));
    expect((await readLatest(dir)).state).toBe('not-file');
    await fs.rm(path.join(dir, 'latest'));
    await fs.mkdir(path.join(dir, 'latest'));
    expect((await readLatest(dir)).state).toBe('not-file');
  });
  it('calls a pointer at a file stale', async () => {
    await fs.writeFile(path.join(dir, 'notes'), 'x');
    await fs.writeFile(path.join(dir, 'latest'), 'notes');
    expect((await readLatest(dir)).state).toBe('stale');
  });
});

describe('writeLatest', () => {
  it('writes the bare version with no newline and leaves no temp file', async () => {
    await fs.writeFile(path.join(dir, 'latest'), 'v1\n');
    await writeLatest(dir, 'v2');
    expect(await fs.readFile(path.join(dir, 'latest'), 'utf8')).toBe('v2');
    expect((await fs.readdir(dir)).sort()).toEqual(['latest', 'v1', 'v2']);
  });
  it('replaces a symlink with a plain file', async () => {
    await fs.symlink('v1', path.join(dir, 'latest'));
    await writeLatest(dir, 'v1');
    const stat = await fs.lstat(path.join(dir, 'latest'));
    expect(stat.isFile()).toBe(true);
    expect(await fs.readFile(path.join(dir, 'latest'), 'utf8')).toBe('v1');
  });
  it('fails on a directory named latest without leaving a temp file', async () => {
    await fs.mkdir(path.join(dir, 'latest'));
    await fs.writeFile(path.join(dir, 'latest', 'x'), 'x');
    await expect(writeLatest(dir, 'v1')).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['latest', 'v1', 'v2']);
  });
});

describe('pickLatest', () => {
  const t = (s: number): string => `2025-03-14T09:26:${String(s).padStart(2, '0')}.000000+00:00`;
  it('takes the greatest creation_time, comparing instants', () => {
    expect(pickLatest([{ version: 'a', creationTime: t(5) }, { version: 'b', creationTime: t(7) }, { version: 'c', creationTime: t(6) }])).toBe('b');
    expect(pickLatest([{ version: 'a', creationTime: '2025-03-14T10:00:00+01:00' }, { version: 'b', creationTime: '2025-03-14T09:30:00+00:00' }])).toBe('b');
    expect(pickLatest([{ version: 'a', creationTime: '2025-03-14T09:26:53.413219+00:00' }, { version: 'b', creationTime: '2025-03-14T09:26:53.413218+00:00' }])).toBe('a');
    expect(pickLatest([])).toBeNull();
  });
  it('breaks ties like delete (last version) or like get (first version)', () => {
    const tied = [{ version: 'b', creationTime: t(5) }, { version: 'c', creationTime: t(5) }, { version: 'a', creationTime: t(5) }];
    expect(pickLatest(tied)).toBe('c');
    expect(pickLatest(tied, 'first')).toBe('a');
  });
});
