import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { Compressor } from '@napi-rs/lzma/xz';
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
  ).finally(collect);
});
