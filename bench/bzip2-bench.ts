// bzip2 decode speed and peak memory: unbzip2-stream (what import uses, archive-bunzip2.ts)
// against the npm alternatives and the system bzip2, on one ~50 MB .tar.bz2 of float32 noise
// (model weights compress about as badly). Prints figures, asserts nothing.
// The alternatives are not dependencies: install them anywhere and point the bench there:
//   mkdir /tmp/bz && cd /tmp/bz && npm init -y && npm i seek-bzip@2.0.0 compressjs@1.0.3 bz2@1.0.1 @foxglove/wasm-bz2@0.3.0
//   BZIP2_CANDIDATES=/tmp/bz/node_modules node bench/bzip2-bench.ts      (BENCH_MIB=56 by default)
// Each decoder runs in its own child process, so each peak RSS is its own.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { bunzip2 } from '../src-main/store/archive/archive-bunzip2.ts';

type Decode = (file: string, size: number) => Promise<Buffer | Uint8Array | string>;

const candidatesDir = process.env.BZIP2_CANDIDATES ?? '';
const fromCandidates = (name: string): unknown => createRequire(path.join(candidatesDir, 'noop.js'))(name);
const sha = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Each returns the sha256 of what it decoded, so a wrong decoder shows in the table. */
const decoders: Record<string, { note: string; decode: Decode }> = {
  'unbzip2-stream 1.4.3 own': {
    note: 'streaming, the package\'s through stream (before)',
    decode: async (file) => {
      const hash = createHash('sha256');
      const unbzip2 = createRequire(import.meta.url)('unbzip2-stream') as () => NodeJS.ReadWriteStream;
      await new Promise<void>((resolve, reject) => {
        createReadStream(file).pipe(unbzip2()).on('data', (c: Buffer) => hash.update(c)).on('end', resolve).on('error', reject);
      });
      return hash.digest('hex');
    },
  },
  'unbzip2-stream, bunzip2()': {
    note: 'streaming, block per read (now, archive-bunzip2.ts)',
    decode: async (file) => {
      const hash = createHash('sha256');
      const sink = new Writable({ write: (c: Buffer, _e, cb) => (hash.update(c), cb()) });
      await pipeline(createReadStream(file), bunzip2(), sink);
      return hash.digest('hex');
    },
  },
  'seek-bzip 2.0.0': {
    note: 'whole buffer, sync',
    decode: async (file) => {
      const Bunzip = fromCandidates('seek-bzip') as { decode(input: Buffer): Buffer };
      return sha(Bunzip.decode(await fsp.readFile(file)));
    },
  },
  'compressjs 1.0.3': {
    note: 'whole buffer, sync',
    decode: async (file) => {
      const { Bzip2 } = fromCandidates('compressjs') as { Bzip2: { decompressFile(input: Buffer): Uint8Array } };
      return sha(Bzip2.decompressFile(await fsp.readFile(file)));
    },
  },
  'bz2 1.0.1': {
    note: 'whole buffer, sync',
    decode: async (file) => {
      const bz2 = fromCandidates('bz2') as { decompress(input: Uint8Array, crc?: boolean): Uint8Array };
      return sha(bz2.decompress(await fsp.readFile(file)));
    },
  },
  '@foxglove/wasm-bz2 0.3.0': {
    note: 'whole buffer, output size needed first',
    decode: async (file, size) => {
      const Bzip2 = fromCandidates('@foxglove/wasm-bz2') as { init(): Promise<{ decompress(src: Uint8Array, destSize: number): Uint8Array }> };
      const bz = await Bzip2.init();
      return sha(bz.decompress(await fsp.readFile(file), size));
    },
  },
  'system bzip2 -dc': {
    note: 'native libbz2, reference only (its CPU is not counted)',
    decode: (file) =>
      new Promise((resolve, reject) => {
        const hash = createHash('sha256');
        const child = spawn('bzip2', ['-dc', file], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.on('data', (c: Buffer) => hash.update(c));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(hash.digest('hex')) : reject(new Error(`bzip2 exited ${code}`))));
      }),
  },
};

async function runOne(name: string, file: string, size: number): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const digest = await decoders[name]!.decode(file, size);
  const wall = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1e6, peak, digest }));
}

/** A tar of float32 values from a seeded normal distribution, bzip2'd by the system bzip2 -9. */
async function makeArchive(dir: string, mib: number): Promise<{ file: string; tarSize: number; tarSha: string }> {
  const floats = new Float32Array((mib * 2 ** 20) / 4);
  let x = 0x9e3779b9; // xorshift32: seeded, so every run decodes the same bytes
  const rand = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) + 1) / (2 ** 32 + 1);
  };
  for (let i = 0; i < floats.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(rand())) * 0.02;
    const a = 2 * Math.PI * rand();
    floats[i] = r * Math.cos(a);
    floats[i + 1] = r * Math.sin(a);
  }
  await fsp.mkdir(path.join(dir, 'm'));
  await fsp.writeFile(path.join(dir, 'm', 'model.yaml'), 'name: bench\nversion: v1\n');
  await fsp.writeFile(path.join(dir, 'm', 'weights.bin'), Buffer.from(floats.buffer));
  execFileSync('tar', ['-cf', 'm.tar', '-C', dir, 'm'], { cwd: dir });
  const tar = await fsp.readFile(path.join(dir, 'm.tar'));
  execFileSync('bzip2', ['-9', 'm.tar'], { cwd: dir });
  return { file: path.join(dir, 'm.tar.bz2'), tarSize: tar.length, tarSha: sha(tar) };
}

if (process.argv[2] === '--one') {
  await runOne(process.argv[3]!, process.argv[4]!, Number(process.argv[5]));
} else {
  const MIB = Number(process.env.BENCH_MIB ?? 56);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bz2-bench-'));
  try {
    const { file, tarSize, tarSha } = await makeArchive(dir, MIB);
    const bzSize = (await fsp.stat(file)).size;
    console.log(`archive: ${(bzSize / 1e6).toFixed(1)} MB .tar.bz2 (bzip2 -9) of a ${(tarSize / 1e6).toFixed(1)} MB tar of float32 noise; node ${process.version}; ${os.cpus().length} cores; load ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`${'decoder'.padEnd(26)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'MB/s out'.padStart(9)} ${'peak RSS'.padStart(9)}  output      kind`);
    const self = fileURLToPath(import.meta.url);
    for (const name of Object.keys(decoders)) {
      const child = spawnSync(process.execPath, [self, '--one', name, file, String(tarSize)], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        const why = (child.stderr.match(/Cannot find module '[^']+'/)?.[0] ?? child.stderr.trim().split('\n')[0] ?? '').slice(0, 90);
        console.log(`${name.padEnd(26)} not run: ${why}`);
        continue;
      }
      const r = JSON.parse(line) as { wall: number; cpu: number; peak: number; digest: string };
      const ok = r.digest === tarSha ? 'correct' : 'WRONG';
      console.log(`${name.padEnd(26)} ${r.wall.toFixed(2).padStart(7)} ${r.cpu.toFixed(2).padStart(7)} ${(tarSize / 1e6 / r.wall).toFixed(1).padStart(9)} ${`${(r.peak / 2 ** 20).toFixed(0)} MiB`.padStart(9)}  ${ok.padEnd(10)}  ${decoders[name]!.note}`);
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
