import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { withFsErrors } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { FOREIGN_MAX_AGE_MS, isAbandoned, isDeadHere, newStamp, ownerHost, parseStamp } from '../paths/owner-id.ts';

// Staging lives in `<home>/.model-shelf/staging/`, outside `models/` (a stray directory there
// breaks `bentoml models list`, format spec §9.3) but on the same filesystem, so that one
// rename() publishes a version. An id is `<kind>-<owner stamp>` (owner-id.ts), so that the next
// writer and `repair` can tell a live session from the remains of a crashed one.

export type StagingKind = 'create' | 'import' | 'delete' | 'trash' | 'manifest' | 'dedup' | 'edit';

export interface StagingEntry {
  readonly id: string;
  readonly dir: string;
  readonly kind: string;
  readonly pid: number;
  /** The owner's host as written in the id ('' for ids without one, from older versions). */
  readonly host: string;
  /** False when the entry is an orphan that may be removed (see isAbandoned). */
  readonly alive: boolean;
}

/** Another machine's entries are only judged abandoned after this long untouched. */
export const FOREIGN_STAGING_MAX_AGE_MS = FOREIGN_MAX_AGE_MS;

/** This machine's name as it appears in staging ids. */
export const stagingHost = ownerHost;

const ID_RE = /^([a-z]+)-(.+)$/;

const newId = (kind: StagingKind): string => `${kind}-${newStamp()}`;

function parseId(id: string): { kind: string; host: string; pid: number } | null {
  const match = ID_RE.exec(id);
  const owner = match ? parseStamp(match[2] ?? '') : null;
  return match && owner ? { kind: match[1] ?? '', ...owner } : null;
}

/**
 * The next writer reclaims what crashed writers of this machine left (once per operation: a
 * delete reserves one path per version); a failure here never fails the write itself.
 */
export async function reclaimOwnOrphansQuietly(paths: StorePaths): Promise<void> {
  await reclaimOwnOrphans(paths).catch(() => undefined);
}

export async function createStagingDir(paths: StorePaths, kind: StagingKind = 'create'): Promise<{ id: string; dir: string }> {
  await reclaimOwnOrphansQuietly(paths);
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
    const parsed = parseId(id);
    const dir = path.join(paths.staging, id);
    const mtimeMs = (await fsp.lstat(dir).catch(() => null))?.mtimeMs ?? now;
    const owner = parsed ? { host: parsed.host, pid: parsed.pid } : null;
    out.push({ id, dir, kind: parsed?.kind ?? 'unknown', pid: parsed?.pid ?? 0, host: parsed?.host ?? '', alive: !isAbandoned(owner, mtimeMs, now) });
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
    if (!isDeadHere({ host: entry.host, pid: entry.pid })) continue;
    await removeStaging(paths, entry.dir);
    removed.push(entry.id);
  }
  return removed;
}
