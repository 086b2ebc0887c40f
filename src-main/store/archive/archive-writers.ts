import { promises as fsp } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { Transform, pipeline as pipeCallback } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip, createZstdCompress } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';
import type { ArchiveFormat } from './archive-format.ts';
import type { ArchiveMember } from '../import/archive-members.ts';
import { xzCompressor } from './xz-streams.ts';
import { NONBLOCK_READ } from '../read/regular-file.ts';
import { memberNotRegular } from './archive-not-regular.ts';

/** `./` gives BentoML ≥1.4.20's member names (`./`, `./model.yaml`); '' gives ≤1.4.19's (`model.yaml`). */
export type MemberPrefix = './' | '';

export interface PackOptions {
  readonly prefix: MemberPrefix;
  readonly signal?: AbortSignal;
  /** Called with the number of file bytes just read. */
  readonly onBytes: (n: number, current: string) => void;
  /** xz preset 0-9; DEFAULT_XZ_PRESET unless given. */
  readonly xzPreset?: number;
}

/**
 * Python's `shutil.make_archive('xztar')` uses preset 6. Model weights hardly compress, and
 * preset 1 measured about 3.4x faster with almost the same size (docs/benchmarks.md); any
 * preset is a valid xz stream that BentoML reads, so exports use the fast one.
 */
export const DEFAULT_XZ_PRESET = 1;

function counter(rel: string, onBytes: PackOptions['onBytes']): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length, rel);
      done(null, chunk);
    },
  });
}

// Python's tarfile writes directory names with a trailing '/', so the root is `./` (which
// tarfile.getnames() shows as `.`) and subfolders are `./sub/`.
function tarName(m: ArchiveMember, prefix: MemberPrefix): string {
  const base = prefix === './' ? (m.rel === '' ? '.' : `./${m.rel}`) : m.rel;
  return m.kind === 'directory' ? `${base}/` : base;
}

/**
 * A member's bytes, opened non-blocking and only while it is still the regular file listMembers
 * saw (same device and inode): one swapped for a pipe since would wait for a writer for good.
 */
async function openMember(m: ArchiveMember, opts: { highWaterMark?: number; signal?: AbortSignal }): Promise<ReadStream> {
  const fh = await fsp.open(m.abs, NONBLOCK_READ);
  try {
    const stat = await fh.stat();
    if (!stat.isFile() || stat.ino !== m.ino || stat.dev !== m.dev) throw memberNotRegular(m.rel);
  } catch (error) {
    await fh.close();
    throw error;
  }
  return fh.createReadStream(opts);
}

/** A tar byte stream of `members`, read lazily file by file (never a whole model in memory). */
export function packTar(members: readonly ArchiveMember[], opts: PackOptions): Readable {
  const pack = tar.pack();
  const run = async (): Promise<void> => {
    for (const m of members) {
      opts.signal?.throwIfAborted();
      if (m.rel === '' && opts.prefix === '') continue; // ≤1.4.19 archives have no root entry
      const header = { name: tarName(m, opts.prefix), mode: m.mode, mtime: m.mtime, uid: m.uid, gid: m.gid };
      if (m.kind === 'directory') {
        await new Promise<void>((resolve, reject) => {
          pack.entry({ ...header, type: 'directory' }, (err) => (err ? reject(err) : resolve()));
        });
        continue;
      }
      // Opened before its entry: an entry left unwritten would fail on its own when the pack is destroyed.
      // 1 MiB reads: the xz encoder runs off-thread per chunk, and 64 KiB chunks halve its speed.
      const src = await openMember(m, { highWaterMark: 1 << 20, ...(opts.signal ? { signal: opts.signal } : {}) });
      const entry = pack.entry({ ...header, type: 'file', size: m.size });
      await pipeline(src, counter(m.rel, opts.onBytes), entry);
    }
    pack.finalize();
  };
  run().catch((err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))));
  return pack as unknown as Readable;
}

/**
 * zstd level 3 (zstd's default): on incompressible weights it runs at disk speed (~0.25 CPU-s
 * per 64 MiB here, against ~20 for xz -1), and it still shrinks what compresses. Node's own
 * zlib.createZstdCompress (Node 22.15+ and 24), so no extra dependency. Single-threaded on
 * purpose: with `ZSTD_c_nbWorkers` > 0, Node 24.22's zstd stream fails a multi-MiB input with
 * ERR_STREAM_PUSH_AFTER_EOF (output arriving after its end), and one thread is already faster
 * than the disk here.
 */
export const ZSTD_LEVEL = 3;

function zstdCompressor(): NodeJS.ReadWriteStream {
  return createZstdCompress({
    params: {
      [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL,
      [zlibConstants.ZSTD_c_checksumFlag]: 1,
    },
  });
}

/** The compressor stage for a tar-based format (null for a plain tar). */
export function tarCompressor(format: ArchiveFormat, xzPreset = DEFAULT_XZ_PRESET): NodeJS.ReadWriteStream | null {
  if (format === 'bentomodel' || format === 'xz') return xzCompressor(xzPreset);
  if (format === 'gz') return createGzip();
  if (format === 'zst') return zstdCompressor();
  return null;
}

/** A zip byte stream like BentoML's zip export: plain names (`model.yaml`, `sub/`), deflated. */
export function packZip(members: readonly ArchiveMember[], opts: PackOptions): Readable {
  const zip = new yazl.ZipFile();
  for (const m of members) {
    if (m.rel === '') continue;
    const base = { mtime: m.mtime, mode: m.mode | (m.kind === 'directory' ? 0o040000 : 0o100000) };
    if (m.kind === 'directory') {
      zip.addEmptyDirectory(`${m.rel}/`, base);
      continue;
    }
    zip.addReadStreamLazy(m.rel, { ...base, size: m.size }, (cb) => {
      if (opts.signal?.aborted) return cb(opts.signal.reason, undefined as unknown as NodeJS.ReadableStream);
      // The callback form of pipeline destroys the counter on a read error; yazl then emits 'error'.
      openMember(m, {}).then(
        (src) => cb(null, pipeCallback(src, counter(m.rel, opts.onBytes), () => {})),
        (error: unknown) => cb(error instanceof Error ? error : new Error(String(error)), undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  const output = zip.outputStream as Readable;
  zip.on('error', (err: Error) => output.destroy(err));
  zip.end();
  return output;
}
