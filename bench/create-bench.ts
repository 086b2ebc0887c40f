// Create throughput: Model Shelf's copy and move modes against `cp` on the same filesystem.
// Usage: node bench/create-bench.ts [--size-mib 1024] [--runs 7] [--dir /path/on/target/fs]
// Prints figures only (never asserts). Targets: copy within 1.1x of cp; move under 50 ms.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ModelStore } from '../src-main/store/index.ts';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' }, runs: { type: 'string', default: '7' }, dir: { type: 'string' } } });
const sizeMiB = Number(values['size-mib']);
const runs = Number(values.runs);
const root = await fsp.mkdtemp(path.join(values.dir ?? os.tmpdir(), 'shelf-bench-'));
const source = path.join(root, 'weights.bin');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
// Flush and let the disk settle, so that one run's write-back does not land in the next one's time.
const sync = (): void => {
  execFileSync('sync');
  execFileSync('sleep', ['0.3']);
};
async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function makeSource(file: string): Promise<void> {
  // Random-ish, not sparse: a random MiB, varied per MiB so no block repeats.
  const block = randomBytes(1024 * 1024);
  const handle = await fsp.open(file, 'w');
  for (let i = 0; i < sizeMiB; i++) {
    block.writeUInt32LE(i, 0);
    await handle.write(block);
  }
  await handle.close();
}

const results: Record<string, number[]> = { cp: [], 'cp + sync': [], 'fs.copyFile': [], 'shelf copy: add only': [], 'shelf copy (commit, fsync)': [], 'shelf move (commit)': [] };
try {
  console.log(`create-bench: ${sizeMiB} MiB file, ${runs} runs, in ${root}`);
  console.log(execFileSync('df', ['-hT', root], { encoding: 'utf8' }).trim());
  console.log(`load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${os.cpus().length} CPUs`);
  await makeSource(source);
  sync();
  for (let run = 0; run < runs; run++) {
    const out = path.join(root, 'out.bin');
    results.cp?.push(await timed(() => execFileSync('cp', [source, out])));
    await fsp.rm(out);
    sync();
    results['cp + sync']?.push(await timed(() => execFileSync('sh', ['-c', 'cp "$1" "$2" && sync "$2"', 'sh', source, out])));
    await fsp.rm(out);
    sync();
    results['fs.copyFile']?.push(await timed(() => fsp.copyFile(source, out, constants.COPYFILE_FICLONE)));
    await fsp.rm(out);
    sync();

    const store = await ModelStore.open({ home: path.join(root, `home-${run}`) });
    let added = 0;
    results['shelf copy (commit, fsync)']?.push(
      await timed(async () => {
        const session = await store.begin({ tag: 'bench' });
        added = await timed(() => session.add([source], { mode: 'copy' }));
        await session.commit();
      }),
    );
    results['shelf copy: add only']?.push(added);
    sync();
    // Move needs its own source each run (the commit removes it); made and flushed untimed.
    const movable = path.join(root, `movable-${run}.bin`);
    execFileSync('cp', [source, movable]);
    sync();
    results['shelf move (commit)']?.push(
      await timed(async () => {
        const session = await store.begin({ tag: 'bench' });
        await session.add([movable], { mode: 'move' });
        await session.commit();
      }),
    );
    await fsp.rm(path.join(root, `home-${run}`), { recursive: true, force: true });
    sync();
  }
  console.log(`load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const cp = median(results.cp ?? []);
  const cpSync = median(results['cp + sync'] ?? []);
  for (const [label, xs] of Object.entries(results)) {
    const m = median(xs);
    const min = Math.min(...xs);
    console.log(
      `${label.padEnd(28)} median ${m.toFixed(1).padStart(8)} ms = ${(m / cp).toFixed(2)}x cp, ${(m / cpSync).toFixed(2)}x cp+sync;` +
        `  min ${min.toFixed(1).padStart(7)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`,
    );
  }
} finally {
  await fsp.rm(root, { recursive: true, force: true });
}
