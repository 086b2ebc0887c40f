// `model-shelf du` against GNU `du -sb` on real trees with hard links, and against what a delete frees.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiskUsage } from '../../src-main/shared/housekeeping-types.ts';
import { cli, duSb, linkedStore, V, type LinkedStore } from './du-fixtures.ts';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fsp.rm(r, { recursive: true, force: true })));
});

async function store(): Promise<LinkedStore> {
  const s = await linkedStore();
  roots.push(s.root);
  return s;
}

async function du(home: string, ...args: string[]): Promise<DiskUsage> {
  const run = await cli(['--home', home, 'du', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DiskUsage;
}

describe('du: every figure is what du -sb prints', () => {
  it('per version, per model, models/, the trash, staging and the total', async () => {
    const s = await store();
    const trashed = await cli(['--home', s.home, 'delete', `beta:${V(1)}`, '--yes', '--trash']);
    expect(trashed.code).toBe(0);
    const usage = await du(s.home);
    const priv = path.join(s.home, '.model-shelf');
    expect(usage.models.map((m) => m.name)).toEqual(['alpha']);
    const alpha = usage.models[0];
    if (!alpha) throw new Error('no alpha');
    expect(alpha.versions.map((v) => v.tag)).toEqual([`alpha:${V(1)}`, `alpha:${V(2)}`, `alpha:${V(3)}`]);
    for (const v of alpha.versions) {
      expect(v.bytes, v.tag).toBe(duSb(path.join(s.models, 'alpha', v.version)));
      expect(v.shared + v.frees).toBe(v.bytes); // alpha has three versions: none is its last
    }
    expect(alpha.bytes).toBe(duSb(path.join(s.models, 'alpha')));
    expect(usage.modelsBytes).toBe(duSb(s.models));
    expect(usage.trashBytes).toBe(duSb(path.join(priv, 'trash')));
    expect(usage.stagingBytes).toBe(duSb(path.join(priv, 'staging')));
    expect(usage.totalBytes).toBe(duSb(s.models, path.join(priv, 'trash'), path.join(priv, 'staging')));
    // Hard links are shared; an identical copy (alpha:v0003's weights) is not: deleting it frees it.
    const [v1, v2, v3] = alpha.versions;
    expect(v1?.shared).toBe(40_000);
    expect(v2?.shared).toBe(40_000 + 3_000); // weights with v0001 (and staging), own.bin with the trashed beta
    expect(v3?.shared).toBe(5_000); // the file linked from outside the store
    expect(v3?.frees).toBeGreaterThan(40_000 + 700);
  });

  it('du NAME walks one model and prints its figures the same way', async () => {
    const s = await store();
    const usage = await du(s.home, 'beta');
    expect(usage.name).toBe('beta');
    expect(usage.models.map((m) => m.name)).toEqual(['beta']);
    expect(usage.modelsBytes).toBe(duSb(path.join(s.models, 'beta')));
    expect(usage.models[0]?.versions[0]?.bytes).toBe(duSb(path.join(s.models, 'beta', V(1))));
    expect(usage.models[0]?.versions[0]?.shared).toBe(3_000);
    const table = await cli(['--home', s.home, 'du', 'beta']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ Model \/ version\s+Size\s+Shared\s+Frees\n beta\s/);
    expect(table.stdout).toContain(`  beta:${V(1)}`);
    expect(table.stdout).toContain('staging: ');
  });
});

describe('du: models/ or a model folder that is a link to another disk', () => {
  it('is followed, and each figure is what du -sb prints for the folder with a slash', async () => {
    const s = await store();
    // models/ moves to "another disk" and is linked back; beta's folder moves out of it too.
    const elsewhere = path.join(s.root, 'disk2');
    await fsp.mkdir(elsewhere);
    await fsp.rename(s.models, path.join(elsewhere, 'models'));
    await fsp.symlink(path.join(elsewhere, 'models'), s.models);
    await fsp.rename(path.join(elsewhere, 'models', 'beta'), path.join(elsewhere, 'beta'));
    await fsp.symlink(path.join(elsewhere, 'beta'), path.join(elsewhere, 'models', 'beta'));
    const usage = await du(s.home);
    expect(usage.models.map((m) => m.name)).toEqual(['alpha', 'beta']);
    expect(usage.modelsBytes).toBe(duSb(`${s.models}/`));
    expect(usage.models[1]?.bytes).toBe(duSb(`${path.join(s.models, 'beta')}/`));
    expect(usage.models[1]?.versions[0]?.bytes).toBe(duSb(path.join(s.models, 'beta', V(1))));
    const one = await du(s.home, 'beta');
    expect(one.modelsBytes).toBe(duSb(`${path.join(s.models, 'beta')}/`));
  });
});

describe('du: "frees" is what a delete really frees', () => {
  // Each version and each model in a fresh copy of the store: delete it, then measure the drop in
  // `du -sb` over the store and the outside file together (the whole disk as far as it can change).
  const targets = [`alpha:${V(1)}`, `alpha:${V(2)}`, `alpha:${V(3)}`, `beta:${V(1)}`, 'alpha', 'beta'];
  for (const target of targets) {
    it(`delete ${target}`, async () => {
      const s = await store();
      // One throwaway delete first, so that the store's own folders (locks/, staging/) already exist.
      const usage = await du(s.home);
      const [name, version] = target.split(':') as [string, string | undefined];
      const model = usage.models.find((m) => m.name === name);
      const expected = version === undefined ? model?.frees : model?.versions.find((v) => v.version === version)?.frees;
      const before = duSb(s.root);
      const deleted = await cli(['--home', s.home, 'delete', target, '--yes']);
      expect(deleted.stderr).toBe('');
      expect(deleted.code).toBe(0);
      expect(before - duSb(s.root)).toBe(expected);
    });
  }
});

describe('du: bad input and a missing store, one sentence each', () => {
  it('an unknown name', async () => {
    const s = await store();
    const run = await cli(['--home', s.home, 'du', 'gamma']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`Error: There is no model named 'gamma' in ${s.models}. Run \`model-shelf list\` to see the models there.\n`);
  });

  it('no store at the home', async () => {
    const s = await store();
    const run = await cli(['--home', path.join(s.root, 'nowhere'), 'du']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: There is no model store at .*\n$/);
  });
});

describe('du: cost grows linearly with the store (work counted, not timed)', () => {
  it('one lstat per entry and one listing per folder, nothing per pair of versions', async () => {
    const { generateStore } = await import('../../bench/gen-store.ts');
    const { countWork } = await import('../../src-main/store/paths/work-count.ts');
    const { diskUsage, storePaths } = await import('../../src-main/store/index.ts');
    const steps: number[] = [];
    for (const versions of [5, 10, 20]) {
      const s = await store();
      const home = path.join(s.root, `gen-${versions}`);
      await generateStore(home, { names: 10, versions });
      const counted = await countWork('usage-read', () => diskUsage(storePaths(home)));
      expect(counted.error).toBeUndefined();
      steps.push(counted.steps);
      // models/ (lstat, list) + trash and staging (one lstat each, missing) + per name (lstat, list,
      // latest) + per version (lstat, list, model.yaml, model.pkl).
      expect(counted.steps).toBe(4 + 10 * 3 + 10 * versions * 4);
    }
    expect(steps[2]! - steps[1]!).toBe(2 * (steps[1]! - steps[0]!));
  });
});
