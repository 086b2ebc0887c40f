// The watcher benchmark's child (bench/watcher-bench.ts): plain JavaScript, so this process holds
// what the app's main process holds for the store and nothing of the benchmark (no TypeScript
// stripping, no generator). It loads the compiled service (`npm run build:main` -> dist/main), the
// layer Electron's main binds (src-main/app/main.ts), with Electron's dialogs and shell as no-ops.
//   node --expose-gc bench/watcher-service-child.mjs <home> hot|all <tag,tag,...>   the service,
//     reporting when each of the given tags (the versions the parent will commit) is pushed
//   node --expose-gc bench/watcher-service-child.mjs --baseline        an empty Node process
import v8 from 'node:v8';

const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = () => globalThis.gc?.();
const memory = () => {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external + m.arrayBuffers) };
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
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return memory();
};

if (process.argv[2] === '--baseline') {
  process.send({ kind: 'baseline', ...(await settled()) });
  process.disconnect();
} else {
  const home = process.argv[2];
  const versionsWatch = process.argv[3] === 'all' ? 'all' : 'hot';
  const beforeImport = await settled();
  const { createShelfService } = await import('../dist/main/service/index.js');
  const afterImport = await settled();
  // Only the tags the parent will commit are looked for: a set of all 10,000 tags would be the
  // benchmark's memory, not the service's.
  const awaited = new Set((process.argv[4] ?? '').split(',').filter(Boolean));
  let firstSnapshotVersions = -1;
  let pushes = 0;
  const started = performance.now();
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
  const readyMs = performance.now() - started;
  const afterReady = memory();
  const afterReadyGc = await settled();
  process.send({ kind: 'ready', readyMs, firstSnapshotVersions, beforeImport, afterImport, afterReady, afterReadyGc, afterReducingGc: reducing() });
  process.on('message', async (msg) => {
    if (msg === 'report') {
      const now = memory();
      process.send({ kind: 'steady', pushes, afterPushes: now, afterPushesGc: await settled(), afterReducingGc: reducing() });
    }
    if (msg === 'quit') {
      await service.close();
      process.exit(0);
    }
  });
}
