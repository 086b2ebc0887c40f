import { createHash, randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { promises as fsp, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/program.ts';
import { loadIntegrity } from '../../src-main/store/index.ts';
import { tempStore, treeListing, writeFiles, type TempStore } from './fixtures/temp-store.ts';

// `create --manifest later` (issue 13): the faster honest choice where the SHA-256 of every byte
// is the gap to `cp` + `sync`. The copy hashes nothing and reads no byte in this process beyond
// what the copy itself reads (the big file is copied by `cp`, a child); the manifest on disk says
// it is pending; the first verify records it and says it was recorded late. Work is COUNTED
// (bytes this process read, from /proc/self/io, and the hashed-bytes channel), never timed.

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const MiB = 1024 * 1024;

/**
 * Bytes read so far through read-like calls by this process's own threads (the libuv pool
 * included). Summed per thread: /proc/self/io also adds the reaped children (the `cp` that
 * copies the big file), which are not what this counts.
 */
function bytesRead(): number {
  let sum = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const io = (() => {
      try {
        return readFileSync(`/proc/self/task/${tid}/io`, 'utf8');
      } catch {
        return ''; // a thread that ended meanwhile
      }
    })();
    const line = io.split('\n').find((l) => l.startsWith('rchar:'));
    sum += Number(line?.split(/\s+/)[1] ?? 0);
  }
  return sum;
}

let t: TempStore;
let hashed: number;
const onHashed = (message: unknown): void => {
  hashed += (message as { bytes: number }).bytes;
};

beforeEach(async () => {
  t = await tempStore();
  hashed = 0;
  subscribe('model-shelf:hashed-bytes', onHashed);
});
afterEach(async () => {
  unsubscribe('model-shelf:hashed-bytes', onHashed);
  await t.cleanup();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: t.home } as unknown as Parameters<typeof runCli>[1];
  const code = await runCli(['--home', t.home, ...args], io);
  stdout.end();
  stderr.end();
  return { code, stdout: String(stdout.read() ?? ''), stderr: String(stderr.read() ?? '') };
}

// 96 MiB goes to the system `cp` (64 MiB and more); the rest is copied by this process.
const BIG = 96 * MiB;
async function source(): Promise<{ dir: string; files: Record<string, Buffer>; copiedHere: number }> {
  const dir = path.join(t.src, 'model');
  const files: Record<string, Buffer> = { 'weights/big.bin': randomBytes(BIG), 'mid.bin': randomBytes(3 * MiB), 'empty.bin': Buffer.alloc(0) };
  for (let i = 0; i < 20; i++) files[`small/f${i}.bin`] = randomBytes(4096);
  await writeFiles(dir, files);
  const copiedHere = Object.values(files).reduce((sum, b) => sum + (b.length < BIG ? b.length : 0), 0);
  return { dir, files, copiedHere };
}

describe('create --manifest later', () => {
  it('hashes nothing and reads no byte of the big file in this process; the manifest on disk is pending', async () => {
    const { dir, files, copiedHere } = await source();
    const before = bytesRead();
    const run = await cli(['create', 'late:v1', '--root', dir, '--manifest', 'later']);
    const read = bytesRead() - before;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('late:v1');
    expect(hashed).toBe(0);
    // What this process read is what it copied itself (small and middle files), plus a little.
    expect(read).toBeLessThan(copiedHere + 2 * MiB);

    const stored = path.join(t.home, 'models', 'late', 'v1');
    for (const [rel, data] of Object.entries(files)) expect(sha(await fsp.readFile(path.join(stored, ...rel.split('/')))), rel).toBe(sha(data));
    const { readManifest, readPendingManifest } = await loadIntegrity();
    expect(await readManifest(t.store.paths, 'late', 'v1')).toBeNull();
    const pending = JSON.parse(await fsp.readFile(path.join(t.home, '.model-shelf', 'manifests', 'late', 'v1.json'), 'utf8')) as Record<string, unknown>;
    expect(pending).toMatchObject({ format: 'model-shelf-manifest-pending/1', tag: 'late:v1', reason: 'later' });
    expect(pending).not.toHaveProperty('files');
    expect(await readPendingManifest(t.store.paths, 'late', 'v1')).toMatchObject({ reason: 'later' });
  }, 180_000);

  it('the same create without the flag reads and hashes every byte (the count above can see a hash)', async () => {
    const { dir, files } = await source();
    const total = Object.values(files).reduce((sum, b) => sum + b.length, 0);
    const before = bytesRead();
    const run = await cli(['create', 'now:v1', '--root', dir]);
    const read = bytesRead() - before;
    expect(run.code, run.stderr).toBe(0);
    expect(hashed).toBe(total);
    expect(read).toBeGreaterThanOrEqual(BIG);
    const { readManifest } = await loadIntegrity();
    expect(await readManifest(t.store.paths, 'now', 'v1')).toMatchObject({ recordedBy: 'create', atSave: true });
  }, 180_000);

  it('the first verify records the manifest and says it was recorded late; later verifies compare against it', async () => {
    const { dir, files } = await source();
    expect((await cli(['create', 'late:v1', '--root', dir, '--manifest', 'later'])).code).toBe(0);
    const first = await cli(['verify', 'late:v1']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('recorded  late:v1');
    expect(first.stdout).toContain('recorded now, not at save time');
    const { readManifest, readPendingManifest } = await loadIntegrity();
    const m = await readManifest(t.store.paths, 'late', 'v1');
    expect(m).toMatchObject({ recordedBy: 'verify', atSave: false });
    const yaml = await fsp.readFile(path.join(t.home, 'models', 'late', 'v1', 'model.yaml'));
    const want = [{ path: 'model.yaml', size: yaml.length, sha256: sha(yaml) }, ...Object.entries(files).map(([rel, data]) => ({ path: rel, size: data.length, sha256: sha(data) }))];
    expect(m?.files).toEqual(want.sort((a, b) => (a.path < b.path ? -1 : 1)));
    expect(await readPendingManifest(t.store.paths, 'late', 'v1')).toBeNull();

    const second = await cli(['verify', 'late:v1', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ intact: 1, versions: [{ tag: 'late:v1', state: 'intact', atSave: false, recordedBy: 'verify' }] });
    // A change after that first verify is found, as for any version with a manifest.
    await fsp.appendFile(path.join(t.home, 'models', 'late', 'v1', 'mid.bin'), 'x');
    const third = await cli(['verify', 'late:v1']);
    expect(third.code).toBe(3);
    expect(third.stdout).toContain('mid.bin');
  }, 180_000);

  it('--manifest later with --dedup is a usage error (dedup needs the hashes at save time); nothing is created', async () => {
    const { dir } = await source();
    const before = await treeListing(t.home);
    const run = await cli(['create', 'late:v1', '--root', dir, '--manifest', 'later', '--dedup']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('error: --dedup needs the hash of every file at save time, so it cannot go with --manifest later; leave one of them out.');
    expect(await treeListing(t.home)).toEqual(before);
  }, 180_000);

  it('an unknown --manifest value is a usage error', async () => {
    const run = await cli(['create', 'late:v1', t.src, '--manifest', 'never']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'never' is invalid. Allowed choices are save, later.");
  });
});
