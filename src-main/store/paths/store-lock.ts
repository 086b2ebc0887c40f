import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { fsError } from './fs-errors.ts';
import type { StorePaths } from './home.ts';
import { regularFileText } from '../read/regular-file.ts';

// Why not proper-lockfile (issue 9 item 7; read against proper-lockfile 4.1.2's lib/lockfile.js,
// already in node_modules through electron-builder): it takes a lock by mkdir'ing `<file>.lock`
// and judges staleness only by that directory's mtime, which the holder refreshes every
// stale/2 ms (stale: default 10 s, at least 2 s). The lock holds no owner. Using it would lose
// what tests/integration/concurrency.test.ts and repair.test.ts prove:
// - a lock whose owner pid is dead on this host is taken over at once; proper-lockfile would
//   wait until the mtime is `stale` old, so after a crash (SIGKILL: its signal-exit cleanup
//   never runs) every create/delete/repair of that name stalls for that long first;
// - BUSY names the holding process, and `repair` reports each lock file with its owner and
//   removes only those whose owner is gone; an empty directory says nothing about who owns it;
// - an old lock whose pid is alive (pid reused, holder hung) is taken over after staleMs; the
//   mtime of proper-lockfile's lock stays fresh as long as the holder's timer runs.
// It would gain one thing: a lock on another host held longer than staleMs stays held while its
// holder refreshes it. Here another host's lock is never judged by pid (that pid is not ours to
// probe) and is only taken over once its recorded time is staleMs old. Both judge age against
// this machine's clock, so neither is safe across hosts with skewed clocks. It also reports a
// refresh failure through onCompromised, whose default throws from a timer (an uncaught
// exception in the Electron main process). So the hand-written lock stays.

// BentoML itself never locks (format spec §9.1 item 4), so this lock only orders Model Shelf
// processes among themselves: the final rename plus the `latest` update of one name (§2.2).
// A lock is a file created with O_EXCL holding who owns it; a dead owner or an old lock is stale.

export interface LockOptions {
  /** How long to wait for another holder before BUSY. */
  readonly timeoutMs?: number;
  /** A lock older than this is considered abandoned even if its pid is alive (pid reuse). */
  readonly staleMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
  readonly token: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A lock file is one small JSON object. */
const LOCK_TEXT_LIMIT = 64 * 1024;
const DEFAULT_STALE_MS = 60_000;

export function lockPath(paths: StorePaths, name: string): string {
  return path.join(paths.locks, `${name}.lock`);
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLockOwner(file: string): Promise<LockOwner | null> {
  try {
    // A pipe put in a lock's place is not waited on (read/regular-file.ts): it reads as corrupt.
    const text = await regularFileText(file, LOCK_TEXT_LIMIT);
    if (text === null) return null;
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.time !== 'number') return null;
    return { pid: parsed.pid, host: String(parsed.host ?? ''), time: parsed.time, token: String(parsed.token ?? '') };
  } catch {
    return null;
  }
}

export function isStaleOwner(owner: LockOwner | null, staleMs = DEFAULT_STALE_MS): boolean {
  // Lock files appear complete (see tryCreate): unreadable means corrupt, or released meanwhile.
  if (owner === null) return true;
  if (Date.now() - owner.time > staleMs) return true;
  return owner.host === hostname() && !isProcessAlive(owner.pid);
}

// Written aside and hard-linked into place, so that a lock file is never seen half-written.
async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  const temp = `${file}.${owner.token}.tmp`;
  await fsp.writeFile(temp, JSON.stringify(owner));
  try {
    await fsp.link(temp, file);
    return true;
  } catch (error) {
    // ENOENT: a concurrent `repair` removed our temp file; simply try again.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw error;
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

/**
 * Removes a stale lock without stealing a fresh one: the file is renamed aside first and only
 * deleted when it still holds what we judged stale; otherwise it is linked back.
 */
async function breakStale(file: string, seen: LockOwner | null): Promise<void> {
  const aside = `${file}.stale.${randomBytes(4).toString('hex')}`;
  try {
    await fsp.rename(file, aside);
  } catch {
    return;
  }
  const now = await readLockOwner(aside);
  if (now !== null && now.token !== seen?.token) {
    await fsp.link(aside, file).catch(() => undefined);
  }
  await fsp.rm(aside, { force: true });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` while holding `.model-shelf/locks/<name>.lock`. */
export async function withNameLock<T>(paths: StorePaths, name: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const file = lockPath(paths, name);
  // A read-only store fails here first: say so, naming the folder (not Node's errno text).
  await fsp.mkdir(paths.locks, { recursive: true }).catch((error: unknown) => Promise.reject(fsError(error, paths.locks, 'write', paths.home)));
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: Date.now(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let delay = 5;
  for (;;) {
    const created = await tryCreate(file, { ...owner, time: Date.now() }).catch((error: unknown) => Promise.reject(fsError(error, paths.locks, 'write', paths.home)));
    if (created) break;
    const seen = await readLockOwner(file);
    if (isStaleOwner(seen, opts.staleMs)) {
      await breakStale(file, seen);
      continue;
    }
    if (Date.now() > deadline) {
      const who = seen ? ` (process ${seen.pid})` : '';
      throw new ShelfError('BUSY', `Another Model Shelf process${who} is changing model '${name}' right now. Wait for it to finish and try again.`);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
  try {
    return await fn();
  } finally {
    const current = await readLockOwner(file);
    if (current?.token === owner.token) await fsp.rm(file, { force: true });
  }
}
