// Integrity and duplicates through the handler table over a real store (issue 11 §3, §4): the
// detail view's integrity state, verify with progress and cancel by task id, dedup as a plan then
// its application, and create/import with dedup.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../src-main/shared/ipc-contract.ts';
import { readyHarness, type Harness } from './service-helpers.ts';
import { seedVersion } from './watcher-helpers.ts';

async function errorOf(h: Harness, channel: Parameters<Harness['call']>[0], arg: unknown) {
  const result = await h.service.handlers[channel](arg);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

const WEIGHTS = Buffer.alloc(200_000, 9);

async function created(h: Harness, name: string, dedup?: boolean) {
  const src = path.join(h.root, `drop-${name}-${Math.random().toString(16).slice(2)}`);
  await fsp.mkdir(src);
  await fsp.writeFile(path.join(src, 'weights.bin'), WEIGHTS);
  await fsp.writeFile(path.join(src, 'notes.txt'), `notes of ${name} ${Math.random()}`);
  return h.call('models:create', { taskId: `create-${name}-${Math.random().toString(16).slice(2)}`, name, labels: {}, metadata: {}, paths: [src], root: true, ...(dedup === undefined ? {} : { dedup }) });
}

describe('integrity through the handlers', () => {
  it('shows the manifest recorded at create, and verify names a damaged file with progress under the task id', async () => {
    const h = await readyHarness();
    const v = await created(h, 'iris');
    expect(await h.call('model:integrity', { tag: v.tag })).toMatchObject({ tag: v.tag, manifest: { recordedBy: 'create', atSave: true, files: 3 } });
    const clean = await h.call('models:verify', { taskId: 'verify-1', tags: [] });
    expect(clean.map((r) => [r.tag, r.state])).toEqual([[v.tag, 'intact']]);
    const damaged = Buffer.from(WEIGHTS);
    damaged[100] = 0;
    await fsp.writeFile(path.join(v.path, 'weights.bin'), damaged);
    const result = await h.call('models:verify', { taskId: 'verify-2', tags: [v.tag] });
    expect(result[0]).toMatchObject({ tag: v.tag, state: 'changed', changed: ['weights.bin'], missing: [], appeared: [] });
    const progress = h.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as TaskProgress).filter((p) => p.taskId === 'verify-2');
    expect(progress.map((p) => p.phase)).toContain('hashing');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', bytesDone: result[0]?.bytes, bytesTotal: result[0]?.bytes });
  });

  it('a version BentoML saved has no manifest until verify records one, marked as not at save time', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'bert', 'v1', new Date('2025-03-16T08:00:00Z'));
    expect(await h.call('model:integrity', { tag: 'bert:v1' })).toEqual({ tag: 'bert:v1', manifest: null });
    const [first] = await h.call('models:verify', { taskId: 'verify-3', tags: ['bert:v1'] });
    expect(first).toMatchObject({ state: 'recorded', atSave: false, recordedBy: 'verify' });
    expect(await h.call('model:integrity', { tag: 'bert:v1' })).toMatchObject({ manifest: { atSave: false, recordedBy: 'verify' } });
    // Nothing was written under models/.
    expect((await fsp.readdir(path.join(h.models, 'bert'))).sort()).toEqual(['latest', 'v1']);
  });

  it('a cancelled verify answers ABORTED and records nothing', async () => {
    const h = await readyHarness();
    await seedVersion(h.models, 'bert', 'v1', new Date('2025-03-16T08:00:00Z'));
    let cancel = null as Promise<unknown> | null;
    h.onPush = (channel, payload) => {
      if (channel === 'task:progress' && (payload as TaskProgress).taskId === 'verify-c') cancel ??= h.call('task:cancel', { taskId: 'verify-c' });
    };
    expect((await errorOf(h, 'models:verify', { taskId: 'verify-c', tags: [] })).code).toBe('ABORTED');
    await cancel;
    expect(await h.call('model:integrity', { tag: 'bert:v1' })).toEqual({ tag: 'bert:v1', manifest: null });
  });
});

describe('duplicates through the handlers', () => {
  it('create with dedup links a known file; a plan lists the copies, its application links exactly them, and a used plan is gone', async () => {
    const h = await readyHarness();
    const a = await created(h, 'llm');
    const b = await created(h, 'llm', true);
    expect((await fsp.stat(path.join(b.path, 'weights.bin'))).ino).toBe((await fsp.stat(path.join(a.path, 'weights.bin'))).ino);
    const c = await created(h, 'llm');
    const plan = await h.call('models:dedup-plan', { taskId: 'dd-plan' });
    expect(plan.groups.map((g) => g.replace)).toEqual([[`${c.tag}/weights.bin`]]);
    expect(plan.frees).toBe(WEIGHTS.length);
    const report = await h.call('models:dedup', { taskId: 'dd-run', planId: plan.planId });
    expect(report.replaced.map((r) => r.file)).toEqual([`${c.tag}/weights.bin`]);
    expect(report.freed).toBe(WEIGHTS.length);
    const linking = h.pushes.filter((p) => p.channel === 'task:progress').map((p) => p.payload as TaskProgress).filter((p) => p.taskId === 'dd-run');
    expect(linking.map((p) => p.phase)).toEqual(['linking', 'done']);
    expect(linking.at(-1)).toMatchObject({ bytesDone: WEIGHTS.length, bytesTotal: WEIGHTS.length });
    expect((await fsp.stat(path.join(c.path, 'weights.bin'))).nlink).toBe(3);
    expect((await errorOf(h, 'models:dedup', { taskId: 'dd-run-2', planId: plan.planId })).code).toBe('NOT_FOUND');
  });
});
