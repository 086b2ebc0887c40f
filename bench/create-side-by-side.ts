// Whole-process `model-shelf create` against the Unix floor with the same durability, alternating
// runs, medians and spread of wall time and CPU (user + system of the command and its children,
// e.g. the `cp` and `sync` that create spawns):
//   1. one 1 GiB file:              `model-shelf create NAME FILE`  vs  `cp FILE OUT && sync OUT`
//   2. 10,000 files of 4 KiB:       `model-shelf create NAME DIR`   vs  `cp -r DIR OUT && sync -f OUT`
// Outputs are removed and the disk flushed (`sync`, 0.3 s pause) between runs, outside the timing.
// Run (after `npm run build:main`):
//   node bench/create-side-by-side.ts [--runs 5] [--bin bin/model-shelf.js] [--also OTHER/bin/model-shelf.js] [--dir /tmp] [--only big|many]
// --also adds a second build (say, the tree before a change) as a third side, in the same alternation.
// Each work also runs `model-shelf create NAME SRC --manifest later` (the copy without the SHA-256
// manifest, recorded by the first verify instead) as its own side; --skip-later leaves it out.
// Prints figures only (asserts nothing but that every run succeeded).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/model-shelf.js', import.meta.url)) },
    dir: { type: 'string', default: os.tmpdir() },
    only: { type: 'string' },
    also: { type: 'string' },
    'skip-later': { type: 'boolean', default: false },
    'size-mib': { type: 'string', default: '1024' },
    files: { type: 'string', default: '10000' },
  },
});
const runs = Number(args.runs);
const bin = path.resolve(args.bin ?? '');
const sizeMiB = Number(args['size-mib']);
const fileCount = Number(args.files);
const root = await fsp.mkdtemp(path.join(args.dir ?? os.tmpdir(), 'shelf-create-bench-'));

interface Sample {
  wallMs: number;
  cpuMs: number;
}

// The command runs under a small Python wrapper that times it and reads the CPU of all its
// descendants from getrusage(RUSAGE_CHILDREN) (the wrapper's own start-up is not counted).
const WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'r0 = resource.getrusage(resource.RUSAGE_CHILDREN)',
  't0 = time.perf_counter()',
  'code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode',
  'wall = time.perf_counter() - t0',
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(json.dumps({"code": code, "wall": wall, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime}))',
].join('\n');

interface Side {
  readonly label: string;
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Removes what a run wrote (untimed). */
  readonly clean: () => Promise<void>;
}

const settle = (): void => {
  execFileSync('sync');
  execFileSync('sleep', ['0.3']);
};

