// Watcher benchmark on a 10,000-version store (1,000 names x 10 versions). Prints figures, asserts nothing.
//   node bench/watcher-bench.ts [--names 1000] [--versions 10] [--samples 60] [--versions-watch hot|all]
//     [--service <dist/main>]   another build of the service (e.g. an older tree's), for before/after
// The parent generates the store and plays "another program" committing versions (a staged
// version renamed into models/ + latest replaced, like commitStagedVersion); a child process
// (bench/watcher-service-child.mjs) runs the compiled ShelfService from dist/main (`npm run
// build:main` first), as the app's main process loads it, so its memory and inotify figures are
// the service's alone; it reports when each new version reaches its push sink (after V8's
// serializer, as Electron's IPC does). An empty Node process is measured beside it in the same run.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scanStore } from '../src-main/store/read/scan.ts';
import { generateStore, writeVersion } from './gen-store.ts';
import { inotifyWatches } from '../tests/integration/watcher-helpers.ts';

interface Memory {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** V8's young generation (new space pages, used or not). */
  youngMb: number;
  /** glibc's main heap as resident ([heap] in smaps): freed blocks malloc has kept. */
  mallocHeapMb: number;
}
type ChildMessage =
  | ({ kind: 'baseline' } & Memory)
  | { kind: 'ready'; readyMs: number; firstSnapshotVersions: number; majorGc: { count: number; ms: number }; afterDeliveryGc: { count: number; ms: number }; readyCpuMs: number; turnCpuMs: number; beforeImport: Memory; afterImport: Memory; afterReady: Memory; afterReadyGc: Memory; afterReducingGc: Memory }
  | { kind: 'steady'; pushes: number; pushesCpuMs: number; afterPushes: Memory; afterPushesGc: Memory; afterReducingGc: Memory }
  | { kind: 'seen'; tag: string; at: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const childScript = path.join(import.meta.dirname, 'watcher-service-child.mjs');
const show = (m: Memory) => `rss ${m.rssMb} MB (heapUsed ${m.heapUsedMb}, external ${m.externalMb}, young generation ${m.youngMb}, glibc heap ${m.mallocHeapMb})`;

/** An empty Node process with the same flags as the service's child: what Node costs before any app code. */
async function baselineProcess(): Promise<Memory> {
  const proc = fork(childScript, ['--baseline'], { stdio: 'inherit', execArgv: [] });
  return new Promise((resolve, reject) => {
    proc.once('message', (msg: ChildMessage) => (msg.kind === 'baseline' ? resolve(msg) : reject(new Error('unexpected message'))));
    proc.once('error', reject);
  });
}

async function parent(): Promise<void> {
  const { values } = parseArgs({
    options: {
      names: { type: 'string', default: '1000' },
      versions: { type: 'string', default: '10' },
      samples: { type: 'string', default: '60' },
      'versions-watch': { type: 'string', default: 'hot' },
      service: { type: 'string', default: path.join(import.meta.dirname, '..', 'dist', 'main') },
    },
  });
  const serviceDir = path.resolve(values.service);
  if (!existsSync(path.join(serviceDir, 'service', 'index.js'))) {
    throw new Error(`The benchmark runs the compiled service: run \`npm run build:main\` first (no ${path.join(serviceDir, 'service', 'index.js')}).`);
  }
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
    const awaited = Array.from({ length: samples }, (_, i) => `${target(i).name}:${target(i).version}`);
    console.log(`service: ${serviceDir}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    proc = fork(childScript, [home, versionsWatch, awaited.join(','), serviceDir], { stdio: 'inherit', execArgv: [] });
    let steady: ((msg: Extract<ChildMessage, { kind: 'steady' }>) => void) | null = null;
    const ready = await new Promise<Extract<ChildMessage, { kind: 'ready' }>>((resolve) => {
      proc!.on('message', (msg: ChildMessage) => {
        if (msg.kind === 'ready') resolve(msg);
        else if (msg.kind === 'seen') seen.set(msg.tag, msg.at);
        else if (msg.kind === 'steady') steady?.(msg);
      });
    });
    console.log(`time to watch (service start -> watcher ready + first snapshot of ${ready.firstSnapshotVersions} versions): ${Math.round(ready.readyMs)} ms, CPU ${ready.readyCpuMs} ms (${Math.round(performance.now() - t)} ms including process start)`);
    // undefined would make inotifyWatches count this process's watches instead of the child's.
    if (proc.pid === undefined) throw new Error('The watcher child has no pid.');
    console.log(`inotify watches used (from /proc/${proc.pid}/fdinfo): ${await inotifyWatches(proc.pid)}`);
    const base = await baselineProcess();
    console.log('memory of the service process (compiled dist/main, loads only the service; Electron not loaded) beside an empty Node process, neither with --expose-gc:');
    console.log(`  empty node process (after GC):            ${show(base)}`);
    console.log(`  service child before importing anything:  ${show(ready.beforeImport)}`);
    console.log(`  after importing dist/main/service (GC):   ${show(ready.afterImport)}`);
    console.log(`  after ready + first snapshot (delivered; one turn of the event loop later): ${show(ready.afterReady)}`);
    console.log(`  full collections: service start -> ready ${ready.majorGc.count}, ${ready.majorGc.ms} ms; in the turn after the first snapshot's delivery (reduce-memory.ts) ${ready.afterDeliveryGc.count}, ${ready.afterDeliveryGc.ms} ms (main thread, wall; that turn's CPU ${ready.turnCpuMs} ms)`);
    console.log(`  same, after a full GC:                    ${show(ready.afterReadyGc)}`);
    console.log(`  same, after a memory-reducing GC:         ${show(ready.afterReducingGc)}`);
    console.log(`  => the service's own rss over empty node: ${Math.round((ready.afterReadyGc.rssMb - base.rssMb) * 10) / 10} MB after GC (${Math.round((ready.afterReady.rssMb - base.rssMb) * 10) / 10} MB before)`);

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
    // The first pushes after start-up, in order: a cold path (code compiled lazily, a young
    // generation that starts small) shows here rather than in the median.
    const firstDelays = delays.slice(0, 5);
    delays.sort((a, b) => a - b);
    console.log(
      `external commit -> push delay over ${delays.length} samples: p50 ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms, max ${delays.at(-1)} ms (debounce 75 ms included); the first five: ${firstDelays.join(', ')} ms`,
    );
    const after = await new Promise<Extract<ChildMessage, { kind: 'steady' }>>((resolve) => {
      steady = resolve;
      proc!.send('report');
    });
    console.log(`  CPU of the service process while the versions were committed and pushed: ${after.pushesCpuMs} ms, ${Math.round((after.pushesCpuMs / Math.max(1, after.pushes)) * 10) / 10} ms per push`);
    console.log(`  after ${after.pushes} pushes: ${show(after.afterPushes)}; after a full GC ${show(after.afterPushesGc)}; after a memory-reducing GC ${show(after.afterReducingGc)}`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    proc.send('quit');
    await new Promise((resolve) => proc!.once('exit', resolve));
  } finally {
    if (proc && proc.exitCode === null) proc.kill();
    await fsp.rm(root, { recursive: true, force: true });
  }
}

await parent();
