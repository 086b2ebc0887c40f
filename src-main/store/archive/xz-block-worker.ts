import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { Compressor, decompressSync } from '@napi-rs/lzma/xz';
import { splitXzStream } from './xz-index.ts';

// One compression thread of xz-parallel.ts: compresses each block it is sent as a whole
// one-block .xz stream and sends back the block bytes and their index record. The input block
// arrives transferred (not copied) and goes back the same way with the output, to be refilled.
//
// A Compressor holds ~12 MiB of native encoder state (measured: RSS +10 MiB after the first
// 1 MiB, +2 MiB at finish) until its JS object is garbage-collected, and V8 does not see that
// memory: a worker that allocates almost nothing on its heap would keep hundreds of finished
// encoders alive (a 512 MiB export of zeros peaked at 526 MiB RSS). So the worker collects its
// (tiny) heap after each block; `gc` is exposed the way Node's v8 documentation shows.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

export interface BlockJob {
  readonly id: number;
  readonly preset: number;
  readonly data: Uint8Array;
}

export type BlockResult =
  | {
      readonly id: number;
      readonly flags: Uint8Array;
      readonly buffer: Uint8Array;
      readonly start: number;
      readonly end: number;
      readonly records: readonly { unpadded: number; uncompressed: number }[];
      /** The input block, handed back for reuse. */
      readonly input: Uint8Array;
    }
  | { readonly id: number; readonly error: string; readonly input: Uint8Array };

// Why each block ends with a reclaim step (measured, docs/benchmarks.md "Archives"): a
// Compressor's finish() runs on libuv's pool, so the encoder (~10 MiB at preset 1) is freed on a
// thread that did not allocate it. The package's allocator (mimalloc) leaves such memory with the
// allocating thread, which takes it back only when it allocates memory of that size itself; a
// worker that only builds encoders kept ~10 of them (~100 MiB) before it did. Decoding a tiny
// one-block stream on this thread (a 256 KiB dictionary allocated and freed here) makes it take
// them back: RECLAIM_ROUNDS of them after each block kept a thread at one encoder (flat at 68 MiB
// RSS over 30 blocks, against a saw-tooth up to 185 MiB; 10 rounds up to 90 MiB; 1 round none).
// One round costs ~10 us, against ~50 ms (zeros) to ~1 s (random bytes) to compress a block.
export const RECLAIM_ROUNDS = 32;
let reclaimStream: Promise<Buffer> | null = null;

async function tinyStream(): Promise<Buffer> {
  const c = new Compressor({ preset: 0 }); // preset 0: a 256 KiB dictionary
  const head = c.update(Buffer.from([0]));
  return Buffer.concat([head, await c.finish()]);
}

/** Sees each reclaim round (tests count them). */
export async function reclaimEncoderMemory(onRound?: () => void): Promise<void> {
  reclaimStream ??= tinyStream();
  const stream = await reclaimStream;
  for (let i = 0; i < RECLAIM_ROUNDS; i++) {
    decompressSync(stream);
    onRound?.();
  }
}

// Fed in slices: a terminate() (a cancelled export) takes effect between two slices, not only
// after the whole block.
const SLICE = 1 << 20;

async function compressBlock(job: BlockJob): Promise<{ result: BlockResult; transfer: ArrayBuffer[] }> {
  const compressor = new Compressor({ preset: job.preset });
  const parts: Buffer[] = [];
  for (let off = 0; off < job.data.length; off += SLICE) parts.push(compressor.update(job.data.subarray(off, off + SLICE)));
  parts.push(await compressor.finish());
  const stream = Buffer.concat(parts);
  const pieces = splitXzStream(stream);
  const start = pieces.blocks.byteOffset - stream.byteOffset;
  const owns = stream.byteOffset === 0 && stream.byteLength === stream.buffer.byteLength && stream.buffer instanceof ArrayBuffer;
  const result = { id: job.id, flags: pieces.flags, buffer: stream, start, end: start + pieces.blocks.length, records: pieces.records, input: job.data };
  return { result, transfer: [...(owns ? [stream.buffer] : []), job.data.buffer as ArrayBuffer] };
}

parentPort?.on('message', (job: BlockJob) => {
  void compressBlock(job).then(
    ({ result, transfer }) => parentPort?.postMessage(result, transfer),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error), input: job.data } satisfies BlockResult, [job.data.buffer as ArrayBuffer]),
  ).finally(() => {
    collect();
    // Only memory is at stake: a failure here must not fail the export.
    reclaimEncoderMemory().catch(() => undefined);
  });
});
