import { createHash } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import { promises as fsp, readFileSync } from 'node:fs';
import { abortedError } from '../paths/fs-errors.ts';
import { pausePoint } from '../paths/pause-points.ts';

// SHA-256 of one file, read in big chunks. OpenSSL's SHA-256 (SHA-NI where the CPU has it) runs
// several times faster than coreutils' sha256sum, so one thread keeps up with the disk; reads go
// through libuv's thread pool, and two buffers let the next read run while this one is hashed.
// docs/benchmarks.md "verify" has the figures against sha256sum.

const CHUNK = 4 * 1024 * 1024;

// Every byte read to be hashed is published on this channel ({ file, bytes }) while someone
// listens (tests count which files were read for a manifest, and how much: never by timing).
const hashed = channel('model-shelf:hashed-bytes');

/** Publishes that `bytes` bytes of `file` were hashed (no cost when nobody listens). */
export function publishHashed(file: string, bytes: number): void {
  if (hashed.hasSubscribers) hashed.publish({ file, bytes });
}

export interface HashOptions {
  readonly signal?: AbortSignal;
  /** Called with the bytes just hashed. */
  readonly onBytes?: (n: number) => void;
}

export interface FileHash {
  readonly size: number;
  readonly sha256: string;
}

/** The SHA-256 (hex) and byte count of `file` as it is read now (to its end, not a size taken earlier). */
export async function hashFile(file: string, opts: HashOptions = {}): Promise<FileHash> {
  if (opts.signal?.aborted) throw abortedError();
  const handle = await fsp.open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let size = 0;
    let turn = 0;
    let pending = handle.read(buffers[0] as Buffer, 0, CHUNK, null);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      if (opts.signal?.aborted) throw abortedError();
      turn ^= 1;
      // The next read fills the other buffer while this one is hashed.
      pending = handle.read(buffers[turn] as Buffer, 0, CHUNK, null);
      hash.update(buffer.subarray(0, bytesRead));
      publishHashed(file, bytesRead);
      size += bytesRead;
      opts.onBytes?.(bytesRead);
      const held = pausePoint('hash-chunk');
      if (held !== undefined) await held;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Files up to this size are read in one synchronous call (see hashSmallSync). */
export const SMALL_HASH_MAX = 1024 * 1024;

/**
 * A small file hashed with one synchronous read: each promise call is a round trip through
 * libuv's thread pool, and open/read/read/close cost more than hashing 4 KiB (5,000 small files
 * took seconds that way; docs/benchmarks.md "Manifest at create"). The caller yields between
 * slices of these, so the event loop keeps turning.
 */
export function hashSmallSync(file: string): FileHash {
  const data = readFileSync(file);
  publishHashed(file, data.length);
  return { size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Runs `fn` over `items` with at most `limit` at a time, in order of start; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const bad = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (bad) throw bad.reason;
  return out;
}
