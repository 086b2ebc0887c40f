import { constants, copyFileSync, chmodSync, promises as fsp, statSync, utimesSync, type Stats } from 'node:fs';
import { abortedError } from '../paths/fs-errors.ts';
import { workMeter } from '../paths/work-count.ts';
import { copyWithSystemCp, systemCpAvailable } from './system-cp.ts';

// One file, as fast as the filesystem allows: a reflink when it can (btrfs, XFS, APFS; instant),
// otherwise the kernel's own copy: libuv's copyFile for small files, the system `cp` for big ones
// (progress and cancel, see system-cp.ts), and as the fallback 8 MiB chunks copied by Node.
// Small files are copied with synchronous calls (copySmallFileSync): each promise call is a
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

/** Files up to this size are copied by copySmallFileSync (well under a millisecond each on a local disk). */
export const SMALL_MAX = 1024 * 1024;

/**
 * The bytes of a small file, with synchronous calls (the kernel's copy, or a reflink). The
 * caller reports them, then calls keepModeAndTimesSync: the order of copy2, with the progress
 * event between the bytes and the check of the source (source-changes.ts).
 */
export function copySmallFileSync(src: string, dst: string): void {
  calls.step();
  copyFileSync(src, dst, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
}

/**
 * Gives the copy the source's mode and times, and returns the source's stat taken for that,
 * which is also what the caller compares with the plan: one stat serves both.
 */
export function keepModeAndTimesSync(src: string, dst: string): Stats {
  calls.step();
  const stat = statSync(src);
  calls.step();
  chmodSync(dst, stat.mode & 0o7777);
  calls.step();
  utimesSync(dst, stat.atime, stat.mtime);
  return stat;
}

/**
 * Copies one regular file (following links, like Python's copy2) and keeps its mode and times.
 * Returns the source's stat taken after the copy (see keepModeAndTimesSync).
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
