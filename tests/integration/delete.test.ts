import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bentomlVersion, exists, fakeBento, readLatestFile, tempStore, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
const models = (): string => path.join(t.home, 'models');

beforeEach(async () => {
  t = await tempStore();
  // 'b' is the newest; 'a' and 'c' are older.
  await bentomlVersion(t.home, 'iris', 'aaa1', '2025-01-01T00:00:00.000000+00:00', { 'w.bin': 'a' });
  await bentomlVersion(t.home, 'iris', 'bbb2', '2025-03-01T00:00:00.000000+00:00', { 'w.bin': 'b' });
  await bentomlVersion(t.home, 'iris', 'ccc3', '2025-02-01T00:00:00.000000+00:00', { 'w.bin': 'c' });
  await fsp.writeFile(path.join(models(), 'iris', 'latest'), 'bbb2');
});
afterEach(async () => {
  await t.cleanup();
});

describe('delete', () => {
  it('deleting the latest version points latest at the greatest remaining creation_time', async () => {
    const result = await t.store.delete(['iris:bbb2']);
    expect(result.deleted).toEqual(['iris:bbb2']);
    expect(await exists(path.join(models(), 'iris', 'bbb2'))).toBe(false);
    expect(await readLatestFile(t.home, 'iris')).toBe('ccc3');
    // The removal went through staging, which is empty again.
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
  });

  it('resolves name:latest and unique prefixes like the bentoml CLI', async () => {
    expect((await t.store.delete(['iris:latest'])).deleted).toEqual(['iris:bbb2']);
    expect((await t.store.delete(['iris:aa'])).deleted).toEqual(['iris:aaa1']);
    expect(await readLatestFile(t.home, 'iris')).toBe('ccc3');
  });

  it('deleting the last version removes the name directory with its latest', async () => {
    await t.store.delete(['iris:aaa1', 'iris:bbb2']);
    expect(await readLatestFile(t.home, 'iris')).toBe('ccc3');
    await t.store.delete(['iris:ccc3']);
    expect(await exists(path.join(models(), 'iris'))).toBe(false);
  });

  it('`name` deletes every version, broken ones included', async () => {
    await fsp.mkdir(path.join(models(), 'iris', 'half'));
    const result = await t.store.delete(['iris']);
    expect(result.deleted.sort()).toEqual(['iris:aaa1', 'iris:bbb2', 'iris:ccc3', 'iris:half']);
    expect(await fsp.readdir(models())).toEqual([]);
  });

  it('a broken version can still be deleted by its exact tag', async () => {
    await fsp.mkdir(path.join(models(), 'iris', 'broken1'));
    await fsp.writeFile(path.join(models(), 'iris', 'broken1', 'model.yaml'), '');
    expect((await t.store.delete(['iris:broken1'])).deleted).toEqual(['iris:broken1']);
    expect(await readLatestFile(t.home, 'iris')).toBe('bbb2');
  });

  it('refuses a model used by a local bento with IN_USE naming the bento, unless forced', async () => {
    await fakeBento(t.home, 'svc:v1', ['iris:ccc3']);
    const error = await t.store.delete(['iris:aaa1', 'iris:ccc3']).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'IN_USE' });
    expect((error as Error).message).toContain('svc:v1');
    // Nothing was deleted, not even the unused one.
    expect(await exists(path.join(models(), 'iris', 'aaa1'))).toBe(true);
    expect((await t.store.delete(['iris:ccc3'], { force: true })).deleted).toEqual(['iris:ccc3']);
  });

  it('an unknown name or version is NOT_FOUND and changes nothing', async () => {
    await expect(t.store.delete(['nope'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.store.delete(['iris:zzz'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await fsp.readdir(path.join(models(), 'iris'))).sort()).toEqual(['aaa1', 'bbb2', 'ccc3', 'latest']);
  });
});