async function runOnce(side: Side): Promise<Sample> {
  await side.clean();
  settle();
  const r = spawnSync('/usr/bin/python3', ['-c', WRAPPER, ...side.argv], { encoding: 'utf8', env: { ...process.env, ...side.env } });
  const m = JSON.parse(String(r.stdout).trim().split('\n').at(-1) ?? '{}') as { code?: number; wall: number; cpu: number };
  if (r.status !== 0 || m.code !== 0) throw new Error(`${side.label} failed (exit ${m.code ?? r.status}): ${String(r.stderr).slice(-2000)}`);
  return { wallMs: m.wall * 1000, cpuMs: m.cpu * 1000 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const spread = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function compare(title: string, sides: readonly Side[]): Promise<void> {
  const floorSide = sides.at(-1) as Side;
  console.log(`\n${title}: ${runs} alternating runs (one warm-up round first, not counted), load average before ${load()}`);
  for (const side of sides) await runOnce(side);
  const samples: Sample[][] = sides.map(() => []);
  for (let i = 0; i < runs; i++) for (const [k, side] of sides.entries()) samples[k]?.push(await runOnce(side));
  for (const side of sides) await side.clean();
  const sb = samples.at(-1) ?? [];
  for (const [k, side] of sides.entries()) {
    const s = samples[k] ?? [];
    const wall = s.map((x) => x.wallMs);
    const cpu = s.map((x) => x.cpuMs);
    console.log(`  ${side.label}: wall median ${median(wall).toFixed(0)} ms (spread ${spread(wall)}), CPU median ${median(cpu).toFixed(0)} ms (${spread(cpu)})`);
    console.log(`    runs wall: ${wall.map((x) => x.toFixed(0)).join(', ')}; CPU: ${cpu.map((x) => x.toFixed(0)).join(', ')}`);
  }
  for (const [k, side] of sides.slice(0, -1).entries()) {
    const sa = samples[k] ?? [];
    const ratio = (f: (x: Sample) => number): string => (median(sa.map(f)) / Math.max(median(sb.map(f)), 1)).toFixed(2);
    const pairs = sa.map((x, i) => x.wallMs / (sb[i]?.wallMs ?? 1));
    console.log(`  ${side.label} / ${floorSide.label}: ratio of medians wall ${ratio((x) => x.wallMs)}x, CPU ${ratio((x) => x.cpuMs)}x; per-pair wall ratios ${pairs.map((r) => r.toFixed(2)).join(', ')}`);
  }
  console.log(`  load average after: ${load()}`);
}

async function makeBigFile(file: string): Promise<void> {
  // Random, not sparse: one random MiB, varied per MiB so that no block repeats.
  const block = randomBytes(1024 * 1024);
  const handle = await fsp.open(file, 'w');
  for (let i = 0; i < sizeMiB; i++) {
    block.writeUInt32LE(i, 0);
    await handle.write(block);
  }
  await handle.close();
}

async function makeManyFiles(dir: string): Promise<void> {
  await fsp.mkdir(dir);
  for (let i = 0; i < fileCount; i++) await fsp.writeFile(path.join(dir, `f${String(i).padStart(5, '0')}.bin`), randomBytes(4096));
}

const home = path.join(root, 'home');
const out = path.join(root, 'out');
const shelf = (tag: string, src: string, which = bin, extra: readonly string[] = []): Side => ({
  label: `model-shelf create ${tag}${extra.length > 0 ? ` ${extra.join(' ')}` : ''} (${path.relative(process.cwd(), which) || which})`,
  argv: [process.execPath, which, 'create', tag, src, ...extra],
  env: { BENTOML_HOME: home },
  clean: () => fsp.rm(home, { recursive: true, force: true }),
});
const others = (tag: string, src: string): Side[] => [
  ...(args['skip-later'] ? [] : [shelf(tag, src, bin, ['--manifest', 'later'])]),
  ...(args.also === undefined ? [] : [shelf(tag, src, path.resolve(args.also))]),
];
const floor = (label: string, script: string, src: string): Side => ({
  label,
  argv: ['/bin/sh', '-c', script, 'sh', src, out],
  clean: () => fsp.rm(out, { recursive: true, force: true }),
});

try {
  console.log(`create-side-by-side: node ${process.version}, ${os.availableParallelism()} CPUs, ${os.platform()} ${os.release()}, in ${root}`);
  console.log(execFileSync('df', ['-hT', root], { encoding: 'utf8' }).trim());
  if (args.only !== 'many') {
    const big = path.join(root, 'big.bin');
    await makeBigFile(big);
    settle();
    await compare(`one ${sizeMiB} MiB file`, [shelf('bench-big', big), ...others('bench-big', big), floor('cp FILE OUT && sync OUT', 'cp "$1" "$2" && sync "$2"', big)]);
    await fsp.rm(big);
  }
  if (args.only !== 'big') {
    const many = path.join(root, 'many');
    await makeManyFiles(many);
    settle();
    await compare(`${fileCount} files of 4 KiB`, [shelf('bench-many', many), ...others('bench-many', many), floor('cp -r DIR OUT && sync -f OUT', 'cp -r "$1" "$2" && sync -f "$2"', many)]);
  }
} finally {
  await fsp.rm(root, { recursive: true, force: true });
}
