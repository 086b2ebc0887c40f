import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { withFsErrors } from './fs-errors.ts';
import type { StorePaths } from './home.ts';
import { isProcessAlive } from './store-lock.ts';

// Staging lives in `<home>/.model-shelf/staging/`, outside `models/` (a stray directory there
// breaks `bentoml models list`, format spec §9.3) but on the same filesystem, so that one
// rename() publishes a version. The owner's host and pid are part of the id (as in locks), so
// that `repair` can tell a live session from the remains of a crashed one without any side
// file: a pid means something only on its own machine (a home on a network disk is shared).

export type StagingKind = 'create' | 'import' | 'delete' | 'trash';

export interface StagingEntry {
  readonly id: string;
  readonly dir: string;
  readonly kind: string;
  readonly pid: number;
  /** The owner's host as written in the id ('' for ids without one, from older versions). */
  readonly host: string;
  /** False when the entry is an orphan that may be removed (see isOrphan). */
  readonly alive: boolean;
}

/** Another machine's entries are only judged abandoned after this long untouched. */
export const FOREIGN_STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const ID_RE = /^([a-z]+)-(?:([A-Za-z0-9._]+)-)?(\d+)-([0-9a-f]+)$/;

/** This machine's name as it appears in staging ids ('-' is the separator, so it is replaced). */
export function stagingHost(): string {
  return hostname().replace(/[^A-Za-z0-9.]/g, '_') || 'host';
}

const newId = (kind: StagingKind): string => `${kind}-${stagingHost()}-${process.pid}-${randomBytes(6).toString('hex')}`;

export async function createStagingDir(paths: StorePaths, kind: StagingKind = 'create'): Promise<{ id: string; dir: string }> {
  return withFsErrors(paths.staging, 'write', paths.home, async () => {
    await fsp.mkdir(paths.staging, { recursive: true });
    for (;;) {
      const id = newId(kind);
      const dir = path.join(paths.staging, id);
      try {
        await fsp.mkdir(dir);
        return { id, dir };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  });
}

/** A fresh, not yet existing path inside staging (rename targets for deletes). */
export async function reserveStagingPath(paths: StorePaths, kind: StagingKind): Promise<{ id: string; dir: string }> {
  await withFsErrors(paths.staging, 'write', paths.home, () => fsp.mkdir(paths.staging, { recursive: true }));
  const id = newId(kind);
  return { id, dir: path.join(paths.staging, id) };
}

/**
 * An orphan: this machine's entry whose process is gone, or an entry of another machine (or
 * without a host) untouched for FOREIGN_STAGING_MAX_AGE_MS.
 */
function isOrphan(host: string, pid: number, mtimeMs: number, now: number): boolean {
  if (host === stagingHost()) return !isProcessAlive(pid);
  return now - mtimeMs > FOREIGN_STAGING_MAX_AGE_MS;
}

export async function listStaging(paths: StorePaths): Promise<StagingEntry[]> {
  let names: string[];
  try {
    names = await fsp.readdir(paths.staging);
  } catch {
    return [];
  }
  const now = Date.now();
  const out: StagingEntry[] = [];
  for (const id of names.sort()) {
    const match = ID_RE.exec(id);
    const dir = path.join(paths.staging, id);
    const pid = match ? Number(match[3]) : 0;
    const host = match?.[2] ?? '';
    const mtimeMs = (await fsp.lstat(dir).catch(() => null))?.mtimeMs ?? now;
    out.push({ id, dir, kind: match?.[1] ?? 'unknown', pid, host, alive: !isOrphan(host, pid, mtimeMs, now) });
  }
  return out;
}

export async function removeStaging(paths: StorePaths, idOrDir: string): Promise<void> {
  const dir = path.isAbsolute(idOrDir) ? idOrDir : path.join(paths.staging, idOrDir);
  // Never let a bad id reach outside the staging area.
  if (path.dirname(dir) !== paths.staging) throw new Error(`not a staging entry: ${idOrDir}`);
  await withFsErrors(dir, 'delete', paths.home, () => fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 }));
}

/**
 * Removes this machine's staging entries whose process is gone (the remains of a crash), and
 * nothing else: safe to run at any start. Returns the removed ids.
 */
export async function reclaimOwnOrphans(paths: StorePaths): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await listStaging(paths)) {
    if (entry.host !== stagingHost() || entry.pid === process.pid || isProcessAlive(entry.pid)) continue;
    await removeStaging(paths, entry.dir);
    removed.push(entry.id);
  }
  return removed;
}
