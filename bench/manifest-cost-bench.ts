// What recording the SHA-256 manifest adds to a create (issue 11 §4, issue 13: "no second read").
// The create hashes during the copy (create/copy-file.ts): small files from the buffer their copy
// read, big files from their source while the kernel copies them; a move reads nothing (pending
// manifest). For each case: the whole create (add + commit, as `model-shelf create` does it), the
// bytes hashed from the sources and from the staged/stored copy (counted on the diagnostics
// channel 'model-shelf:hashed-bytes'), and, right after, hashTree() of the stored version alone:
// what the second read that the commit used to make costs now (it is no longer made).
// Run: node bench/manifest-cost-bench.ts [--mib 1024] [--small 5000] [--runs 3]
import { randomFillSync } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
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
let fromSource = 0;
let fromStore = 0;
subscribe('model-shelf:hashed-bytes', (message) => {
  const { file, bytes } = message as { file: string; bytes: number };
  if (file.startsWith(path.join(root, 'home'))) fromStore += bytes;
  else fromSource += bytes;
});

async function source(kind: 'big' | 'small'): Promise<string> {
  const dir = path.join(root, `src-${n++}`);
  await fs.mkdir(dir);
  if (kind === 'big') await writeBigFile(path.join(dir, 'weights.bin'), Number(args.mib) * 2 ** 20, n);
  else for (let i = 0; i < Number(args.small); i++) await fs.writeFile(path.join(dir, `f${i}.bin`), randomFillSync(Buffer.allocUnsafe(4096)));
  return dir;
}

async function once(kind: 'big' | 'small', mode: 'copy' | 'move'): Promise<{ create: number; hash: number; source: number; store: number }> {
  const src = await source(kind);
  fromSource = 0;
  fromStore = 0;
  const t0 = performance.now();
  const session = await store.begin({ tag: `bench:r${n}` });
  await session.add([src], { root: true, mode });
  const version = await session.commit();
  const create = performance.now() - t0;
  const hashed = { source: fromSource, store: fromStore };
  const t1 = performance.now();
  await hashTree(version.path);
  const hash = performance.now() - t1;
  await store.delete([version.tag]);
  await fs.rm(src, { recursive: true, force: true });
  return { create, hash, ...hashed };
}

console.log(`# ${machine()}`);
for (const [kind, mode] of [['big', 'copy'], ['big', 'move'], ['small', 'copy']] as const) {
  const rows = [];
  for (let i = 0; i < Number(args.runs); i++) rows.push(await once(kind, mode));
  const create = median(rows.map((r) => r.create));
  const hash = median(rows.map((r) => r.hash));
  const what = kind === 'big' ? `1 file of ${args.mib} MiB` : `${args.small} files of 4 KiB`;
  const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(
    `  ${mode} ${what}: create median ${create.toFixed(0)} ms; hashed at create ${mib(rows[0]?.source ?? 0)} from the sources, ${mib(rows[0]?.store ?? 0)} read back from staging/store;` +
      ` a second read (hashTree of the stored version, no longer made) would cost ~${hash.toFixed(0)} ms; runs create/hashTree ${rows.map((r) => `${r.create.toFixed(0)}/${r.hash.toFixed(0)}`).join(', ')}`,
  );
}
await fs.rm(root, { recursive: true, force: true });
