import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stagingHost } from '../../src-main/store/create/staging-area.ts';
import { bentomlVersion, exists, readLatestFile, tempStore, treeListing, type TempStore } from './fixtures/temp-store.ts';

let t: TempStore;
const DEAD = `create-${stagingHost()}-4194305-abcdef`;
const LIVE = `create-${stagingHost()}-${process.pid}-123456`;
const models = (): string => path.join(t.home, 'models');

beforeEach(async () => {
  t = await tempStore();
  await bentomlVersion(t.home, 'stale', 'v1', '2025-01-01T00:00:00.000000+00:00');
  await bentomlVersion(t.home, 'stale', 'v2', '2025-02-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(models(), 'stale', 'latest'), 'gone');
  await bentomlVersion(t.home, 'nl', 'v1', '2025-01-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(models(), 'nl', 'latest'), 'v1\n');
  await bentomlVersion(t.home, 'empty', 'v1', '2025-01-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(models(), 'empty', 'latest'), '');
  await bentomlVersion(t.home, 'missing', 'v1', '2025-01-01T00:00:00.000000+00:00');
  // A half-written version and a stray directory: reported, never removed by repair.
  await bentomlVersion(t.home, 'ok', 'v1', '2025-01-01T00:00:00.000000+00:00');
  await fsp.writeFile(path.join(models(), 'ok', 'latest'), 'v1');
  await fsp.mkdir(path.join(models(), 'ok', 'half'));
  await fsp.mkdir(path.join(models(), '.staging'));
  // Staging of a crashed process (no such pid) and of this live one.
  await fsp.mkdir(path.join(t.store.paths.staging, DEAD), { recursive: true });
  await fsp.writeFile(path.join(t.store.paths.staging, DEAD, 'w.bin'), 'x');
  await fsp.mkdir(path.join(t.store.paths.staging, LIVE));
  // A lock left by a process that died while holding it.
  await fsp.mkdir(t.store.paths.locks, { recursive: true });
  await fsp.writeFile(path.join(t.store.paths.locks, 'ok.lock'), JSON.stringify({ pid: 4194305, host: os.hostname(), time: Date.now(), token: 'x' }));
});
afterEach(async () => {
  await t.cleanup();
});

describe('repair', () => {
  it('dry run reports every problem and changes nothing', async () => {
    const before = await treeListing(t.home);
    const report = await t.store.repair({ dryRun: true });
    const kinds = report.problems.map((p) => `${p.kind} ${p.path}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'latest-stale models/stale/latest',
        'latest-newline models/nl/latest',
        'latest-empty models/empty/latest',
        'latest-missing models/missing/latest',
        'incomplete-version models/ok/half',
        'invalid-directory models/.staging',
        `orphaned-staging .model-shelf/staging/${DEAD}`,
      ]),
    );
    expect(kinds.some((k) => k.includes(LIVE))).toBe(false);
    expect(report.fixed).toEqual([]);
    expect(await treeListing(t.home)).toEqual(before);
  });

  it('fixes pointers and orphaned staging, leaves versions and unknown directories to a person', async () => {
    const report = await t.store.repair();
    expect(report.fixed.length).toBeGreaterThanOrEqual(5);
    expect(await readLatestFile(t.home, 'stale')).toBe('v2');
    expect(await readLatestFile(t.home, 'nl')).toBe('v1');
    expect(await readLatestFile(t.home, 'empty')).toBe('v1');
    expect(await readLatestFile(t.home, 'missing')).toBe('v1');
    expect(await exists(path.join(models(), 'ok', 'half'))).toBe(true);
    expect(await exists(path.join(models(), '.staging'))).toBe(true);
    expect(await fsp.readdir(t.store.paths.staging)).toEqual([LIVE]);
    expect(await fsp.readdir(t.store.paths.locks)).toEqual([]);
    const half = report.problems.find((p) => p.path === 'models/ok/half');
    expect(half?.safeToFix).toBe(false);
    expect(half?.fix).toContain('`model-shelf delete ok:half`');
    expect(report.problems.find((p) => p.path === 'models/.staging')?.fix).toContain(`move ${path.join(t.home, 'models', '.staging')} out of`);
    // A second repair finds only what a person has to decide.
    const again = await t.store.repair({ dryRun: true });
    expect(again.problems.map((p) => p.path).sort()).toEqual(['models/.staging', 'models/ok/half']);
  });

  it('leaves another machine\'s staging alone unless it is untouched for a day', async () => {
    // The same pid on another host (a home on a network disk) says nothing about liveness here.
    const fresh = `import-other.example_host-4194305-aaaaaa`;
    const old = `create-other.example_host-4194305-bbbbbb`;
    const legacyOld = 'create-4194305-cccccc';
    for (const id of [fresh, old, legacyOld]) await fsp.mkdir(path.join(t.store.paths.staging, id));
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    for (const id of [old, legacyOld]) await fsp.utimes(path.join(t.store.paths.staging, id), dayAgo, dayAgo);
    const report = await t.store.repair();
    const orphaned = report.problems.filter((p) => p.kind === 'orphaned-staging').map((p) => p.path);
    expect(orphaned).not.toContain(`.model-shelf/staging/${fresh}`);
    expect(orphaned).toEqual(expect.arrayContaining([`.model-shelf/staging/${old}`, `.model-shelf/staging/${legacyOld}`]));
    expect((await fsp.readdir(t.store.paths.staging)).sort()).toEqual([fresh, LIVE].sort());
  });

  it('list (the window) and repair give the same advice, and a version\'s problem ends with it', async () => {
    await bentomlVersion(t.home, 'ok', 'bad', '2025-01-01T00:00:00.000000+00:00');
    await fsp.writeFile(path.join(models(), 'ok', 'bad', 'model.yaml'), 'name: ok\nversion: bad\nfoo\nbar: 1\n');
    await fsp.mkdir(path.join(models(), 'ok', 'Bad Dir'));
    const listed = await t.store.list();
    const repaired = await t.store.repair({ dryRun: true });
    const advice = (problems: readonly { path: string; fix: string }[], p: string): string | undefined => problems.find((x) => x.path === p)?.fix;
    for (const p of ['models/ok/half', 'models/ok/bad', 'models/ok/Bad Dir', 'models/.staging']) {
      expect(advice(listed.problems, p)).toBeDefined();
      expect(advice(repaired.problems, p)).toBe(advice(listed.problems, p));
    }
    expect(advice(listed.problems, 'models/ok/bad')).toBe('Correct model.yaml by hand, or delete it with `model-shelf delete ok:bad`.');
    expect(advice(listed.problems, 'models/ok/half')).toBe('Once no program is still writing it, delete it with `model-shelf delete ok:half`.');
    expect(advice(listed.problems, 'models/ok/Bad Dir')).toContain(`move ${path.join(models(), 'ok', 'Bad Dir')} out of ${models()}`);
    const bad = listed.versions.find((v) => v.tag === 'ok:bad');
    expect(bad?.problem).toBe('model.yaml is not valid YAML at line 3, column 1: implicit keys need to be on a single line. Correct model.yaml by hand, or delete it with `model-shelf delete ok:bad`.');
  });
});
