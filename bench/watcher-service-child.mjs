// The watcher benchmark's child (bench/watcher-bench.ts): plain JavaScript, so this process holds
// what the app's main process holds for the store and nothing of the benchmark (no TypeScript
// stripping, no generator). It loads the compiled service (`npm run build:main` -> dist/main), the
// layer Electron's main binds (src-main/app/main.ts), with Electron's dialogs and shell as no-ops.
//   node bench/watcher-service-child.mjs <home> hot|all <tag,tag,...> [<dist/main>]
//     the service (from the given build, default this tree's dist/main), reporting when each of
//     the given tags (the versions the parent will commit) is pushed
//   node bench/watcher-service-child.mjs --baseline        an empty Node process
// No --expose-gc on the command line, as Electron's main has none: the service's own
// reduce-memory.ts then takes the same path as in the app (the flag set at run time). The child
// reaches `gc` for its measurements the same way, and clears the flag again before the service loads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const benchGc = vm.runInNewContext('gc');
v8.setFlagsFromString('--no-expose-gc');

const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = () => benchGc();
// glibc's main heap ([heap] in /proc/self/smaps): where Node's malloc keeps freed blocks, e.g. the
// push serializer's buffers below (Electron's main allocates through Chromium's PartitionAlloc, which
// maps such big blocks on their own and unmaps them when freed; glibc keeps them after its
// dynamic mmap threshold has risen). Shown so that this Node stand-in's cost is not read as the service's.
const mallocHeapMb = () => {
  let kb = 0;
  let inHeap = false;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inHeap = line.endsWith('[heap]');
    else if (inHeap && line.startsWith('Rss:')) kb += Number(line.split(/\s+/)[1]);
  }
  return Math.round((kb / 1024) * 10) / 10;
};
const memory = () => {
  const m = process.memoryUsage();
  // V8's young generation as the process holds it (pages, used or not).
  const young = v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_name === 'new_space' || s.space_name === 'new_large_object_space')
    .reduce((sum, s) => sum + s.physical_space_size, 0);
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external + m.arrayBuffers), youngMb: mb(young), mallocHeapMb: mallocHeapMb() };
};
// Several full collections: the first one only queues finalizers (weak maps, FinalizationRegistry).
const settled = async () => {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return memory();
};

// A memory-reducing collection (what V8 runs under memory pressure): it also gives back the young
// generation's pages, which V8 grows during a burst of allocation (the first scan) and otherwise
// keeps, empty, until such a collection. Shown to separate what is held from what is reserved.
const reducing = () => {
  benchGc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return memory();
};

if (process.argv[2] === '--baseline') {
  process.send({ kind: 'baseline', ...(await settled()) });
  process.disconnect();
} else {
  const home = process.argv[2];
  const versionsWatch = process.argv[3] === 'all' ? 'all' : 'hot';
  const beforeImport = await settled();
  const dist = process.argv[5] ?? path.join(import.meta.dirname, '..', 'dist', 'main');
  const { createShelfService } = await import(pathToFileURL(path.join(dist, 'service', 'index.js')).href);
  const afterImport = await settled();
  // Only the tags the parent will commit are looked for: a set of all 10,000 tags would be the
  // benchmark's memory, not the service's.
  const awaited = new Set((process.argv[4] ?? '').split(',').filter(Boolean));
  let firstSnapshotVersions = -1;
  let pushes = 0;
  // Full (major) collections with their main-thread time: between service start and ready (the
  // scan's own), and in the turn after the first snapshot's delivery (the service's memory-reducing
  // collection, reduce-memory.ts, which V8 reports without a flag of its own). The child's own
  // collections come later and are not counted.
  const majors = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors.push(e);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const service = await createShelfService({
    home,
    versionsWatch,
    dialogs: { pickStoreFolder: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve([]), pickExportPath: () => Promise.resolve(null) },
    shell: { reveal: () => undefined },
    push: (channel, payload) => {
      if (channel !== 'store:changed') return;
      pushes += 1;
      // Electron's webContents.send serializes the payload with V8's ValueSerializer into the IPC
      // message's bytes (native memory, not a second object graph in main's heap): the same here.
      v8.serialize(payload);
      const at = Date.now();
      if (firstSnapshotVersions < 0) firstSnapshotVersions = payload.versions.length;
      for (const v of payload.versions) {
        if (v.status !== 'ok' || !awaited.has(v.tag)) continue;
        awaited.delete(v.tag);
        process.send({ kind: 'seen', tag: v.tag, at });
      }
    },
  });
  await service.handlers['app:ready'](undefined);
  await service.watching;
  const readyAt = performance.now();
  const readyMs = readyAt - started;
  const cpu = process.cpuUsage(cpuAtStart);
  // CPU time is what the machine's load changes least (the wall time of each collection grows with it).
  const readyCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  // One turn of the event loop, as main gets between IPC messages: the service's own work after the
  // first snapshot was delivered (its memory-reducing collection) is part of what main holds.
  const cpuAtReady = process.cpuUsage();
  await new Promise((resolve) => setImmediate(resolve));
  const turnCpu = process.cpuUsage(cpuAtReady);
  const turnCpuMs = Math.round((turnCpu.user + turnCpu.system) / 1000);
  const afterReady = memory();
  const measuredAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer's entries arrive later
  gcObserver.disconnect();
  const sum = (list) => ({ count: list.length, ms: Math.round(list.reduce((total, e) => total + e.duration, 0)) });
  const majorGc = sum(majors.filter((e) => e.startTime >= started && e.startTime <= readyAt));
  const afterDeliveryGc = sum(majors.filter((e) => e.startTime > readyAt && e.startTime <= measuredAt));
  const afterReadyGc = await settled();
  process.send({ kind: 'ready', readyMs, firstSnapshotVersions, majorGc, afterDeliveryGc, readyCpuMs, turnCpuMs, beforeImport, afterImport, afterReady, afterReadyGc, afterReducingGc: reducing() });
  // CPU from here to the report: the pushes' work (rescans, snapshots, serialization), which the
  // machine's load changes far less than each push's wall time.
  const cpuAtSteadyStart = process.cpuUsage();
  process.on('message', async (msg) => {
    if (msg === 'report') {
      const now = memory();
      const cpuSteady = process.cpuUsage(cpuAtSteadyStart);
      const pushesCpuMs = Math.round((cpuSteady.user + cpuSteady.system) / 1000);
      process.send({ kind: 'steady', pushes, pushesCpuMs, afterPushes: now, afterPushesGc: await settled(), afterReducingGc: reducing() });
    }
    if (msg === 'quit') {
      await service.close();
      process.exit(0);
    }
  });
}
