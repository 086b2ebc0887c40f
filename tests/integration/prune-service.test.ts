// du and prune through the service's handler table (what the window calls), on a real store.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { duSb, V } from './du-fixtures.ts';
import { time, writeLatestFile, writeVersion } from './scan-fixtures.ts';
import { readyHarness, type Harness } from './service-helpers.ts';

/** iris with four versions (v2 labelled prod, v4 latest, v4 sharing v1's weights by a hard link), then app:ready. */
async function harness(): Promise<Harness> {
  const h = await readyHarness({
    async beforeReady(h) {
      for (let i = 1; i <= 4; i++) await writeVersion(h.home, 'iris', V(i), { creationTime: time(i), labels: { stage: i === 2 ? 'prod' : 'dev' }, files: { 'w.bin': 1_000 * i } });
      await writeLatestFile(h.home, 'iris', V(4));
      await fsp.link(path.join(h.models, 'iris', V(1), 'w.bin'), path.join(h.models, 'iris', V(4), 'w1.bin'));
    },
  });
  await h.service.reload();
  return h;
}

const tags = (s: StoreSnapshot | undefined): string[] => s?.versions.map((v) => v.tag).sort() ?? [];

describe('housekeeping through the handlers', () => {
  it('store:usage gives du -sb figures for the store and for one model', async () => {
    const h = await harness();
    const all = await h.call('store:usage', {});
    expect(all.modelsBytes).toBe(duSb(h.models));
    const one = await h.call('store:usage', { name: 'iris' });
    expect(one.models[0]?.versions.map((v) => [v.version, v.bytes])).toEqual([1, 2, 3, 4].map((i) => [V(i), duSb(path.join(h.models, 'iris', V(i)))]));
    expect(one.models[0]?.versions[0]?.shared).toBe(1_000);
  });

  it('a preview changes nothing; applying it removes exactly the previewed versions and the window sees it', async () => {
    const h = await harness();
    const preview = await h.call('models:prune-plan', { keepLast: 1, labels: { stage: 'dev' }, trash: true });
    expect(preview.remove.map((r) => r.tag)).toEqual([`iris:${V(1)}`, `iris:${V(3)}`]);
    expect(preview.keep.map((k) => [k.tag, k.reason])).toEqual([[`iris:${V(4)}`, 'latest'], [`iris:${V(2)}`, 'label']]);
    expect((await fsp.readdir(path.join(h.models, 'iris'))).sort()).toEqual(['latest', V(1), V(2), V(3), V(4)]);
    const done = await h.call('models:prune', { planId: preview.planId });
    expect(done).toEqual({ remove: preview.remove, keep: preview.keep, frees: preview.frees, trash: true });
    expect((await fsp.readdir(path.join(h.models, 'iris'))).sort()).toEqual(['latest', V(2), V(4)]);
    await h.waitForSnapshot((s) => tags(s).join() === [`iris:${V(2)}`, `iris:${V(4)}`].join(), 'the pruned store');
    expect((await h.call('trash:list')).map((t) => t.tag).sort()).toEqual([`iris:${V(1)}`, `iris:${V(3)}`]);
    // A plan is applied once: the same id again is refused, with what to do.
    const again = await h.service.handlers['models:prune']({ planId: preview.planId });
    expect(again).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That clean-up preview is no longer available (a newer one replaced it, or another store was opened); preview again, then confirm.' } });
  });

  it('bad rules are refused with the store sentence and change nothing', async () => {
    const h = await harness();
    const none = await h.service.handlers['models:prune-plan']({});
    expect(none.ok ? null : none.error).toEqual({ code: 'INVALID_ARGUMENT', message: 'Say what to prune with --keep-last N, --older-than DURATION or --label KEY=VALUE; nothing was removed.' });
    const unknown = await h.service.handlers['models:prune-plan']({ names: ['nope'], keepLast: 1 });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const invalid = await h.service.handlers['models:prune-plan']({ keepLast: 0 });
    expect(invalid.ok ? null : invalid.error.code).toBe('INVALID_ARGUMENT');
    expect((await fsp.readdir(path.join(h.models, 'iris'))).sort()).toEqual(['latest', V(1), V(2), V(3), V(4)]);
  });
});
