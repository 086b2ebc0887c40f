// Which way to hash a big file in the same pass as its copy (issue 13, manifest at create)?
// One 1 GiB file, each design a whole child process timed by a Python wrapper (wall, and CPU of
// the process and its children from getrusage(RUSAGE_CHILDREN)), alternating run by run:
//   floor  `cp FILE OUT && sync OUT`                           (no hash)
//   a      userland copy: read -> SHA-256 -> write in 8 MiB buffers, the next read in flight while
//          one buffer is hashed and written (libuv's pool), then fsync
//   b      the kernel's copy (`cp` in a child) with the SOURCE hashed at the same time on the main
//          thread (hashFile: 4 MiB reads, two buffers), then fsync; the hash overlaps the copy
//   b+     as b, but the fsync starts as soon as `cp` is done, overlapping the rest of the hash
//          (what the commit does: the hash may finish while the staged files are flushed)
// Run: node bench/create-hash-designs.ts [--runs 3] [--size-mib 1024] [--dir /tmp]
// Prints figures only.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashFile } from '../src-main/store/integrity/hash-file.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, 'size-mib': { type: 'string', default: '1024' }, dir: { type: 'string', default: os.tmpdir() }, design: { type: 'string' } },
});

const CHUNK = 8 * 1024 * 1024;

async function userland(src: string, dst: string): Promise<string> {
  const input = await fsp.open(src, 'r');
  const output = await fsp.open(dst, 'wx');
  const hash = createHash('sha256');
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let turn = 0;
  let position = 0;
  let reading = input.read(buffers[0] as Buffer, 0, CHUNK, 0);
  let writing: Promise<unknown> = Promise.resolve();
  for (;;) {
    const { bytesRead, buffer } = await reading;
    if (bytesRead === 0) break;
    // The other buffer is free once its write is done: then the next read fills it.
    await writing;
    turn ^= 1;
    reading = input.read(buffers[turn] as Buffer, 0, CHUNK, position + bytesRead);
    writing = output.write(buffer, 0, bytesRead, position);
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  await writing;
  await output.sync();
  await output.close();
  await input.close();
  return hash.digest('hex');
}

const cp = (src: string, dst: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn('/bin/cp', ['--', src, dst], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cp exit ${code}`))));
  });

async function fsyncFile(file: string): Promise<void> {
  const h = await fsp.open(file, 'r');
  await h.sync();
  await h.close();
}

async function kernelWithHash(src: string, dst: string, overlapFlush: boolean): Promise<string> {
  const hashing = hashFile(src);
  await cp(src, dst);
  if (overlapFlush) {
    const [h] = await Promise.all([hashing, fsyncFile(dst)]);
    return h.sha256;
  }
  const h = await hashing;
  await fsyncFile(dst);
  return h.sha256;
}

if (args.design !== undefined) {
  // Child mode: one design, one copy.
  const [src = '', dst = ''] = positionals;
  if (args.design === 'a') await userland(src, dst);
  else await kernelWithHash(src, dst, args.design === 'b+');
  process.exit(0);
}

const WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'r0 = resource.getrusage(resource.RUSAGE_CHILDREN)',
  't0 = time.perf_counter()',
  'code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode',
  'wall = time.perf_counter() - t0',
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(json.dumps({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime}))',
].join('\n');

const root = await fsp.mkdtemp(path.join(args.dir ?? os.tmpdir(), 'shelf-hash-designs-'));
const src = path.join(root, 'big.bin');
const out = path.join(root, 'out.bin');
const self = fileURLToPath(import.meta.url);
const settle = (): void => {
  execFileSync('sync');
  execFileSync('sleep', ['0.3']);
};
const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const designs: Record<string, string[]> = {
  'floor: cp + sync': ['/bin/sh', '-c', 'cp "$1" "$2" && sync "$2"', 'sh', src, out],
  'a: userland read -> hash -> write, fsync': [process.execPath, self, '--design', 'a', src, out],
  'b: cp || hash source, then fsync': [process.execPath, self, '--design', 'b', src, out],
  'b+: cp || hash source, fsync || rest of hash': [process.execPath, self, '--design', 'b+', src, out],
};

try {
  console.log(`create-hash-designs: node ${process.version}, ${os.availableParallelism()} CPUs, ${os.release()}, ${args['size-mib']} MiB, in ${root}; load average before ${load()}`);
  const block = randomBytes(1024 * 1024);
  const handle = await fsp.open(src, 'w');
  for (let i = 0; i < Number(args['size-mib']); i++) {
    block.writeUInt32LE(i, 0);
    await handle.write(block);
  }
  await handle.close();
  settle();
  const samples: Record<string, { wall: number; cpu: number }[]> = Object.fromEntries(Object.keys(designs).map((k) => [k, []]));
  for (let run = 0; run < Number(args.runs); run++) {
    for (const [label, argv] of Object.entries(designs)) {
      await fsp.rm(out, { force: true });
      settle();
      const r = spawnSync('/usr/bin/python3', ['-c', WRAPPER, ...argv], { encoding: 'utf8' });
      const m = JSON.parse(String(r.stdout).trim().split('\n').at(-1) ?? '{}') as { code: number; wall: number; cpu: number };
      if (m.code !== 0) throw new Error(`${label} failed: ${r.stderr}`);
      samples[label]?.push({ wall: m.wall * 1000, cpu: m.cpu * 1000 });
    }
  }
  const floor = samples['floor: cp + sync'] ?? [];
  const fw = median(floor.map((s) => s.wall));
  const fc = median(floor.map((s) => s.cpu));
  for (const [label, s] of Object.entries(samples)) {
    const w = median(s.map((x) => x.wall));
    const c = median(s.map((x) => x.cpu));
    console.log(`  ${label.padEnd(46)} wall median ${w.toFixed(0)} ms (${(w / fw).toFixed(2)}x floor), CPU median ${c.toFixed(0)} ms (${(c / fc).toFixed(2)}x); runs ${s.map((x) => `${x.wall.toFixed(0)}/${x.cpu.toFixed(0)}`).join(', ')}`);
  }
  console.log(`  load average after: ${load()}`);
} finally {
  await fsp.rm(root, { recursive: true, force: true });
}
