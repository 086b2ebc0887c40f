import { constants, promises as fsp } from 'node:fs';
import { errnoCode } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { removeStaging, reserveStagingPath } from '../create/staging-area.ts';
import { dedupCrashPoint } from './dedup-crash-points.ts';
import { shownPath, type DiskPath } from '../read/raw-names.ts';

// One replacement of a copy by a link to an identical file, atomic: the link (a reflink where
// the filesystem can clone, else a hard link) is made under an owner-stamped name in the store's
// staging area (same filesystem, never inside a version folder, so BentoML never sees it), then
// renamed over the copy. A reader of the copy's path sees the old file or the linked one, both
// with the same bytes; a crash leaves only a staging entry that the next writer or `repair` reclaims.

export type LinkMethod = 'reflink' | 'hardlink';

/** errno codes that mean "this filesystem cannot clone" (then hard links are used). */
const NO_CLONE = new Set(['ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOSYS', 'ENOTTY', 'EBADF', 'EPERM']);

export interface LinkerState {
  /** Decided by the first attempt: a filesystem either clones or not. */
  method?: LinkMethod;
  /** MODEL_SHELF_DEDUP_METHOD=hardlink skips the clone attempt (tests, and filesystems that clone slowly). */
  readonly force?: LinkMethod;
}

export function newLinker(env: NodeJS.ProcessEnv = process.env): LinkerState {
  const forced = env.MODEL_SHELF_DEDUP_METHOD;
  return forced === 'hardlink' || forced === 'reflink' ? { force: forced } : {};
}

async function makeLink(state: LinkerState, owner: DiskPath, temp: string, keep: { mode: number; atime: Date; mtime: Date }): Promise<LinkMethod> {
  if (state.method !== 'hardlink' && state.force !== 'hardlink') {
    try {
      await fsp.copyFile(owner, temp, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE_FORCE);
      // A clone is a file of its own: it keeps the replaced copy's mode and times.
      await fsp.chmod(temp, keep.mode & 0o7777);
      await fsp.utimes(temp, keep.atime, keep.mtime);
      state.method = 'reflink';
      return 'reflink';
    } catch (error) {
      await fsp.rm(temp, { force: true });
      if (state.force === 'reflink' || !NO_CLONE.has(errnoCode(error) ?? '')) throw error;
      state.method = 'hardlink';
    }
  }
  await fsp.link(owner, temp);
  return 'hardlink';
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Thrown when the file linked is not the one whose bytes were checked (it was replaced meanwhile). */
export class OwnerReplaced extends Error {}

/**
 * Replaces `target` by a link to `owner` (same bytes, checked by the caller on the inode
 * `ownerIno`). A hard link made to another inode (the owner's path was renamed over since the
 * check) is undone before it can replace anything.
 */
export async function replaceWithLink(paths: StorePaths, state: LinkerState, owner: DiskPath, target: DiskPath, ownerIno: number): Promise<LinkMethod> {
  const st = await fsp.stat(target);
  const temp = (await reserveStagingPath(paths, 'dedup')).dir;
  try {
    const method = await makeLink(state, owner, temp, { mode: st.mode, atime: st.atime, mtime: st.mtime });
    if (method === 'hardlink' && (await fsp.lstat(temp)).ino !== ownerIno) throw new OwnerReplaced(`${shownPath(owner)} was replaced while it was being linked`);
    // A clone is a new inode whose extent map must be on disk before a name points to it; a
    // hard link adds no data (its inode was flushed when its own version was saved).
    if (method === 'reflink') await fsyncFile(temp);
    dedupCrashPoint('dedup-linked');
    await fsp.rename(temp, target);
    dedupCrashPoint('dedup-replaced');
    return method;
  } catch (error) {
    await removeStaging(paths, temp).catch(() => undefined);
    throw error;
  }
}
