import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError, type ShelfError } from '../../src-main/shared/errors.ts';
import { resolveTag } from '../../src-main/store/resolve-tag.ts';
import { tempHome, time, writeLatestFile, writeVersion } from './scan-fixtures.ts';

let home: string;
const latestFile = (): string => path.join(home, 'models', 'iris', 'latest');

beforeEach(async () => {
  home = await tempHome('shelf-resolve-');
  await writeVersion(home, 'iris', 'abc111', { creationTime: time(1) });
  await writeVersion(home, 'iris', 'abd222', { creationTime: time(9) });
  await writeVersion(home, 'iris', 'xyz333', { creationTime: time(5) });
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function failure(input: string): Promise<ShelfError> {
  const error = await resolveTag(home, input).then(() => null, (e: unknown) => e);
  if (!isShelfError(error)) throw new Error(`expected a ShelfError for ${input}`);
  return error;
}

describe('resolveTag', () => {
  it('resolves name and name:latest through the pointer without writing anything', async () => {
    await writeLatestFile(home, 'iris', 'xyz333');
    expect((await resolveTag(home, 'iris')).tag).toBe('iris:xyz333');
    const v = await resolveTag(home, 'IRIS:latest');
    expect([v.tag, v.latest, v.status]).toEqual(['iris:xyz333', true, 'ok']);
    expect(await fs.readFile(latestFile(), 'utf8')).toBe('xyz333');
    expect(await fs.readdir(home)).toEqual(['models']);
  });

  it('resolves an exact version (lowercased) and a unique prefix', async () => {
    await writeLatestFile(home, 'iris', 'abd222');
    expect(await resolveTag(home, 'iris:ABC111')).toMatchObject({ tag: 'iris:abc111', latest: false, creationTime: time(1) });
    expect(await resolveTag(home, 'iris:xy')).toMatchObject({ tag: 'iris:xyz333', latest: false });
    expect(await resolveTag(home, 'iris:abd')).toMatchObject({ tag: 'iris:abd222', latest: true });
  });

  it('prefers an exact version over a longer one with the same prefix', async () => {
    await writeVersion(home, 'iris', 'abc', { creationTime: time(2) });
    expect((await resolveTag(home, 'iris:abc')).version).toBe('abc');
  });

  it('refuses an ambiguous prefix and lists the candidates', async () => {
    const error = await failure('iris:ab');
    expect(error.code).toBe('AMBIGUOUS');
    expect(error.details?.candidates).toEqual(['iris:abc111', 'iris:abd222']);
    expect(error.message).toContain('abc111, abd222');
  });

  it('says what is missing', async () => {
    expect((await failure('iris:zzz')).code).toBe('NOT_FOUND');
    expect((await failure('iris:zzz')).message).toContain('model-shelf list iris');
    expect((await failure('nope')).code).toBe('NOT_FOUND');
    expect((await failure('a:b:c')).code).toBe('INVALID_TAG');
    expect((await failure('iris:')).code).toBe('INVALID_TAG');
  });

  it('does not match plain files as versions', async () => {
    await writeLatestFile(home, 'iris', 'abc111');
    await fs.writeFile(path.join(home, 'models', 'iris', 'xyz-notes'), 'x');
    expect((await resolveTag(home, 'iris:xy')).version).toBe('xyz333');
    expect((await failure('iris:la')).code).toBe('NOT_FOUND');
  });
});

describe('latest repair on resolve (§2.2)', () => {
  it.each([
    ['missing', null],
    ['stale', 'gone'],
    ['empty', ''],
    ['newline', 'abc111\n'],
  ])('%s pointer: resolves and rewrites latest as the bare version', async (_what, content) => {
    if (content !== null) await writeLatestFile(home, 'iris', content);
    const expected = content === 'abc111\n' ? 'abc111' : 'abd222';
    const v = await resolveTag(home, 'iris');
    expect([v.version, v.latest]).toEqual([expected, true]);
    expect(await fs.readFile(latestFile(), 'utf8')).toBe(expected);
    expect((await fs.readdir(path.join(home, 'models', 'iris'))).filter((f) => f.startsWith('.latest'))).toEqual([]);
  });

  it('replaces a symlinked latest with a plain file and leaves a real directory alone', async () => {
    await fs.symlink('abc111', latestFile());
    expect((await resolveTag(home, 'iris')).version).toBe('abd222');
    expect((await fs.lstat(latestFile())).isFile()).toBe(true);
    await fs.rm(latestFile());
    await fs.mkdir(latestFile());
    expect((await resolveTag(home, 'iris:latest')).version).toBe('abd222');
    expect((await fs.lstat(latestFile())).isDirectory()).toBe(true);
  });

  it('skips broken versions and breaks ties by the first version, like _recreate_latest', async () => {
    await writeVersion(home, 'iris', 'aaa000', { creationTime: time(9) });
    await writeVersion(home, 'iris', 'zzz999', { yaml: 'name: [\n' });
    await writeVersion(home, 'iris', 'zzz998', { yaml: null });
    expect((await resolveTag(home, 'iris')).version).toBe('aaa000');
    expect(await fs.readFile(latestFile(), 'utf8')).toBe('aaa000');
  });

  it('fails when no version can be loaded', async () => {
    await writeVersion(home, 'broken', 'v1', { yaml: '' });
    const error = await resolveTag(home, 'broken').catch((e: unknown) => e);
    expect(isShelfError(error) && error.code).toBe('NOT_FOUND');
  });

  it('follows a valid pointer at an older version (BentoML does too)', async () => {
    await writeLatestFile(home, 'iris', 'abc111');
    expect((await resolveTag(home, 'iris')).version).toBe('abc111');
    expect(await fs.readFile(latestFile(), 'utf8')).toBe('abc111');
  });
});
