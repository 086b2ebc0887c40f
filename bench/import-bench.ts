// `model-shelf import` of a .bentomodel against `bentoml models import` and `tar -xJf` of the same
// file (issue 13), alternating runs, medians with spread, CPU and max RSS of each side. Every run
// starts from an empty home (or folder), removed inside the timed command (`rm -rf`, the same for
// every side). The archive is `model-shelf export`'s (xz, one stream of 2 MiB blocks).
// Model Shelf fsyncs the imported files before its rename (its durability promise); BentoML and
// tar do not, so both sides are also shown without that difference in mind: read the CPU column.
// A multi-block archive (ours) is decoded block by block on every core (issue 13); `--old-cli`
// adds a second build (e.g. the tree before that change, `git worktree add /tmp/old HEAD~1` then
// `npx tsc -p tsconfig.main.json` there) to the same rounds, so old and new are measured side by
// side under the same load: every round runs each command once, in turn.
// Run (after `npm run build:main`): node bench/import-bench.ts [--mib 256] [--runs 3]
//   [--kind compressible|random] [--home DIR] [--cli dist/main/cli/main.js] [--old-cli DIR/dist/main/cli/main.js]
//   [--no-bentoml]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { venvDir } from '../scripts/bentoml-venv.mjs';
import { benchModel, type FixtureKind } from './export-import-fixture.ts';
import { machine, report, runOnce, type Sample, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    mib: { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    kind: { type: 'string', default: 'compressible' },
    home: { type: 'string' },
    cli: { type: 'string', default: fileURLToPath(new URL('../dist/main/cli/main.js', import.meta.url)) },
    'old-cli': { type: 'string' },
    'no-bentoml': { type: 'boolean', default: false },
  },
});
const mib = Number(args.mib);
const runs = Number(args.runs);
const kind = args.kind as FixtureKind;
const cli = args.cli ?? '';
const oldCli = args['old-cli'];

/**
 * `runs` rounds of every side in turn (one warm-up round first, not counted), odd rounds in the
 * reverse order, and a `sync` (not timed) before every command: BentoML and tar leave hundreds of
 * MiB to the kernel's writeback, and the next command's fsync (ours) would wait for it. Without
 * both, the side that always ran right after BentoML (the new build) paid for BentoML's writes.
 */
function rotate(sides: readonly Side[], rounds: number): Sample[][] {
  const run = (side: Side): Sample => {
    execFileSync('sync');
    return runOnce(side);
  };
  for (const side of sides) run(side);
  const out = sides.map((): Sample[] => []);
  for (let i = 0; i < rounds; i++) {
    const order = sides.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) out[k]?.push(run(sides[k] as Side));
  }
  return out;
}
const home = args.home ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-import-bench-')));
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-import-work-'));
try {
  const tag = await benchModel(home, mib, kind);
  const file = path.join(work, 'm.bentomodel');
  execFileSync(process.execPath, [cli, '--home', home, 'export', tag, file]);
  const size = (await fs.stat(file)).size;
  console.log(`model ${tag}: ${mib} MiB ${kind}, archive ${size} bytes (${((100 * size) / (mib * 2 ** 20)).toFixed(1)}%); ${machine()}`);

  const sh = (label: string, script: string, env: NodeJS.ProcessEnv = process.env): Side => ({ label, argv: ['/bin/sh', '-c', script], options: { env } });
  const importSide = (label: string, bin: string, dir: string): Side =>
    sh(label, `rm -rf '${work}/${dir}'; exec '${process.execPath}' '${bin}' --home '${work}/${dir}' import '${file}' > /dev/null`);
  const ours = importSide('model-shelf import', cli, 'ours');
  const old = oldCli === undefined ? null : importSide('model-shelf import (old build)', oldCli, 'old');
  const tarSide = sh('tar -xJf', `rm -rf '${work}/tar'; mkdir '${work}/tar' && exec tar -xJf '${file}' -C '${work}/tar'`);
  const env = { ...process.env, BENTOML_HOME: path.join(work, 'theirs'), BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000' };
  const bentoml = args['no-bentoml'] ? null : sh('bentoml models import', `rm -rf '${work}/theirs'; exec '${path.join(venvDir(), 'bin', 'bentoml')}' models import '${file}' > /dev/null`, env);

  const sides = [ours, ...(old ? [old] : []), tarSide, ...(bentoml ? [bentoml] : [])];
  console.log(`\n${runs} rounds of ${sides.map((x) => x.label).join(', ')} in turn (odd rounds reversed, a sync before each), after one warm-up round:`);
  const results = rotate(sides, runs);
  const samples = new Map(sides.map((side, k) => [side, results[k] ?? []]));
  const pair = (a: Side, b: Side): void => {
    console.log(`\n${a.label} against ${b.label}:`);
    report(a, b, { a: samples.get(a) ?? [], b: samples.get(b) ?? [] });
  };
  for (const side of [ours, ...(old ? [old] : [])]) {
    if (bentoml) pair(side, bentoml);
    pair(side, tarSide);
  }
  if (old) pair(ours, old);
  console.log(`\nload average after: ${machine().replace(/.*load average /, '')}`);
  const imported = path.join(work, 'ours', 'models', tag.split(':')[0] ?? '', tag.split(':')[1] ?? '', 'weights.bin');
  execFileSync('cmp', [imported, path.join(work, 'tar', 'weights.bin')]);
  console.log('  imported weights.bin: identical to tar -xJf\'s');
} finally {
  await fs.rm(work, { recursive: true, force: true });
  if (args.home === undefined) await fs.rm(home, { recursive: true, force: true });
}
