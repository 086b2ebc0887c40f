import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCreationTime } from '../../src-main/store/yaml/creation-time.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { withNameLock } from '../../src-main/store/paths/store-lock.ts';
import { readLatestFile, tempStore, writeFiles, type TempStore } from './fixtures/temp-store.ts';

const CHILD = fileURLToPath(new URL('./fixtures/create-child.ts', import.meta.url));

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

function runChild(name: string, count: number, srcs: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [CHILD, t.home, name, String(count), ...srcs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('concurrent committers', () => {
  it('4 processes committing versions of one name all succeed and latest ends on the greatest creation_time', async () => {
    await writeFiles(t.src, { 'w.bin': 'weights'.repeat(1000) });
    const results = await Promise.all([0, 1, 2, 3].map(() => runChild('shared', 3, [path.join(t.src, 'w.bin')])));
    for (const r of results) expect(r).toMatchObject({ code: 0, err: '' });
    const nameDir = path.join(t.home, 'models', 'shared');
    const versions = (await fsp.readdir(nameDir)).filter((v) => v !== 'latest');
    expect(versions).toHaveLength(12);
    const times = new Map<string, string>();
    for (const v of versions) times.set(v, parseModelYaml(await fsp.readFile(path.join(nameDir, v, 'model.yaml'), 'utf8')).creation_time);
    const max = [...times.values()].reduce((a, b) => (compareCreationTime(a, b) >= 0 ? a : b));
    const latest = await readLatestFile(t.home, 'shared');
    expect(latest).not.toBeNull();
    expect(times.get(latest ?? '')).toBe(max);
    // Nothing left behind: no staging, no locks, no temp pointer files.
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([]);
    expect(await fsp.readdir(t.store.paths.locks)).toEqual([]);
    expect((await fsp.readdir(nameDir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a lock whose owner process is dead is taken over; a live one makes others wait', async () => {
    await fsp.mkdir(t.store.paths.locks, { recursive: true });
    const lockFile = path.join(t.store.paths.locks, 'm.lock');
    const { hostname } = await import('node:os');
    // pid 2^22+1 is above Linux's pid_max default range: no such process.
    await fsp.writeFile(lockFile, JSON.stringify({ pid: 4194305, host: hostname(), time: Date.now(), token: 'dead' }));
    expect(await withNameLock(t.store.paths, 'm', () => Promise.resolve('ran'))).toBe('ran');
    expect(await fsp.readdir(t.store.paths.locks)).toEqual([]);

    const order: string[] = [];
    // b asks for the lock once a holds it (not after a fixed delay: a busy machine may take
    // longer than any delay to let a in), and a leaves only after b has started waiting.
    let aIn!: () => void;
    const aHolds = new Promise<void>((resolve) => (aIn = resolve));
    let bAsked!: () => void;
    const bWaits = new Promise<void>((resolve) => (bAsked = resolve));
    await Promise.all([
      withNameLock(t.store.paths, 'm', async () => {
        order.push('a-in');
        aIn();
        await bWaits;
        await new Promise((r) => setTimeout(r, 50));
        order.push('a-out');
      }),
      aHolds.then(() => {
        const b = withNameLock(t.store.paths, 'm', () => Promise.resolve(void order.push('b')));
        bAsked();
        return b;
      }),
    ]);
    expect(order).toEqual(['a-in', 'a-out', 'b']);
    await fsp.writeFile(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now(), token: 'live' }));
    const busy = await withNameLock(t.store.paths, 'm', () => Promise.resolve('never'), { timeoutMs: 200 }).then(() => null, (e: unknown) => e);
    expect(busy).toMatchObject({ code: 'BUSY' });
    expect((busy as Error).message).toContain(`process ${process.pid}`);
    // A live pid but an old lock (pid reuse, a hung holder): taken over after staleMs.
    await fsp.writeFile(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() - 120_000, token: 'old' }));
    expect(await withNameLock(t.store.paths, 'm', () => Promise.resolve('ran'), { staleMs: 60_000 })).toBe('ran');
  });
});
