// Reading a small file of the store that anyone may have replaced (bento.yaml, latest, a lock or
// journal file): opening a pipe for reading blocks until a writer comes, and a plain readFile of
// one holds a libuv thread for good (four of them stop every file access of the process; a
// synchronous one freezes it at once). So the file is opened non-blocking and read only when it
// is a regular file no bigger than the caller's limit: the pattern of model.yaml
// (yaml/model-yaml-limits.ts) and of the manifests (integrity/manifest-file.ts).
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import type { DiskPath } from './raw-names.ts';

/** The flags: no wait for a writer on a pipe; no effect on a regular file. */
export const NONBLOCK_READ = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** What a regular-file read found: the bytes, or why there are none. */
export type RegularRead =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'too-big'; readonly size: number };

async function readAll(fh: FileHandle, size: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const { bytesRead } = await fh.read(buf, done, size - done, done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

/**
 * The bytes of `file` when it is a regular file (a link to one counts) of at most `limit` bytes.
 * Errors of the open (ENOENT, EACCES, ...) are thrown for the caller to judge. A pipe, socket or
 * device is looked at with stat first and never opened (opening some devices does something).
 */
export async function readRegularFile(file: DiskPath, limit: number): Promise<RegularRead> {
  const before = await fsp.stat(file);
  if (!before.isFile()) return { kind: 'not-a-file' };
  // Between the stat and the open it may have been swapped for a pipe: the open does not wait.
  const fh = await fsp.open(file, NONBLOCK_READ);
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) return { kind: 'not-a-file' };
    if (stat.size > limit) return { kind: 'too-big', size: stat.size };
    return { kind: 'bytes', bytes: await readAll(fh, stat.size) };
  } finally {
    await fh.close();
  }
}

/** readRegularFile with synchronous calls (for readers on main's thread that must stay sync). */
export function readRegularFileSync(file: DiskPath, limit: number): RegularRead {
  if (!fs.statSync(file).isFile()) return { kind: 'not-a-file' };
  const fd = fs.openSync(file, NONBLOCK_READ);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'not-a-file' };
    if (stat.size > limit) return { kind: 'too-big', size: stat.size };
    const buf = Buffer.allocUnsafe(stat.size);
    let done = 0;
    while (done < stat.size) {
      const n = fs.readSync(fd, buf, done, stat.size - done, done);
      if (n === 0) break;
      done += n;
    }
    return { kind: 'bytes', bytes: buf.subarray(0, done) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The text of a regular file of at most `limit` bytes, or null for anything else (missing, a pipe, too big, unreadable). */
export async function regularFileText(file: DiskPath, limit: number): Promise<string | null> {
  try {
    const read = await readRegularFile(file, limit);
    return read.kind === 'bytes' ? read.bytes.toString('utf8') : null;
  } catch {
    return null;
  }
}
