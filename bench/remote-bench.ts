// Remote shelves (issue 10) against a real S3 server on this machine (Versity S3 Gateway, see
// scripts/versitygw.mjs). Prints figures only, asserts nothing. Each ratio's sides run in the same
// invocation, alternating, one warm-up round first; medians of wall and CPU (user+sys of the
// command and its children).
//
//   node bench/remote-bench.ts [--mib 1024] [--runs 3] [--versions 1000] [--skip push,pull,ls]
//
// - push of one model of --mib MiB of random weights vs `model-shelf export` + a plain SDK upload
//   (lib-storage Upload) of the finished file, and vs `bentoml models export TAG s3://...`;
// - pull vs a plain SDK download + `model-shelf import` of the file;
// - `remote ls` of a remote holding --versions versions pushed by Model Shelf (with sidecars), with
//   the local sidecar cache cold and warm, vs a plain SDK listing of the same keys; sidecar and
//   archive reads counted through a relay.
// Internal: `node bench/remote-bench.ts sdk-upload|sdk-download|sdk-list ENDPOINT BUCKET KEY [FILE]`
// (the plain-SDK sides, credentials from the AWS environment variables).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomFillSync } from 'node:crypto';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '..');
const CLI = path.join(ROOT, 'src-main', 'cli', 'main.ts');
const SELF = path.join(HERE, 'remote-bench.ts');

function sdk(endpoint: string): S3Client {
  return new S3Client({ endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? 'us-east-1' });
}

// ---- the plain-SDK sides, run as their own processes so both sides pay a process start ----
const [sub, endpointArg, bucketArg, keyArg, fileArg] = process.argv.slice(2);
if (sub === 'sdk-upload' || sub === 'sdk-download' || sub === 'sdk-list') {
  const client = sdk(endpointArg!);
  if (sub === 'sdk-upload') {
    // The same part size and concurrency as a push of this size would use (8 MiB parts, 4 at once).
    await new Upload({ client, partSize: 8 * 1024 * 1024, queueSize: 4, params: { Bucket: bucketArg!, Key: keyArg!, Body: createReadStream(fileArg!) } }).done();
  } else if (sub === 'sdk-download') {
    const res = await client.send(new GetObjectCommand({ Bucket: bucketArg!, Key: keyArg! }));
    await pipeline(res.Body as Readable, createWriteStream(fileArg!));
  } else {
    let token: string | undefined;
    let n = 0;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucketArg!, Prefix: keyArg!, ContinuationToken: token }));
      n += page.KeyCount ?? 0;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    process.stdout.write(`${n}\n`);
  }
  client.destroy();
  process.exit(0);
}

// ---- the benchmark ----
const { values } = parseArgs({
  options: {
    mib: { type: 'string', default: '1024' },
    runs: { type: 'string', default: '3' },
    versions: { type: 'string', default: '1000' },
    skip: { type: 'string', default: '' },
  },
});
const MIB = Number(values.mib);
const RUNS = Number(values.runs);
const VERSIONS = Number(values.versions);
const skip = new Set(values.skip.split(',').filter(Boolean));

const { startS3Server } = await import('../tests/integration/fixtures/s3-server.ts');
const { startS3Proxy, requestKey } = await import('../tests/integration/fixtures/s3-proxy.ts');
const { shelfRemotes } = await import('../tests/interop/helpers/remote.ts');
const { bentomlEnv, bentomlVenv } = await import('../tests/interop/helpers/bentoml.ts');
const { runProcess } = await import('../tests/interop/helpers/process.ts');
const { ModelStore } = await import('../src-main/store/index.ts');

interface Side {
  readonly label: string;
  readonly argv: readonly string[];
  readonly options?: SpawnSyncOptions;
  /** Untimed: puts the world back (deletes what the last run wrote). */
  readonly before?: () => Promise<void>;
}
interface Sample {
  wallMs: number;
  cpuMs: number;
}

