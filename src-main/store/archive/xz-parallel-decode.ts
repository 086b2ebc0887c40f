import { promises as fsp } from 'node:fs';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { notRegularArchive } from './archive-not-regular.ts';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import { decompress } from '@napi-rs/lzma/xz';
import { xzStreamEnd, xzStreamHeader } from './xz-index.ts';
import { checkXzBlock, checkXzBlockHeader, readXzLayout, XzBlockLie, XzLayoutMismatch, type XzLayout } from './xz-layout.ts';

// Decoding a multi-block .xz file on several cores (issue 13). `tar -xJf` decodes on one thread
// with xz, and the decoder here (lzma-rust2 inside @napi-rs/lzma) takes ~1.65x xz's CPU, so one
// thread cannot keep up with tar; but Model Shelf's own exports (and `xz -T`'s) are one stream of
// independent blocks (xz-parallel.ts), and each block can be decoded on its own. Each block is
// wrapped as a one-block stream and decoded by the package's async `decompress` on libuv's
// thread pool, a few blocks at a time, and handed out strictly in order, so the tar reader sees
// the very bytes a one-thread decoder gives.
//
// Why not worker threads, as export does: measured on a 256 MiB import (2 MiB blocks), a worker
// has to copy each decoded block into memory V8 owns to hand it over, and that, with collecting
// the worker's heap so the package's native buffers are freed, took 4.4 s of CPU to decode
// against 2.3 s on libuv's pool, for the same peak memory (~300 MiB). BentoML's exports are single-block: they (and any
// file that is not exactly one stream of LZMA2 blocks within the limits below) keep the
// streaming decoder.
//
// Safety: a block is decoded into memory whole, so its size is proved first, never taken on
// trust (xz-layout.ts): the index's CRC, every block header, and the LZMA2 chunk headers, whose
// decoded sizes must add up to exactly the index's record, which must be at most
// XZ_DECODE_MAX_BLOCK. The decoder checks each block's CRC64 (or CRC32, SHA-256), and the
// decoded length is compared again. Memory: at most XZ_DECODE_HELD_BYTES of blocks held (or
// `threads + 1` blocks when they are larger), whatever the file's size.

/** Decoded bytes a block may have to be decoded here (xz -T at preset 6 writes 24 MiB blocks). */
export const XZ_DECODE_MAX_BLOCK = 32 << 20;
/** Dictionary a block may use to be decoded here (preset 6: 8 MiB; our exports: 1 MiB). */
export const XZ_DECODE_MAX_DICT = 8 << 20;
/** Blocks a file may have to be decoded here (128 GiB of 1 MiB blocks). */
export const XZ_DECODE_MAX_BLOCKS = 1 << 17;
const LIMITS = { maxBlockBytes: XZ_DECODE_MAX_BLOCK, maxDict: XZ_DECODE_MAX_DICT };
/** Decoded in blocks only when the blocks take at most this share of what they decode to. */
export const XZ_DECODE_MIN_SAVING = 0.98;
/** Decoded bytes held at most (decoding or waiting for the reader), unless that is under threads + 1 blocks. */
export const XZ_DECODE_HELD_BYTES = 16 << 20;
/** libuv's pool has 4 threads by default: one is left for the file writes of the import. */
const MAX_DECODE_THREADS = 3;

/**
 * One decoding thread per core, at most MAX_DECODE_THREADS. Measured on 2 cores, whole imports of
 * 256 MiB (2 MiB blocks), 6 alternating rounds at load 6-9: 2 threads wall median 2.55 s
 * (1.60-6.13), 3 threads 3.16 s (1.70-7.60), the streaming decoder 2.83 s (2.26-5.64); decoding
 * alone with the bench's session at autogroup nice -10 favoured 3 (1.26-1.67 s against 1.8-2.4),
 * but in an import the JS thread that parses and writes needs a core too.
 */
export function defaultDecodeThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism(), MAX_DECODE_THREADS));
}

export interface XzDecodeOptions {
  /** Blocks decoded at once (default defaultDecodeThreads()). */
  readonly threads?: number;
  /** Sees how many blocks are held (read, decoding or decoded, not yet handed out) after each change. */
  readonly onHeld?: (blocks: number) => void;
  /** Decoded bytes held at most (default XZ_DECODE_HELD_BYTES). */
  readonly heldBytes?: number;
  /** Sees how many blocks are being decoded after each start (tests count it). */
  readonly onRunning?: (decodes: number) => void;
  /** Sees the bytes of the file each block handed out took (progress). */
  readonly onPacked?: (bytes: number) => void;
}

/** An .xz file opened to be decoded block by block; close it if `decode` is not called. */
export interface XzBlockFile {
  readonly layout: XzLayout;
  /**
   * True when decoding in blocks pays and is safe: 2 blocks or more, that compress (to at most
   * XZ_DECODE_MIN_SAVING), and every one within the limits and LZMA2 alone.
   */
  blocksFit(): Promise<boolean>;
  /** The decoded bytes, in order; the file is closed when the stream ends or is destroyed. */
  decode(opts?: XzDecodeOptions): Readable;
  close(): Promise<void>;
}

async function readExactly(fh: FileHandle, into: Buffer, offset: number): Promise<void> {
  for (let done = 0; done < into.length; ) {
    const { bytesRead } = await fh.read(into, done, into.length - done, offset + done);
    if (bytesRead === 0) throw new XzBlockLie('the file is shorter than its index says (it changed while it was read)');
    done += bytesRead;
  }
}

/**
 * Opens `file` and reads its layout (header, index, footer; nothing decoded). Null when the file
 * is not exactly one .xz stream within the limits: decode it the streaming way.
 */
