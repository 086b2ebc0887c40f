// `model-shelf import` of a .bentomodel against `bentoml models import` and `tar -xJf` of the same
// file (issue 13), alternating runs, medians with spread, CPU and max RSS of each side. Every run
// starts from an empty home (or folder), removed inside the timed command (`rm -rf`, the same for
// every side). The archive is `model-shelf export`'s (xz, one stream of 2 MiB blocks).
// Model Shelf fsyncs the imported files before its rename (its durability promise); BentoML and
// tar do not, so both sides are also shown without that difference in mind: read the CPU column.
// Run (after `npm run build:main`): node bench/import-bench.ts [--mib 256] [--runs 3]
//   [--kind compressible|random] [--home DIR] [--cli dist/main/cli/main.js] [--no-bentoml]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { venvDir } from '../scripts/bentoml-venv.mjs';
import { benchModel, type FixtureKind } from './export-import-fixture.ts';
import { alternate, machine, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    mib: { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    kind: { type: 'string', default: 'compressible' },
    home: { type: 'string' },
    cli: { type: 'string', default: fileURLToPath(new URL('../dist/main/cli/main.js', import.meta.url)) },
    'no-bentoml': { type: 'boolean', default: false },
  },
});
const mib = Number(args.mib);
const runs = Number(args.runs);
const kind = args.kind as FixtureKind;
const cli = args.cli ?? '';
const home = args.home ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-import-bench-')));
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-import-work-'));
try {
  const tag = await benchModel(home, mib, kind);
  const file = path.join(work, 'm.bentomodel');
  execFileSync(process.execPath, [cli, '--home', home, 'export', tag, file]);
  const size = (await fs.stat(file)).size;
  console.log(`model ${tag}: ${mib} MiB ${kind}, archive ${size} bytes (${((100 * size) / (mib * 2 ** 20)).toFixed(1)}%); ${machine()}`);

  const sh = (label: string, script: string, env: NodeJS.ProcessEnv = process.env): Side => ({ label, argv: ['/bin/sh', '-c', script], options: { env } });
  const ours = sh('model-shelf import', `rm -rf '${work}/ours'; exec '${process.execPath}' '${cli}' --home '${work}/ours' import '${file}' > /dev/null`);
  const tarSide = sh('tar -xJf', `rm -rf '${work}/tar'; mkdir '${work}/tar' && exec tar -xJf '${file}' -C '${work}/tar'`);
  const env = { ...process.env, BENTOML_HOME: path.join(work, 'theirs'), BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000' };
  const bentoml = sh('bentoml models import', `rm -rf '${work}/theirs'; exec '${path.join(venvDir(), 'bin', 'bentoml')}' models import '${file}' > /dev/null`, env);

  if (!args['no-bentoml']) {
    console.log(`\nagainst BentoML (${runs} alternating runs after one warm-up each):`);
    report(ours, bentoml, alternate(ours, bentoml, runs));
  }
  console.log(`\nagainst tar -xJf (${runs} alternating runs after one warm-up each):`);
  report(ours, tarSide, alternate(ours, tarSide, runs));
  const imported = path.join(work, 'ours', 'models', tag.split(':')[0] ?? '', tag.split(':')[1] ?? '', 'weights.bin');
  execFileSync('cmp', [imported, path.join(work, 'tar', 'weights.bin')]);
  console.log('  imported weights.bin: identical to tar -xJf\'s');
} finally {
  await fs.rm(work, { recursive: true, force: true });
  if (args.home === undefined) await fs.rm(home, { recursive: true, force: true });
}
