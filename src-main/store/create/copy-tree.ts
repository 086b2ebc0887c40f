import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError, isShelfError } from '../../shared/errors.ts';
import type { ProgressEvent } from '../../shared/model-types.ts';
import { copyOneFile, copyOneFileHashed, copySmallFileHashedSync, settleSourceHash, SMALL_MAX } from './copy-file.ts';
import type { FileHash } from '../integrity/hash-file.ts';
import { crashPoint } from '../paths/crash-points.ts';
import { abortedError, errnoCode, fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { planCopy, type PlanEntry } from './plan-copy.ts';
import { reserveStagingPath } from './staging-area.ts';
import { assertStatUnchanged, assertUnchanged, changedError, vanished } from './source-changes.ts';
import { sourceGuard } from '../paths/source-guard.ts';
import { workMeter } from '../paths/work-count.ts';

// Move mode hard-links files into staging instead of renaming them: the user's files stay where
// they are until the commit has succeeded (then the sources are unlinked), so an abort, a failure
// or a crash can never lose them, and the cost is one link() per file whatever the size.
// Across filesystems (EXDEV) or where links are refused, the file is copied instead (and its
// source removed after the commit, as `mv` does across disks). A file with other hard links is
// copied too, but its source is KEPT: removing that one name would free nothing (the other links
// hold the data) and would change the user's other tree behind their back; the add says which
// (CopyResult.kept) so the caller can tell the user. A stored file still sharing its inode after
// the commit (its source changed, so it stayed) is replaced by a copy: the store never shares an
// inode with a file outside it, so a later write there cannot change a stored model.
// Sources in or holding the store are refused (source-guard.ts); a source that changes while it
// is copied or linked refuses the add (source-changes.ts).

export type CopyProgress = Omit<ProgressEvent, 'id'>;

export interface CopyOptions {
  readonly mode: 'copy' | 'move';
  readonly root: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: CopyProgress) => void;
  /** Names already at the staged root (from earlier adds). */
  readonly existing?: ReadonlySet<string>;
  /** The store being written: its own folders are refused as sources; its home is named in NO_SPACE sentences. */
  readonly store: StorePaths;
  /** Minimum milliseconds between two progress events (the last one is always sent). */
  readonly throttleMs?: number;
  /**
   * Hash every copied file for the manifest during the copy (CopyResult.hashes complete); false:
   * hash nothing (`create --manifest later`: the copy is the kernel's alone, and the version's
   * manifest is left pending until its first verify).
   */
  readonly hash: boolean;
}

export interface CopyResult {
  readonly bytes: number;
  /** Names placed at the staged root. */
  readonly names: readonly string[];
  /** Move mode: sources to remove once the commit succeeded. */
  readonly moved: readonly PlanEntry[];
  /** Move mode: staged files (relative, '/'-separated) that are hard links to their source. */
  readonly linked: readonly string[];
  /** Move mode: sources copied because they have other hard links; they stay where they are. */
  readonly kept: readonly string[];
  /**
   * The size and SHA-256 of every copied file (relative, '/'-separated), hashed during the copy
   * (copy-file.ts); big files' hashes may still be running when the copy is done. Linked files
   * (move mode) are not in it: nothing read them; without CopyOptions.hash it is empty.
   */
  readonly hashes: Promise<ReadonlyMap<string, FileHash>>;
}

/** Big files hashed at once behind the copy: each holds two 4 MiB buffers and a thread-pool read. */
const HASHES_IN_FLIGHT = 2;

// Small files are copied with synchronous calls (copy-file.ts), in slices of at most SLICE_MS
// between two turns of the event loop, so that progress, cancel and (in the window) everything
// else keep running. When even the fastest copy of a slice took more than SLOW_SYNC_MS, in
// SLOW_SLICES slices in a row (a network or failing disk: every copy is slow, whereas on a busy
// machine only the copies that were preempted are), the rest of the add goes back to the thread
// pool, which never blocks the loop.
const SLICE_MS = 10;
const SLOW_SYNC_MS = 5;
const SLOW_SLICES = 3;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const calls = workMeter('create-file-call');

const LINK_FALLBACK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES']);

type HashBehind = (entry: PlanEntry, dst: string, hash: Promise<FileHash>) => Promise<void>;

/** How a move placed a file: as a link to its source, or as a copy (see the top of this file). */
type Placed = 'linked' | 'copied' | 'copied-kept';

