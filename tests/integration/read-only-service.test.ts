// Issue 8 item 3, the window's side: starting the service (watcher, first scan), browsing (every
// read handler), reloading and closing never create, change or delete anything in the store,
// whatever its `latest` pointers are like; a missing store is shown as missing, not created.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeVariantStore, OLD, RESOLVES_AS_BENTOML, treeChanges, treeSnapshot, VARIANTS } from './read-only-fixtures.ts';
import { startHarness, type Harness } from './service-helpers.ts';

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await fsp.rm(r, { recursive: true, force: true });
});

/** Calls a handler; a refusal (a ShelfError as a value) is an answer too, only the disk matters here. */
async function ask(h: Harness, channel: Parameters<Harness['call']>[0], arg?: unknown): Promise<{ ok: boolean; value?: unknown; code?: string }> {
  const result = await h.service.handlers[channel](arg);
  return result.ok ? { ok: true, value: result.value } : { ok: false, code: result.error.code };
}

describe('the desktop service only reads the store it shows', () => {
  for (const variant of VARIANTS) {
    it(`${variant}: start-up, every read handler, reload and close leave the tree as it was`, { timeout: 300_000 }, async () => {
      const root = await fsp.mkdtemp(path.join(os.tmpdir(), `shelf-readonly-svc-${variant}-`));
      roots.push(root);
      const home = path.join(root, 'home');
      const outside = path.join(root, 'outside');
      await fsp.mkdir(outside);
      await fsp.writeFile(path.join(outside, 'drop.bin'), 'dropped');
      await makeVariantStore(home, variant);
      const before = await treeSnapshot(root, ['outside']);
      const changed: string[] = [];
      let previous = before;
      const check = async (what: string): Promise<void> => {
        const now = await treeSnapshot(root, ['outside']);
        const diff = treeChanges(previous, now);
        if (diff.length > 0) changed.push(`${what}:\n  ${diff.join('\n  ')}`);
        previous = now;
      };

      const h = await startHarness({ home, createModels: false });
      await check('start-up (watcher and first scan)');
      try {
        await h.call('app:ready');
        const snap = await h.call('store:snapshot');
        await check('app:ready, store:snapshot');
        const tags = snap.versions.map((v) => v.tag);
        h.dialog.exportPath = path.join(outside, 'export.bentomodel');
        const requests: [Parameters<Harness['call']>[0], unknown][] = [
          ...[...tags, 'iris', 'iris:latest', 'iris:bbb', 'other', 'nope'].map((tag): [Parameters<Harness['call']>[0], unknown] => ['model:get', { tag }]),
          ['model:reveal', { tag: 'iris' }],
          ['model:reveal', { tag: `iris:${OLD}` }],
          ['model:usage', { tags }],
          ['trash:list', undefined],
          ['store:repair', { dryRun: true }],
          ['paths:inspect', { paths: [path.join(outside, 'drop.bin'), outside] }],
          ['models:export', { taskId: 'export-latest', tag: 'iris' }],
          ['models:export', { taskId: 'export-old', tag: `iris:${OLD}` }],
        ];
        for (const [channel, arg] of requests) {
          await ask(h, channel, arg);
          await check(`${channel} ${JSON.stringify(arg)}`);
        }
        await h.service.reload();
        await check('reload');

        if (variant === 'missing-store') {
          expect(snap.exists).toBe(false);
          expect(snap.versions).toEqual([]);
        } else {
          expect(snap.exists).toBe(true);
          const starred = snap.versions.filter((v) => v.name === 'iris' && v.latest).map((v) => v.version);
          expect(starred).toEqual(RESOLVES_AS_BENTOML[variant] === null ? [] : [RESOLVES_AS_BENTOML[variant]]);
          const latest = await ask(h, 'model:get', { tag: 'iris' });
          expect(latest.ok ? (latest.value as { version: { version: string } }).version.version : latest.code).toBe(RESOLVES_AS_BENTOML[variant] ?? 'BROKEN_MODEL');
          // The export went where the dialog said, outside the store.
          expect(await fsp.readdir(outside)).toContain('export.bentomodel');
        }
      } finally {
        await h.dispose();
      }
      await check('close');
      expect(changed).toEqual([]);
      expect(previous).toEqual(before);
      if (variant === 'missing-store') expect(await fsp.readdir(root)).toEqual(['outside']);
    });
  }
});