// Timed by a small Python wrapper (as bench/side-by-side.ts does): wall and children's CPU from getrusage.
const WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'r0 = resource.getrusage(resource.RUSAGE_CHILDREN)',
  't0 = time.perf_counter()',
  'code = subprocess.run(sys.argv[1:]).returncode',
  'wall = time.perf_counter() - t0',
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(json.dumps({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime}), file=sys.stderr)',
].join('\n');

async function runOnce(side: Side): Promise<Sample> {
  await side.before?.();
  const r = spawnSync('/usr/bin/python3', ['-c', WRAPPER, ...side.argv], { encoding: 'utf8', maxBuffer: 1 << 28, ...side.options });
  const lines = String(r.stderr).trim().split('\n');
  const m = JSON.parse(lines[lines.length - 1] ?? '{}') as { code?: number; wall: number; cpu: number };
  if (r.status !== 0 || m.code !== 0) throw new Error(`${side.label} failed (exit ${m.code ?? r.status}): ${String(r.stderr).slice(-2000)} ${String(r.stdout).slice(-500)}`);
  return { wallMs: m.wall * 1000, cpuMs: m.cpu * 1000 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

/** Rounds of every side in turn (one warm-up round first, not counted); prints medians and spreads. */
async function alternate(sides: Side[], runs: number, warmUp = true): Promise<Sample[][]> {
  if (warmUp) for (const side of sides) await runOnce(side);
  const out: Sample[][] = sides.map(() => []);
  for (let i = 0; i < runs; i++) for (const [j, side] of sides.entries()) out[j]!.push(await runOnce(side));
  for (const [j, side] of sides.entries()) {
    const wall = out[j]!.map((s) => s.wallMs);
    const cpu = out[j]!.map((s) => s.cpuMs);
    console.log(`  ${side.label}: wall median ${fmt(median(wall))} (${fmt(Math.min(...wall))}-${fmt(Math.max(...wall))}), CPU median ${fmt(median(cpu))}`);
  }
  return out;
}
function ratio(label: string, a: Sample[], b: Sample[]): void {
  const w = median(a.map((s) => s.wallMs)) / median(b.map((s) => s.wallMs));
  const c = median(a.map((s) => s.cpuMs)) / median(b.map((s) => s.cpuMs));
  console.log(`  ${label}: wall ${w.toFixed(3)}x, CPU ${c.toFixed(3)}x`);
}

const venv = await bentomlVenv();
const server = await startS3Server({ buckets: ['bench'] });
const remotes = await shelfRemotes(server);
const root = await mkdtemp(path.join(os.tmpdir(), 'shelf-remote-bench-'));
const home = path.join(root, 'home');
const cliEnv = remotes.env();
const node = process.execPath;
const cli = (h: string, ...args: string[]): string[] => [node, CLI, '--home', h, ...args];
const must = (argv: string[], options: SpawnSyncOptions = { env: cliEnv }): string => {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.status !== 0) throw new Error(`${argv.slice(0, 6).join(' ')} failed: ${String(r.stderr).slice(-2000)}`);
  return String(r.stdout);
};
async function clear(prefix: string): Promise<void> {
  for (const o of await server.listObjects('bench', prefix)) await server.deleteObject('bench', o.key);
}

try {
  console.log(`# ${new Date().toISOString()} node ${process.version}, BentoML ${venv.bentomlVersion}, nproc ${os.availableParallelism()}, ${os.platform()} ${os.release()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`# options: --mib ${MIB} --runs ${RUNS} --versions ${VERSIONS}; server: versitygw posix on ${os.tmpdir()} over loopback`);
  must(cli(root, 'remote', 'add', 'bench', 's3://bench/shelf', '--endpoint', server.endpoint));

  if (!skip.has('push') || !skip.has('pull')) {
    const src = path.join(root, 'src');
    await mkdir(src, { recursive: true });
    const fh = await open(path.join(src, 'weights.bin'), 'w');
    const block = Buffer.alloc(1 << 20);
    for (let i = 0; i < MIB; i++) await fh.write(randomFillSync(block));
    await fh.close();
    const tag = must(cli(home, 'create', 'bench_model', '--root', src)).trim().split('\n').pop()!;
    await rm(src, { recursive: true });
    const version = tag.split(':')[1]!;
    const file = path.join(root, `bench_model-${version}.bentomodel`);
    const shelfKey = `shelf/bench_model/${version}.bentomodel`;
    const bentoEnv = server.env(bentomlEnv(home));

    if (!skip.has('push')) {
      console.log(`\n## push of ${MIB} MiB (random weights)`);
      const push: Side = { label: 'model-shelf push', argv: cli(home, 'push', tag, '--to', 'bench'), options: { env: cliEnv }, before: () => clear('shelf/') };
      const exportUpload: Side = {
        label: 'model-shelf export + SDK upload of the file',
        argv: ['/bin/sh', '-c', `"$0" "$1" --home "$2" export "$3" "$4" >/dev/null && "$0" "$5" sdk-upload "$6" bench "plain/${path.basename(file)}" "$4"`, node, CLI, home, tag, file, SELF, server.endpoint],
        options: { env: cliEnv },
        before: async () => {
          await rm(file, { force: true });
          await clear('plain/');
        },
      };
      const bentoExport: Side = {
        label: 'bentoml models export TAG s3://...',
        argv: [venv.bentoml, 'models', 'export', tag, `s3://bench/bentoml/bench_model/${version}.bentomodel`],
        options: { env: bentoEnv },
        before: () => clear('bentoml/'),
      };
      const [a, b, c] = await alternate([push, exportUpload, bentoExport], RUNS);
      ratio('push / (export + upload)  [target <= 1.1x]', a!, b!);
      ratio('push / bentoml export s3   [target <= 0.5x]', a!, c!);
      const size = (await server.listObjects('bench', 'bentoml/')).concat(await server.listObjects('bench', 'plain/'));
      console.log(`  archive sizes: ${size.map((o) => `${o.key.split('/')[0]} ${o.size}`).join(', ')}`);
    }

    if (!skip.has('pull')) {
      console.log(`\n## pull of ${MIB} MiB`);
      await clear('shelf/');
      must(cli(home, 'push', tag, '--to', 'bench'));
      const pullHome = path.join(root, 'pull-home');
      const pull: Side = { label: 'model-shelf pull', argv: cli(pullHome, 'pull', tag, '--from', 'bench'), options: { env: cliEnv }, before: () => rm(pullHome, { recursive: true, force: true }) };
      const importHome = path.join(root, 'import-home');
      const dl = path.join(root, 'download.bentomodel');
      const downloadImport: Side = {
        label: 'SDK download + model-shelf import',
        argv: ['/bin/sh', '-c', `"$0" "$1" sdk-download "$2" bench "$3" "$4" && "$0" "$5" --home "$6" import "$4" >/dev/null`, node, SELF, server.endpoint, shelfKey, dl, CLI, importHome],
        options: { env: cliEnv },
        before: async () => {
          await rm(importHome, { recursive: true, force: true });
          await rm(dl, { force: true });
        },
      };
      const [a, b] = await alternate([pull, downloadImport], RUNS);
      ratio('pull / (download + import)  [target <= 1.1x]', a!, b!);
      console.log(`  object: ${(await stat(path.join(server.root, 'bench', shelfKey))).size} bytes`);
    }
  }

  if (!skip.has('ls')) {
    console.log(`\n## remote ls of ${VERSIONS} versions (pushed by Model Shelf, with sidecars)`);
    const manyHome = path.join(root, 'many');
    const store = await ModelStore.open({ home: manyHome });
    const tags: string[] = [];
    for (let i = 0; i < VERSIONS; i++) {
      const session = await store.begin({ tag: `model_${String(i % 100).padStart(3, '0')}`, labels: { stage: 'bench', i: String(i) } });
      const staged = path.join(root, `s${i}.bin`);
      await import('node:fs/promises').then((f) => f.writeFile(staged, `weights ${i}\n`));
      await session.add([staged]);
      tags.push((await session.commit()).tag);
      await rm(staged);
    }
    must(cli(manyHome, 'remote', 'add', 'many', 's3://bench/many', '--endpoint', server.endpoint));
    const t0 = performance.now();
    for (let i = 0; i < tags.length; i += 200) must(cli(manyHome, 'push', ...tags.slice(i, i + 200), '--to', 'many'));
    console.log(`  (setup: ${VERSIONS} pushes took ${fmt(performance.now() - t0)})`);
    const objects = await server.listObjects('bench', 'many/');
    console.log(`  remote holds ${objects.length} objects under many/ (archives + sidecars)`);
    const emptyHome = path.join(root, 'empty');
    // The sidecar cache ($XDG_CACHE_HOME/model-shelf/remote-sidecars/): cold = removed before each run, warm = kept.
    const cacheHome = cliEnv.XDG_CACHE_HOME!;
    const dropCache = (): Promise<void> => rm(path.join(cacheHome, 'model-shelf'), { recursive: true, force: true });
    const lsCold: Side = { label: 'model-shelf remote ls many --json (empty local store, cold cache)', argv: cli(emptyHome, 'remote', 'ls', 'many', '--json'), options: { env: cliEnv }, before: dropCache };
    const ls: Side = { label: 'model-shelf remote ls many --json (empty local store, warm cache)', argv: cli(emptyHome, 'remote', 'ls', 'many', '--json'), options: { env: cliEnv } };
    const lsLocal: Side = { label: 'model-shelf remote ls many --json (all local, warm cache)', argv: cli(manyHome, 'remote', 'ls', 'many', '--json'), options: { env: cliEnv } };
    const list: Side = { label: 'SDK ListObjectsV2 of the same keys', argv: [node, SELF, 'sdk-list', server.endpoint, 'bench', 'many/'], options: { env: cliEnv } };
    console.log(`  load before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const [cold, warm, , c] = await alternate([lsCold, ls, lsLocal, list], Math.max(RUNS, 5));
    console.log(`  load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    ratio('remote ls (cold cache) / plain listing', cold!, c!);
    ratio('remote ls (warm cache) / plain listing', warm!, c!);

    // Reads counted through a relay: GETs of archives must be 0 when every archive has a sidecar;
    // sidecar GETs are one per version with a cold cache and 0 with a warm one.
    // The relay lives in this process: these commands run asynchronously (spawnSync would stall it).
    const proxy = await startS3Proxy(server.port);
    const run = async (argv: string[]): Promise<void> => {
      const r = await runProcess(argv[0]!, argv.slice(1), { env: cliEnv });
      if (r.code !== 0) throw new Error(`${argv.slice(3).join(' ')} failed: ${r.stderr}`);
    };
    await run(cli(manyHome, 'remote', 'add', 'many-relay', 's3://bench/many', '--endpoint', proxy.endpoint));
    await dropCache();
    for (const cache of ['cold', 'warm']) {
      const from = proxy.seen.length;
      await run(cli(emptyHome, 'remote', 'ls', 'many-relay', '--json'));
      const seen = proxy.seen.slice(from);
      const gets = seen.filter((r) => r.method === 'GET' && requestKey(r, 'bench') !== null && requestKey(r, 'bench') !== '');
      const archiveGets = gets.filter((r) => (requestKey(r, 'bench') ?? '').endsWith('.bentomodel'));
      const sidecarGets = gets.filter((r) => (requestKey(r, 'bench') ?? '').endsWith('.shelf.json'));
      console.log(`  requests of one remote ls (${cache} cache): ${seen.length} in all, ${seen.length - gets.length} LIST, ${sidecarGets.length} sidecar GET, ${archiveGets.length} archive GET`);
    }
    await proxy.close();
  }
} finally {
  await server.close();
  await remotes.cleanup();
  await rm(root, { recursive: true, force: true });
}