export async function openXzBlocks(file: string): Promise<XzBlockFile | null> {
  // Non-blocking, then checked: the file may have been swapped for a pipe since it was sniffed.
  const fh = await fsp.open(file, NONBLOCK_READ);
  let layout: XzLayout;
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) throw notRegularArchive(file);
    const { size } = stat;
    const read = async (offset: number, length: number): Promise<Buffer> => {
      const buf = Buffer.alloc(length);
      await readExactly(fh, buf, offset);
      return buf;
    };
    layout = await readXzLayout(size, read, { maxBlocks: XZ_DECODE_MAX_BLOCKS });
  } catch (error) {
    await fh.close();
    if (error instanceof XzLayoutMismatch || error instanceof XzBlockLie) return null;
    throw error;
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await fh.close();
  };
  return {
    layout,
    async blocksFit() {
      if (layout.blocks.length < 2) return false;
      // Blocks that hardly compress hold stored chunks, which need no decoding: there is nothing to
      // spread over the cores, and whole decoded blocks only cost memory. Measured, 64 MiB of
      // random bytes: wall 1.20x the streaming decoder, the same CPU, RSS 243 against 136 MiB.
      const packed = layout.blocks.reduce((sum, b) => sum + b.padded, 0);
      if (packed > layout.uncompressed * XZ_DECODE_MIN_SAVING) return false;
      const head = Buffer.alloc(1024);
      try {
        for (const [n, place] of layout.blocks.entries()) {
          const bytes = head.subarray(0, Math.min(head.length, place.padded));
          await readExactly(fh, bytes, place.offset);
          checkXzBlockHeader(bytes, n, place, layout.checkSize, LIMITS);
        }
        return true;
      } catch (error) {
        // A damaged header is the streaming decoder's to report, as it always was.
        if (error instanceof XzLayoutMismatch || error instanceof XzBlockLie) return false;
        throw error;
      }
    },
    decode: (opts = {}) => decodeBlocks(fh, layout, close, opts),
    close,
  };
}

function decodeBlocks(fh: FileHandle, layout: XzLayout, close: () => Promise<void>, opts: XzDecodeOptions): Readable {
  const threads = Math.max(1, opts.threads ?? defaultDecodeThreads());
  // Decoded blocks wait in order for the tar reader, up to XZ_DECODE_HELD_BYTES (at least one
  // block per thread and one more): a reader that falls behind for a moment (a slow write, the
  // JS thread not scheduled on a loaded machine) does not leave the decoding threads idle.
  // Measured on 2 cores, 256 MiB of 2 MiB blocks: decoding took 1.6-1.9 s holding 3 blocks,
  // 1.24-1.37 s holding 8.
  const minHeld = threads + 1;
  const maxHeldBytes = opts.heldBytes ?? XZ_DECODE_HELD_BYTES;
  let heldBytes = 0;
  // Decodes running at once: `threads`, whatever is held.
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < threads) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    opts.onRunning?.(running);
  };
  const release = (): void => {
    const nextDecode = waiting.shift();
    if (nextDecode) nextDecode();
    else running--;
  };
  const head = xzStreamHeader(layout.flags);
  const stop = new AbortController();
  const held: Promise<Buffer>[] = [];
  let next = 0;
  let delivered = 0;
  let pumping = false;

  // One block as a whole one-block stream: the stream header, the block as it is in the file,
  // an index of its one record and a footer. Read, checked, then decoded off the JS thread.
  const decodeOne = async (n: number): Promise<Buffer> => {
    const place = layout.blocks[n] as XzLayout['blocks'][number];
    const tail = xzStreamEnd(layout.flags, [place]);
    const stream = Buffer.allocUnsafe(head.length + place.padded + tail.length);
    head.copy(stream, 0);
    const block = stream.subarray(head.length, head.length + place.padded);
    await readExactly(fh, block, place.offset);
    checkXzBlock(block, n, place, layout.checkSize, LIMITS);
    tail.copy(stream, head.length + place.padded);
    await acquire();
    const out = await decompress(stream, stop.signal)
      .catch((error: unknown) => {
        throw new Error(`xz block ${n + 1}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      })
      .finally(release);
    // The chunk headers proved this size; a decoder that disagreed is not trusted either.
    if (out.length !== place.uncompressed) throw new XzBlockLie(`xz block ${n + 1} decoded to ${out.length} bytes, not the ${place.uncompressed} its chunk headers state`);
    return out;
  };

  const fill = (): void => {
    while (next < layout.blocks.length && !stop.signal.aborted) {
      const size = (layout.blocks[next] as XzLayout['blocks'][number]).uncompressed;
      if (held.length >= minHeld && heldBytes + size > maxHeldBytes) return;
      heldBytes += size;
      const job = decodeOne(next++);
      job.catch(() => undefined); // awaited in order by pump; a destroy may leave some unread
      held.push(job);
      opts.onHeld?.(held.length);
    }
  };

  const readable = new Readable({
    // One block's worth: a decoded block waits here while the tar reader takes the one before.
    highWaterMark: 1 << 20,
    read() {
      if (pumping) return;
      pumping = true;
      void pump();
    },
    destroy(error, callback) {
      stop.abort();
      held.length = 0;
      close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });

  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        fill();
        const job = held[0];
        if (job === undefined) {
          await close();
          readable.push(null);
          return;
        }
        const out = await job;
        if (readable.destroyed) return;
        void held.shift(); // the promise just awaited
        heldBytes -= out.length;
        opts.onHeld?.(held.length);
        opts.onPacked?.((layout.blocks[delivered++] as XzLayout['blocks'][number]).padded);
        fill();
        if (!readable.push(out)) {
          pumping = false;
          return;
        }
      }
    } catch (error) {
      readable.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return readable;
}
