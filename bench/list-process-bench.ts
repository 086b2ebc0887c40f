// Whole-process `model-shelf list --json` next to the floor `find models -name model.yaml -exec cat {} +`
// at 1,000, 10,000 and 100,000 versions (names x 10 versions), alternating runs, medians and spread
// of wall, CPU and max RSS; then the fitted exponent of CPU against versions (log-log least squares:
// 1.0 = cost grows like the work) and RSS growth per version between the sizes.
// Run (after `npm run build`): node bench/list-process-bench.ts [--sizes 1000,10000,100000] [--runs 5]
//   [--dir DIR  keep/reuse the generated stores there] [--bin bin/model-shelf.js]
//   [--old OLD_CHECKOUT/bin/model-shelf.js  an older build in the same rounds: before/after in one run]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateStore } from './gen-store.ts';
import { pairs, roundRobin } from './round-robin.ts';
import { machine, median, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/model-shelf.js', import.meta.url)) },
    old: { type: 'string' },
  },
});
const sizes = (args.sizes ?? '').split(',').map(Number);
const runs = Number(args.runs);
const root = args.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-list-process-')));

function fit(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    den += ((lx[i] as number) - mx) ** 2;
  }
  return num / den;
}

try {
  console.log(machine());
  const rows: { versions: number; cpu: number; floorCpu: number; rssKiB: number }[] = [];
  for (const versions of sizes) {
    const home = path.join(root, `store-${versions}`);
    const have = await fs.readdir(path.join(home, 'models')).then((d) => d.length, () => 0);
    if (have !== versions / 10) {
      await fs.rm(home, { recursive: true, force: true });
      await generateStore(home, { names: versions / 10, versions: 10, payloadBytes: 2048 });
    }
    const count = (stdout: string): void => {
      const n = (JSON.parse(stdout) as unknown[]).length;
      if (n !== versions) throw new Error(`list printed ${n} versions, expected ${versions}`);
    };
    const shelfOf = (bin: string, which: string): Side => ({ label: `model-shelf list --json (${versions} versions, ${which})`, argv: [process.execPath, bin, 'list', '--json', '--home', home], check: count });
    const shelf = shelfOf(args.bin ?? '', 'this build');
    const old = args.old === undefined ? undefined : shelfOf(args.old, 'old build');
    const floor: Side = { label: 'find models -name model.yaml -exec cat {} +', argv: ['sh', '-c', 'find models -name model.yaml -exec cat {} + > /dev/null'], options: { cwd: home } };
    console.log(`\n${versions} versions, ${runs} rounds (${machine()}):`);
    const sides = [shelf, ...(old ? [old] : []), floor];
    const samples = roundRobin(sides, runs);
    const of = (side: Side): (typeof samples)[0] => samples[sides.indexOf(side)] ?? [];
    for (const [a, b] of pairs(shelf, old, floor)) report(a, b, { a: of(a), b: of(b) });
    rows.push({ versions, cpu: median(of(shelf).map((s) => s.cpuMs)), floorCpu: median(of(floor).map((s) => s.cpuMs)), rssKiB: median(of(shelf).map((s) => s.maxRssKiB)) });
  }
  if (rows.length >= 2) {
    console.log(`\nfitted exponent, CPU against versions: model-shelf ${fit(rows.map((r) => r.versions), rows.map((r) => r.cpu)).toFixed(2)}, floor ${fit(rows.map((r) => r.versions), rows.map((r) => r.floorCpu)).toFixed(2)}`);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]] as [(typeof rows)[0], (typeof rows)[0]];
      console.log(`max RSS growth ${a.versions} -> ${b.versions} versions: ${((b.rssKiB - a.rssKiB) / (b.versions - a.versions)).toFixed(2)} KiB per version`);
    }
  }
} finally {
  if (args.dir === undefined) await fs.rm(root, { recursive: true, force: true });
}
