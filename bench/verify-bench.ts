// `model-shelf verify` against `sha256sum` over the same files (issue 11: verify throughput >=
// 0.9x sha256sum), alternating runs, medians of wall and CPU, as throughput over the bytes.
// Both sides read the same files, warm in the page cache (the store fits in RAM; the first,
// uncounted round warms it), and both sides get the machine's cores: sha256sum as
// `xargs -P <nproc> sha256sum` over the file list (and also single-process, for reference), verify
// with its own parallelism (one hashing thread: OpenSSL's SHA-256, reads overlapped in libuv's pool).
// Run: node bench/verify-bench.ts [--versions 4] [--big-mib 512] [--small 200] [--runs 5] [--cache DIR]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cached, verifyStore } from './integrity-store.ts';
import { alternate, machine, median, report, type Side } from './side-by-side.ts';

const { values: args } = parseArgs({
  options: {
    versions: { type: 'string', default: '4' },
    'big-mib': { type: 'string', default: '512' },
    small: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    cache: { type: 'string', default: path.join(os.tmpdir(), 'model-shelf-bench-verify') },
  },
});
const versions = Number(args.versions);
const bigMiB = Number(args['big-mib']);
const small = Number(args.small);
const MAIN = fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url));
const home = await cached(path.join(args.cache ?? '', `${versions}x${bigMiB}x${small}`), () => verifyStore(path.join(args.cache ?? '', `${versions}x${bigMiB}x${small}`), { versions, bigMiB, small }));
const models = path.join(home, 'models');
const bytes = versions * (bigMiB * 1024 * 1024 + small * 64 * 1024);
const files = versions * (1 + small);
const nproc = String(os.availableParallelism());

// The first verify records the manifests (BentoML-shaped versions have none); the runs compare.
spawnSync(process.execPath, [MAIN, '--home', home, 'verify'], { stdio: 'ignore' });

const verify: Side = {
  label: 'model-shelf verify',
  argv: [process.execPath, MAIN, '--home', home, 'verify', '--json'],
  check: (out) => {
    const r = JSON.parse(out) as { intact: number };
    if (r.intact !== versions) throw new Error(`verify saw ${r.intact} intact versions, not ${versions}`);
  },
};
const sums = (parallel: string): Side => ({
  label: `find | xargs -P ${parallel} sha256sum`,
  argv: ['sh', '-c', `find "${models}" -type f -print0 | xargs -0 -P ${parallel} -n 16 sha256sum`],
  check: (out) => {
    const n = out.trim().split('\n').length;
    if (n !== files + versions) throw new Error(`sha256sum hashed ${n} files, not ${files + versions}`);
  },
});

console.log(`# ${machine()}`);
console.log(`# ${versions} versions x (${bigMiB} MiB + ${small} x 64 KiB) = ${(bytes / 2 ** 30).toFixed(2)} GiB in ${files} files (+ model.yaml each), warm cache, ${args.runs} runs alternating`);
for (const parallel of [nproc, '1']) {
  const side = sums(parallel);
  const r = alternate(verify, side, Number(args.runs));
  report(verify, side, r);
  const tput = (ms: number): string => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;
  const [va, sb] = [median(r.a.map((s) => s.wallMs)), median(r.b.map((s) => s.wallMs))];
  console.log(`  throughput: verify ${tput(va)}, sha256sum ${tput(sb)}; verify / sha256sum = ${(sb / va).toFixed(2)}x (target >= 0.9x)`);
}
