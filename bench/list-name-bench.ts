// `model-shelf list NAME --json` next to `bentoml models list NAME -o json` on one big store
// (default 10,000 names x 10 versions = 100,000 versions), alternating runs, medians and spread;
// then model-shelf on a store holding only that name, to show the cost does not depend on the others.
// Run (after `npm run build`): node bench/list-name-bench.ts [--names 10000] [--versions 10] [--runs 7]
//   [--home DIR  reuse or keep the generated store] [--bin bin/model-shelf.js]
//   [--old OLD_CHECKOUT/bin/model-shelf.js  an older build in the same rounds: before/after in one run]
// Prints figures; asserts nothing but that both sides list the same number of versions.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { venvDir } from '../scripts/bentoml-venv.mjs';
import { generateStore } from './gen-store.ts';
import { pairs, roundRobin } from './round-robin.ts';
import { alternate, machine, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    names: { type: 'string', default: '10000' },
    versions: { type: 'string', default: '10' },
    runs: { type: 'string', default: '7' },
    home: { type: 'string' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/model-shelf.js', import.meta.url)) },
    old: { type: 'string' },
  },
});
const names = Number(args.names);
const versions = Number(args.versions);
const runs = Number(args.runs);
const name = `model_${String(Math.floor(names / 2)).padStart(4, '0')}`;

const keep = args.home !== undefined;
const home = args.home ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-list-name-')));
const alone = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-list-name-alone-'));
try {
  const have = await fs.readdir(path.join(home, 'models')).then((d) => d.length, () => 0);
  if (have !== names) {
    await fs.rm(path.join(home, 'models'), { recursive: true, force: true });
    const t0 = performance.now();
    await generateStore(home, { names, versions, payloadBytes: 2048 });
    console.log(`generated ${names * versions} versions (${names} names x ${versions}) in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${home}`);
  } else {
    console.log(`reusing ${home} (${names} names x ${versions} versions)`);
  }
  await fs.cp(path.join(home, 'models', name), path.join(alone, 'models', name), { recursive: true });
  console.log(machine());

  const count = (label: string) => (stdout: string): void => {
    const n = (JSON.parse(stdout) as unknown[]).length;
    if (n !== versions) throw new Error(`${label} listed ${n} versions of ${name}, expected ${versions}`);
  };
  const env = { ...process.env, BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000' };
  const shelf = (h: string, label: string, bin = args.bin ?? ''): Side => ({
    label,
    argv: [process.execPath, bin, 'list', name, '--json', '--home', h],
    options: { env },
    check: count(label),
  });
  const bentoml: Side = {
    label: `bentoml models list ${name} -o json`,
    argv: [path.join(venvDir(), 'bin', 'bentoml'), 'models', 'list', name, '-o', 'json'],
    options: { env: { ...env, BENTOML_HOME: home } },
    check: count('bentoml'),
  };

  console.log(`\nlist one name (${versions} versions) of ${names * versions} versions, ${runs} rounds:`);
  const big = shelf(home, `model-shelf list ${name} --json`);
  const old = args.old === undefined ? undefined : shelf(home, `model-shelf list ${name} --json (old build)`, args.old);
  const sides = [big, ...(old ? [old] : []), bentoml];
  const samples = roundRobin(sides, runs);
  const of = (side: Side): (typeof samples)[0] => samples[sides.indexOf(side)] ?? [];
  for (const [a, b] of pairs(big, old, bentoml)) report(a, b, { a: of(a), b: of(b) });

  console.log(`\nthe same name, model-shelf alone: the ${names * versions}-version store next to a store holding only that name:`);
  const small = shelf(alone, `model-shelf list ${name} --json (store of ${versions} versions)`);
  report(big, small, alternate(big, small, runs));
} finally {
  if (!keep) await fs.rm(home, { recursive: true, force: true });
  await fs.rm(alone, { recursive: true, force: true });
}
