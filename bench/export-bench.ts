// `model-shelf export` of one big model against `xz -1 -T1` of the same tar (issue 13), alternating
// runs, medians with spread, CPU and max RSS of each side; then the faster honest formats
// (.tar.zst, .tar) against the same. The tar is the one `model-shelf export m.tar` writes.
// Run (after `npm run build:main`): node bench/export-bench.ts [--mib 64] [--runs 3]
//   [--kind random|compressible] [--home DIR] [--cli dist/main/cli/main.js] [--formats bentomodel,tar.zst,tar]
//   [--only-ours]   one run of model-shelf alone (wall, CPU, max RSS): memory at large sizes
// Prints figures; checks each .bentomodel with `xz -t` and counts its blocks (`xz -l`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchModel, type FixtureKind } from './export-import-fixture.ts';
import { alternate, machine, report, runOnce, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    mib: { type: 'string', default: '64' },
    cli: { type: 'string', default: fileURLToPath(new URL('../dist/main/cli/main.js', import.meta.url)) },
    runs: { type: 'string', default: '3' },
    kind: { type: 'string', default: 'random' },
    home: { type: 'string' },
    formats: { type: 'string', default: 'bentomodel,tar.zst,tar' },
    'only-ours': { type: 'boolean', default: false },
  },
});
const mib = Number(args.mib);
const runs = Number(args.runs);
const kind = args.kind as FixtureKind;
const cli = args.cli ?? '';
const home = args.home ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-export-bench-')));
const out = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-export-out-'));
try {
  const tag = await benchModel(home, mib, kind);
  const tarFile = path.join(out, 'same.tar');
  execFileSync(process.execPath, [cli, '--home', home, 'export', tag, tarFile]);
  console.log(`model ${tag}: ${mib} MiB ${kind}; tar ${(await fs.stat(tarFile)).size} bytes; ${machine()}`);

  const sh = (label: string, script: string): Side => ({ label, argv: ['/bin/sh', '-c', script] });
  const xz = sh('xz -1 -T1 of the same tar', `xz -1 -T1 -c '${tarFile}' > '${out}/ref.tar.xz'`);
  for (const format of (args.formats ?? '').split(',')) {
    const file = path.join(out, `m.${format}`);
    const shelf = sh(`model-shelf export .${format}`, `rm -f '${file}'; exec '${process.execPath}' '${cli}' --home '${home}' export '${tag}' '${file}' > /dev/null`);
    const ref = format === 'bentomodel' ? xz : format === 'tar.zst' ? sh('zstd -3 -T1 of the same tar', `zstd -q -3 -T1 -f -c '${tarFile}' > '${out}/ref.tar.zst'`) : sh('cp of the same tar', `cp '${tarFile}' '${out}/ref.tar'`);
    if (args['only-ours']) {
      const s = runOnce(shelf);
      console.log(`\n.${format}, one run: wall ${(s.wallMs / 1000).toFixed(1)} s, CPU ${(s.cpuMs / 1000).toFixed(1)} s, max RSS ${(s.maxRssKiB / 1024).toFixed(1)} MiB (${machine()})`);
    } else {
      console.log(`\n.${format} (${runs} alternating runs after one warm-up each):`);
      report(shelf, ref, alternate(shelf, ref, runs));
    }
    const refFile = path.join(out, `ref.${format === 'bentomodel' ? 'tar.xz' : format}`);
    const refSize = await fs.stat(refFile).then((s) => `${s.size} bytes`, () => 'not run');
    console.log(`  sizes: ours ${(await fs.stat(file)).size} bytes, reference ${refSize}`);
    if (format === 'bentomodel') {
      execFileSync('xz', ['-t', file]);
      const list = execFileSync('xz', ['-l', '--robot', file], { encoding: 'utf8' });
      const totals = list.split('\n').find((l) => l.startsWith('totals'))?.split('\t') ?? [];
      console.log(`  xz -t: ok; streams ${totals[1]}, blocks ${totals[2]}`);
    }
  }
} finally {
  await fs.rm(out, { recursive: true, force: true });
  if (args.home === undefined) await fs.rm(home, { recursive: true, force: true });
}
