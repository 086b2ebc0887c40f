// CLI start-up: `model-shelf --version`, `--help` and `list --json` of an empty store (the fixed
// cost of every store command) next to `node -e 0`, run in turn, medians and spread of wall time,
// CPU and max RSS. With --old, an older build's bin runs in the same rounds (before/after in one run).
// Run (after `npm run build`): node bench/cli-startup-bench.ts [--runs 31] [--bin bin/model-shelf.js]
//   [--old OLD_CHECKOUT/bin/model-shelf.js]
// Prints figures; asserts nothing but the printed version and the empty listing.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MODEL_SHELF_VERSION } from '../src-main/shared/shelf-version.ts';
import { pairs, roundRobin } from './round-robin.ts';
import { machine, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '31' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/model-shelf.js', import.meta.url)) },
    old: { type: 'string' },
  },
});
const runs = Number(args.runs);
const bin = args.bin ?? '';
const home = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-startup-bench-'));
await fs.mkdir(path.join(home, 'models'));

const node: Side = { label: 'node -e 0', argv: [process.execPath, '-e', '0'] };
const version = (b: string, which: string): Side => ({
  label: `model-shelf --version (${which})`,
  argv: [process.execPath, b, '--version'],
  check: (stdout) => {
    if (stdout !== `${MODEL_SHELF_VERSION}\n`) throw new Error(`--version printed ${JSON.stringify(stdout)}`);
  },
});
const help = (b: string, which: string): Side => ({
  label: `model-shelf --help (${which})`,
  argv: [process.execPath, b, '--help'],
  check: (stdout) => {
    if (!stdout.startsWith('Usage: model-shelf')) throw new Error(`--help printed ${JSON.stringify(stdout.slice(0, 200))}`);
  },
});
const emptyList = (b: string, which: string): Side => ({
  label: `model-shelf list --json, empty store (${which})`,
  argv: [process.execPath, b, 'list', '--json', '--home', home],
  check: (stdout) => {
    if (stdout !== '[]\n') throw new Error(`list --json printed ${JSON.stringify(stdout.slice(0, 200))}`);
  },
});

try {
  console.log(machine());
  for (const make of [version, help, emptyList]) {
    const now = make(bin, 'this build');
    const old = args.old === undefined ? undefined : make(args.old, 'old build');
    const sides = [now, ...(old ? [old] : []), node];
    const samples = roundRobin(sides, runs);
    const of = (side: Side): { a: Side; s: (typeof samples)[0] } => ({ a: side, s: samples[sides.indexOf(side)] ?? [] });
    console.log(`\n${runs} rounds (${machine()}):`);
    for (const [a, b] of pairs(now, old, node)) report(a, b, { a: of(a).s, b: of(b).s });
  }
  console.log(`\n${machine()}`);
} finally {
  await fs.rm(home, { recursive: true, force: true });
}
