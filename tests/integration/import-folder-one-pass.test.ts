import { createHash, randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIntegrity } from '../../src-main/store/index.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { tempStore, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// An import of a saved model folder records its manifest the way a create does (issue 13): each
// byte is hashed once, during the copy (small files from the copy's buffer, big ones from their
// source while the kernel copies them, model.yaml from the bytes read to parse it), and nothing
// is read back from staging or the store to be hashed. Counted on the channel every hashed byte
// is published on, never timed.

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

let t: TempStore;
let hashed: Map<string, number>;
const onHashed = (message: unknown): void => {
  const { file, bytes } = message as { file: string; bytes: number };
  hashed.set(file, (hashed.get(file) ?? 0) + bytes);
};

beforeEach(async () => {
  t = await tempStore();
  hashed = new Map();
  subscribe('model-shelf:hashed-bytes', onHashed);
});
afterEach(async () => {
  unsubscribe('model-shelf:hashed-bytes', onHashed);
  delete process.env.MODEL_SHELF_COPY_ENGINE;
  await t.cleanup();
});

const insideHome = (file: string): boolean => !path.relative(t.home, file).startsWith('..');

async function importOnce(engine: 'cp' | 'node', dedup: boolean): Promise<void> {
  if (engine === 'node') process.env.MODEL_SHELF_COPY_ENGINE = 'node';
  const dir = path.join(t.src, 'saved');
  const yaml = serializeModelYaml(newModelInfo({ name: 'folder_clf', version: 'v1', labels: { stage: 'prod' } }));
  // 70 MiB goes to the system `cp` (64 MiB and more), 3 MiB to the kernel copy, the rest through one buffer.
  const files: Record<string, Buffer> = { 'weights/big.bin': randomBytes(70 * 1024 * 1024), 'mid.bin': randomBytes(3 * 1024 * 1024), 'empty.bin': Buffer.alloc(0) };
  for (let i = 0; i < 30; i++) files[`small/f${i}.bin`] = randomBytes(4096);
  await writeFiles(dir, { ...files, 'model.yaml': yaml });

  const version = await importModel(t.store.paths, dir, dedup ? { dedup: true } : {});
  expect(version.tag).toBe('folder_clf:v1');

  // Each source byte hashed exactly once; no byte of staging or the store read back to be hashed.
  expect([...hashed.keys()].filter(insideHome)).toEqual([]);
  const expected = new Map(Object.entries(files).map(([rel, data]) => [path.join(dir, ...rel.split('/')), data.length]));
  expect(new Map([...hashed].filter(([, bytes]) => bytes > 0))).toEqual(new Map([...expected].filter(([, bytes]) => bytes > 0)));

  // The manifest describes the stored bytes, model.yaml as imported included.
  const { readManifest, verifyVersions } = await loadIntegrity();
  const m = await readManifest(t.store.paths, 'folder_clf', 'v1');
  expect(m).toMatchObject({ recordedBy: 'import', atSave: true });
  const want = [{ path: 'model.yaml', size: Buffer.byteLength(yaml), sha256: sha(yaml) }, ...Object.entries(files).map(([rel, data]) => ({ path: rel, size: data.length, sha256: sha(data) }))];
  expect(m?.files).toEqual(want.sort((a, b) => (a.path < b.path ? -1 : 1)));
  const stored = path.join(t.home, 'models', 'folder_clf', 'v1');
  expect(sha(await fsp.readFile(path.join(stored, 'weights', 'big.bin')))).toBe(sha(files['weights/big.bin'] as Buffer));
  expect((await verifyVersions(t.store.paths, [await t.store.resolve('folder_clf:v1')]))[0]?.state).toBe('intact');
}

describe('import of a saved model folder: the manifest in the same pass as the copy', () => {
  it('the system cp copies the big file, its source is hashed once, nothing staged is read back', async () => {
    await importOnce('cp', false);
  }, 180_000);

  it('the in-process copy engine does the same', async () => {
    await importOnce('node', false);
  }, 180_000);

  it('with --dedup too (dedup uses the hashes made during the copy)', async () => {
    await importOnce('cp', true);
  }, 180_000);
});
