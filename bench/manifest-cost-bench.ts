// What recording the SHA-256 manifest adds to a create (issue 11 §4: "hash while copying where
// cheap; if hashing needs a second read, measure the cost"). The copy goes through `cp`/reflink
// inside the kernel, so the manifest is a second read of the staged files, usually from the page
// cache. For each case: the whole create (add + commit, as `model-shelf create` does it) and, right
// after, hashTree() of the stored version alone (the same read the commit made): its share is the cost.
// Run: node bench/manifest-cost-bench.ts [--mib 1024] [--small 5000] [--runs 3]
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ModelStore, loadIntegrity } from '../src-main/store/index.ts';
import { writeBigFile } from './integrity-store.ts';
import { machine, median } from './side-by-side.ts';

const { values: args } = parseArgs({ options: { mib: { type: 'string', default: '1024' }, small: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' } } });
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'shelf-manifest-cost-'));
const store = await ModelStore.open({ home: path.join(root, 'home') });
const { hashTree } = await loadIntegrity();
let n = 0;

async function source(kind: 'big' | 'small'): Promise<string> {
  const dir = path.join(root, `src-${n++}`);
  await fs.mkdir(dir);
  if (kind === 'big') await writeBigFile(path.join(dir, 'weights.bin'), Number(args.mib) * 2 ** 20, n);
  else for (let i = 0; i < Number(args.small); i++) await fs.writeFile(path.join(dir, `f${i}.bin`), randomFillSync(Buffer.allocUnsafe(4096)));
  return dir;
}

async function once(kind: 'big' | 'small', mode: 'copy' | 'move'): Promise<{ create: number; hash: number }> {
  const src = await source(kind);
  const t0 = performance.now();
  const session = await store.begin({ tag: `bench:r${n}` });
  await session.add([src], { root: true, mode });
  const version = await session.commit();
  const create = performance.now() - t0;
  const t1 = performance.now();
  await hashTree(version.path);
  const hash = performance.now() - t1;
  await store.delete([version.tag]);
  await fs.rm(src, { recursive: true, force: true });
  return { create, hash };
}

console.log(`# ${machine()}`);
for (const [kind, mode] of [['big', 'copy'], ['big', 'move'], ['small', 'copy']] as const) {
  const rows = [];
  for (let i = 0; i < Number(args.runs); i++) rows.push(await once(kind, mode));
  const create = median(rows.map((r) => r.create));
  const hash = median(rows.map((r) => r.hash));
  const what = kind === 'big' ? `1 file of ${args.mib} MiB` : `${args.small} files of 4 KiB`;
  console.log(`  ${mode} ${what}: create median ${create.toFixed(0)} ms, of which the manifest's hashing ~${hash.toFixed(0)} ms (${((100 * hash) / create).toFixed(0)}%); runs ${rows.map((r) => `${r.create.toFixed(0)}/${r.hash.toFixed(0)}`).join(', ')}`);
}
await fs.rm(root, { recursive: true, force: true });
