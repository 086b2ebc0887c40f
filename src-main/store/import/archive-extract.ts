import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ShelfError } from '../../shared/errors.ts';
import { batchedFileSink } from './batched-file-sink.ts';
import { copyLinks, MAX_LINK_MEMBERS, type PendingLink } from './archive-links.ts';
import { linkTarget, safeMemberPath } from './archive-member-path.ts';
import type { RawEntry } from '../archive/archive-readers.ts';

export interface ExtractOptions {
  readonly signal?: AbortSignal;
  /** Bytes the archive may write in total (free disk space): a tar/zip-bomb guard. */
  readonly byteBudget: number;
  readonly onEntryDone?: (entry: RawEntry) => void;
  /** Members the archive may hold (default MAX_MEMBERS). */
  readonly maxMembers?: number;
  /** Whose path rules apply (default: this machine's); tests pass 'win32'. */
  readonly platform?: NodeJS.Platform;
  /** Sees each regular file member (its safe relative path and header size) before a byte of it is written; throws to refuse. */
  readonly checkFile?: (rel: string, size: number) => void;
}

/**
 * More members than any saved model has (BentoML's own store holds a few files per model):
 * 100,000 empty members fit in a 130 KB archive and took half a minute to unpack.
 */
export const MAX_MEMBERS = 200_000;

/** The refusal of an archive that unpacks to more than `budget` bytes (the free disk space). */
export function noSpace(budget: number): ShelfError {
  return new ShelfError('NO_SPACE', `The archive unpacks to more than the ${budget} bytes free on the disk of the model store. Free some space and try again; nothing was imported.`);
}

function bad(message: string): ShelfError {
  return new ShelfError('BAD_ARCHIVE', message);
}

/**
 * Writes members into `dest` (an empty staging dir). Only regular files and folders are
 * created. Links are never created on disk: a symlink or hardlink whose target stays inside
 * the archive becomes a copy of that file (what BentoML's fsspec import does for symlinks it
 * can read, §7.5); one that points outside is refused. Devices, fifos and sockets are refused.
 */
export async function extractEntries(entries: AsyncIterable<RawEntry>, dest: string, opts: ExtractOptions): Promise<void> {
  const platform = opts.platform ?? process.platform;
  const maxMembers = opts.maxMembers ?? MAX_MEMBERS;
  // By the path each link takes in the archive: a later member of the same name replaces it.
  const links = new Map<string, PendingLink>();
  let written = 0;
  let members = 0;
  const charge = (bytes: number): void => {
    written += bytes;
    if (written > opts.byteBudget) {
      throw noSpace(opts.byteBudget);
    }
  };
  const inside = (abs: string, member: string): string => insideDest(dest, abs, member);
  for await (const entry of entries) {
    opts.signal?.throwIfAborted();
    if (++members > maxMembers) {
      throw bad(`The archive holds more than ${maxMembers} members, far more than a saved model has, so it was refused and nothing was imported.`);
    }
    if (entry.type === 'skip') continue;
    const rel = safeMemberPath(entry.name, platform);
    if (entry.type === 'other') {
      throw new ShelfError('UNSAFE_PATH', `The archive member '${entry.name}' is a ${entry.typeLabel}, not a file or folder, so the archive was refused and nothing was imported.`);
    }
    if (entry.type === 'symlink' || entry.type === 'link') {
      const target = linkTarget(rel, entry.linkname ?? '', entry.type, platform);
      if (target === null || rel === '') {
        const where = platform === 'win32' && /[\\:]/.test(entry.linkname ?? '') ? 'a path Windows could read as outside the archive' : 'outside the archive';
        throw new ShelfError('UNSAFE_PATH', `The archive member '${entry.name}' is a link to '${entry.linkname ?? ''}', ${where}, so the archive was refused and nothing was imported.`);
      }
      if (!links.has(rel) && links.size >= MAX_LINK_MEMBERS) {
        throw bad(`The archive holds more than ${MAX_LINK_MEMBERS} links, far more than a saved model has, so it was refused and nothing was imported.`);
      }
      links.delete(rel); // re-inserted last: the map keeps archive order
      links.set(rel, { member: entry.name, rel, target });
      continue;
    }
    links.delete(rel);
    const abs = inside(path.join(dest, ...rel.split('/')), entry.name);
    if (entry.type === 'directory') {
      await mkdirInside(dest, abs, entry.name);
      opts.onEntryDone?.(entry);
      continue;
    }
    if (rel === '') throw bad(`The archive member '${entry.name}' is a file standing for the archive's root folder; the archive is damaged.`);
    opts.checkFile?.(rel, entry.size);
    charge(entry.size);
    await mkdirInside(dest, path.dirname(abs), entry.name);
    await writeMember(entry, abs, opts.signal);
    opts.onEntryDone?.(entry);
  }
  await copyLinks(links, dest, { ...(opts.signal ? { signal: opts.signal } : {}), charge, inside, mkdir: (dir, member) => mkdirInside(dest, dir, member) });
}

/** Belt and braces after safeMemberPath/linkTarget: nothing is ever written outside `dest`. */
function insideDest(dest: string, abs: string, member: string): string {
  const rel = path.relative(dest, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new ShelfError('UNSAFE_PATH', `The archive member '${member}' would be written outside the import folder, so the archive was refused and nothing was imported.`);
  }
  return abs;
}

async function mkdirInside(dest: string, dir: string, member: string): Promise<void> {
  try {
    await fsp.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw bad(`The archive member '${member}' needs the folder '${path.relative(dest, dir)}', but the archive also has a file by that name. The archive is damaged.`);
    throw error;
  }
}

async function writeMember(entry: RawEntry, abs: string, signal?: AbortSignal): Promise<void> {
  const existing = await fsp.lstat(abs).catch(() => null);
  if (existing?.isDirectory()) throw bad(`The archive member '${entry.name}' is a file, but the archive also has a folder by that name. The archive is damaged.`);
  // Only permission bits, always owner-readable/writable: no setuid/setgid/sticky from strangers.
  const mode = (entry.mode & 0o777) | 0o600;
  // Batched: one write per MiB, not one per decoded piece (batched-file-sink.ts).
  const sink = batchedFileSink(abs, mode);
  const data = await entry.data();
  // tar-stream's entries are streamx streams: one destroyed by a truncated archive before the
  // pipeline starts never tells Node's pipeline, which then waits forever. Their async iterator
  // does report it, so anything that is not a Node stream goes through Readable.from.
  await pipeline(data instanceof Readable ? data : Readable.from(data), sink, signal ? { signal } : {});
  if (sink.bytesWritten !== entry.size) {
    throw bad(`The archive member '${entry.name}' is shorter than its header says (${sink.bytesWritten} of ${entry.size} bytes); the archive is truncated or damaged.`);
  }
  if (entry.mtime && !Number.isNaN(entry.mtime.getTime())) await fsp.utimes(abs, entry.mtime, entry.mtime).catch(() => {});
}
