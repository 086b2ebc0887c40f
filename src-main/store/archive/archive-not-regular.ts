// An archive to read, or a file to put into one, that is not (or no longer) a regular file: a
// pipe waits for a writer for good, so it is refused in one sentence instead of being read.
import fs, { promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
import type { FileHandle } from 'node:fs/promises';
import { ShelfError } from '../../shared/errors.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';

/** The archive the user named is a pipe, socket or device (an import needs a regular file). */
export function notRegularArchive(file: string): ShelfError {
  return new ShelfError('INVALID_ARGUMENT', `'${file}' is not a regular file (a pipe, socket or device), so it was not read; an import needs an archive file or a folder holding a model.yaml.`);
}

/** A member of an export was swapped for something else after the version was listed. */
export function memberNotRegular(rel: string): ShelfError {
  return new ShelfError('IO', `'${rel}' was replaced by something that is not the regular file listed (a pipe, socket, device or another file) while the model was being archived, so it was not read. Remove it from the version and export again.`);
}

/** The archive opened for reading: non-blocking (no wait on a pipe), and only while it is a regular file. */
export async function openRegularArchive(file: string): Promise<FileHandle> {
  const fh = await fsp.open(file, NONBLOCK_READ);
  try {
    if (!(await fh.stat()).isFile()) throw notRegularArchive(file);
  } catch (error) {
    await fh.close();
    throw error;
  }
  return fh;
}

/** The same as a bare fd, for readers that close it themselves (yauzl). */
export async function openRegularArchiveFd(file: string): Promise<number> {
  const fd = await promisify(fs.open)(file, NONBLOCK_READ);
  try {
    if (!(await promisify(fs.fstat)(fd)).isFile()) throw notRegularArchive(file);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}
