// The model the export and import benchmarks move: one `weights.bin` of N MiB in a BentoML-shaped
// store (format spec §2), written straight into models/ like bench/gen-store.ts does.
//   random:       incompressible (what real float weights look like to xz)
//   compressible: ~75% zero runs and low-entropy bytes in 64 KiB pieces (xz shrinks it ~10x and
//                 decodes it fast, so the import's write path, not xz, sets the pace)
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { bentomlStyleYaml } from './gen-store.ts';

export type FixtureKind = 'random' | 'compressible';

const MiB = 1 << 20;

function fillCompressible(buf: Buffer, seed: number): void {
  let x = seed >>> 0 || 1;
  const next = (): number => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0);
  for (let off = 0; off < buf.length; off += 64 * 1024) {
    const piece = buf.subarray(off, off + 64 * 1024);
    if (next() % 4 !== 0) {
      piece.fill(0);
      continue;
    }
    randomFillSync(piece);
    for (let i = 0; i < piece.length; i++) piece[i] = (piece[i] as number) & 3;
  }
}

/** Writes the model (once: an existing one of the same size is reused) and returns its tag. */
export async function benchModel(home: string, mib: number, kind: FixtureKind): Promise<string> {
  const name = `bench_${kind}`;
  const version = `v${mib}mib`;
  const dir = path.join(home, 'models', name, version);
  const weights = path.join(dir, 'weights.bin');
  const have = await fs.stat(weights).then((s) => s.size, () => -1);
  if (have !== mib * MiB) {
    await fs.mkdir(dir, { recursive: true });
    const fh = await fs.open(weights, 'w');
    const buf = Buffer.alloc(MiB);
    for (let i = 0; i < mib; i++) {
      if (kind === 'random') randomFillSync(buf);
      else fillCompressible(buf, i + 1);
      await fh.write(buf);
    }
    await fh.close();
    await fs.writeFile(path.join(dir, 'model.yaml'), bentomlStyleYaml(name, version, '2026-01-01T00:00:00.000000+00:00'));
    await fs.writeFile(path.join(home, 'models', name, 'latest'), version);
  }
  return `${name}:${version}`;
}
