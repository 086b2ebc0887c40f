// Stores for bench/verify-bench.ts and bench/dedup-bench.ts: BentoML-shaped versions (gen-store.ts)
// holding big and small files, written once under a cache folder and reused.
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeVersion } from './gen-store.ts';

const BLOCK = 16 * 1024 * 1024;

/** A file of `bytes` pseudo-random bytes (one random 16 MiB block repeated, with `seed` mixed in). */
export async function writeBigFile(file: string, bytes: number, seed: number): Promise<void> {
  const block = randomFillSync(Buffer.allocUnsafe(BLOCK));
  block.writeUInt32LE(seed, 0);
  const handle = await fs.open(file, 'w');
  try {
    for (let done = 0; done < bytes; done += BLOCK) await handle.write(block, 0, Math.min(BLOCK, bytes - done));
  } finally {
    await handle.close();
  }
}

export async function cached(home: string, build: () => Promise<void>): Promise<string> {
  const marker = path.join(home, '.generated');
  if (await fs.stat(marker).then(() => true, () => false)) return home;
  await fs.rm(home, { recursive: true, force: true });
  const t0 = performance.now();
  await build();
  await fs.writeFile(marker, '');
  console.log(`generated ${home} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return home;
}

/** `versions` versions, each with one big file of `bigMiB` and `small` files of 64 KiB. */
export async function verifyStore(home: string, opts: { versions: number; bigMiB: number; small: number }): Promise<void> {
  for (let v = 0; v < opts.versions; v++) {
    const dir = await writeVersion(home, 'bench', `v${v}`, { creationTime: `2025-03-14T09:26:${String(10 + v).padStart(2, '0')}.000000+00:00` });
    await writeBigFile(path.join(dir, 'weights.bin'), opts.bigMiB * 1024 * 1024, v);
    await fs.mkdir(path.join(dir, 'shards'));
    for (let i = 0; i < opts.small; i++) await fs.writeFile(path.join(dir, 'shards', `s${i}.bin`), randomFillSync(Buffer.allocUnsafe(64 * 1024)));
  }
}

/**
 * Fine-tunes of one base: every version holds the same `baseMiB` file (a real copy, not a link)
 * and a delta of its own with a size no other file has, plus small config files.
 */
export async function dedupStore(home: string, opts: { versions: number; baseMiB: number; deltaMiB: number }): Promise<void> {
  const base = path.join(home, 'base.bin');
  await fs.mkdir(home, { recursive: true });
  await writeBigFile(base, opts.baseMiB * 1024 * 1024, 1);
  for (let v = 0; v < opts.versions; v++) {
    const dir = await writeVersion(home, 'llm', `ft${v}`, { creationTime: `2025-03-14T09:26:${String(10 + v).padStart(2, '0')}.000000+00:00` });
    await fs.copyFile(base, path.join(dir, 'base.bin'));
    await writeBigFile(path.join(dir, 'delta.bin'), opts.deltaMiB * 1024 * 1024 + 4096 * (v + 1), 100 + v);
    await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify({ run: v, lr: 1e-4 * (v + 1) }));
  }
  await fs.rm(base);
}
