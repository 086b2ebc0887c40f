import { createRequire } from 'node:module';
import { Duplex } from 'node:stream';

// bzip2 import: unbzip2-stream's block decoder, driven one block at a time with backpressure.
//
// Why not the package's own stream (issue 9 item 7; figures in docs/benchmarks.md, "bzip2
// decoding"): unbzip2-stream 1.4.3 (no release for years, open issues about running out of memory
// and crashing on large files: regular/unbzip2-stream#17, #28) is an old `through` stream with
// no backpressure. It decodes every block it holds in one synchronous go, and at end of input
// all the rest, so a 208-byte bomb (256 MiB of zeros) or a 785-byte one (1 GiB) was decoded
// whole into memory before import's size checks saw a byte: 2.8 GB peak RSS and minutes of CPU
// for the 1 GiB one, and a few KB make any machine run out of memory.
// Why not replace the package: every maintained alternative on npm decodes a whole buffer at
// once (seek-bzip, compressjs, bz2; @foxglove/wasm-bz2 also needs the output size first), which
// is worse for multi-GB model archives (the whole archive and its whole output in memory), and
// none is much faster: on a 50 MB .tar.bz2, 7.6 CPU s here against 6.2 for seek-bzip, 5.2 for
// @foxglove/wasm-bz2, 8.9 for compressjs, 49 for bz2, 11.0 for the package's own stream
// (bench/bzip2-bench.ts). If a streaming libbz2 binding or WASM build appears, switch to it.
// Its decoder itself is sound (CRC-checked, multi-stream); only its stream wrapper is not, so
// this file replaces the wrapper: a block is decoded only when the reader wants more, and a
// destroyed import stops after the block in hand (at most ~46 MB of output: 900 kB runs of 255).

interface BitReader {
  (n: number | null): number;
  bytesRead: number;
}
interface Bzip2Decoder {
  /** Reads a stream header; returns the block size in units of 100 kB (1-9). */
  header(bits: BitReader): number;
  /** Decodes one block into `out`; returns the running CRC, or null at the end of a stream. */
  decompress(bits: BitReader, out: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number): number | null;
}

const require = createRequire(import.meta.url);
const decoder = require('unbzip2-stream/lib/bzip2.js') as Bzip2Decoder;
const bitIterator = require('unbzip2-stream/lib/bit_iterator.js') as (next: () => Buffer) => BitReader;

const OUT_CHUNK = 64 * 1024;

/** Collects decoded bytes into 64 KiB Buffers (not an array of numbers as the package does). */
function byteSink(): { byte: (b: number) => void; parts: () => Buffer[] } {
  const done: Buffer[] = [];
  let cur = Buffer.allocUnsafe(OUT_CHUNK);
  let n = 0;
  return {
    byte: (b) => {
      if (n === OUT_CHUNK) {
        done.push(cur);
        cur = Buffer.allocUnsafe(OUT_CHUNK);
        n = 0;
      }
      cur[n++] = b;
    },
    parts: () => (n > 0 ? [...done, cur.subarray(0, n)] : done),
  };
}

export function bunzip2(): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const input: Buffer[] = [];
    let received = 0;
    let bits: BitReader | null = null;
    let blockSize = 0; // 0: a stream header comes next
    let crc: number | null = null; // null: between streams
    const next = (): Buffer => {
      const chunk = input.shift();
      if (!chunk) throw new Error('the bzip2 data ends in the middle of a block');
      return chunk;
    };
    // One step reads a stream header or decodes one block (the decoder is synchronous).
    const step = (reader: BitReader): Buffer[] => {
      if (blockSize === 0) {
        blockSize = decoder.header(reader);
        crc = 0;
        return [];
      }
      const sink = byteSink();
      const size = 100_000 * blockSize;
      crc = decoder.decompress(reader, sink.byte, new Int32Array(size), size, crc ?? 0);
      if (crc === null) blockSize = 0;
      return sink.parts();
    };
    for await (const chunk of source) {
      input.push(chunk);
      received += chunk.length;
      bits ??= bitIterator(next);
      // Decode only with a whole block in hand: a compressed block is at most about the block
      // size (the package waits for size + 25 kB; twice the size leaves room for odd encoders).
      while (received - bits.bytesRead + 1 >= 2 * 100_000 * blockSize + 25_000) yield* step(bits);
    }
    while (bits && received > bits.bytesRead) yield* step(bits);
    if (crc !== null) throw new Error('input stream ended prematurely');
  });
}
