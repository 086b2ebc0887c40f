import { promises as fsp } from 'node:fs';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { notRegularArchive } from './archive-not-regular.ts';

export type ArchiveMagic = 'xz' | 'gzip' | 'bz2' | 'zip' | 'zstd' | 'tar' | 'unknown';

/** What a file really is, from its first bytes (the extension may lie, §7.5). */
export async function sniffArchive(file: string): Promise<ArchiveMagic> {
  // Non-blocking, then checked: a pipe (or one swapped in after the caller's stat) would wait for a writer for good.
  const fh = await fsp.open(file, NONBLOCK_READ);
  const head = Buffer.alloc(512);
  let n: number;
  try {
    if (!(await fh.stat()).isFile()) throw notRegularArchive(file);
    ({ bytesRead: n } = await fh.read(head, 0, 512, 0));
  } finally {
    await fh.close();
  }
  const b = head.subarray(0, n);
  if (b.length >= 6 && b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 3 && b.subarray(0, 3).toString('latin1') === 'BZh') return 'bz2';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) return 'zip';
  // A zstd frame (RFC 8878 §3.1.1): magic 0xFD2FB528, little-endian.
  if (b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return 'unknown';
}

export function describeMagic(m: ArchiveMagic): string {
  return { xz: 'xz-compressed', gzip: 'gzip-compressed', bz2: 'bzip2-compressed', zip: 'a zip file', zstd: 'zstd-compressed', tar: 'an uncompressed tar', unknown: 'not a recognised archive' }[m];
}
