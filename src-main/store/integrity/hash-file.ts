import { createHash } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import fs, { promises as fsp } from 'node:fs';
import { ShelfError } from '../../shared/errors.ts';
import { abortedError } from '../paths/fs-errors.ts';
import { pausePoint } from '../paths/pause-points.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { shownPath, type DiskPath } from '../read/raw-names.ts';

// SHA-256 of one file, read in big chunks. OpenSSL's SHA-256 (SHA-NI where the CPU has it) runs
// several times faster than coreutils' sha256sum, so one thread keeps up with the disk; reads go
// through libuv's thread pool, and two buffers let the next read run while this one is hashed.
// docs/benchmarks.md "verify" has the figures against sha256sum.

const CHUNK = 4 * 1024 * 1024;

// Every byte read to be hashed is published on this channel ({ file, bytes }) while someone
// listens (tests count which files were read for a manifest, and how much: never by timing).
const hashed = channel('model-shelf:hashed-bytes');

/** Publishes that `bytes` bytes of `file` were hashed (no cost when nobody listens). */
export function publishHashed(file: DiskPath, bytes: number): void {
  if (hashed.hasSubscribers) hashed.publish({ file: shownPath(file), bytes });
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

// The walk saw a regular file; a pipe put in its place since would block a plain open until a
// writer comes (a thread of libuv's four held for good, or main frozen by the sync read), so the
// open does not wait and what was opened must still be a regular file.
const notRegular = (file: DiskPath): ShelfError =>
  new ShelfError('IO', `${shownPath(file)} was replaced by something that is not a regular file (a pipe, socket or device) while it was being hashed, so it was not read; remove it from the version and run this again.`);

/** The SHA-256 (hex) and byte count of `file` as it is read now (to its end, not a size taken earlier). */
export async function hashFile(file: DiskPath, opts: HashOptions = {}): Promise<FileHash> {
  if (opts.signal?.aborted) throw abortedError();
  const handle = await fsp.open(file, NONBLOCK_READ);
  try {
    if (!(await handle.stat()).isFile()) throw notRegular(file);
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
export function hashSmallSync(file: DiskPath): FileHash {
  const fd = fs.openSync(file, NONBLOCK_READ);
  let data: Buffer;
  try {
    if (!fs.fstatSync(fd).isFile()) throw notRegular(file);
    data = fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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
