import { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';

/** One entry to write into an archive: a directory or a regular file (symlinks are followed). */
export interface ArchiveMember {
  /** POSIX path relative to the version dir, '' for the root itself. */
  readonly rel: string;
  readonly abs: string;
  readonly kind: 'directory' | 'file';
  readonly size: number;
  readonly mode: number;
  readonly mtime: Date;
  readonly uid: number;
  readonly gid: number;
  /** Device and inode: the writers read the member only while it is still this very file. */
  readonly dev: number;
  readonly ino: number;
}

// Python sorts os.listdir() by code point (tarfile.add, §7.1); UTF-8 byte order is the same order,
// while JS's default sort compares UTF-16 units and differs for astral characters.
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The members of a version dir in tarfile.add order: the root, then each directory's sorted
 * entries depth-first. Symlinks are followed (the archive holds regular files and directories
 * only, §10.8); a symlink loop or a device/fifo/socket is refused rather than archived.
 */
export async function listMembers(root: string): Promise<ArchiveMember[]> {
  const out: ArchiveMember[] = [];
  const rootStat = await fsp.stat(root);
  out.push(member('', root, rootStat));
  await walk(root, '', new Set([await fsp.realpath(root)]), out);
  return out;
}

async function walk(dir: string, rel: string, ancestors: Set<string>, out: ArchiveMember[]): Promise<void> {
  const names = (await fsp.readdir(dir)).sort(byCodePoint);
  if (names.some((n) => n.includes('\uFFFD'))) await refuseNonUtf8(dir, rel);
  for (const name of names) {
    const abs = path.join(dir, name);
    const childRel = rel === '' ? name : `${rel}/${name}`;
    let stat: Stats;
    try {
      stat = await fsp.stat(abs);
    } catch {
      throw new ShelfError('IO', `'${childRel}' in ${dir} is a link whose target is missing. Remove it or point it at a real file, then export again.`);
    }
    if (stat.isDirectory()) {
      const real = await fsp.realpath(abs);
      if (ancestors.has(real)) {
        throw new ShelfError('IO', `'${childRel}' links back to one of its own parent folders, so the model cannot be archived. Remove that link and export again.`);
      }
      out.push(member(childRel, abs, stat));
      await walk(abs, childRel, new Set([...ancestors, real]), out);
    } else if (stat.isFile()) {
      out.push(member(childRel, abs, stat));
    } else {
      throw new ShelfError('IO', `'${childRel}' is not a regular file or folder (a device, pipe or socket), so it cannot go into an archive. Remove it and export again.`);
    }
  }
}

/**
 * Node decodes a name that is not UTF-8 with U+FFFD for each bad byte, so its path leads nowhere,
 * and tar-stream and yazl write member names only as UTF-8 text: such a file or folder cannot go
 * into an archive under its own bytes. Refused by the name as shown (a real U+FFFD in a valid
 * UTF-8 name is fine: its bytes round-trip).
 */
async function refuseNonUtf8(dir: string, rel: string): Promise<void> {
  for (const raw of await fsp.readdir(dir, { encoding: 'buffer' })) {
    const shown = raw.toString('utf8');
    if (Buffer.from(shown).equals(raw)) continue;
    const childRel = rel === '' ? shown : `${rel}/${shown}`;
    throw new ShelfError('IO', `'${childRel}' in ${dir} has a name that is not valid UTF-8, so it cannot be put in an archive under the same name (archive member names are written as UTF-8); rename it to a UTF-8 name and try again.`);
  }
}

function member(rel: string, abs: string, stat: Stats): ArchiveMember {
  return {
    rel,
    abs,
    kind: stat.isDirectory() ? 'directory' : 'file',
    size: stat.isDirectory() ? 0 : stat.size,
    mode: stat.mode & 0o7777,
    mtime: stat.mtime,
    uid: stat.uid,
    gid: stat.gid,
    dev: stat.dev,
    ino: stat.ino,
  };
}
