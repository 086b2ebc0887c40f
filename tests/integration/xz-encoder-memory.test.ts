import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 13, export memory: each block of a multi-threaded export builds one @napi-rs/lzma
// Compressor (~10 MiB of native encoder at preset 1) whose finish() frees it on libuv's pool,
// and the package's allocator hands that memory back to the thread that built it only when that
// thread allocates again (xz-block-worker.ts). A compression thread therefore ends every block
// with reclaimEncoderMemory(). This test counts blocks, not time: a fresh Node process builds
// BLOCKS encoders one after the other on one thread, the way a worker does, and reports its RSS
// after each; with the reclaim step the RSS after the first blocks may not grow by more than
// one encoder and change. Without it (the control) the same loop kept ~10 encoders.
const BLOCKS = 40;
const MiB = 1 << 20;
const worker = pathToFileURL(fileURLToPath(new URL('../../src-main/store/archive/xz-block-worker.ts', import.meta.url))).href;

const script = `
import { Compressor } from '@napi-rs/lzma/xz';
import { reclaimEncoderMemory } from ${JSON.stringify(worker)};
const block = Buffer.alloc(2 << 20, 1);
const rss = [];
for (let i = 0; i < ${BLOCKS}; i++) {
  const c = new Compressor({ preset: 1 });
  for (let off = 0; off < block.length; off += 1 << 20) c.update(block.subarray(off, off + (1 << 20)));
  await c.finish();
  globalThis.gc();
  if (process.argv[1] === 'reclaim') await reclaimEncoderMemory();
  rss.push(process.memoryUsage.rss());
}
console.log(JSON.stringify(rss));
`;

/** RSS after each block, from a fresh process (the test runner's own memory stays out). */
function rssPerBlock(mode: 'reclaim' | 'control'): number[] {
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, mode], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  return JSON.parse(out) as number[];
}

/** How far the RSS rose above what it was after block 5 (the process's own start-up settled). */
function growthAfterWarmUp(rss: number[]): number {
  const base = rss[4] ?? 0;
  return Math.max(...rss.slice(5)) - base;
}

describe('xz compression threads give back each finished encoder', () => {
  it(`a thread that reclaims after each block stays flat over ${BLOCKS} encoders`, { timeout: 300_000 }, () => {
    const growth = growthAfterWarmUp(rssPerBlock('reclaim'));
    expect(growth).toBeLessThan(24 * MiB);
  });

  it('the control without the reclaim step keeps several finished encoders (why the step exists)', { timeout: 300_000 }, () => {
    const growth = growthAfterWarmUp(rssPerBlock('control'));
    expect(growth).toBeGreaterThan(40 * MiB);
  });
});
