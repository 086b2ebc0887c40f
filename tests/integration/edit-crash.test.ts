// An edit killed with SIGKILL at any step leaves model.yaml old or new, never a mix, and never a
// temporary file in the version folder; what it leaves in staging is reclaimed by the next
// writer and reported by `repair` (issue 11 §5). The child stops at named crash points
// (paths/crash-points.ts) so the kill lands exactly there, however slow the machine.
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { editModel, ModelStore } from '../../src-main/store/index.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { editHome, FOREIGN_YAML, seedVersion, type EditHome } from './edit-fixtures.ts';

const CHILD = fileURLToPath(new URL('./fixtures/edit-child.ts', import.meta.url));
const V = 'p3qjnmqboovfypbc';
const homes: EditHome[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.cleanup()));
});

/** Runs the child to `point`, kills it there, and returns what it printed. */
function killAt(home: string, point: string, afterMs = 0): Promise<string> {
  const child = spawn(process.execPath, [CHILD, home, 'iris_clf', point, 'stage=prod'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let armed = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const at = point === 'loop' ? '"step":"edit"' : `"step":"${point}"`;
    if (!armed && out.includes(at)) {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), afterMs);
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`)))),
  );
}

const NEW_LABELS = { owner: 'Zoë', version: '2', approved: 'True', stage: 'prod' };

describe('SIGKILL during a label edit', () => {
  it.each([
    { point: 'edit-staged', landed: false, file: 'old' },
    { point: 'edit-renamed', landed: true, file: 'new' },
  ])('killed at $point: model.yaml is the $file file whole, the version folder has no stray file, repair reclaims the rest', { timeout: 120_000 }, async ({ point, landed }) => {
    const h = await editHome('edit-crash');
    homes.push(h);
    await seedVersion(h, 'iris_clf', V, FOREIGN_YAML, true);
    await killAt(h.home, point);

    const text = await h.yaml('iris_clf', V);
    const info = parseModelYaml(text);
    if (landed) {
      expect(info.labels).toEqual(NEW_LABELS);
      expect({ ...info, labels: {} }).toEqual({ ...parseModelYaml(FOREIGN_YAML), labels: {} });
    } else {
      expect(text).toBe(FOREIGN_YAML);
    }
    expect((await fsp.readdir(h.dir('iris_clf', V))).sort()).toEqual(['model.yaml', 'w.bin']);
    expect((await fsp.readdir(path.join(h.models, 'iris_clf'))).sort()).toEqual(['latest', V]);
    // The leftover is Model Shelf's own, outside models/; the trash has no record of an edit that never finished.
    const staging = await fsp.readdir(path.join(h.home, '.model-shelf', 'staging'));
    expect(staging).toHaveLength(1);
    expect(staging[0]).toMatch(/^edit-/);
    const store = await ModelStore.open({ home: h.home });
    expect(await store.listTrash()).toEqual([]);

    const report = await store.repair({ dryRun: true });
    // The staging folder and the name's lock, both of a process that is gone; nothing under models/.
    expect(report.problems.map((p) => p.path).sort()).toEqual(['.model-shelf/locks/iris_clf.lock', `.model-shelf/staging/${staging[0]}`]);
    expect(report.problems.find((p) => p.path.includes('staging'))?.message).toContain('(an interrupted edit)');
    // The next edit of this machine reclaims it (its owner is dead) and works as usual.
    const next = await editModel(store.paths, 'iris_clf', { labels: { set: [['stage', 'staging']] } });
    expect(next.labels.stage).toBe('staging');
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging'))).toEqual([]);
    expect((await fsp.readdir(h.dir('iris_clf', V))).sort()).toEqual(['model.yaml', 'w.bin']);
    expect((await store.repair({ dryRun: true })).problems).toEqual([]);
  });
});

describe('SIGKILL at a random moment of back-to-back edits', () => {
  // Between the named points too (the trash record, the staging clean-up, the lock): after every
  // kill model.yaml is one whole file of the sequence, the folder holds no stray file, every
  // trash record is a complete undo, and the next edit starts clean.
  it.each([5, 40, 90, 160, 260])('killed %i ms into the loop', { timeout: 120_000 }, async (afterMs) => {
    const h = await editHome('edit-loop');
    homes.push(h);
    await seedVersion(h, 'iris_clf', V, FOREIGN_YAML, true);
    const out = await killAt(h.home, 'loop', afterMs + Math.floor(Math.random() * 20));
    const done = out.split('\n').filter((l) => l.includes('"edit"')).length;
    const info = parseModelYaml(await h.yaml('iris_clf', V));
    // The last finished edit, or the one after it that was running when the kill came.
    expect([String(done - 1), String(done)]).toContain(info.labels.stage);
    expect({ ...info, labels: {} }).toEqual({ ...parseModelYaml(FOREIGN_YAML), labels: {} });
    expect((await fsp.readdir(h.dir('iris_clf', V))).sort()).toEqual(['model.yaml', 'w.bin']);
    const store = await ModelStore.open({ home: h.home });
    const entries = await store.listTrash();
    expect(entries.length).toBeGreaterThanOrEqual(done);
    for (const e of entries) expect(await fsp.readdir(path.join(store.paths.trash, e.id))).toEqual(['model.yaml']);
    await editModel(store.paths, 'iris_clf', { labels: { set: [['stage', 'after']] } });
    expect(await fsp.readdir(path.join(h.home, '.model-shelf', 'staging'))).toEqual([]);
    await store.repair();
    expect((await store.repair({ dryRun: true })).problems).toEqual([]);
    expect(parseModelYaml(await h.yaml('iris_clf', V)).labels.stage).toBe('after');
  });
});
