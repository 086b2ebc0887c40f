import { createHash } from 'node:crypto';
import { closeSync, constants, fchmodSync, futimesSync, openSync, promises as fsp, readSync, statSync, writeSync, type Stats } from 'node:fs';
import { abortedError } from '../paths/fs-errors.ts';
import { hashFile, publishHashed, type FileHash } from '../integrity/hash-file.ts';
import { workMeter } from '../paths/work-count.ts';
import { copyWithSystemCp, systemCpAvailable } from './system-cp.ts';

// One file, as fast as the filesystem allows: a reflink when it can (btrfs, XFS, APFS; instant),
// otherwise the kernel's own copy: libuv's copyFile for small files, the system `cp` for big ones
// (progress and cancel, see system-cp.ts), and as the fallback 8 MiB chunks copied by Node.
// Small files are copied with synchronous calls (copySmallFileHashedSync): each promise call is a
// round trip through libuv's thread pool (~6 extra syscalls and two context switches), which for
// a 4 KiB file costs more than the copy itself; copy-tree.ts yields to the event loop between
// slices of them.

const CHUNK = 8 * 1024 * 1024;
/** Files below this size are copied in one kernel call: progress per file is fine-grained enough. */
export const CHUNKED_MIN = 64 * 1024 * 1024;
const REFLINK_UNSUPPORTED = new Set(['ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOSYS', 'ENOTTY', 'EBADF', 'EPERM']);

