import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { ShelfError } from '../../shared/errors.ts';
import { openRegularArchiveFd } from './archive-not-regular.ts';

/** One archive member as the extractor sees it, whatever the container. */
export interface RawEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'link' | 'skip' | 'other';
  /** The container's own word for the type (for messages: 'character-device', 'fifo', ...). */
  readonly typeLabel: string;
  readonly size: number;
  /** Bytes the member takes inside the archive file (zip only; for progress). */
  readonly packedSize?: number;
  readonly mode: number;
  readonly mtime?: Date;
  /** Link target (symlink: relative to the link's folder; hardlink: to the archive root). */
  readonly linkname?: string;
  /** The member's bytes; read it fully or not at all. */
  readonly data: () => Promise<Readable>;
}

function tarType(t: string | null | undefined): RawEntry['type'] {
  if (t === 'file' || t === 'contiguous-file' || t == null) return 'file';
  if (t === 'directory') return 'directory';
  if (t === 'symlink') return 'symlink';
  if (t === 'link') return 'link';
  // A global PAX header (e.g. from `git archive`) describes the archive, not a file.
  if (t === 'pax-global-header') return 'skip';
  return 'other';
}

/**
 * A tar name as the bytes it holds. Header names are decoded as latin1 (one char per byte, no
 * loss) and kept when they are UTF-8. A PAX name tar-stream always decodes as UTF-8, with U+FFFD
 * for bytes that are not (GNU tar and Python's tarfile write such names raw), so the bytes behind
 * a U+FFFD there are lost. Either would be extracted under other bytes than it has: refused.
 */
function utf8Name(name: string, fromPax: boolean): string {
  const lossy = (shown: string): never => {
    throw new ShelfError('BAD_ARCHIVE', `The archive member '${shown}' has a name that is not valid UTF-8 (or holds U+FFFD, which stands for such bytes), so it cannot be extracted under the same name and nothing was imported; rename it to a UTF-8 name where the archive was made and archive it again.`);
  };
  if (fromPax) return name.includes('\uFFFD') ? lossy(name) : name;
  const bytes = Buffer.from(name, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text).equals(bytes) ? text : lossy(text);
}

/** Members of a (decompressed) tar stream, one at a time; the stream pipeline errors surface here. */
export async function* readTarEntries(stages: NodeJS.ReadWriteStream[], source: Readable, signal?: AbortSignal): AsyncGenerator<RawEntry> {
  // latin1: header names come as their bytes (utf8Name judges them); the types miss this option.
  const extract = tar.extract({ filenameEncoding: 'latin1' } as Parameters<typeof tar.extract>[0]);
  const done = pipeline([source, ...stages, extract as unknown as NodeJS.WritableStream], signal ? { signal } : {});
  done.catch(() => {}); // the same error is thrown by the iterator below
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const pax = h.pax as Record<string, string> | undefined;
      const linkname = h.linkname ? utf8Name(h.linkname, pax?.['linkpath'] !== undefined) : undefined;
      yield {
        name: utf8Name(h.name, pax?.['path'] !== undefined),
        type: tarType(h.type),
        typeLabel: h.type ?? 'file',
        size: h.size ?? 0,
        mode: h.mode ?? 0o644,
        ...(h.mtime ? { mtime: h.mtime } : {}),
        ...(linkname ? { linkname } : {}),
        // tar-stream's entry is a streamx Readable, which Node's streams read as their own.
        data: () => Promise.resolve(entry as unknown as Readable),
      };
      entry.resume(); // drain whatever the consumer did not read
    }
    await done;
  } finally {
    extract.destroy();
    source.destroy();
  }
}

function yauzlError(error: Error): Error {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(error.message);
  if (!m) return error;
  const why = m[1] === 'absolute path' ? 'is an absolute path' : m[1] === 'invalid relative path' ? "climbs out of the archive with '..'" : 'contains a backslash';
  return new ShelfError('UNSAFE_PATH', `The archive member '${m[2]}' ${why}, so the archive was refused and nothing was imported.`);
}

const S_IFMT = 0o170000;

function zipType(entry: yauzl.Entry): { type: RawEntry['type']; label: string; mode: number } {
  const unixMode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const fmt = unixMode & S_IFMT;
  const isDir = entry.fileName.endsWith('/') || fmt === 0o040000;
  if (isDir) return { type: 'directory', label: 'directory', mode: unixMode & 0o7777 || 0o755 };
  if (fmt === 0 || fmt === 0o100000) return { type: 'file', label: 'file', mode: unixMode & 0o7777 || 0o644 };
  if (fmt === 0o120000) return { type: 'symlink', label: 'symlink', mode: 0o644 };
  const labels: Record<number, string> = { 0o020000: 'character-device', 0o060000: 'block-device', 0o010000: 'fifo', 0o140000: 'socket' };
  return { type: 'other', label: labels[fmt] ?? 'special file', mode: 0 };
}

async function readAll(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    n += (c as Buffer).length;
    if (n > limit) throw new ShelfError('BAD_ARCHIVE', 'A link stored in the zip file is implausibly long, so the archive was refused.');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Members of a zip file (yauzl checks declared vs. actual sizes, a zip-bomb guard). */
export async function* readZipEntries(file: string): AsyncGenerator<RawEntry> {
  // Opened non-blocking and checked here (yauzl.open would wait for good on a pipe swapped in after the caller's stat).
  // zip.close() closes the fd (yauzl's reader does), so it is a bare fd, not a FileHandle.
  const fd = await openRegularArchiveFd(file);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromFd(fd, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) => (err ? reject(yauzlError(err)) : resolve(z)));
  }).catch((error: unknown) => {
    fs.close(fd, () => undefined);
    throw error;
  });
  const open = (entry: yauzl.Entry): Promise<Readable> =>
    new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(yauzlError(err)) : resolve(s))));
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const cleanup = (): void => void (zip.removeAllListeners('entry'), zip.removeAllListeners('end'), zip.removeAllListeners('error'));
        zip.once('entry', (e: yauzl.Entry) => (cleanup(), resolve(e)));
        zip.once('end', () => (cleanup(), resolve(null)));
        zip.once('error', (e: Error) => (cleanup(), reject(yauzlError(e))));
        zip.readEntry();
      });
      if (!entry) return;
      const kind = zipType(entry);
      const linkname = kind.type === 'symlink' ? await readAll(await open(entry), 4096) : undefined;
      yield {
        name: entry.fileName,
        type: kind.type,
        typeLabel: kind.label,
        size: entry.uncompressedSize,
        packedSize: entry.compressedSize,
        mode: kind.mode,
        mtime: entry.getLastModDate(),
        ...(linkname !== undefined ? { linkname } : {}),
        data: () => open(entry),
      };
    }
  } finally {
    zip.close();
  }
}
