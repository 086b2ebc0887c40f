import { spawn } from 'node:child_process';
import { constants, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errnoCode } from '../paths/fs-errors.ts';
import { workMeter } from '../paths/work-count.ts';

// Durability before the rename that publishes a version (format spec §9.3): every byte and every
// directory entry of the staged tree must be on the disk before the version becomes visible, so
// a power cut after the rename can never show a registered version with missing or empty files.
//
// Two ways to get there, with the same promise:
// - fsync(2) of every file and directory, children before their parent (few files: cheap, and
//   independent of anything else being written on the disk);
// - one syncfs(2) of the staging filesystem (many files: one fsync per file cost ~0.25 ms each
//   on ext4, a journal commit every time, 2.4 s for 10,000 files). syncfs writes back all dirty
//   data and metadata of the filesystem that holds the staging folder and waits for it, which
//   includes every staged file and directory (they are all on that filesystem: staging is ours
//   and has no mount points inside). Node has no syncfs, so coreutils' `sync -f DIR` (or
//   busybox's) does it in a child process; its exit status is the call's result.
//   Used only on Linux >= 5.8, where syncfs reports write-back errors (earlier kernels always
//   returned 0, so a failed write-back would pass unnoticed: there fsync is used instead), and
//   only on local filesystems whose syncfs is known to write and wait (ext2/3/4, XFS, btrfs,
//   F2FS; statfs's type): on FUSE, for one, syncfs may do nothing while fsync reaches the
//   filesystem, and on network filesystems the per-file fsync is the documented way.
//   What differs from per-file fsync: a write-back error on that filesystem is reported to the
//   first syncfs caller after it happened, so another program's syncfs in between could take
//   the report (fsync's error state is per file, and nobody else opens our staged files); and
//   the wait includes other programs' unwritten data on the same filesystem.
// If `sync` is missing or fails for any reason, the tree is fsynced file by file: never less.
// `MODEL_SHELF_FLUSH=fsync` forces per-file fsync (tests, or a disk where syncfs is slow).

/** From this many files on, one syncfs replaces the per-file fsyncs. */
export const SYNCFS_MIN_FILES = 64;
const SYNC = '/bin/sync';

const flushes = workMeter('create-flush');

/** fsyncs one file or directory; directories are best effort where they cannot be synced (Windows). */
export async function fsyncPath(target: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(target, 'r');
    flushes.step();
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

interface Tree {
  readonly files: string[];
  /** Deepest first, the root last. */
  readonly dirs: string[];
}

async function listTree(dir: string, tree: Tree = { files: [], dirs: [] }): Promise<Tree> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  for (const e of entries) if (e.isFile()) tree.files.push(path.join(dir, e.name));
  for (const e of entries) if (e.isDirectory()) await listTree(path.join(dir, e.name), tree);
  tree.dirs.push(dir);
  return tree;
}

let syncfsUsable: Promise<boolean> | undefined;

function kernelReportsSyncfsErrors(): boolean {
  const [major = 0, minor = 0] = os.release().split('.').map((n) => Number.parseInt(n, 10));
  return major > 5 || (major === 5 && minor >= 8);
}

/** statfs f_type of the filesystems whose syncfs writes back and waits for everything (linux/magic.h). */
const SYNCFS_FILESYSTEMS = new Set([0xef53 /* ext2/3/4 */, 0x58465342 /* XFS */, 0x9123683e /* btrfs */, 0xf2f52010 /* F2FS */]);

async function canSyncfs(dir: string): Promise<boolean> {
  if (process.platform !== 'linux' || process.env.MODEL_SHELF_FLUSH === 'fsync' || !kernelReportsSyncfsErrors()) return false;
  syncfsUsable ??= fsp.access(SYNC, constants.X_OK).then(() => true, () => false);
  if (!(await syncfsUsable)) return false;
  const type = await fsp.statfs(dir).then((s) => s.type, () => -1);
  return SYNCFS_FILESYSTEMS.has(type);
}

/** `sync -f DIR`: true when it ran and reported success. */
function syncfs(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    flushes.step();
    const child = spawn(SYNC, ['-f', '--', dir], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Puts every file and directory of the tree on the disk (see above); throws the errno of a failed fsync. */
export async function flushTree(dir: string): Promise<void> {
  const tree = await listTree(dir);
  if (tree.files.length >= SYNCFS_MIN_FILES && (await canSyncfs(dir)) && (await syncfs(dir))) return;
  // A few at a time: flushing is I/O bound, and thousands of open handles at once are not kind.
  for (let i = 0; i < tree.files.length; i += 16) await Promise.all(tree.files.slice(i, i + 16).map(fsyncPath));
  for (const d of tree.dirs) await fsyncPath(d);
}
