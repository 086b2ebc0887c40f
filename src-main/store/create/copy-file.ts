import { constants, promises as fsp } from 'node:fs';
import { abortedError } from '../paths/fs-errors.ts';
import { copyWithSystemCp, systemCpAvailable } from './system-cp.ts';

// One file, as fast as the filesystem allows: a reflink when it can (btrfs, XFS, APFS; instant),
// otherwise the kernel's own copy: libuv's copyFile for small files, the system `cp` for big ones
// (progress and cancel, see system-cp.ts), and as the fallback 8 MiB chunks copied by Node.

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

/** Copies one regular file (following links, like Python's copy2) and keeps its mode and times. */
export async function copyOneFile(src: string, dst: string, size: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw abortedError();
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
  const stat = await fsp.stat(src);
  await fsp.chmod(dst, stat.mode & 0o7777);
  await fsp.utimes(dst, stat.atime, stat.mtime);
}
