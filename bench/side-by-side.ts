// Shared by the side-by-side benchmarks: run two commands alternately and print medians of wall,
// CPU and max RSS with their spread (min-max).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import os from 'node:os';

export interface Side {
  readonly label: string;
  readonly argv: readonly string[];
  readonly options?: SpawnSyncOptions;
  /** Throws when a run's output is not what this side must print (a benchmark of a failure is worthless). */
  readonly check?: (stdout: string) => void;
}

export interface Sample {
  wallMs: number;
  /** User + system CPU of the command: what the machine's load barely changes. */
  cpuMs: number;
  maxRssKiB: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// The command runs under a small Python wrapper that times it itself (the wrapper's own start-up is
// not counted) and reads the child's CPU and max RSS from getrusage, in microseconds (/usr/bin/time
// rounds CPU to 10 ms, more than a whole `node -e 0`).
const WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'r0 = resource.getrusage(resource.RUSAGE_CHILDREN)',
  't0 = time.perf_counter()',
  'code = subprocess.run(sys.argv[1:]).returncode',
  'wall = time.perf_counter() - t0',
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'cpu = r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime',
  'print(json.dumps({"code": code, "wall": wall, "cpu": cpu, "rss": r.ru_maxrss}), file=sys.stderr)',
].join('\n');

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

export function runOnce(side: Side): Sample {
  // The system Python: a version manager's shim (pyenv) would run commands of its own first.
  const r = spawnSync(PYTHON, ['-c', WRAPPER, ...side.argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...side.options });
  const lines = String(r.stderr).trim().split('\n');
  const m = JSON.parse(lines[lines.length - 1] ?? '{}') as { code?: number; wall: number; cpu: number; rss: number };
  if (r.status !== 0 || m.code !== 0) throw new Error(`${side.label} failed (exit ${m.code ?? r.status}): ${String(r.stderr).slice(-2000)}`);
  side.check?.(String(r.stdout));
  return { wallMs: m.wall * 1000, cpuMs: m.cpu * 1000, maxRssKiB: m.rss };
}

/** `runs` rounds of a then b (one warm-up round first, not counted). */
export function alternate(a: Side, b: Side, runs: number): { a: Sample[]; b: Sample[] } {
  runOnce(a);
  runOnce(b);
  const out = { a: [] as Sample[], b: [] as Sample[] };
  for (let i = 0; i < runs; i++) {
    out.a.push(runOnce(a));
    out.b.push(runOnce(b));
  }
  return out;
}

const spread = (xs: number[], digits: number): string => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;

export function report(a: Side, b: Side, r: { a: Sample[]; b: Sample[] }): void {
  const wall = (s: Sample[]): number[] => s.map((x) => x.wallMs);
  const rss = (s: Sample[]): number[] => s.map((x) => x.maxRssKiB / 1024);
  const [wa, wb] = [median(wall(r.a)), median(wall(r.b))];
  const cpu = (s: Sample[]): number[] => s.map((x) => x.cpuMs);
  const [ma, mb] = [median(rss(r.a)), median(rss(r.b))];
  const [ca, cb] = [median(cpu(r.a)), median(cpu(r.b))];
  const line = (side: Side, s: Sample[], w: number, c: number, m: number): string =>
    `  ${side.label}: wall median ${w.toFixed(1)} ms (spread ${spread(wall(s), 1)}), CPU median ${c.toFixed(0)} ms (${spread(cpu(s), 0)}), max RSS median ${m.toFixed(1)} MiB (${spread(rss(s), 1)})`;
  console.log(line(a, r.a, wa, ca, ma));
  console.log(line(b, r.b, wb, cb, mb));
  console.log(`  ratio (medians): wall ${(wa / wb).toFixed(3)}x, CPU ${(ca / Math.max(cb, 1)).toFixed(3)}x, max RSS ${(ma / mb).toFixed(2)}x`);
}

export function machine(): string {
  return `node ${process.version}, nproc ${os.availableParallelism()}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
