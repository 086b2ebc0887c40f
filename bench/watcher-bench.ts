// Watcher benchmark on a 10,000-version store (1,000 names x 10 versions). Prints figures, asserts nothing.
//   node bench/watcher-bench.ts [--names 1000] [--versions 10] [--samples 60] [--versions-watch hot|all]
// The parent generates the store and plays "another program" committing versions (a staged
// version renamed into models/ + latest replaced, like commitStagedVersion); a child process
// runs the real ShelfService (so its memory and inotify figures are the service's alone) and
// reports when each new version reaches its push sink (after a structured clone, as IPC would).
import { fork, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scanStore } from '../src-main/store/read/scan.ts';
import { generateStore, writeVersion } from './gen-store.ts';
import { inotifyWatches } from '../tests/integration/watcher-helpers.ts';

type ChildMessage =
  | {
      kind: 'ready';
      readyMs: number;
      firstSnapshotVersions: number;
      rssMb: number;
      heapUsedMb: number;
      gcRssMb: number;
      gcHeapUsedMb: number;
      baseRssMb: number;
      baseHeapMb: number;
      watches: number;
    }
  | { kind: 'seen'; tag: string; at: number };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function child(home: string, versionsWatch: 'hot' | 'all'): Promise<void> {
  const base = process.memoryUsage();
  const { createShelfService } = await import('../src-main/service/index.ts');
  const known = new Set<string>();
  let firstSnapshotVersions = -1;
  const started = performance.now();
  const service = await createShelfService({
    home,
    versionsWatch,
    dialogs: { pickStoreFolder: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve([]), pickExportPath: () => Promise.resolve(null) },
    shell: { reveal: () => undefined },
    push: (channel, payload) => {
      if (channel !== 'store:changed') return;
      const snapshot = structuredClone(payload) as unknown as { versions: { tag: string; status: string }[] };
      const at = Date.now();
      if (firstSnapshotVersions < 0) firstSnapshotVersions = snapshot.versions.length;
      for (const v of snapshot.versions) {
        if (v.status !== 'ok' || known.has(v.tag)) continue;
        known.add(v.tag);
        if (firstSnapshotVersions >= 0 && known.size > firstSnapshotVersions) process.send?.({ kind: 'seen', tag: v.tag, at } satisfies ChildMessage);
      }
    },
  });
  await service.handlers['app:ready'](undefined);
  await service.watching;
  const readyMs = performance.now() - started;
  const mem = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const afterGc = process.memoryUsage();
  process.send?.({
    kind: 'ready',
    readyMs,
    gcRssMb: mb(afterGc.rss),
    gcHeapUsedMb: mb(afterGc.heapUsed),
    firstSnapshotVersions,
    rssMb: mb(mem.rss),
    heapUsedMb: mb(mem.heapUsed),
    baseRssMb: mb(base.rss),
    baseHeapMb: mb(base.heapUsed),
    watches: await inotifyWatches('self'),
  } satisfies ChildMessage);
  process.on('message', async (msg) => {
    if (msg === 'quit') {
      await service.close();
      process.exit(0);
    }
  });
}

async function parent(): Promise<void> {
  const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' }, samples: { type: 'string', default: '60' }, 'versions-watch': { type: 'string', default: 'hot' } } });
  const versionsWatch = values['versions-watch'] === 'all' ? 'all' : 'hot';
  const names = Number(values.names);
  const versions = Number(values.versions);
  const samples = Number(values.samples);
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-watch-bench-'));
  const home = path.join(root, 'bentoml');
  const models = path.join(home, 'models');
  // Staged versions live outside models/ on the same filesystem, like Model Shelf's own staging.
  const stagingHome = path.join(home, '.model-shelf', 'bench-staging');
  let proc: ChildProcess | null = null;
  try {
    let t = performance.now();
    await generateStore(home, { names, versions });
    console.log(`store: ${names} names x ${versions} versions = ${names * versions} versions (generated in ${Math.round(performance.now() - t)} ms); versions watch: ${versionsWatch}`);
    const target = (i: number) => ({ name: `model_${String((i * 37) % names).padStart(4, '0')}`, version: `c${String(i).padStart(3, '0')}` });
    for (let i = 0; i < samples; i += 1) {
      const { name, version } = target(i);
      await writeVersion(stagingHome, name, version, { creationTime: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000000+00:00`, files: { 'model.pkl': 2048 } });
    }

    t = performance.now();
    await scanStore(home);
    console.log(`for comparison, scanStore alone (warm cache, this process): ${Math.round(performance.now() - t)} ms`);
    const seen = new Map<string, number>();
    t = performance.now();
    proc = fork(import.meta.filename, ['--child', home, versionsWatch], { stdio: 'inherit', execArgv: ['--expose-gc'] });
    const ready = await new Promise<Extract<ChildMessage, { kind: 'ready' }>>((resolve) => {
      proc!.on('message', (msg: ChildMessage) => {
        if (msg.kind === 'ready') resolve(msg);
        else seen.set(msg.tag, msg.at);
      });
    });
    console.log(`time to watch (service start -> watcher ready + first snapshot of ${ready.firstSnapshotVersions} versions): ${Math.round(ready.readyMs)} ms (${Math.round(performance.now() - t)} ms including process start)`);
    // undefined would make inotifyWatches count this process's watches instead of the child's.
    if (proc.pid === undefined) throw new Error('The watcher child has no pid.');
    console.log(`inotify watches used: ${ready.watches} (from /proc/${proc.pid}/fdinfo: ${await inotifyWatches(proc.pid)})`);
    console.log(`service process memory after ready: rss ${ready.rssMb} MB, heapUsed ${ready.heapUsedMb} MB; after a full GC: rss ${ready.gcRssMb} MB, heapUsed ${ready.gcHeapUsedMb} MB (node baseline before the service: rss ${ready.baseRssMb} MB, heapUsed ${ready.baseHeapMb} MB)`);

    const delays: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const { name, version } = target(i);
      const tag = `${name}:${version}`;
      // commitStagedVersion's shape: one rename publishes the version, then latest via temp + rename.
      const t0 = Date.now();
      await fsp.rename(path.join(stagingHome, 'models', name, version), path.join(models, name, version));
      await fsp.writeFile(path.join(models, name, '.latest.bench'), version);
      await fsp.rename(path.join(models, name, '.latest.bench'), path.join(models, name, 'latest'));
      const deadline = Date.now() + 5000;
      while (!seen.has(tag) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      const at = seen.get(tag);
      if (at === undefined) console.log(`  ${tag}: no push within 5 s`);
      else delays.push(at - t0);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    delays.sort((a, b) => a - b);
    console.log(
      `external commit -> push delay over ${delays.length} samples: p50 ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms, max ${delays.at(-1)} ms (debounce 75 ms included)`,
    );
    proc.send('quit');
    await new Promise((resolve) => proc!.once('exit', resolve));
  } finally {
    if (proc && proc.exitCode === null) proc.kill();
    await fsp.rm(root, { recursive: true, force: true });
  }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) await child(process.argv[childIndex + 1]!, process.argv[childIndex + 2] === 'all' ? 'all' : 'hot');
else await parent();
