import { createHash, randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { loadIntegrity } from '../../src-main/store/index.ts';
import { holdAt } from '../../src-main/store/paths/pause-points.ts';
import { tempStore, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// The manifest at create costs no second read (issue 13): every byte read to be hashed is
// published on a diagnostics channel, and these tests COUNT which files were read for the
// manifest and how many bytes (never a time). A copy hashes each source's bytes exactly once,
// during the copy, and never reads the staged or stored copy back; a move that links its files
// reads nothing and leaves a pending manifest that the first verify records.

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

async function copyCreate(engine: 'cp' | 'node'): Promise<void> {
  if (engine === 'node') process.env.MODEL_SHELF_COPY_ENGINE = 'node';
  const dir = path.join(t.src, 'model');
  const files: Record<string, Buffer> = { 'big.bin': randomBytes(70 * 1024 * 1024), 'mid.bin': randomBytes(3 * 1024 * 1024), 'empty.bin': Buffer.alloc(0) };
  for (let i = 0; i < 40; i++) files[`small/f${i}.bin`] = randomBytes(4096);
  await writeFiles(dir, files);
  const session = await t.store.begin({ tag: 'm:v1' });
  await session.add([dir], { root: true });
  await session.commit();

  // Every source byte hashed exactly once, and nothing read back from the store or staging.
  expect([...hashed.keys()].filter(insideHome)).toEqual([]);
  const expected = new Map(Object.entries(files).map(([rel, data]) => [path.join(dir, ...rel.split('/')), data.length]));
  expect(new Map([...hashed].filter(([, bytes]) => bytes > 0))).toEqual(new Map([...expected].filter(([, bytes]) => bytes > 0)));

  // And the manifest describes what is stored.
  const { readManifest } = await loadIntegrity();
  const m = await readManifest(t.store.paths, 'm', 'v1');
  expect(m?.recordedBy).toBe('create');
  expect(m?.atSave).toBe(true);
  const stored = path.join(t.home, 'models', 'm', 'v1');
  const yaml = await fsp.readFile(path.join(stored, 'model.yaml'));
  const want = [{ path: 'model.yaml', size: yaml.length, sha256: sha(yaml) }, ...Object.entries(files).map(([rel, data]) => ({ path: rel, size: data.length, sha256: sha(data) }))];
  expect(m?.files).toEqual(want.sort((a, b) => (a.path < b.path ? -1 : 1)));
  const { verifyVersions } = await loadIntegrity();
  expect((await verifyVersions(t.store.paths, [await t.store.resolve('m:v1')]))[0]?.state).toBe('intact');
}

describe('manifest at create: one pass over the bytes', () => {
  it('copy mode (system cp for the big file) hashes every source byte once and never reads the staged copy', async () => {
    await copyCreate('cp');
  }, 120_000);

  it('copy mode with the in-process copy engine does the same', async () => {
    await copyCreate('node');
  }, 120_000);

  it('a source changed after its copy but before its hash ended: the staged copy is hashed, the manifest matches what is stored', async () => {
    const file = path.join(t.src, 'weights.bin');
    const original = randomBytes(6 * 1024 * 1024);
    await fsp.writeFile(file, original);
    // The source's hash is held after its first chunk; the copy (in the kernel) is not.
    const hold = holdAt('hash-chunk');
    const session = await t.store.begin({ tag: 'm:v1' });
    await Promise.all([session.add([file]), hold.reached]);
    // The add is done (copy checked against the plan); now the source changes under the hash.
    const changed = Buffer.from(original);
    changed.fill(7, 0, 5 * 1024 * 1024);
    await fsp.writeFile(file, changed);
    await fsp.utimes(file, new Date(), new Date(Date.now() + 5000));
    hold.release();
    await session.commit();
    const stored = await fsp.readFile(path.join(t.home, 'models', 'm', 'v1', 'weights.bin'));
    expect(stored.equals(original)).toBe(true);
    const { readManifest, verifyVersions } = await loadIntegrity();
    const m = await readManifest(t.store.paths, 'm', 'v1');
    expect(m?.files.find((f) => f.path === 'weights.bin')).toEqual({ path: 'weights.bin', size: original.length, sha256: sha(original) });
    // The fallback read the staged copy once, whole.
    const staged = [...hashed].filter(([f]) => insideHome(f));
    expect(staged.map(([, bytes]) => bytes)).toEqual([original.length]);
    expect((await verifyVersions(t.store.paths, [await t.store.resolve('m:v1')]))[0]?.state).toBe('intact');
  }, 120_000);

  it('move mode reads no byte: the manifest is pending, and the first verify records it "recorded now, not at save time"', async () => {
    const dir = path.join(t.src, 'moved');
    await writeFiles(dir, { 'w.bin': randomBytes(2 * 1024 * 1024), 'cfg.json': '{}' });
    const session = await t.store.begin({ tag: 'mv:v1' });
    await session.add([dir], { root: true, mode: 'move' });
    await session.commit();
    expect(hashed.size).toBe(0);

    const { readManifest, readPendingManifest } = await loadIntegrity();
    expect(await readManifest(t.store.paths, 'mv', 'v1')).toBeNull();
    expect(await readPendingManifest(t.store.paths, 'mv', 'v1')).toMatchObject({ tag: 'mv:v1', reason: 'moved' });

    const stdout = new PassThrough();
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: t.home } as unknown as Parameters<typeof runCli>[1];
    expect(await runCli(['--home', t.home, 'verify', 'mv:v1'], io)).toBe(0);
    stdout.end();
    expect(String(stdout.read())).toContain('recorded now, not at save time');
    const m = await readManifest(t.store.paths, 'mv', 'v1');
    expect(m).toMatchObject({ recordedBy: 'verify', atSave: false });
    expect(m?.files.map((f) => f.path)).toEqual(['cfg.json', 'model.yaml', 'w.bin']);
    expect(await readPendingManifest(t.store.paths, 'mv', 'v1')).toBeNull();
    // From then on it is verified like any other version.
    expect(await runCli(['--home', t.home, 'verify', 'mv:v1'], io)).toBe(0);
  }, 120_000);
});