async function linkOrCopy(entry: PlanEntry, dst: string, onBytes: (n: number) => void, hashBehind: HashBehind | null, signal?: AbortSignal, hashSignal?: AbortSignal): Promise<Placed> {
  // A linked-to file stays the link target's: copying keeps the stored model independent of it.
  if (!entry.viaLink && entry.nlink === 1) {
    try {
      calls.step();
      await fsp.link(entry.src, dst);
      onBytes(entry.size);
      return 'linked';
    } catch (error) {
      if (!LINK_FALLBACK.has(errnoCode(error) ?? '')) throw error;
    }
  }
  if (hashBehind === null) await copyOneFile(entry.src, dst, entry.size, onBytes, signal);
  else {
    const { hash } = await copyOneFileHashed(entry.src, dst, entry.size, onBytes, signal, hashSignal);
    await hashBehind(entry, dst, hash);
  }
  return entry.nlink > 1 && !entry.viaLink ? 'copied-kept' : 'copied';
}

export async function copyInto(srcs: readonly string[], destDir: string, opts: CopyOptions): Promise<CopyResult> {
  // The walk of a big tree takes a while too: say so before it starts.
  opts.onProgress?.({ phase: 'scanning', bytesDone: 0, bytesTotal: 0 });
  const plan = await planCopy(srcs, { root: opts.root, guard: await sourceGuard(opts.store), existing: opts.existing ?? new Set() });
  const verb = opts.mode === 'move' ? 'moved' : 'copied';
  const home = opts.store.home;
  const names = plan.top.map((e) => e.rel);
  const throttle = opts.throttleMs ?? 100;
  const linked: string[] = [];
  const kept = new Set<PlanEntry>();
  let done = 0;
  let last = 0;
  let current: string | undefined;
  let lastDone = 0;
  // At most one event per `throttle` ms or per 1% of the bytes, whichever comes first.
  const emit = (phase: ProgressEvent['phase'], force: boolean): void => {
    const now = Date.now();
    const step = done - lastDone >= Math.max(1, plan.totalBytes / 100);
    if (!opts.onProgress || (!force && !step && now - last < throttle)) return;
    last = now;
    lastDone = done;
    opts.onProgress(current === undefined ? { phase, bytesDone: done, bytesTotal: plan.totalBytes } : { phase, bytesDone: done, bytesTotal: plan.totalBytes, current });
  };
  // onBytes(0) means "a big file's copy is under way": always worth an event naming it.
  const onBytes = (n: number): void => {
    done += n;
    emit('copying', n === 0);
  };
  emit('scanning', true);
  let syncSmall = true;
  let slice = performance.now();
  let fastest = Infinity;
  let slowSlices = 0;
  const hashes = new Map<string, FileHash>();
  // Hashes still running when the add fails are stopped (their results would be dropped anyway).
  const hashCancel = new AbortController();
  const hashSignal = opts.signal ? AbortSignal.any([opts.signal, hashCancel.signal]) : hashCancel.signal;
  const behind: Promise<void>[] = [];
  let running: Promise<void>[] = [];
  // A big file's hash runs behind the copy (copy-file.ts); at most HASHES_IN_FLIGHT at once.
  const hashBehind: HashBehind = async (entry, dst, hash) => {
    const settled = settleSourceHash(hash, entry.src, dst, entry, hashSignal).then((h) => {
      hashes.set(entry.rel, h);
    });
    settled.catch(() => undefined);
    behind.push(settled);
    running.push(settled);
    if (running.length >= HASHES_IN_FLIGHT) {
      await running[0]?.catch(() => undefined);
      running = running.slice(1);
    }
  };
  try {
    for (const entry of plan.entries) {
      if (opts.signal?.aborted) throw abortedError();
      const dst = path.join(destDir, ...entry.rel.split('/'));
      current = entry.rel;
      try {
        if (entry.kind === 'dir') {
          calls.step();
          await fsp.mkdir(dst);
        } else if (opts.mode === 'move') {
          const placed = await linkOrCopy(entry, dst, onBytes, opts.hash ? hashBehind : null, opts.signal, hashSignal);
          if (placed === 'linked') linked.push(entry.rel);
          if (placed === 'copied-kept') kept.add(entry);
          calls.step();
          await assertUnchanged(entry, verb);
        } else if (syncSmall && entry.size <= SMALL_MAX) {
          const started = performance.now();
          const { stat, hash } = copySmallFileHashedSync(entry.src, dst, entry.size, () => onBytes(entry.size), opts.hash);
          assertStatUnchanged(entry, stat, verb);
          if (hash !== null) hashes.set(entry.rel, hash);
          const now = performance.now();
          fastest = Math.min(fastest, now - started);
          if (now - slice > SLICE_MS) {
            slowSlices = fastest > SLOW_SYNC_MS ? slowSlices + 1 : 0;
            syncSmall = slowSlices < SLOW_SLICES;
            await yieldToLoop();
            slice = performance.now();
            fastest = Infinity;
          }
        } else if (opts.hash) {
          const { stat, hash } = await copyOneFileHashed(entry.src, dst, entry.size, onBytes, opts.signal, hashSignal);
          assertStatUnchanged(entry, stat, verb);
          await hashBehind(entry, dst, hash);
        } else {
          assertStatUnchanged(entry, await copyOneFile(entry.src, dst, entry.size, onBytes, opts.signal), verb);
        }
      } catch (error) {
        // An errno error on a source that is no longer as planned (deleted, replaced) is that change.
        if (errnoCode(error) !== undefined && (await vanished(entry))) throw changedError(entry.src, verb);
        throw await explain(error, entry.src, destDir, home);
      }
    }
    // A folder's listing must have held from the plan to the last copied file in it.
    for (const entry of plan.entries) if (entry.kind === 'dir') await assertUnchanged(entry, verb);
  } catch (error) {
    // Nothing of this add stays behind (hashes still running are stopped and waited for).
    hashCancel.abort();
    await Promise.allSettled(behind);
    await Promise.all(names.map((name) => fsp.rm(path.join(destDir, name), { recursive: true, force: true })));
    throw error;
  }
  current = undefined;
  emit('copying', true);
  const moved = opts.mode === 'move' ? plan.entries.filter((e) => !kept.has(e)) : [];
  const all = Promise.all(behind).then(() => hashes as ReadonlyMap<string, FileHash>);
  all.catch(() => undefined);
  return { bytes: plan.totalBytes, names, moved, linked, kept: [...kept].map((e) => e.src), hashes: all };
}

