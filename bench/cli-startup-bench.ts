// CLI start-up: `model-shelf --version` (and `--help`) next to `node -e 0`, alternating runs,
// medians and spread of wall time and max RSS.
// Run (after `npm run build:main`): node bench/cli-startup-bench.ts [--runs 31] [--bin bin/model-shelf.js]
// Prints figures; asserts nothing but the printed version.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MODEL_SHELF_VERSION } from '../src-main/shared/shelf-version.ts';
import { alternate, machine, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '31' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/model-shelf.js', import.meta.url)) },
  },
});
const runs = Number(args.runs);
const bin = args.bin ?? '';

const node: Side = { label: 'node -e 0', argv: [process.execPath, '-e', '0'] };
const version: Side = {
  label: 'model-shelf --version',
  argv: [process.execPath, bin, '--version'],
  check: (stdout) => {
    if (stdout !== `${MODEL_SHELF_VERSION}\n`) throw new Error(`--version printed ${JSON.stringify(stdout)}`);
  },
};
const help: Side = {
  label: 'model-shelf --help',
  argv: [process.execPath, bin, '--help'],
  check: (stdout) => {
    if (!stdout.startsWith('Usage: model-shelf')) throw new Error(`--help printed ${JSON.stringify(stdout.slice(0, 200))}`);
  },
};

console.log(machine());
console.log(`\n${runs} alternating runs:`);
report(version, node, alternate(version, node, runs));
console.log(`\n${runs} alternating runs:`);
report(help, node, alternate(help, node, runs));
console.log(`\n${machine()}`);
