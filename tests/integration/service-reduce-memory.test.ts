// Issue 13, watcher memory: the service gives V8's young generation back once per burst (a full
// scan: start, reload, another store opened), never per watcher event, and only once that scan's
// snapshot has gone to the window (which never waits for the collection). Counted through the
// service's reduceMemory port; what the default port does to the process is
// tests/integration/reduce-memory.test.ts.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createShelfService } from '../../src-main/service/index.ts';
import type { StoreSnapshot } from '../../src-main/shared/model-types.ts';
import { eventually, seedVersion } from './watcher-helpers.ts';

/** One turn of the event loop: the service runs the collection in the turn after the delivery. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the service reduces memory once per full scan', () => {
  it('after the first snapshot is delivered, after a reload and after opening another store; not after the pushes in between', { timeout: 120_000 }, async () => {
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-reduce-memory-'));
    const homeA = path.join(root, 'a');
    const homeB = path.join(root, 'b');
    await seedVersion(path.join(homeA, 'models'), 'iris_clf', 'v1', new Date('2025-03-14T08:00:00Z'));
    await seedVersion(path.join(homeB, 'models'), 'bert', 'v1', new Date('2025-03-14T08:00:00Z'));
    const events: string[] = [];
    const snapshots: StoreSnapshot[] = [];
    let pickedFolder: string | null = null;
    const service = await createShelfService({
      home: homeA,
      dialogs: { pickStoreFolder: () => Promise.resolve(pickedFolder), pickImportFiles: () => Promise.resolve([]), pickExportPath: () => Promise.resolve(null) },
      shell: { reveal: () => undefined },
      push: (channel, payload) => {
        if (channel !== 'store:changed') return;
        snapshots.push(payload as StoreSnapshot);
        events.push(`snapshot ${(payload as StoreSnapshot).versions.map((v) => v.tag).join(',')}`);
      },
      polling: false,
      reduceMemory: () => void events.push('reduce'),
    });
    onTestFinished(async () => {
      await service.close();
      await fsp.rm(root, { recursive: true, force: true });
    });
    // The first full scan is done when the service exists; its snapshot waits for the window, and
    // the collection waits for the snapshot to be delivered.
    await turn();
    expect(events).toEqual([]);
    await service.handlers['app:ready'](undefined);
    expect(events).toEqual(['snapshot iris_clf:v1']);
    await turn();
    expect(events).toEqual(['snapshot iris_clf:v1', 'reduce']);

    // Another program writes three versions: each is a rescan of one name and a push, no reduce.
    for (const version of ['v2', 'v3', 'v4']) {
      await seedVersion(path.join(homeA, 'models'), 'iris_clf', version, new Date(`2025-03-15T08:00:0${version.slice(1)}Z`));
      await eventually(() => snapshots.at(-1)?.versions.some((v) => v.tag === `iris_clf:${version}`) || undefined, `iris_clf:${version} pushed`);
    }
    expect(events.filter((e) => e === 'reduce')).toHaveLength(1);
    expect(events.length).toBeGreaterThanOrEqual(5);

    // Reload (menu, Ctrl+R) rescans everything: one more reduce, after that scan.
    events.length = 0;
    await service.reload();
    await turn();
    expect(events.filter((e) => e === 'reduce')).toHaveLength(1);
    expect(events.at(-1)).toBe('reduce');

    // Opening another store scans it whole: one more, after its first snapshot.
    events.length = 0;
    pickedFolder = homeB;
    const opened = await service.handlers['store:open'](undefined);
    expect(opened.ok).toBe(true);
    await turn();
    expect(events).toEqual(['snapshot bert:v1', 'reduce']);
  });
});
