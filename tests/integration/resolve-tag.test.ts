import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError, type ShelfError } from '../../src-main/shared/errors.ts';
import { resolveTag } from '../../src-main/store/read/resolve-tag.ts';
import { scanStore } from '../../src-main/store/read/scan.ts';
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

describe('latest is resolved in memory like BentoML, never rewritten (§2.2, issue 8)', () => {
  /** Every entry of models/iris with its type and content: what a resolve must leave as it was. */
  async function nameDirState(): Promise<string[]> {
    const dir = path.join(home, 'models', 'iris');
    const out: string[] = [];
    for (const e of (await fs.readdir(dir)).sort()) {
      const st = await fs.lstat(path.join(dir, e));
      const what = st.isSymbolicLink() ? `-> ${await fs.readlink(path.join(dir, e))}` : st.isFile() ? JSON.stringify(await fs.readFile(path.join(dir, e), 'utf8')) : 'dir';
      out.push(`${e} ${what} ${st.mtimeMs}`);
    }
    return out;
  }

  it.each([
    ['missing', null, 'abd222'],
    ['stale', 'gone', 'abd222'],
    ['newline', 'abc111\n', 'abc111'],
  ])('%s pointer: resolves to what BentoML would load and leaves the pointer as it is', async (_what, content, expected) => {
    if (content !== null) await writeLatestFile(home, 'iris', content);
    const before = await nameDirState();
    const v = await resolveTag(home, 'iris');
    expect([v.version, v.latest]).toEqual([expected, true]);
    expect((await resolveTag(home, `iris:${expected}`)).latest).toBe(true);
    expect(await nameDirState()).toEqual(before);
    expect(await fs.readdir(home)).toEqual(['models']);
  });

  it('an empty pointer fails as it does in BentoML, with a sentence naming repair', async () => {
    await writeLatestFile(home, 'iris', '');
    const before = await nameDirState();
    const error = await failure('iris');
    expect(error.code).toBe('BROKEN_MODEL');
    expect(error.message).toMatch(/^iris:latest cannot be resolved: models\/iris\/latest is empty.*run `model-shelf repair`/);
    expect((await resolveTag(home, 'iris:abd222')).latest).toBe(false);
    expect(await nameDirState()).toEqual(before);
  });

  it('follows a link to a file naming a version, and fails on a link to a folder or a folder, leaving each alone', async () => {
    await fs.writeFile(path.join(home, 'pointer.txt'), 'abc111');
    await fs.symlink('../../pointer.txt', latestFile());
    let before = await nameDirState();
    expect((await resolveTag(home, 'iris')).version).toBe('abc111');
    expect(await nameDirState()).toEqual(before);
    await fs.rm(latestFile());
    await fs.symlink('abc111', latestFile());
    before = await nameDirState();
    expect((await failure('iris')).code).toBe('BROKEN_MODEL');
    expect((await fs.lstat(latestFile())).isSymbolicLink()).toBe(true);
    expect(await nameDirState()).toEqual(before);
    await fs.rm(latestFile());
    await fs.mkdir(latestFile());
    expect((await failure('iris:latest')).message).toContain('is a folder');
    expect((await fs.lstat(latestFile())).isDirectory()).toBe(true);
  });

  it('never opens a FIFO named latest (a read would wait forever): reported as unreadable, the newest taken', { timeout: 60_000 }, async () => {
    execFileSync('mkfifo', [latestFile()]);
    const before = await nameDirState();
    expect((await resolveTag(home, 'iris')).version).toBe('abd222');
    const { problems, versions } = await scanStore(home);
    expect(problems.map((p) => [p.kind, p.message])).toEqual([['latest-not-file', expect.stringContaining('models/iris/latest cannot be read (not a regular file)')]]);
    expect(versions.filter((v) => v.latest).map((v) => v.version)).toEqual(['abd222']);
    expect(await nameDirState()).toEqual(before);
  });

  it('breaks ties by the first version, like _recreate_latest', async () => {
    await writeVersion(home, 'iris', 'aaa000', { creationTime: time(9) });
    expect((await resolveTag(home, 'iris')).version).toBe('aaa000');
  });

  it('fails like BentoML when a version it would have to load for the recompute is broken', async () => {
    await writeVersion(home, 'iris', 'zzz999', { yaml: 'name: [\n' });
    const error = await failure('iris');
    expect(error.code).toBe('BROKEN_MODEL');
    expect(error.message).toContain('models/iris/zzz999 cannot be loaded');
    // With a valid pointer BentoML never looks at the other versions.
    await writeLatestFile(home, 'iris', 'xyz333');
    expect((await resolveTag(home, 'iris')).version).toBe('xyz333');
  });

  it('fails when no version can be loaded', async () => {
    await writeVersion(home, 'broken', 'v1', { yaml: '' });
    const error = await resolveTag(home, 'broken').catch((e: unknown) => e);
    expect(isShelfError(error) && error.code).toBe('BROKEN_MODEL');
  });

  it('follows a valid pointer at an older version (BentoML does too)', async () => {
    await writeLatestFile(home, 'iris', 'abc111');
    expect((await resolveTag(home, 'iris')).version).toBe('abc111');
    expect(await fs.readFile(latestFile(), 'utf8')).toBe('abc111');
  });
});
