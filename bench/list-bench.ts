// `scanStore` next to `find models -name model.yaml -exec cat {} +` on 1,000 names x 10 versions.
// Run: node bench/list-bench.ts [names] [versions] [runs]. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanStore } from '../src-main/store/read/scan.ts';
import { generateStore } from './gen-store.ts';

const names = Number(process.argv[2] ?? 1000);
const versionsPerName = Number(process.argv[3] ?? 10);
const runs = Number(process.argv[4] ?? 5);

function dropCaches(): boolean {
  const r = spawnSync('sh', ['-c', 'sync && echo 3 > /proc/sys/vm/drop_caches'], { stdio: 'ignore' });
  return r.status === 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface Sample {
  wall: number;
  /** CPU time (user + system) of the work itself, which the machine's load barely changes. */
  cpu: number;
}

async function timeScan(home: string): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { versions, problems } = await scanStore(home);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (versions.length !== names * versionsPerName || problems.length > 0) throw new Error(`unexpected scan: ${versions.length} versions, ${problems.length} problems`);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const secs = (m: string): number => {
  const [, min = '0', sec = '0'] = /^(\d+)m([\d.]+)s$/.exec(m) ?? [];
  return (Number(min) * 60 + Number(sec)) * 1000;
};

function timeFind(home: string): Sample {
  const t0 = performance.now();
  // `times` prints the CPU used by the shell's children (find, cat) on its second line.
  const r = spawnSync('sh', ['-c', 'find models -name model.yaml -exec cat {} + > /dev/null; times'], { cwd: home, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`find failed: ${r.stderr}`);
  const [user = '0m0s', sys = '0m0s'] = (r.stdout.trim().split('\n')[1] ?? '').split(/\s+/);
  return { wall, cpu: secs(user) + secs(sys) };
}

const home = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-bench-'));
try {
  const t0 = performance.now();
  const count = await generateStore(home, { names, versions: versionsPerName, payloadBytes: 2048 });
  console.log(`generated ${count} versions (${names} names x ${versionsPerName}) in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${home}`);
  console.log(`node ${process.version}, ${os.cpus().length} cpus, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]?.toFixed(1)}`);

  const canDrop = dropCaches();
  const coldLabel = canDrop ? 'cold (page cache dropped before each run)' : 'cold-ish (first run after generation; could not drop caches)';
  const cold = { scan: [] as Sample[], find: [] as Sample[] };
  const coldRuns = canDrop ? runs : 1;
  for (let i = 0; i < coldRuns; i++) {
    if (canDrop) dropCaches();
    cold.scan.push(await timeScan(home));
    if (canDrop) dropCaches();
    cold.find.push(timeFind(home));
  }
  const warm = { scan: [] as Sample[], find: [] as Sample[] };
  for (let i = 0; i < runs; i++) {
    warm.scan.push(await timeScan(home));
    warm.find.push(timeFind(home));
  }
  const row = (label: string, r: { scan: Sample[]; find: Sample[] }): void => {
    const [sw, fw] = [median(r.scan.map((x) => x.wall)), median(r.find.map((x) => x.wall))];
    const [sc, fc] = [median(r.scan.map((x) => x.cpu)), median(r.find.map((x) => x.cpu))];
    console.log(`${label}:`);
    console.log(`  wall  scanStore ${sw.toFixed(0)} ms, find+cat ${fw.toFixed(0)} ms, ratio ${(sw / fw).toFixed(2)}x  (scan ${r.scan.map((x) => x.wall.toFixed(0)).join('/')}; find ${r.find.map((x) => x.wall.toFixed(0)).join('/')})`);
    console.log(`  cpu   scanStore ${sc.toFixed(0)} ms, find+cat ${fc.toFixed(0)} ms, ratio ${(sc / fc).toFixed(2)}x`);
  };
  row(coldLabel, cold);
  row(`warm (${runs} runs)`, warm);
} finally {
  await fs.rm(home, { recursive: true, force: true });
}
