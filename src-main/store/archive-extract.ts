import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ShelfError } from '../shared/errors.ts';
import { linkTarget, safeMemberPath } from './archive-member-path.ts';
import type { RawEntry } from './archive-readers.ts';

export interface ExtractOptions {
  readonly signal?: AbortSignal;
  /** Bytes the archive may write in total (free disk space): a tar/zip-bomb guard. */
  readonly byteBudget: number;
  readonly onEntryDone?: (entry: RawEntry) => void;
}

interface PendingLink {
  readonly member: string;
  readonly rel: string;
  readonly target: string;
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
  const links: PendingLink[] = [];
  let written = 0;
  for await (const entry of entries) {
    opts.signal?.throwIfAborted();
    if (entry.type === 'skip') continue;
    const rel = safeMemberPath(entry.name);
    if (entry.type === 'other') {
      throw new ShelfError('UNSAFE_PATH', `The archive member '${entry.name}' is a ${entry.typeLabel}, not a file or folder, so the archive was refused and nothing was imported.`);
    }
    if (entry.type === 'symlink' || entry.type === 'link') {
      const target = linkTarget(rel, entry.linkname ?? '', entry.type);
      if (target === null || rel === '') {
        throw new ShelfError('UNSAFE_PATH', `The archive member '${entry.name}' is a link to '${entry.linkname ?? ''}', outside the archive, so the archive was refused and nothing was imported.`);
      }
      links.push({ member: entry.name, rel, target });
      continue;
    }
    const abs = path.join(dest, ...rel.split('/'));
    if (entry.type === 'directory') {
      await mkdirInside(dest, abs, entry.name);
      opts.onEntryDone?.(entry);
      continue;
    }
    if (rel === '') throw bad(`The archive member '${entry.name}' is a file standing for the archive's root folder; the archive is damaged.`);
    written += entry.size;
    if (written > opts.byteBudget) {
      throw new ShelfError('NO_SPACE', `The archive unpacks to more than the ${opts.byteBudget} bytes free on the disk of the model store. Free some space and try again; nothing was imported.`);
    }
    await mkdirInside(dest, path.dirname(abs), entry.name);
    await writeMember(entry, abs, opts.signal);
    opts.onEntryDone?.(entry);
  }
  await resolveLinks(links, dest);
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
  const sink = createWriteStream(abs, { mode, flags: 'w' });
  await pipeline(await entry.data(), sink, signal ? { signal } : {});
  if (sink.bytesWritten !== entry.size) {
    throw bad(`The archive member '${entry.name}' is shorter than its header says (${sink.bytesWritten} of ${entry.size} bytes); the archive is truncated or damaged.`);
  }
  if (entry.mtime && !Number.isNaN(entry.mtime.getTime())) await fsp.utimes(abs, entry.mtime, entry.mtime).catch(() => {});
}

// Links may point at files that come later in the archive or at other links: copy in passes.
async function resolveLinks(links: PendingLink[], dest: string): Promise<void> {
  let pending = links;
  while (pending.length > 0) {
    const next: PendingLink[] = [];
    for (const link of pending) {
      const from = path.join(dest, ...link.target.split('/'));
      const stat = await fsp.lstat(from).catch(() => null);
      if (stat?.isFile()) {
        const to = path.join(dest, ...link.rel.split('/'));
        await mkdirInside(dest, path.dirname(to), link.member);
        await fsp.copyFile(from, to);
      } else if (stat?.isDirectory()) {
        throw bad(`The archive member '${link.member}' is a link to the folder '${link.target}'; Model Shelf imports links to files only. Re-create the archive without that link.`);
      } else next.push(link);
    }
    if (next.length === pending.length) {
      const first = next[0] as PendingLink;
      throw bad(`The archive member '${first.member}' is a link to '${first.target}', which is not in the archive. The archive is incomplete.`);
    }
    pending = next;
  }
}
