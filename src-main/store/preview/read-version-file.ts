// One file of a version for the Files tab's preview and the model card (issue 12 view 17): at
// most a bounded number of bytes is read (a 5 GB weight file costs its first 256 KiB), images are
// told by their first bytes, text by UTF-8 validity and the absence of NUL bytes. Read-only.
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import { ShelfError } from '../../shared/errors.ts';
import type { FilePreview, PreviewImageMime } from '../../shared/file-preview-types.ts';
import { errnoCode, fsError } from '../paths/fs-errors.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { realFileInside } from './version-file-path.ts';

/** Text shown in the preview: the first 256 KiB. */
export const TEXT_PREVIEW_LIMIT = 256 * 1024;
/** Images larger than this are not previewed (the data URL crosses IPC whole). */
export const IMAGE_PREVIEW_LIMIT = 4 * 1024 * 1024;

export interface PreviewLimits {
  readonly text?: number;
  readonly image?: number;
}

const MAGIC: readonly { readonly mime: PreviewImageMime; readonly test: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => ['GIF87a', 'GIF89a'].includes(b.toString('latin1', 0, 6)) },
  { mime: 'image/webp', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
];

/** The image type a file's first bytes announce; SVG and everything else: null. */
export function imageMime(head: Buffer): PreviewImageMime | null {
  return MAGIC.find((m) => m.test(head))?.mime ?? null;
}

/** How many bytes of `buf` end on a whole UTF-8 character (a cut sequence at the end is dropped). */
function wholeCharacters(buf: Buffer): number {
  let i = buf.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && ((buf[i] ?? 0) & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return buf.length;
  const lead = buf[i] ?? 0;
  const needs = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return needs > continuation + 1 ? i : buf.length;
}

/** The text of `head` when it is UTF-8 without NUL bytes; null when it is binary. */
export function utf8Text(head: Buffer, truncated: boolean): string | null {
  if (head.includes(0)) return null;
  const bytes = truncated ? head.subarray(0, wholeCharacters(head)) : head;
  try {
    // TextDecoder drops a leading byte-order mark (ignoreBOM false).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads up to `length` bytes from `position`; fewer only at the end of the file. */
async function readAt(fh: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await fh.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buf.subarray(0, filled);
}

// No link is followed on open (the real path was checked), and a pipe never blocks the read.
const OPEN_FLAGS = NONBLOCK_READ | (fs.constants.O_NOFOLLOW ?? 0);

const notRegular = (relPath: string): ShelfError => new ShelfError('INVALID_ARGUMENT', `'${relPath}' is not a regular file (a pipe, socket or device), so it is not previewed.`);

/**
 * The path was checked before the open, and a folder on the way may have been swapped for a link
 * out in between (the open follows links in the middle of a path). So what was opened must be a
 * regular file, and the very file the path leads to, inside the version, now: a file reached
 * through a swapped folder is another inode than the one found there after the open.
 */
async function checkOpened(fh: FileHandle, versionDir: string, relPath: string): Promise<void> {
  const opened = await fh.stat({ bigint: true });
  if (!opened.isFile()) throw notRegular(relPath);
  const now = await fsp.stat(await realFileInside(versionDir, relPath), { bigint: true }).catch(() => null);
  if (now === null || now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new ShelfError('UNSAFE_PATH', `'${relPath}' changed while it was being opened (a folder or link on its path was replaced), so it is not previewed; try again once nothing moves files in the version.`);
  }
}

/** A preview of `relPath` ('/'-separated) inside `versionDir`; refused outside it. */
export async function readVersionFile(versionDir: string, relPath: string, limits: PreviewLimits = {}): Promise<FilePreview> {
  const textLimit = limits.text ?? TEXT_PREVIEW_LIMIT;
  const imageLimit = limits.image ?? IMAGE_PREVIEW_LIMIT;
  const real = await realFileInside(versionDir, relPath);
  const stat = await fsp.stat(real).catch((error: unknown) => {
    throw fsError(error, relPath, 'read');
  });
  if (stat.isDirectory()) throw new ShelfError('INVALID_ARGUMENT', `'${relPath}' is a folder; pick a file inside it to preview.`);
  if (!stat.isFile()) throw notRegular(relPath);
  let fh: FileHandle;
  try {
    fh = await fsp.open(real, OPEN_FLAGS);
  } catch (error) {
    if (errnoCode(error) === 'ELOOP') throw new ShelfError('UNSAFE_PATH', `'${relPath}' changed while it was being opened (it became a link), so it is not previewed; try again once nothing moves files in the version.`, { cause: error });
    throw fsError(error, relPath, 'read');
  }
  try {
    await checkOpened(fh, versionDir, relPath);
    const size = (await fh.stat()).size;
    const head = await readAt(fh, Math.min(size, textLimit), 0);
    const mime = imageMime(head);
    if (mime !== null) {
      if (size > imageLimit) return { kind: 'binary', path: relPath, size, image: mime, bytesRead: head.length };
      const rest = head.length < size ? await readAt(fh, size - head.length, head.length) : Buffer.alloc(0);
      const bytes = Buffer.concat([head, rest]);
      return { kind: 'image', path: relPath, size, mime, dataUrl: `data:${mime};base64,${bytes.toString('base64')}`, bytesRead: bytes.length };
    }
    const truncated = size > head.length;
    const text = utf8Text(head, truncated);
    if (text === null) return { kind: 'binary', path: relPath, size, bytesRead: head.length };
    return { kind: 'text', path: relPath, size, text, truncated, bytesRead: head.length };
  } catch (error) {
    throw fsError(error, relPath, 'read');
  } finally {
    await fh.close();
  }
}