/** Blames the right side: a permission error is the store's when staging is not writable. */
async function explain(error: unknown, src: string, destDir: string, home?: string): Promise<Error> {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    const storeSide = await fsp.access(destDir, constants.W_OK).then(() => false, () => true);
    return storeSide ? fsError(error, destDir, 'write', home) : fsError(error, src, 'read', home);
  }
  return fsError(error, src, code === 'ENOSPC' ? 'write' : 'read', home);
}

/**
 * After a successful move-mode commit: unlink the sources that were stored, deepest first.
 * Link targets and anything that changed or appeared since the plan are left alone.
 */
export async function removeMovedSources(entries: readonly PlanEntry[]): Promise<void> {
  for (const entry of [...entries].reverse()) {
    if (entry.viaLink && !entry.isLink) continue;
    try {
      const now = await fsp.lstat(entry.src);
      if (entry.isLink || now.isSymbolicLink()) {
        if (entry.isLink) await fsp.unlink(entry.src);
      } else if (entry.kind === 'dir') {
        await fsp.rmdir(entry.src);
      } else if (now.ino === entry.ino && now.mtimeMs === entry.mtimeMs) {
        await fsp.unlink(entry.src);
      }
    } catch {
      // ENOTEMPTY (something new appeared) or already gone: leave it.
    }
  }
}

/**
 * After removeMovedSources: a stored file that still has other links (its source was left
 * because it changed, or someone linked it meanwhile) is replaced by a private copy.
 */
export async function unshareLinked(versionDir: string, rels: readonly string[], paths: StorePaths): Promise<void> {
  for (const rel of rels) {
    const stored = path.join(versionDir, ...rel.split('/'));
    const stat = await fsp.lstat(stored).catch(() => null);
    if (stat === null || !stat.isFile() || stat.nlink <= 1) continue;
    // The copy is made in staging (same disk, named for its owner), never inside the published
    // version: a crash leaves a staging entry the next writer reclaims, not a file in the model.
    const temp = (await reserveStagingPath(paths, 'create')).dir;
    try {
      await copyOneFile(stored, temp, stat.size, () => crashPoint('unshare-copying'));
      await fsp.rename(temp, stored);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      // The model is saved by now: "nothing was saved" (changedError) would be untrue here.
      if (isShelfError(error) && error.code === 'BUSY') {
        throw new ShelfError('BUSY', `'${stored}' is still being written by another program through a file outside the store.`, { cause: error });
      }
      throw fsError(error, stored, 'write');
    }
  }
}