async function tryReflink(src: string, dst: string): Promise<boolean> {
  try {
    await fsp.copyFile(src, dst, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE_FORCE);
    return true;
  } catch (error) {
    if (REFLINK_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

// Several chunks in flight: reads and writes overlap in libuv's thread pool (a single
// read-then-write loop measured about twice as slow).
const IN_FLIGHT = 4;

async function chunkedCopy(src: string, dst: string, onBytes: (n: number) => void, signal?: AbortSignal): Promise<void> {
  const input = await fsp.open(src, 'r');
  try {
    const stat = await input.stat();
    const output = await fsp.open(dst, 'wx', stat.mode & 0o7777);
    onBytes(0);
    try {
      let next = 0;
      let eof = false;
      const worker = async (): Promise<void> => {
        const buffer = Buffer.allocUnsafe(CHUNK);
        while (!eof) {
          if (signal?.aborted) throw abortedError();
          const position = next;
          next += CHUNK;
          const { bytesRead } = await input.read(buffer, 0, CHUNK, position);
          // A file that grew while being copied is copied up to its size at the start.
          if (bytesRead === 0 || position + bytesRead >= stat.size) eof = true;
          const wanted = Math.min(bytesRead, Math.max(0, stat.size - position));
          let written = 0;
          while (written < wanted) {
            const { bytesWritten } = await output.write(buffer, written, wanted - written, position + written);
            written += bytesWritten;
          }
          if (wanted > 0) onBytes(wanted);
        }
      };
      // allSettled: the file is closed only when no chunk is in flight any more.
      const settled = await Promise.allSettled(
        Array.from({ length: IN_FLIGHT }, () =>
          worker().catch((error: unknown) => {
            eof = true;
            throw error;
          }),
        ),
      );
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

const calls = workMeter('create-file-call');

/** Files up to this size are copied by copySmallFileHashedSync (well under a millisecond each on a local disk). */
export const SMALL_MAX = 1024 * 1024;

/**
 * Copies one regular file (following links, like Python's copy2) and keeps its mode and times.
 * Returns the source's stat taken after the copy (the caller compares it with the plan).
 */
export async function copyOneFile(src: string, dst: string, size: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<Stats> {
  if (signal?.aborted) throw abortedError();
  calls.step();
  if (size < CHUNKED_MIN) {
    await fsp.copyFile(src, dst, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    onBytes(size);
  } else if (await tryReflink(src, dst)) {
    onBytes(size);
  } else {
    let counted = 0;
    const count = (n: number): void => {
      counted += n;
      onBytes(n);
    };
    if (!((await systemCpAvailable()) && (await copyWithSystemCp(src, dst, size, count, signal)))) {
      // Bytes that `cp` already reported before it failed are not counted twice.
      const already = counted;
      let seen = 0;
      await chunkedCopy(src, dst, (n) => {
        seen += n;
        const fresh = Math.min(n, seen - already);
        if (fresh > 0) count(fresh);
      }, signal);
    }
  }
  // copy2 keeps the mode bits and atime/mtime (`cp` without -p keeps neither exactly).
  calls.step();
  const stat = await fsp.stat(src);
  calls.step();
  await fsp.chmod(dst, stat.mode & 0o7777);
  calls.step();
  await fsp.utimes(dst, stat.atime, stat.mtime);
  return stat;
}

// The manifest (integrity/) is hashed during the copy, never by reading the staged copy back:
// - a small file is read into memory once, hashed from that buffer and written from it
//   (copySmallFileHashedSync): open, read, close, open, write, stat, fchmod, futimes, close,
//   nine calls where copyFileSync + stat + chmod + utimes made about fourteen. A reflink of a
//   small file is given up for this (it saved at most a few KiB);
// - a bigger file keeps the kernel's copy (reflink, copyFile, `cp`: the bytes never pass through
//   Node), and the SOURCE is hashed at the same time (copyOneFileHashed), on this thread while
//   the copy runs in the kernel or in `cp`: both read the same pages, so the disk is read about
//   once. The hash may finish after the copy, while the commit flushes the staged files.
//   The guard that the hash describes the stored bytes: the source's identity (inode, size,
//   mtime) is compared with the plan's after the copy (copy-tree.ts refuses the add otherwise)
//   AND again after the hash (settleSourceHash): the copy and the hash both read the source
//   between the plan and those stats, so when neither stat shows a change they read the same
//   bytes. When the second stat shows a change (or the hash saw another size), the staged copy,
//   which passed the first check, is hashed instead: the manifest always describes what is stored.
// docs/benchmarks.md "Manifest at create" has the measurements that chose this over hashing in
// a userland read -> hash -> write copy.

const small = Buffer.allocUnsafe(SMALL_MAX);

/**
 * A small file (at most SMALL_MAX bytes; `size` is the plan's) copied through one buffer and hashed
 * from it (unless `hash` is false: `create --manifest later`); keeps the source's mode and times
 * like copy2. `onCopied` runs once the bytes are written, before the source is stat'ed by its
 * path (copy2's order: the caller's progress event comes between the bytes and the check).
 * Returns that stat (the caller compares it with the plan: a file changed, grown, removed or
 * replaced since the plan shows there) and the hash of the bytes written (null when not hashed).
 */
export function copySmallFileHashedSync(src: string, dst: string, size: number, onCopied: () => void, hash = true): { stat: Stats; hash: FileHash | null } {
  const buffer = size <= small.length ? small : Buffer.allocUnsafe(size);
  calls.step();
  const input = openSync(src, 'r');
  let length = 0;
  try {
    // The plan's size, no more: a file that grew shows in the stat below, which the caller refuses.
    while (length < size) {
      calls.step();
      const n = readSync(input, buffer, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
  } finally {
    calls.step();
    closeSync(input);
  }
  const bytes = buffer.subarray(0, length);
  calls.step();
  const output = openSync(dst, 'wx', 0o600);
  let stat: Stats;
  try {
    let written = 0;
    while (written < length) {
      calls.step();
      written += writeSync(output, bytes, written, length - written);
    }
    onCopied();
    calls.step();
    stat = statSync(src);
    calls.step();
    fchmodSync(output, stat.mode & 0o7777);
    calls.step();
    futimesSync(output, stat.atime, stat.mtime);
  } finally {
    calls.step();
    closeSync(output);
  }
  if (!hash) return { stat, hash: null };
  publishHashed(src, length);
  return { stat, hash: { size: length, sha256: createHash('sha256').update(bytes).digest('hex') } };
}

/** A source's identity as a plan saw it (plan-copy.ts's PlanEntry). */
export interface SourceIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The hash of a big file's source, once it is done, checked against the plan (see above): when
 * the source changed since, or the hash saw another size, the staged copy `dst` is hashed instead.
 */
export async function settleSourceHash(hashing: Promise<FileHash>, src: string, dst: string, planned: SourceIdentity, signal?: AbortSignal): Promise<FileHash> {
  const hash = await hashing.catch(() => null);
  if (signal?.aborted) throw abortedError();
  const now = await fsp.stat(src).catch(() => null);
  const same = now !== null && now.ino === planned.ino && now.size === planned.size && now.mtimeMs === planned.mtimeMs;
  if (hash !== null && same && hash.size === planned.size) return hash;
  return hashFile(dst, signal ? { signal } : {});
}

/**
 * copyOneFile, with the source hashed at the same time (see above). `hash` may still be running
 * when the copy is done: pass it to settleSourceHash.
 */
export async function copyOneFileHashed(src: string, dst: string, size: number, onBytes: (n: number) => void, signal?: AbortSignal, hashSignal: AbortSignal | undefined = signal): Promise<{ stat: Stats; hash: Promise<FileHash> }> {
  if (signal?.aborted) throw abortedError();
  const hash = hashFile(src, hashSignal ? { signal: hashSignal } : {});
  // Settled by settleSourceHash, or dropped when the copy fails: never an unhandled rejection.
  hash.catch(() => undefined);
  const stat = await copyOneFile(src, dst, size, onBytes, signal);
  return { stat, hash };
}
