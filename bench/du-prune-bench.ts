// `du` and `prune --dry-run` next to the floor, GNU `du -sb models` over the same tree (issue 11:
// target <= 2x), alternating runs, medians; then both at 1k, 10k and 100k versions with the
// fitted exponent of time against size, and the counted work (lstat + readdir calls) per version.
// Run: node bench/du-prune-bench.ts [--sizes 1000,10000,100000] [--runs 7] [--cache DIR]
// Stores are generated once (bench/gen-store.ts: names x 10 versions, a model.yaml and a 2 KiB
// model.pkl each) under --cache (default $TMPDIR/model-shelf-bench-du) and reused by later runs.
// Prints figures; asserts nothing but that each side saw the whole store.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { countWork } from '../src-main/store/paths/work-count.ts';
import { diskUsage, loadPrune, storePaths } from '../src-main/store/index.ts';
import { generateStore } from './gen-store.ts';
import { machine, median, runOnce } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '7' },
    cache: { type: 'string', default: path.join(os.tmpdir(), 'model-shelf-bench-du') },
  },
});
const sizes = (args.sizes ?? '').split(',').map(Number);
const runs = Number(args.runs);
const VERSIONS = 10;
const { planPrune } = await loadPrune();
const MAIN = fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url));

async function storeOf(versions: number): Promise<string> {
  const home = path.join(args.cache ?? '', String(versions));
  const marker = path.join(home, '.generated');
  if (await fs.stat(marker).then(() => true, () => false)) return home;
  await fs.rm(home, { recursive: true, force: true });
  const t0 = performance.now();
  await generateStore(home, { names: versions / VERSIONS, versions: VERSIONS, payloadBytes: 2048 });
  await fs.writeFile(marker, '');
  console.log(`generated ${versions} versions in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${home}`);
  return home;
}

const ms = async (fn: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

/** Wall and CPU (user + system of this process, all its threads) of an in-process call. */
async function timed(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const wall = await ms(fn);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Wall and CPU of a command (the side-by-side wrapper reads the child's getrusage). */
function timedCommand(argv: string[], cwd?: string): { wall: number; cpu: number } {
  const s = runOnce({ label: argv.join(' '), argv, ...(cwd === undefined ? {} : { options: { cwd } }) });
  return { wall: s.wallMs, cpu: s.cpuMs };
}

function duSb(models: string): number {
  const r = spawnSync('du', ['-sb', models], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`du failed: ${r.stderr}`);
  return Number(r.stdout.split('\t')[0]);
}

function cli(home: string, args: string[]): void {
  const r = spawnSync(process.execPath, [MAIN, '--home', home, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`model-shelf ${args.join(' ')} failed: ${r.stderr}`);
}

interface Row {
  versions: number;
  du: number;
  prune: number;
  floor: number;
  readFloor: number;
  /** CPU medians (ms) of the same runs. */
  duCpu: number;
  pruneCpu: number;
  floorCpu: number;
  readFloorCpu: number;
  cliDu: number;
  cliPrune: number;
  floorProcess: number;
  steps: number;
}

async function measure(versions: number): Promise<Row> {
  const home = await storeOf(versions);
  const paths = storePaths(home);
  const n = Math.max(3, versions >= 100_000 ? Math.min(runs, 3) : runs);
  const t = { du: [] as number[], prune: [] as number[], floor: [] as number[], readFloor: [] as number[], cliDu: [] as number[], cliPrune: [] as number[] };
  const c = { du: [] as number[], prune: [] as number[], floor: [] as number[], readFloor: [] as number[] };
  const add = (key: keyof typeof c, r: { wall: number; cpu: number }): void => {
    t[key].push(r.wall);
    c[key].push(r.cpu);
  };
  // Warm the cache once; then a, b, c, floor in turn, so a load spike hits all sides alike.
  const usage = await diskUsage(paths);
  if (usage.models.reduce((s, m) => s + m.versions.length, 0) !== versions) throw new Error('du did not see every version');
  if (usage.modelsBytes !== duSb(paths.models)) throw new Error(`du says ${usage.modelsBytes}, du -sb says ${duSb(paths.models)}`);
  for (let i = 0; i < n; i++) {
    add('du', await timed(() => diskUsage(paths)));
    add('floor', timedCommand(['du', '-sb', paths.models], paths.models));
    add('prune', await timed(() => planPrune(paths, { keepLast: 5 })));
    add('readFloor', timedCommand(['sh', '-c', 'du -sb . > /dev/null && find . -name model.yaml -exec cat {} + > /dev/null'], paths.models));
    if (versions <= 10_000) {
      t.cliDu.push(await ms(() => cli(home, ['du', '--json'])));
      t.cliPrune.push(await ms(() => cli(home, ['prune', '--keep-last', '5', '--dry-run', '--json'])));
    }
  }
  const steps = (await countWork('usage-read', () => planPrune(paths, { keepLast: 5 }))).steps;
  const floor = median(t.floor);
  return { versions, du: median(t.du), prune: median(t.prune), floor, readFloor: median(t.readFloor), duCpu: median(c.du), pruneCpu: median(c.prune), floorCpu: median(c.floor), readFloorCpu: median(c.readFloor), cliDu: median(t.cliDu.length ? t.cliDu : [Number.NaN]), cliPrune: median(t.cliPrune.length ? t.cliPrune : [Number.NaN]), floorProcess: floor, steps };
}

/** Least-squares slope of log(time) against log(size): 1 is linear. */
function exponent(rows: readonly Row[], pick: (r: Row) => number): number {
  const xs = rows.map((r) => Math.log(r.versions));
  const ys = rows.map((r) => Math.log(pick(r)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    den += ((xs[i] ?? 0) - mx) ** 2;
  }
  return num / den;
}

console.log(machine());
const rows: Row[] = [];
for (const size of sizes) {
  const row = await measure(size);
  rows.push(row);
  const f = (x: number): string => (Number.isNaN(x) ? '-' : `${x.toFixed(0)} ms`);
  console.log(
    `${size} versions: du ${f(row.du)} (${(row.du / row.floor).toFixed(2)}x), prune --dry-run plan ${f(row.prune)} (${(row.prune / row.floor).toFixed(2)}x; ${(row.prune / row.readFloor).toFixed(2)}x du -sb + cat of every model.yaml, ${f(row.readFloor)}), ` +
      `du -sb ${f(row.floor)}; CPU: du ${f(row.duCpu)} (${(row.duCpu / row.floorCpu).toFixed(2)}x), plan ${f(row.pruneCpu)} (${(row.pruneCpu / row.floorCpu).toFixed(2)}x; ${(row.pruneCpu / row.readFloorCpu).toFixed(2)}x du -sb + cat, ${f(row.readFloorCpu)}), du -sb ${f(row.floorCpu)}; whole CLI: du --json ${f(row.cliDu)}, prune --dry-run --json ${f(row.cliPrune)}; counted steps (lstat, readdir, model.yaml reads) ${row.steps}, ${(row.steps / size).toFixed(2)} per version`,
  );
}
if (rows.length >= 2) {
  console.log(`fitted exponent (time ~ versions^k): du ${exponent(rows, (r) => r.du).toFixed(2)}, prune plan ${exponent(rows, (r) => r.prune).toFixed(2)}, du -sb ${exponent(rows, (r) => r.floor).toFixed(2)}`);
}
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
