import os from 'node:os';
import path from 'node:path';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { BlockJob, BlockResult } from './xz-block-worker.ts';
import { xzStreamEnd, xzStreamHeader, type XzRecord } from './xz-index.ts';

// Multi-threaded xz, the way `xz -T` does it: the input is cut into blocks of XZ_BLOCK_SIZE,
// each block is compressed on its own thread (a worker running @napi-rs/lzma's Compressor), and
// the blocks are written in order into ONE .xz stream with one index (xz-index.ts).
//
// Why workers and not the package's native web-stream transform (which does run off-thread):
// the growth of issue 13 (156 MiB RSS at 32 MiB, 368 MiB at 1 GiB) was not missing backpressure
// (the file reads kept pace with the compressor) but memory that transform keeps: a 512 MiB
// export of zeros held ~180-210 MiB in the package's native allocator (mimalloc) at the end,
// whether it ran as one stream or as one stream per block, while the Compressor class stayed
// flat (146 MiB peak). The class compresses on the calling thread, so each block runs in a worker.
//
// Memory is bounded by counting, whatever the archive's size: at most `threads + 1` blocks are
// read ahead of what the reader of this stream took (tests count it through `onHeld`), block
// memory is reused, each worker frees its encoder after every block (xz-block-worker.ts), and
// the threads are capped at XZ_MAX_THREADS.

/**
 * Block size. `xz -T` uses 3x the dictionary (1 MiB at preset 1); 2 MiB keeps nearly all the ratio
 * (weights hardly compress) and halves the memory each block in flight takes.
 */
export const XZ_BLOCK_SIZE = 2 << 20;
/** At most this many compression threads, so that memory stays bounded on a many-core machine. */
export const XZ_MAX_THREADS = 4;
/** The check type every block of @napi-rs/lzma carries (CRC64), used for an empty stream. */
const CRC64_FLAGS = Buffer.from([0x00, 0x04]);

const here = fileURLToPath(import.meta.url);
// The worker is this folder's xz-block-worker.ts when run from source and .js when built.
const WORKER_FILE = path.join(path.dirname(here), `xz-block-worker${path.extname(here)}`);

// The buffers the export reads (1 MiB each, copied into a block here and then garbage) are freed
// only when V8 collects their small JS objects, and V8 waits for ~64 MiB of such external memory
// before it does: a 512 MiB export peaked with ~60-70 MiB of dead read buffers in the C heap.
// A young-generation collection (a scavenge, ~1 ms on this heap) after each block dispatched
// frees them at once; measured, 256 MiB in-process: peak RSS 197 -> 171 MiB, the same CPU.
// `gc` is exposed the way Node's v8 documentation shows, once, when the first block is sent.
let scavenge: (() => void) | null = null;

function collectYoung(): void {
  if (!scavenge) {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (opts: { type: 'minor' }) => void;
    scavenge = () => gc({ type: 'minor' });
  }
  scavenge();
}

export interface ParallelXzOptions {
  /** Compression threads (default: the machine's cores, at most XZ_MAX_THREADS). */
  readonly threads?: number;
  /** Uncompressed bytes per block (default XZ_BLOCK_SIZE). */
  readonly blockSize?: number;
  /** Sees how many blocks are held ahead of the reader after each change (tests count it). */
  readonly onHeld?: (blocks: number) => void;
}

interface Compressed {
  readonly flags: Buffer;
  readonly bytes: Buffer;
  readonly records: readonly XzRecord[];
  /** The input block's memory, free to be filled again. */
  readonly input: Buffer;
}

interface Job {
  readonly data: Buffer;
  readonly resolve: (c: Compressed) => void;
  readonly reject: (e: Error) => void;
}

export function defaultXzThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism(), XZ_MAX_THREADS));
}

