import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { xz } from '@napi-rs/lzma';
import { describe, expect, it } from 'vitest';
import { splitXzStream, xzStreamEnd, xzStreamHeader } from '../../src-main/store/archive/xz-index.ts';
import { parallelXzCompressor } from '../../src-main/store/archive/xz-parallel.ts';

// The multi-threaded export writes ONE .xz stream of independent blocks (what `xz -T` writes);
// these tests decode it with @napi-rs/lzma's own decoder and read its index, and count what
// the compressor holds. That BentoML's Python lzma reads it is tests/interop/export-mt.test.ts.
const KiB = 1024;
const BLOCK = 64 * KiB;

/** Compressible and incompressible pieces, so blocks of both kinds are written. */
function mixed(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let off = 0; off < size; off += 10 * KiB) {
    if ((off / (10 * KiB)) % 3 === 0) randomBytes(Math.min(10 * KiB, size - off)).copy(out, off);
    else out.fill(off % 251, off, Math.min(off + 10 * KiB, size));
  }
  return out;
}

async function compress(input: Buffer, threads: number, chunk = 7 * KiB, onHeld?: (n: number) => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / chunk) }, (_, i) => input.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(
    Readable.from(pieces),
    parallelXzCompressor(1, { threads, blockSize: BLOCK, ...(onHeld ? { onHeld } : {}) }),
    new Writable({ write: (c: Buffer, _e, cb) => (parts.push(c), cb()) }),
  );
  return Buffer.concat(parts);
}

describe('multi-threaded xz: one stream of independent blocks', () => {
  for (const size of [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, Math.floor(3.5 * BLOCK)]) {
    it(`${size} bytes decode to the input, in ${Math.ceil(size / BLOCK)} blocks of one stream`, { timeout: 60_000 }, async () => {
      const input = mixed(size);
      const packed = await compress(input, 3);
      expect(await xz.decompress(packed)).toEqual(input);
      // splitXzStream reads one header, one index and one footer spanning the whole file.
      const { records } = splitXzStream(packed);
      expect(records.length).toBe(Math.ceil(size / BLOCK));
      expect(records.map((r) => r.uncompressed)).toEqual(records.map((_, i) => Math.min(BLOCK, size - i * BLOCK)));
    });
  }

  it('writes the same bytes whatever the number of threads', { timeout: 60_000 }, async () => {
    const input = mixed(5 * BLOCK + 123);
    const one = await compress(input, 1, 64 * KiB + 5);
    expect(await compress(input, 4, 3 * KiB)).toEqual(one);
  });

  it('holds at most threads + 1 blocks ahead of a slow reader, whatever the input size', { timeout: 120_000 }, async () => {
    const threads = 2;
    let most = 0;
    const input = randomBytes(40 * BLOCK);
    const pieces = Array.from({ length: 40 * 4 }, (_, i) => input.subarray((i * BLOCK) / 4, ((i + 1) * BLOCK) / 4));
    let read = 0;
    await pipeline(
      Readable.from(pieces),
      parallelXzCompressor(1, { threads, blockSize: BLOCK, onHeld: (n) => (most = Math.max(most, n)) }),
      new Writable({ highWaterMark: 1, write: (c: Buffer, _e, cb) => ((read += c.length), setTimeout(cb, 2)) }),
    );
    expect(read).toBeGreaterThan(40 * BLOCK);
    expect(most).toBe(threads + 1);
  });

  it('a destroyed compressor closes and stops its threads', { timeout: 60_000 }, async () => {
    const stream = parallelXzCompressor(1, { threads: 2, blockSize: BLOCK });
    stream.on('error', () => undefined);
    for (let i = 0; i < 20; i++) stream.write(randomBytes(BLOCK));
    const closed = new Promise<void>((resolve) => stream.once('close', resolve));
    stream.destroy(new Error('cancelled'));
    await closed;
    expect(stream.destroyed).toBe(true);
  });
});

describe('xz index helpers', () => {
  it('an empty stream (no blocks) is the 32 bytes xz writes for empty input', async () => {
    const empty = Buffer.concat([xzStreamHeader(Buffer.from([0, 4])), xzStreamEnd(Buffer.from([0, 4]), [])]);
    expect(empty).toEqual(await xz.compress(Buffer.alloc(0)));
  });

  it('refuses what is not one whole xz stream', async () => {
    const one = await xz.compress(Buffer.from('hello'));
    expect(() => splitXzStream(one.subarray(0, one.length - 1))).toThrow(/malformed/);
    expect(() => splitXzStream(Buffer.concat([one, one]))).toThrow(/malformed/);
    expect(splitXzStream(one).records).toEqual([{ unpadded: expect.any(Number) as unknown, uncompressed: 5 }]);
  });
});