/** Up to `size` workers, started when first needed; each runs one block at a time. */
class BlockPool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private started = 0;
  private nextId = 0;
  private closed = false;
  private readonly size: number;
  private readonly preset: number;

  constructor(size: number, preset: number) {
    this.size = size;
    this.preset = preset;
  }

  run(data: Buffer): Promise<Compressed> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('xz compression was stopped'));
      this.queue.push({ data, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker (a block being compressed is abandoned) and fails what is pending. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Error('xz compression was stopped');
    for (const job of [...this.queue, ...this.running.values()]) job.reject(stopped);
    this.queue.length = 0;
    for (const worker of [...this.idle, ...this.running.keys()]) void worker.terminate();
    this.idle.length = 0;
    this.running.clear();
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift() as Job;
      this.running.set(worker, job);
      worker.ref(); // a block in progress keeps a bare CLI process alive
      const message: BlockJob = { id: this.nextId++, preset: this.preset, data: job.data };
      worker.postMessage(message, [job.data.buffer as ArrayBuffer]);
    }
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (r: BlockResult) => {
      const job = this.running.get(worker);
      if (!job) return;
      this.running.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ('error' in r) job.reject(new Error(`xz compression failed: ${r.error}`));
      else {
        const input = Buffer.from(r.input.buffer, 0, r.input.buffer.byteLength);
        job.resolve({ flags: Buffer.from(r.flags), bytes: Buffer.from(r.buffer.buffer, r.buffer.byteOffset + r.start, r.end - r.start), records: r.records, input });
      }
      this.pump();
    });
    const fail = (error: Error): void => {
      const job = this.running.get(worker);
      this.running.delete(worker);
      if (!this.closed) job?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`an xz compression thread stopped (exit code ${code})`)));
    return worker;
  }
}

/**
 * An xz compressor using up to `threads` cores that writes one .xz stream of independent blocks
 * (what `xz -T` writes), with bounded memory, and stops its threads at once when destroyed.
 */
export function parallelXzCompressor(preset: number, opts: ParallelXzOptions = {}): Duplex {
  const threads = Math.max(1, opts.threads ?? defaultXzThreads());
  const blockSize = opts.blockSize ?? XZ_BLOCK_SIZE;
  // Blocks read and not yet handed to the reader: `threads` compressing and one more queued, so
  // a thread that finishes gets its next block at once.
  const maxHeld = threads + 1;
  const pool = new BlockPool(threads, preset);
  const held: Promise<Compressed>[] = [];
  const records: XzRecord[] = [];
  let flags: Buffer | null = null;
  let block: Buffer | null = null;
  let filled = 0;
  // Block memory comes back from the workers and is filled again: the stream allocates at most
  // maxHeld + 1 blocks in all, instead of one per 4 MiB of the archive for the GC to find.
  const spare: Buffer[] = [];
  let wantRead: (() => void) | null = null;

  const dispatch = (data: Buffer): void => {
    collectYoung();
    const job = pool.run(data);
    job.catch(() => undefined); // awaited in order by emitHead; a destroy may leave some unread
    held.push(job);
    opts.onHeld?.(held.length);
  };

  const deliver = async (stream: Duplex, chunk: Buffer): Promise<void> => {
    if (stream.push(chunk)) return;
    await new Promise<void>((resolve) => (wantRead = resolve));
  };

  const emitHead = async (stream: Duplex): Promise<void> => {
    const done = await (held[0] as Promise<Compressed>);
    void held.shift(); // the promise just awaited
    opts.onHeld?.(held.length);
    if (flags === null) {
      flags = done.flags;
      stream.push(xzStreamHeader(flags));
    } else if (!done.flags.equals(flags)) {
      throw new Error('xz blocks with different check types cannot share a stream');
    }
    records.push(...done.records);
    if (done.input.length === blockSize) spare.push(done.input);
    await deliver(stream, done.bytes);
  };

  return new Duplex({
    async write(chunk: Buffer, _encoding, callback) {
      try {
        for (let off = 0; off < chunk.length; ) {
          // Each block its own ArrayBuffer: it is transferred to a worker, not copied.
          block ??= spare.pop() ?? Buffer.allocUnsafeSlow(blockSize);
          const n = chunk.copy(block, filled, off);
          filled += n;
          off += n;
          if (filled === blockSize) {
            dispatch(block);
            block = null;
            filled = 0;
          }
          while (held.length >= maxHeld) await emitHead(this);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async final(callback) {
      try {
        if (block && filled > 0) dispatch(block.subarray(0, filled));
        block = null;
        while (held.length > 0) await emitHead(this);
        if (flags === null) {
          flags = CRC64_FLAGS;
          this.push(xzStreamHeader(flags));
        }
        this.push(xzStreamEnd(flags, records));
        this.push(null);
        pool.close();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    read() {
      const resume = wantRead;
      wantRead = null;
      resume?.();
    },
    destroy(error, callback) {
      pool.close();
      block = null;
      held.length = 0;
      spare.length = 0;
      callback(error);
    },
  });
}
